/** The state machine's `ApplyMilestone` task: applies the milestone that fell due and plans again. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { service } from '../service.js';
import { store } from '../store.js';
import { supervisionWith } from '../supervision.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
service();
store();

export const handler = observed(makeSupervisionHandlers(supervisionWith({ service, store })()).applyMilestone);
