/** The state machine's `AwaitChange` task: announces pending notices and registers the task token. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { notifier } from '../notifier.js';
import { service } from '../service-without-workflow.js';
import { store } from '../store.js';
import { supervisionWith } from '../supervision.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
service();
store();
notifier();

export const handler = observed(makeSupervisionHandlers(supervisionWith({ service, store, notifier })()).awaitChange);
