/**
 * The supervision steps behind the state machine's tasks. Its parts are read when a step runs, not when
 * it is made: the hand-over step uses only the workflow, so its function never loads the city or the table.
 */
import { Supervision } from '../app/supervision.js';
import type { CaseService } from '../app/case-service.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { Workflow } from '../ports/workflow.js';
import { warn } from './observability.js';
import { once } from './once.js';

export interface SupervisionParts {
  service?: () => CaseService;
  store?: () => CaseStore;
  notifier?: () => Notifier;
  workflow?: () => Workflow;
}

/** The steps with the parts a function has; a step reaching for a part its function lacks fails by name. */
export const supervisionWith = (parts: SupervisionParts) =>
  once(() => {
    const part = <K extends keyof SupervisionParts>(name: K): NonNullable<ReturnType<NonNullable<SupervisionParts[K]>>> => {
      const make = parts[name];
      if (!make) throw new Error(`civic-loop: this function was not built with the ${name} (functions/aws/entries)`);
      return make() as NonNullable<ReturnType<NonNullable<SupervisionParts[K]>>>;
    };
    return new Supervision({
      get service() {
        return part('service');
      },
      get store() {
        return part('store');
      },
      get notifier() {
        return part('notifier');
      },
      get workflow() {
        return part('workflow');
      },
      warn,
    });
  });
