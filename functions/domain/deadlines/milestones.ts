/**
 * Where a limit ends and when each rung of the escalation ladder fires, on the city's working calendar.
 *
 * Instants are epoch milliseconds, as the calendar takes them. A ladder is computed for a *window*: the
 * stretch of handling time one due instant belongs to. A fresh dispatch opens a window as long as the
 * configured limit; an extension or a suspension reshapes it (see clock-shifts.ts) and the same formulas
 * place the rungs that have not fired yet.
 */
import type { Duration, LadderStep, Level, Rung } from '../city/schema.js';
import { timeKindOf, type TimeKind, type WorkingCalendarRules } from '../calendar/types.js';
import type { NotifyTarget } from '../case/events.js';

export interface ClockWindow {
  /** Where counting (re)starts: the dispatch, the approval of an extension, the resumption. */
  from: number;
  dueAt: number;
  /** The length the ladder's shares refer to, in `kind` time. */
  limitMs: number;
  kind: TimeKind;
}

export interface Milestone {
  /** Index of the step in the ladder for the case's urgency; what `escalate` names and `escalated` records. */
  step: number;
  rung: Rung;
  trigger: 'beforeExpiry' | 'afterExpiry';
  at: number;
  /** The deadline the rung refers to. */
  dueAt: number;
  supervisingLayer: Level;
  notify: NotifyTarget[];
  card?: 'yellow' | 'red';
}

/**
 * The instant at which `share` of the window's limit has elapsed, i.e. when `(1 - share) × limit` is left
 * before the due instant. Measuring back from the due instant makes the counting rule's slack (the rest of
 * the day of receipt under `fromNextWorkingDay`) fall before the effective start, where it belongs, and
 * makes a resumed window place its rungs on the time actually left.
 */
export function beforeExpiryAt(calendar: WorkingCalendarRules, window: ClockWindow, share: number): number {
  const leftAtMilestone = Math.round((1 - share) * window.limitMs);
  const elapsed = calendar.between(window.from, window.dueAt, window.kind) - leftAtMilestone;
  // Already past that point when the window opened (a late resumption): the rung is due at once.
  if (elapsed <= 0) return Math.min(window.from, window.dueAt);
  return Math.min(calendar.advance(window.from, elapsed, window.kind), window.dueAt);
}

/** The deadline plus a delay in the delay's own kind of time (a working-day delay skips the weekend). */
export function afterExpiryAt(calendar: WorkingCalendarRules, dueAt: number, delay: Duration | { amount: number; unit: Duration['unit'] }): number {
  if (delay.amount === 0) return dueAt;
  return calendar.advance(dueAt, calendar.limitMs(delay), timeKindOf(delay.unit));
}

function milestoneOf(calendar: WorkingCalendarRules, window: ClockWindow, step: LadderStep, index: number): Milestone {
  const at =
    step.trigger.at === 'beforeExpiry'
      ? beforeExpiryAt(calendar, window, step.trigger.shareOfLimit)
      : afterExpiryAt(calendar, window.dueAt, step.trigger.delay);
  return {
    step: index,
    rung: step.rung,
    trigger: step.trigger.at,
    at,
    dueAt: window.dueAt,
    supervisingLayer: step.supervisingLayer,
    notify: [...step.notify],
    ...(step.card ? { card: step.card } : {}),
  };
}

/** Firing order: by instant, and in ladder order when two rungs fall on the same instant. */
const byFiringOrder = (a: Milestone, b: Milestone): number => a.at - b.at || a.step - b.step;

/**
 * The ladder's milestones for a window, in firing order, leaving out the steps already fired.
 */
export function ladderMilestones(
  calendar: WorkingCalendarRules,
  steps: readonly LadderStep[],
  window: ClockWindow,
  fired: readonly number[] = [],
): Milestone[] {
  return steps
    .map((step, index) => ({ step, index }))
    .filter(({ index }) => !fired.includes(index))
    .map(({ step, index }) => milestoneOf(calendar, window, step, index))
    .sort(byFiringOrder);
}

export interface DeadlinePlan {
  dueAt: number;
  window: ClockWindow;
  milestones: Milestone[];
}

/** The due instant of a limit that starts at `start` (by the city's counting rule) and its whole ladder. */
export function planDeadline(params: {
  calendar: WorkingCalendarRules;
  steps: readonly LadderStep[];
  start: number;
  limit: Duration;
}): DeadlinePlan {
  const { calendar, steps, start, limit } = params;
  const window: ClockWindow = {
    from: start,
    dueAt: calendar.dueAt(start, limit),
    limitMs: calendar.limitMs(limit),
    kind: timeKindOf(limit.unit),
  };
  return { dueAt: window.dueAt, window, milestones: ladderMilestones(calendar, steps, window) };
}
