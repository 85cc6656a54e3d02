/**
 * What the supervision workflow does next for a case, from the lifecycle's `nextMilestone`: end, or wait
 * (until the milestone, or until someone acts). Waits are capped so an execution checks in at least weekly:
 * a case nobody touches for a year still leaves a short, bounded history.
 */
import type { CaseState } from '../domain/case/case-state.js';
import { isOpenStage } from '../domain/case/events.js';
import type { CaseRulesContext } from '../domain/deadlines/limits.js';
import { nextMilestone } from '../domain/deadlines/next-milestone.js';
import type { SupervisionPlan } from '../ports/workflow.js';

export const CHECK_IN_SECONDS = 7 * 24 * 3600;

export function planFor(state: CaseState, now: number, ctx: CaseRulesContext, handOver = false): SupervisionPlan {
  if (!isOpenStage(state.stage)) return { done: true, version: state.version, waitSeconds: 1, reason: 'closed', handOver: false };
  const next = nextMilestone(state, now, ctx);
  if (!next) {
    return { done: false, version: state.version, waitSeconds: CHECK_IN_SECONDS, reason: 'checkIn', handOver, until: new Date(now + CHECK_IN_SECONDS * 1000).toISOString() };
  }
  const seconds = Math.ceil((next.at - now) / 1000);
  const waitSeconds = Math.min(Math.max(seconds, 1), CHECK_IN_SECONDS);
  const reason = seconds > CHECK_IN_SECONDS ? 'checkIn' : next.reason;
  return { done: false, version: state.version, waitSeconds, until: new Date(now + waitSeconds * 1000).toISOString(), reason, handOver };
}
