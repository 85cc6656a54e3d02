/**
 * Which local dates are working days: Monday to Friday, minus the holidays and plus the make-up working
 * days of the holiday source, with the city's overrides winning over both.
 *
 * The exceptions to the weekend rule are resolved once into plain day numbers (`mergeHolidays`), and the
 * calendar asks only those. Resolving needs the holiday source's schedules (`holiday-source.ts`, 43 KB of
 * JSON); asking does not, so a Lambda function gets the resolved days in its runtime city file, made at
 * synth, and builds its calendar from them without bundling the source. This module must not import it.
 */
import type { CalendarOverride } from '../city/schema.js';
import { dayNumberOf, isWeekend } from './local-date.js';

/** A holiday source's schedules: the exceptions to the weekend rule it publishes, by day number. */
export interface HolidaySchedule {
  /** Exceptions to the weekend rule by day number: false = a day off, true = a make-up working day. */
  readonly days: ReadonlyMap<number, boolean>;
  /** The years whose schedule the source publishes, ascending. */
  readonly years: readonly number[];
}

/** A city's exceptions to the weekend rule, its source's and its overrides merged, and the source's years. */
export interface ResolvedHolidays {
  /** Days off by exception (statutory holidays, overrides), day numbers ascending. */
  readonly daysOff: readonly number[];
  /** Working days by exception (make-up days, overrides), day numbers ascending. */
  readonly workdays: readonly number[];
  /** The years whose schedule the holiday source publishes, ascending: what the coverage warnings read. */
  readonly sourceYears: readonly number[];
}

/** Whether a day number is a working day. */
export type IsWorkingDay = (day: number) => boolean;

/** The source's exceptions (none for `weekendsOnly`) with the city's overrides on top. */
export function mergeHolidays(source: HolidaySchedule | undefined, overrides: readonly CalendarOverride[]): ResolvedHolidays {
  const exceptions = new Map<number, boolean>(source?.days ?? []);
  // The city validation refuses a date overridden twice; should one slip through, the later entry wins.
  for (const override of overrides) exceptions.set(dayNumberOf(override.date), override.kind === 'workday');
  const daysOff: number[] = [];
  const workdays: number[] = [];
  for (const [day, working] of exceptions) (working ? workdays : daysOff).push(day);
  const ascending = (a: number, b: number): number => a - b;
  return { daysOff: daysOff.sort(ascending), workdays: workdays.sort(ascending), sourceYears: [...(source?.years ?? [])] };
}

export function dayKindsOf(holidays: Pick<ResolvedHolidays, 'daysOff' | 'workdays'>): IsWorkingDay {
  const exceptions = new Map<number, boolean>();
  // Resolved days are either off or working, never both; were a day in both lists, working would win.
  for (const day of holidays.daysOff) exceptions.set(day, false);
  for (const day of holidays.workdays) exceptions.set(day, true);
  return (day) => exceptions.get(day) ?? !isWeekend(day);
}
