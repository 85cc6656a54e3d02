/**
 * The State Council holiday schedules (statutory holidays and make-up working days, 调休) as shipped by the
 * `chinese-days` package, and a city's holidays resolved from them and its overrides.
 *
 * The package's JSON is imported rather than its functions called: the calendar asks about a day once and
 * caches the answer, and a plain map built once per process is the cheapest way to answer, with no date
 * library in between. Updating the package (`npm update chinese-days`) brings in the next year's schedule.
 *
 * Only the tests, the local runtime and the synth import this module: the Lambda functions read the holidays
 * the synth resolved (`functions/aws/runtime-city.ts`), so none of them bundles the package's 43 KB.
 */
import schedules from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { WorkingCalendar } from '../city/schema.js';
import { mergeHolidays, type HolidaySchedule, type ResolvedHolidays } from './day-kinds.js';
import { dayNumberOf, yearOf } from './local-date.js';

export type { HolidaySchedule } from './day-kinds.js';

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

/** The schedule of a city's holiday source; none for a city that keeps weekends only. */
export const scheduleOf = (source: WorkingCalendar['holidaySource']): HolidaySchedule | undefined =>
  source === 'chinese-days' ? chineseDaysSchedule() : undefined;

/** A city's exceptions to the weekend rule: its source's, with its overrides winning. */
export const resolveHolidays = (config: Pick<WorkingCalendar, 'holidaySource' | 'overrides'>): ResolvedHolidays =>
  mergeHolidays(scheduleOf(config.holidaySource), config.overrides);
