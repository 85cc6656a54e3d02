/** The state machine's `AnswerReporters` task: answers the reporters of a closed case. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { notifier, service, supervision } from '../platform.js';

// Built at cold start: this step reads the case and sends the answer.
service();
notifier();

export const handler = observed(makeSupervisionHandlers(supervision()).finish);
