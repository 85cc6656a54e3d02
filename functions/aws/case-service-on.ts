/** The case service on the table, the city and the clock, with whichever workflow the function is given. */
import { CaseService } from '../app/case-service.js';
import type { Workflow } from '../ports/workflow.js';
import { city } from './city.js';
import { systemClock } from './clock.js';
import { warn } from './observability.js';
import { store } from './store.js';

export const caseServiceOn = (workflow: Workflow): CaseService => new CaseService({ store: store(), workflow, clock: systemClock, city: city(), warn });
