import { describe, expect, it } from 'vitest';
import { holidayCoverage, holidayDataYears, yearsMissingHolidayData } from './working-calendar.js';

const shanghai = { timeZone: 'Asia/Shanghai', holidaySource: 'chinese-days' as const, overrides: [] };

describe('holiday data coverage', () => {
  it('knows the years the chinese-days package publishes', () => {
    const years = holidayDataYears(shanghai);
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('counts a year once an admin declares its entered schedule complete, not on a single override', () => {
    const oneDay = { ...shanghai, overrides: [{ date: '2099-01-01', kind: 'holiday' as const }] };
    expect(holidayDataYears(shanghai)).not.toContain(2099);
    expect(holidayDataYears(oneDay)).not.toContain(2099);
    expect(holidayCoverage(oneDay).overrideYears).toEqual([2099]);
    const declared = { ...oneDay, scheduleYears: [2099] };
    expect(holidayDataYears(declared)).toContain(2099);
    expect(holidayCoverage(declared).sourceYears).not.toContain(2099);
  });

  it('warns about the coming year before it starts, in local time', () => {
    const lastYear = Math.max(...holidayCoverage(shanghai).sourceYears);
    const nov = Date.parse(`${lastYear}-11-15T00:00:00+08:00`);
    expect(yearsMissingHolidayData(shanghai, nov)).toEqual([lastYear + 1]);
    // 00:30 on New Year's Day in Shanghai is still the old year in UTC; the new year is this year here.
    const newYear = Date.parse(`${lastYear + 1}-01-01T00:30:00+08:00`);
    expect(yearsMissingHolidayData(shanghai, newYear, 0)).toEqual([lastYear + 1]);
    const newYearOnly = { ...shanghai, overrides: [{ date: `${lastYear + 1}-01-01`, kind: 'holiday' as const }] };
    expect(yearsMissingHolidayData(newYearOnly, nov)).toEqual([lastYear + 1]);
    const entered = { ...newYearOnly, scheduleYears: [lastYear + 1] };
    expect(yearsMissingHolidayData(entered, nov)).toEqual([]);
  });

  it('does not warn a weekends-only city that keeps no holidays', () => {
    const plain = { timeZone: 'Europe/Berlin', holidaySource: 'weekendsOnly' as const, overrides: [] };
    expect(holidayDataYears(plain)).toEqual([]);
    expect(yearsMissingHolidayData(plain, Date.parse('2026-12-01T00:00:00Z'))).toEqual([]);
    const keeping = { ...plain, overrides: [{ date: '2026-12-25', kind: 'holiday' as const }], scheduleYears: [2026] };
    expect(yearsMissingHolidayData(keeping, Date.parse('2026-12-01T00:00:00Z'))).toEqual([2027]);
  });
});
