/** The state machine's `RouteCase` task: routes a new case and plans the first wait. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { city } from '../city.js';
import '../city-grids.js';
import { service } from '../service.js';
import { store } from '../store.js';
import { supervisionWith } from '../supervision.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
service();
store();
void city().grids; // routing locates the case in its grid

export const handler = observed(makeSupervisionHandlers(supervisionWith({ service, store })()).routeCase);
