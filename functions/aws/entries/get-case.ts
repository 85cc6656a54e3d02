/** `GET /cases/{caseId}`: the native API's case handler, on the AWS composition root. */
import { makeGetCaseHandler } from '../../http/native/case-view.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service-without-workflow.js';

export const handler = observed(makeGetCaseHandler({ service: service(), city: city() }));
