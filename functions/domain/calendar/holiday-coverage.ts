/**
 * Which years the calendar has a holiday schedule for.
 *
 * The State Council publishes each next year's schedule in November or December. Until the package is
 * updated or an admin enters the schedule as overrides, that year silently runs on weekends only, which
 * makes every deadline across its holidays wrong: the platform uses these answers to warn an admin in time.
 */
import type { WorkingCalendar } from '../city/schema.js';
import { chineseDaysSchedule } from './holiday-source.js';
import { createZoneClock } from './time-zone.js';
import { dayNumberOf, yearOf } from './local-date.js';

export interface HolidayCoverage {
  readonly source: WorkingCalendar['holidaySource'];
  /** Years whose statutory schedule the holiday source provides, ascending. */
  readonly sourceYears: readonly number[];
  /** Years in which the city's overrides set at least one day, ascending. */
  readonly overrideYears: readonly number[];
  /** Years the admin declared complete in `scheduleYears`. */
  readonly scheduleYears: readonly number[];
  /** Source years and declared years: the years whose holidays the calendar fully knows. */
  readonly years: readonly number[];
}

type CoverageConfig = Pick<WorkingCalendar, 'holidaySource' | 'overrides'> & Partial<Pick<WorkingCalendar, 'scheduleYears'>>;

export function holidayCoverage(config: CoverageConfig): HolidayCoverage {
  const sourceYears = config.holidaySource === 'chinese-days' ? chineseDaysSchedule().years : [];
  const overrideYears = ascending(new Set(config.overrides.map((o) => yearOf(dayNumberOf(o.date)))));
  const scheduleYears = ascending(new Set(config.scheduleYears ?? []));
  return {
    source: config.holidaySource,
    sourceYears,
    overrideYears,
    scheduleYears,
    years: ascending(new Set([...sourceYears, ...scheduleYears])),
  };
}

/** The years the calendar has a complete holiday schedule for (from the source or declared), ascending. */
export const holidayDataYears = (config: CoverageConfig): number[] => [...holidayCoverage(config).years];

/**
 * The years from the current local year to `yearsAhead` later that have no holiday data, so an admin can be
 * told before the new year starts. A `weekendsOnly` city without overrides keeps no holiday schedule by
 * choice and is never warned; one that enters its holidays as overrides is reminded each year. A single
 * override (say New Year's Day, known in advance) does not make a year complete: the admin says so by listing
 * the year in `scheduleYears` once the whole published schedule is entered.
 */
export function yearsMissingHolidayData(
  config: CoverageConfig & Pick<WorkingCalendar, 'timeZone'>,
  now: number,
  yearsAhead = 1,
): number[] {
  const coverage = holidayCoverage(config);
  if (config.holidaySource === 'weekendsOnly' && coverage.overrideYears.length === 0) return [];
  const thisYear = yearOf(createZoneClock(config.timeZone).localDayOf(now));
  const missing: number[] = [];
  for (let year = thisYear; year <= thisYear + yearsAhead; year++) {
    if (!coverage.years.includes(year)) missing.push(year);
  }
  return missing;
}

const ascending = (years: Set<number>): number[] => [...years].sort((a, b) => a - b);
