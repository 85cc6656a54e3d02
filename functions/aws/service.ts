/** The case service: the one code path for every change to a case, on the table, the city and the workflow. */
import { CaseService } from '../app/case-service.js';
import { city } from './city.js';
import { systemClock } from './clock.js';
import { warn } from './observability.js';
import { once } from './once.js';
import { store } from './store.js';
import { workflowOnDemand } from './workflow-on-demand.js';

export const service = once((): CaseService => new CaseService({ store: store(), workflow: workflowOnDemand, clock: systemClock, city: city(), warn }));
