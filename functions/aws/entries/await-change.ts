/** The state machine's `AwaitChange` task: announces pending notices and registers the task token. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { notifier, service, store, supervision } from '../platform.js';

// Built at cold start: this step reads the case and sends its notices.
service();
store();
notifier();

export const handler = observed(makeSupervisionHandlers(supervision()).awaitChange);
