/** The state machine's `AnswerReporters` task: answers the reporters of a closed case. */
import { makeSupervisionHandlers } from '../../tasks/supervision-handlers.js';
import { observed } from '../observability.js';
import { notifier } from '../notifier.js';
import { service } from '../service-without-workflow.js';
import { supervisionWith } from '../supervision.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
service();
notifier();

export const handler = observed(makeSupervisionHandlers(supervisionWith({ service, notifier })()).finish);
