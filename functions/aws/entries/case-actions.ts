/** `GET /cases/{caseId}/actions`: what the caller may do with a case now, and the deadlines running. */
import { makeCaseActionsHandler } from '../../http/native/case-actions.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service-without-workflow.js';

export const handler = observed(makeCaseActionsHandler({ service: service(), city: city() }));
