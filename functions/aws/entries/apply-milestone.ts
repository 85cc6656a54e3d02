/** The state machine's `ApplyMilestone` task: applies the milestone that fell due and plans again. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { service, store, supervision } from '../platform.js';

// Built at cold start: this step reads the case and commits what fell due.
service();
store();

export const handler = observed(makeSupervisionHandlers(supervision()).applyMilestone);
