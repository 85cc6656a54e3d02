/**
 * Which years the calendar has a holiday schedule for.
 *
 * The State Council publishes each next year's schedule in November or December. Until the package is
 * updated or an admin enters the schedule as overrides, that year silently runs on weekends only, which
 * makes every deadline across its holidays wrong: the platform uses these answers to warn an admin in time.
 *
 * The source's years are an argument, not looked up here, so that the answers can come from holidays
 * resolved at synth (`ResolvedHolidays.sourceYears`) as well as from the source itself (`working-calendar.ts`
 * passes those), and this module stays free of the source's data.
 */
import type { WorkingCalendar } from '../city/schema.js';
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

export type CoverageConfig = Pick<WorkingCalendar, 'holidaySource' | 'overrides'> & Partial<Pick<WorkingCalendar, 'scheduleYears'>>;

/** The coverage of a calendar whose holiday source publishes `sourceYears` (none for `weekendsOnly`). */
export function holidayCoverageOf(config: CoverageConfig, sourceYears: readonly number[]): HolidayCoverage {
  const overrideYears = ascending(new Set(config.overrides.map((o) => yearOf(dayNumberOf(o.date)))));
  const scheduleYears = ascending(new Set(config.scheduleYears ?? []));
  return {
    source: config.holidaySource,
    sourceYears: [...sourceYears],
    overrideYears,
    scheduleYears,
    years: ascending(new Set([...sourceYears, ...scheduleYears])),
  };
}

/**
 * The years from the current local year to `yearsAhead` later that have no holiday data, so an admin can be
 * told before the new year starts. A `weekendsOnly` city without overrides keeps no holiday schedule by
 * choice and is never warned; one that enters its holidays as overrides is reminded each year. A single
 * override (say New Year's Day, known in advance) does not make a year complete: the admin says so by listing
 * the year in `scheduleYears` once the whole published schedule is entered.
 */
export function yearsMissingHolidayDataOf(
  config: CoverageConfig & Pick<WorkingCalendar, 'timeZone'>,
  sourceYears: readonly number[],
  now: number,
  yearsAhead = 1,
): number[] {
  const coverage = holidayCoverageOf(config, sourceYears);
  if (config.holidaySource === 'weekendsOnly' && coverage.overrideYears.length === 0) return [];
  const thisYear = yearOf(createZoneClock(config.timeZone).localDayOf(now));
  const missing: number[] = [];
  for (let year = thisYear; year <= thisYear + yearsAhead; year++) {
    if (!coverage.years.includes(year)) missing.push(year);
  }
  return missing;
}

const ascending = (years: Set<number>): number[] => [...years].sort((a, b) => a - b);
