import { describe, expect, it } from 'vitest';
import { countsForPeriod } from './batch.js';
import { cleanCase, ZONE } from './histories.fixture.js';
import { isWithin, monthKeyOf, monthPeriod, periodContaining, quarterPeriod, yearPeriod } from './period.js';

describe('appraisal periods in the city time zone', () => {
  it('puts 23:30 on 31 March in Kaifeng in March', () => {
    expect(monthKeyOf('2026-03-31T23:30:00+08:00', ZONE)).toBe('2026-03');
    expect(isWithin(monthPeriod(2026, 3, ZONE), '2026-03-31T23:30:00+08:00')).toBe(true);
  });

  it('puts 00:30 on 1 April in Kaifeng in April, though UTC still says March', () => {
    expect(monthKeyOf('2026-04-01T00:30:00+08:00', ZONE)).toBe('2026-04');
    expect(monthKeyOf('2026-04-01T00:30:00+08:00', 'UTC')).toBe('2026-03');
    expect(isWithin(monthPeriod(2026, 3, ZONE), '2026-04-01T00:30:00+08:00')).toBe(false);
  });

  it('starts a month at local midnight and ends where the next begins', () => {
    const march = monthPeriod(2026, 3, ZONE);
    expect(march).toMatchObject({ label: '2026-03', start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z', months: ['2026-03'] });
    expect(isWithin(march, march.start)).toBe(true);
    expect(isWithin(march, march.end)).toBe(false);
  });

  it('builds quarters and years from whole months, across the year end', () => {
    const q4 = quarterPeriod(2025, 4, ZONE);
    expect(q4).toMatchObject({ label: '2025-Q4', months: ['2025-10', '2025-11', '2025-12'], end: '2025-12-31T16:00:00.000Z' });
    const year = yearPeriod(2026, ZONE);
    expect(year.months).toHaveLength(12);
    expect(year).toMatchObject({ label: '2026', start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
    expect(periodContaining('quarter', '2026-05-20T12:00:00Z', ZONE).label).toBe('2026-Q2');
  });

  it('follows daylight saving where a zone has it', () => {
    const march = monthPeriod(2026, 4, 'Europe/Berlin');
    expect(march.start).toBe('2026-03-31T22:00:00.000Z');
    expect(monthPeriod(2026, 3, 'Europe/Berlin').start).toBe('2026-02-28T23:00:00.000Z');
  });

  it('refuses an unknown zone and an impossible month with a clear message', () => {
    expect(() => monthPeriod(2026, 3, 'Asia/Kaifeng')).toThrow(/unknown time zone "Asia\/Kaifeng"/);
    expect(() => monthPeriod(2026, 13, ZONE)).toThrow(/month 13 must be 1–12/);
    expect(() => monthKeyOf('yesterday', ZONE)).toThrow(/not an ISO 8601 instant/);
  });

  it('counts a case closed at 23:30 on 31 March in March, not April', () => {
    const lateNight = cleanCase('c-1', 'unit-a', '2026-03-31').map((event) =>
      event.type === 'closed' ? { ...event, at: '2026-03-31T15:30:00.000Z' } : event,
    );
    expect(countsForPeriod([lateNight], monthPeriod(2026, 3, ZONE)).get('unit-a')?.completed).toBe(1);
    expect(countsForPeriod([lateNight], monthPeriod(2026, 4, ZONE)).get('unit-a')?.completed ?? 0).toBe(0);
  });
});
