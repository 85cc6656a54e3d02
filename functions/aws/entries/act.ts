/** `POST /cases/{caseId}/actions/{action}`: the native API's case handler, on the AWS composition root. */
import { makeActHandler } from '../../http/native/cases.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service.js';

export const handler = observed(makeActHandler({ service: service(), city: city() }));
