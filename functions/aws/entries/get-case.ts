/** `GET /cases/{caseId}`: the native API's case handler, on the AWS composition root. */
import { makeCaseHandlers } from '../../http/native/cases.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service.js';

export const handler = observed(makeCaseHandlers({ service: service(), city: city() }).getCase);
