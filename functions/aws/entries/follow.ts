/** `GET /track/{caseId}`: citizens follow and rate their case without an account. */
import { makeTrackHandlers } from '../../http/native/track.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service-without-workflow.js';

export const handler = observed(makeTrackHandlers({ service: service(), city: city() }).follow);
