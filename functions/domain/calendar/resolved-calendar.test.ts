/**
 * The calendar built from resolved holidays (what a Lambda function builds from its runtime city file) must
 * answer every day by the rule, from the holiday source's data, and warn about the same years.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarOverride } from '../city/schema.js';
import { dayKindsOf, mergeHolidays, type ResolvedHolidays } from './day-kinds.js';
import { holidayCoverageOf, yearsMissingHolidayDataOf } from './holiday-coverage.js';
import { chineseDaysSchedule, resolveHolidays } from './holiday-source.js';
import { dayNumberOf, isoDateOf, isWeekend, yearOf } from './local-date.js';
import { createResolvedCalendar } from './resolved-calendar.js';
import { holidayCoverage, yearsMissingHolidayData, type WorkingCalendarSettings } from './working-calendar.js';

const kaifeng: WorkingCalendarSettings = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '18:00' },
  ],
  holidaySource: 'chinese-days',
  overrides: [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    // Against the source: a make-up day the city does not keep, and a statutory holiday it works.
    { date: '2026-01-04', kind: 'holiday' },
    { date: '2026-10-08', kind: 'workday' },
  ],
  countingRule: 'fromNextWorkingDay',
};

/** As the runtime city file carries them: through JSON and back. */
const stored = (holidays: ResolvedHolidays): ResolvedHolidays => JSON.parse(JSON.stringify(holidays)) as ResolvedHolidays;

/** Every day of the years the source publishes and the overrides touch, and the year on either side. */
function coveredDays(config: WorkingCalendarSettings): number[] {
  const years = new Set([...(config.holidaySource === 'chinese-days' ? chineseDaysSchedule().years : []), ...config.overrides.map((o) => yearOf(dayNumberOf(o.date)))]);
  if (years.size === 0) years.add(2026);
  const first = dayNumberOf(`${Math.min(...years) - 1}-01-01`);
  const end = dayNumberOf(`${Math.max(...years) + 2}-01-01`);
  return Array.from({ length: end - first }, (_, i) => first + i);
}

describe('a calendar from resolved holidays', () => {
  // `createWorkingCalendar` is itself `createResolvedCalendar` over `resolveHolidays`: comparing with it
  // would only check the JSON round trip. The days are checked against the rule as DESIGN states it,
  // read straight from the source's data: an override wins, then the source, then Monday to Friday.
  const expectedWorkingDay = (config: WorkingCalendarSettings, day: number): boolean => {
    const override = config.overrides.findLast((o) => dayNumberOf(o.date) === day);
    if (override) return override.kind === 'workday';
    const fromSource = config.holidaySource === 'chinese-days' ? chineseDaysSchedule().days.get(day) : undefined;
    return fromSource ?? !isWeekend(day);
  };

  it('answers every day of the covered years by the rule: an override, else the source, else Monday to Friday', () => {
    for (const config of [kaifeng, { ...kaifeng, overrides: [] }, { ...kaifeng, holidaySource: 'weekendsOnly' as const }]) {
      const resolved = createResolvedCalendar(config, stored(resolveHolidays(config)));
      const days = coveredDays(config);
      expect(days.length).toBeGreaterThan(365 * 3);
      let daysOff = 0;
      for (const day of days) {
        const date = isoDateOf(day);
        expect(resolved.isWorkingDay(date), date).toBe(expectedWorkingDay(config, day));
        if (!expectedWorkingDay(config, day) && !isWeekend(day)) daysOff++;
      }
      // Weekday holidays were there to be found, except where the city keeps weekends only and overrides nothing.
      if (config.holidaySource === 'chinese-days') expect(daysOff).toBeGreaterThan(20);
    }
    // The arithmetic on top of the days is the same code `createWorkingCalendar` runs: working-calendar.test.ts
    // pins it across the real holidays.
  });

  it('warns about the same years: the source years travel with the resolved days', () => {
    for (const config of [kaifeng, { ...kaifeng, holidaySource: 'weekendsOnly' as const }, { ...kaifeng, holidaySource: 'weekendsOnly' as const, overrides: [] }]) {
      const { sourceYears } = stored(resolveHolidays(config));
      const withDeclared = { ...config, scheduleYears: [2030] };
      expect(holidayCoverageOf(withDeclared, sourceYears)).toEqual(holidayCoverage(withDeclared));
      for (let year = 2004; year <= 2032; year++) {
        const now = Date.parse(`${year}-11-20T00:00:00+08:00`);
        expect(yearsMissingHolidayDataOf(withDeclared, sourceYears, now), String(year)).toEqual(yearsMissingHolidayData(withDeclared, now));
      }
    }
  });

  it('holds exactly the exceptions: the source days, the overrides winning, in ascending order', () => {
    const date = fc.integer({ min: dayNumberOf('2000-01-01'), max: dayNumberOf('2040-12-31') }).map(isoDateOf);
    const override = fc.record({ date, kind: fc.constantFrom('holiday' as const, 'workday' as const) });
    fc.assert(
      fc.property(fc.constantFrom('chinese-days' as const, 'weekendsOnly' as const), fc.array(override, { maxLength: 30 }), (holidaySource, overrides: CalendarOverride[]) => {
        const resolved = stored(resolveHolidays({ holidaySource, overrides }));
        expect(resolved.daysOff).toEqual([...resolved.daysOff].sort((a, b) => a - b));
        expect(resolved.workdays).toEqual([...resolved.workdays].sort((a, b) => a - b));
        expect(new Set([...resolved.daysOff, ...resolved.workdays]).size).toBe(resolved.daysOff.length + resolved.workdays.length);
        const isWorking = dayKindsOf(resolved);
        const source = holidaySource === 'chinese-days' ? chineseDaysSchedule().days : new Map<number, boolean>();
        const last = new Map(overrides.map((o) => [dayNumberOf(o.date), o.kind === 'workday']));
        for (const day of new Set([...source.keys(), ...last.keys()])) expect(isWorking(day)).toBe(last.get(day) ?? source.get(day));
      }),
      { numRuns: 60 },
    );
    expect(mergeHolidays(undefined, [])).toEqual({ daysOff: [], workdays: [], sourceYears: [] });
  });
});
