/**
 * The Lambda handlers behind the supervision state machine's Task states. Thin: they hand the payload to
 * the Supervision service. The same handler objects run on AWS (one function per state) and in the local
 * runtime, which calls them with the payload the state machine built.
 */
import middy from '@middy/core';
import type { Supervision, SupervisionInput, SupervisionState } from '../app/supervision.js';

export function makeSupervisionHandlers(supervision: Supervision) {
  return {
    routeCase: middy(async (event: SupervisionInput) => supervision.routeCase(event)),
    awaitChange: middy(async (event: SupervisionState & { taskToken: string }) => supervision.awaitChange(event)),
    applyMilestone: middy(async (event: SupervisionState) => supervision.applyMilestone(event)),
    finish: middy(async (event: SupervisionInput) => supervision.finish(event)),
    handOver: middy(async (event: SupervisionInput) => supervision.handOver(event)),
  };
}

export type SupervisionHandlers = ReturnType<typeof makeSupervisionHandlers>;
