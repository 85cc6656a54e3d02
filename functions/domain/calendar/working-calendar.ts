/**
 * The working calendar of a city as its configuration describes it, holidays taken from its holiday source:
 * what the tests, the local runtime and the synth build. The arithmetic is `resolved-calendar.ts`; a Lambda
 * function builds it from the holidays resolved at synth, without this module and the source's data.
 */
import type { WorkingCalendar } from '../city/schema.js';
import { holidayCoverageOf, yearsMissingHolidayDataOf, type CoverageConfig, type HolidayCoverage } from './holiday-coverage.js';
import { resolveHolidays, scheduleOf } from './holiday-source.js';
import { createResolvedCalendar } from './resolved-calendar.js';
import type { WorkingCalendarRules } from './types.js';

export type { HolidayCoverage } from './holiday-coverage.js';

/** What the arithmetic needs; `scheduleYears` only matters to the coverage warning. */
export type WorkingCalendarSettings = Omit<WorkingCalendar, 'scheduleYears'>;

export const createWorkingCalendar = (config: WorkingCalendarSettings): WorkingCalendarRules => createResolvedCalendar(config, resolveHolidays(config));

const sourceYearsOf = (config: CoverageConfig): readonly number[] => scheduleOf(config.holidaySource)?.years ?? [];

/** Which years the calendar has a holiday schedule for (`holiday-coverage.ts`), the source's years from the source. */
export const holidayCoverage = (config: CoverageConfig): HolidayCoverage => holidayCoverageOf(config, sourceYearsOf(config));

/** The years the calendar has a complete holiday schedule for (from the source or declared), ascending. */
export const holidayDataYears = (config: CoverageConfig): number[] => [...holidayCoverage(config).years];

/** The years from this local year to `yearsAhead` later without holiday data (`yearsMissingHolidayDataOf`). */
export const yearsMissingHolidayData = (config: CoverageConfig & Pick<WorkingCalendar, 'timeZone'>, now: number, yearsAhead = 1): number[] =>
  yearsMissingHolidayDataOf(config, sourceYearsOf(config), now, yearsAhead);
