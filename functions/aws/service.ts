/**
 * The case service of a function that commits to cases: the one code path for every change to a case, on
 * the table, the city and the workflow (loaded when a case starts or a wait completes).
 */
import type { CaseService } from '../app/case-service.js';
import { caseServiceOn } from './case-service-on.js';
import { once } from './once.js';
import { workflowOnDemand } from './workflow-on-demand.js';

export const service = once((): CaseService => caseServiceOn(workflowOnDemand));
