/**
 * What the supervision workflow waits for next. The state machine does not know the rules: it asks this
 * function, waits until `at` (or until someone acts on the case), then issues `command` as the system. If
 * the case moved on meanwhile, `decide` refuses the command and the workflow simply asks again.
 */
import type { CaseState } from '../case/case-state.js';
import { needsCallback } from '../case/case-state.js';
import type { EscalateCommand, NoteDeadlineMissedCommand, RecordCallbackCommand, ResumeCommand } from '../case/commands.js';
import type { CentreStep } from '../case/events.js';
import { pendingLadder, stepDueAt } from './case-clock.js';
import type { CaseRulesContext } from './limits.js';
import type { Milestone } from './milestones.js';

export type NextMilestone =
  | { reason: 'acceptDue'; at: number; command: NoteDeadlineMissedCommand }
  | { reason: 'escalation'; at: number; milestone: Milestone; command: EscalateCommand }
  | { reason: 'stepDue'; at: number; step: CentreStep; command: NoteDeadlineMissedCommand | RecordCallbackCommand }
  | { reason: 'resumeDue'; at: number; command: ResumeCommand };

function ladderNext(state: CaseState, now: number, ctx: CaseRulesContext): NextMilestone | undefined {
  const milestone = pendingLadder(state, now, ctx)[0];
  return milestone && { reason: 'escalation', at: milestone.at, milestone, command: { type: 'escalate', step: milestone.step } };
}

function stepNext(state: CaseState, ctx: CaseRulesContext): NextMilestone | undefined {
  const step = state.step;
  const at = stepDueAt(state, ctx);
  if (!step || at === undefined) return undefined;
  if (step.step === 'callback') {
    // The callback limit has its own consequence: whoever was not reached in time counts as "no answer".
    if (!needsCallback(state)) return undefined;
    return { reason: 'stepDue', at, step: step.step, command: { type: 'recordCallback', answer: 'noAnswer', note: 'not reached within the callback limit' } };
  }
  if (state.missed.step) return undefined;
  return { reason: 'stepDue', at, step: step.step, command: { type: 'noteDeadlineMissed', deadline: step.step } };
}

function acceptNext(state: CaseState): NextMilestone | undefined {
  if (!state.acceptDueAt || state.missed.accept) return undefined;
  return { reason: 'acceptDue', at: Date.parse(state.acceptDueAt), command: { type: 'noteDeadlineMissed', deadline: 'accept' } };
}

const earliest = (candidates: (NextMilestone | undefined)[]): NextMilestone | null =>
  candidates.reduce<NextMilestone | null>((best, candidate) => (candidate && (!best || candidate.at < best.at) ? candidate : best), null);

/**
 * The next milestone of the case, possibly already due (`at <= now`: act at once), or null when only a
 * person can move the case on (or it is closed).
 *
 * - dispatched: the accept deadline, and the handling ladder, whose clock already runs;
 * - handling: the handling ladder;
 * - extensionRequested: the centre's decision deadline, and the ladder (handling goes on meanwhile);
 * - awaitingDispatch / returned / reported / callback: the centre's own step limit;
 * - suspended: the planned resumption, if one was set.
 */
export function nextMilestone(state: CaseState, now: number, ctx: CaseRulesContext): NextMilestone | null {
  switch (state.stage) {
    case 'dispatched':
      return earliest([acceptNext(state), ladderNext(state, now, ctx)]);
    case 'handling':
      return earliest([ladderNext(state, now, ctx)]);
    case 'extensionRequested':
      return earliest([stepNext(state, ctx), ladderNext(state, now, ctx)]);
    case 'awaitingDispatch':
    case 'returned':
    case 'reported':
    case 'callback':
      return earliest([stepNext(state, ctx)]);
    case 'suspended':
      return state.suspension?.resumeAt ? { reason: 'resumeDue', at: Date.parse(state.suspension.resumeAt), command: { type: 'resume' } } : null;
    case 'received':
    case 'closed':
    case 'mergedAsDuplicate':
      return null;
  }
}
