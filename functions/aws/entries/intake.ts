/** `POST /cases`: the native API's case handler, on the AWS composition root. */
import { makeIntakeHandler } from '../../http/native/cases.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { service } from '../service.js';
import '../city-grids.js';

// Intake locates every report in a grid: the index is built at cold start, not on the first caller's time.
void city().grids;

export const handler = observed(makeIntakeHandler({ service: service(), city: city() }));
