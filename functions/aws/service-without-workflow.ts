/**
 * The case service of a function that never starts a supervision nor completes a wait: the reads (a case,
 * its action menu, following it) and the workflow's own AwaitChange and AnswerReporters steps, which bring
 * the projection up to date without waking the workflow (they are the workflow). Their functions carry no
 * Step Functions client and are given no permission to use one (`entry-points.ts`); a call that reaches
 * for the workflow anyway fails by name.
 */
import type { CaseService } from '../app/case-service.js';
import type { Workflow } from '../ports/workflow.js';
import { caseServiceOn } from './case-service-on.js';
import { once } from './once.js';

const absent = (what: string) => (): Promise<never> =>
  Promise.reject(new Error(`civic-loop: this function was not built with the workflow, so it cannot ${what} (functions/aws/service-without-workflow.ts)`));

export const withoutWorkflow: Workflow = {
  startSupervision: absent('start a supervision'),
  completeWait: absent("complete a workflow's wait"),
  runningExecutionNames: absent('list executions'),
  executionStatus: absent("read an execution's status"),
};

export const service = once((): CaseService => caseServiceOn(withoutWorkflow));
