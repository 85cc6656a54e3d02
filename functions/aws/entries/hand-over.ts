/** The state machine's `HandOver` task: starts the next generation of a long-lived case's supervision. */
import middy from '@middy/core';
import { handOver, type HandOverInput } from '../../app/hand-over.js';
import { observed } from '../observability.js';
import { workflow } from '../workflow.js';

// Built at cold start, not on the first step: what this step uses, and nothing else.
workflow();

// The same step as `Supervision.handOver` (which the local runtime calls), without the rest of Supervision.
export const handler = observed(middy(async (event: HandOverInput) => handOver(workflow(), event)));
