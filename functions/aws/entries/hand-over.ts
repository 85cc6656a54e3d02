/** The state machine's `HandOver` task: starts the next generation of a long-lived case's supervision. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { workflow } from '../workflow.js';
import { supervisionWith } from '../supervision.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
workflow();

export const handler = observed(makeSupervisionHandlers(supervisionWith({ workflow })()).handOver);
