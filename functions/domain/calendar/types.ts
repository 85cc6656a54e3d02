/**
 * The contract of the working calendar, pinned here so deadline and escalation rules can be written
 * against it. Instants are epoch milliseconds (UTC); durations are milliseconds of the named kind of time.
 */
import type { Duration } from '../city/schema.js';

/** Working time skips nights, weekends and holidays; natural time is the wall clock. */
export type TimeKind = 'working' | 'natural';

export const timeKindOf = (unit: Duration['unit']): TimeKind =>
  unit === 'workingDays' || unit === 'workingHours' ? 'working' : 'natural';

export interface WorkingCalendarRules {
  /** The city's IANA time zone. */
  readonly timeZone: string;
  /** Milliseconds of working time in one full working day. */
  readonly workingDayMs: number;

  /** Whether a local calendar date (YYYY-MM-DD) is a working day (weekday not a holiday, or a make-up day). */
  isWorkingDay(localDate: string): boolean;
  /** Whether the instant falls inside working hours of a working day. */
  isWorkingMoment(t: number): boolean;
  /** The instant itself if it is a working moment, else the start of the next working period. */
  nextWorkingMoment(t: number): number;

  /** Adds `amountMs` of the given kind of time to `t`. Working time never ends on a non-working moment
   * unless `amountMs` is zero; adding a then b equals adding a + b. */
  advance(t: number, amountMs: number, kind: TimeKind): number;
  /** How much of the given kind of time lies between `a` and `b` (negative when b < a). */
  between(a: number, b: number, kind: TimeKind): number;

  /** The length of a configured limit in its own kind of time (working days × working-day length, ...). */
  limitMs(limit: Duration): number;
  /**
   * When a limit that starts at `start` runs out, applying the city's counting rule: under
   * `fromNextWorkingDay` a limit in working days ends at the close of the Nth working day after the day of
   * `start`; every other limit counts from `start` itself.
   */
  dueAt(start: number, limit: Duration): number;
}
