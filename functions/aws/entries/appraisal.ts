/** `GET /appraisal`: a query on the table's indexes. */
import { makeQueryHandlers } from '../../http/native/queries.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { store } from '../store.js';
import { systemClock } from '../clock.js';

export const handler = observed(makeQueryHandlers({ store: store(), city: city(), clock: systemClock }).appraisal);
