/** `GET /board/{unitId}/escalations`: the command board's overview for the console. */
import { makeBoardOverviewHandlers } from '../../http/native/board-overview.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import { store } from '../store.js';
import { systemClock } from '../clock.js';

export const handler = observed(makeBoardOverviewHandlers({ store: store(), city: city(), clock: systemClock }).escalations);
