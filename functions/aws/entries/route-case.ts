/** The state machine's `RouteCase` task: routes a new case and plans the first wait. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { city, service, store, supervision } from '../platform.js';

// Built at cold start, not on the first case: this step routes (the city) and reads the table.
service();
store();
city();

export const handler = observed(makeSupervisionHandlers(supervision()).routeCase);
