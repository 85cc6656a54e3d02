/** The state machine's `HandOver` task: starts the next generation of a long-lived case's supervision. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { supervision } from '../platform.js';

export const handler = observed(makeSupervisionHandlers(supervision()).handOver);
