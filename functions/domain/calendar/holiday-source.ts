/**
 * The State Council holiday schedules (statutory holidays and make-up working days, 调休) as shipped by the
 * `chinese-days` package.
 *
 * The package's JSON is imported rather than its functions called: the calendar asks about a day once and
 * caches the answer, and a plain map built once per process is the cheapest way to answer, with no date
 * library in between. Updating the package (`npm update chinese-days`) brings in the next year's schedule.
 */
import schedules from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dayNumberOf, yearOf } from './local-date.js';

export interface HolidaySchedule {
  /** Exceptions to the weekend rule by day number: false = a day off, true = a make-up working day. */
  readonly days: ReadonlyMap<number, boolean>;
  /** The years whose schedule the source publishes, ascending. */
  readonly years: readonly number[];
}

let chineseDays: HolidaySchedule | undefined;

export function chineseDaysSchedule(): HolidaySchedule {
  if (chineseDays) return chineseDays;
  const holidays: Record<string, string> = schedules.holidays;
  const workdays: Record<string, string> = schedules.workdays;
  const days = new Map<number, boolean>();
  const years = new Set<number>();
  for (const date of Object.keys(holidays)) {
    const day = dayNumberOf(date);
    days.set(day, false);
    // A year counts as published when it has holidays; its make-up days can fall in the year before
    // (2026-01-04 belongs to the 2026 New Year), so they do not mark a year.
    years.add(yearOf(day));
  }
  for (const date of Object.keys(workdays)) days.set(dayNumberOf(date), true);
  chineseDays = { days, years: [...years].sort((a, b) => a - b) };
  return chineseDays;
}
