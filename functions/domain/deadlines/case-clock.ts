/**
 * A case's clocks read from its state: the handling window its ladder runs on, the rungs still to fire,
 * and the due instant of the centre's current step. Shared by `decide` (to check an escalation or a missed
 * deadline is real) and `nextMilestone` (to tell the workflow what to wait for), so both agree.
 */
import type { StageLimits } from '../city/schema.js';
import { timeKindOf, type TimeKind } from '../calendar/types.js';
import type { CaseState } from '../case/case-state.js';
import { InvalidField } from '../case/errors.js';
import { categoryLimits, ladderFor, type CaseRulesContext } from './limits.js';
import { ladderMilestones, type ClockWindow, type Milestone } from './milestones.js';

const ms = (iso: string): number => Date.parse(iso);

/** The case's accept and handle limits: those recorded at dispatch, else the category's. */
export function caseLimits(state: CaseState, ctx: CaseRulesContext): StageLimits {
  if (state.acceptLimit && state.handleLimit) return { accept: state.acceptLimit, handle: state.handleLimit };
  const configured = categoryLimits(ctx.city, state.categoryCode, state.urgency, state.requestType);
  if (!configured) throw new InvalidField('categoryCode', `'${state.categoryCode}' is no category of the city configuration`);
  return { accept: state.acceptLimit ?? configured.accept, handle: state.handleLimit ?? configured.handle };
}

export const handleTimeKind = (state: CaseState, ctx: CaseRulesContext): TimeKind =>
  state.handleClock?.timeKind ?? timeKindOf(caseLimits(state, ctx).handle.unit);

/** The window the handling ladder runs on, or undefined before the first dispatch. */
export function handleWindow(state: CaseState, ctx: CaseRulesContext): ClockWindow | undefined {
  const clock = state.handleClock;
  if (!clock) return undefined;
  const kind = handleTimeKind(state, ctx);
  const limitMs =
    clock.length.kind === 'limit'
      ? ctx.calendar.limitMs(clock.length.limit)
      : Math.max(0, ctx.calendar.between(ms(clock.length.from), ms(clock.length.to), kind));
  return { from: ms(clock.from), dueAt: ms(clock.dueAt), limitMs, kind };
}

/** Stages in which the handling clock runs and the ladder watches the lead unit. */
const LADDER_STAGES: ReadonlySet<CaseState['stage']> = new Set(['dispatched', 'handling', 'extensionRequested']);

/**
 * The ladder steps still to fire for the current window, in firing order. A reminder meant for before
 * expiry that was never sent (the workflow was down, the case was in another stage) is dropped once the
 * deadline has passed: warning of a deadline already missed helps nobody, and the after-expiry rungs follow.
 */
export function pendingLadder(state: CaseState, now: number, ctx: CaseRulesContext): Milestone[] {
  if (!LADDER_STAGES.has(state.stage)) return [];
  const window = handleWindow(state, ctx);
  if (!window || !state.handleClock) return [];
  const steps = ladderFor(ctx.city.escalation, state.urgency);
  const leaderHears = state.leader.officeIds.length > 0;
  return ladderMilestones(ctx.calendar, steps, window, state.handleClock.firedSteps)
    .filter((milestone) => milestone.trigger === 'afterExpiry' || now < milestone.dueAt)
    .map((milestone) =>
      leaderHears && !milestone.notify.includes('leaderOffice') ? { ...milestone, notify: [...milestone.notify, 'leaderOffice'] } : milestone,
    );
}

/** When the centre's current step is due: as recorded by the event that opened it, else from the city's limit. */
export function stepDueAt(state: CaseState, ctx: CaseRulesContext): number | undefined {
  const step = state.step;
  if (!step) return undefined;
  if (step.dueAt) return ms(step.dueAt);
  return ctx.calendar.dueAt(ms(step.startedAt), ctx.city.centreLimits[step.step]);
}
