/**
 * How the handling clock moves when the centre stops it for a suspension.
 *
 * A suspension pins the time left at the moment the clock stops, in the limit's own kind of time, and adds
 * exactly that back from the resumption: the unit neither gains nor loses handling time, whatever nights,
 * weekends or holidays the pause spans. The ladder's window after a resumption or an extension is read from
 * the case state (`handleWindow` in case-clock.ts): a resumed window keeps its length and counts from the
 * resumption; an extended one is the span granted, counted from the approval.
 */
import type { TimeKind, WorkingCalendarRules } from '../calendar/types.js';

/** Handling time left at `at`; zero once the deadline has passed (an overdue case stays overdue). */
export const remainingAt = (calendar: WorkingCalendarRules, at: number, dueAt: number, kind: TimeKind): number =>
  Math.max(0, calendar.between(at, dueAt, kind));

/** The due instant after resuming with `remainingMs` left. */
export const dueAfterResume = (calendar: WorkingCalendarRules, resumedAt: number, remainingMs: number, kind: TimeKind): number =>
  remainingMs <= 0 ? resumedAt : calendar.advance(resumedAt, remainingMs, kind);

/** How much handling time the pause covered, for the record and for appraisal. */
export const pausedBetween = (calendar: WorkingCalendarRules, since: number, resumedAt: number, kind: TimeKind): number =>
  Math.max(0, calendar.between(since, resumedAt, kind));
