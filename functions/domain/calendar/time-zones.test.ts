import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, type WorkingCalendarSettings } from './working-calendar.js';

const HOUR = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);

const officeHours = (timeZone: string, overrides: WorkingCalendarSettings['overrides'] = []): WorkingCalendarSettings => ({
  timeZone,
  workingHours: [{ start: '09:00', end: '17:00' }],
  holidaySource: 'weekendsOnly',
  overrides,
  countingRule: 'fromReceipt',
});

describe('America/New_York (DST)', () => {
  const cal = createWorkingCalendar(officeHours('America/New_York'));

  it('keeps local office hours across the spring-forward weekend', () => {
    // Friday 16:00 EST (21:00Z) + 2 working hours = Monday 10:00 EDT (14:00Z).
    const friday = utc('2026-03-06T21:00:00Z');
    expect(new Date(cal.advance(friday, 2 * HOUR, 'working')).toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(cal.nextWorkingMoment(utc('2026-03-07T12:00:00Z'))).toBe(utc('2026-03-09T13:00:00Z'));
    expect(cal.isWorkingMoment(utc('2026-03-09T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(cal.isWorkingMoment(utc('2026-03-06T13:30:00Z'))).toBe(false); // 08:30 EST
    expect(cal.dueAt(friday, { amount: 1, unit: 'workingDays' })).toBe(utc('2026-03-09T20:00:00Z'));
  });

  it('keeps local office hours across the fall-back weekend', () => {
    const friday = utc('2026-10-30T20:00:00Z'); // 16:00 EDT
    expect(cal.advance(friday, 2 * HOUR, 'working')).toBe(utc('2026-11-02T15:00:00Z')); // 10:00 EST
  });

  it('gives a working period a clock change runs through its real length', () => {
    // A night shift on the two Sundays the clocks change, made working days by override.
    const night = createWorkingCalendar({
      ...officeHours('America/New_York', [
        { date: '2026-03-08', kind: 'workday' },
        { date: '2026-11-01', kind: 'workday' },
      ]),
      workingHours: [{ start: '01:00', end: '04:00' }],
    });
    const spring = [utc('2026-03-08T00:00:00Z'), utc('2026-03-08T23:00:00Z')] as const;
    expect(night.between(spring[0], spring[1], 'working')).toBe(2 * HOUR); // 01:00 EST to 04:00 EDT
    expect(night.nextWorkingMoment(spring[0])).toBe(utc('2026-03-08T06:00:00Z'));
    expect(night.isWorkingMoment(utc('2026-03-08T07:59:59.999Z'))).toBe(true); // 03:59 EDT
    expect(night.isWorkingMoment(utc('2026-03-08T08:00:00Z'))).toBe(false); // 04:00 EDT
    const fall = [utc('2026-11-01T00:00:00Z'), utc('2026-11-01T23:00:00Z')] as const;
    expect(night.between(fall[0], fall[1], 'working')).toBe(4 * HOUR); // 01:00 EDT to 04:00 EST
    expect(night.advance(utc('2026-11-01T05:00:00Z'), 4 * HOUR, 'working')).toBe(utc('2026-11-01T09:00:00Z'));
  });
});

describe('a clock change at midnight (America/Santiago)', () => {
  const cal = createWorkingCalendar({
    ...officeHours('America/Santiago', [{ date: '2026-09-06', kind: 'workday' }]),
    workingHours: [{ start: '00:00', end: '02:00' }],
  });

  it('starts the day at 01:00 when midnight does not exist', () => {
    // 2026-09-06 00:00 -04 is skipped: the clock jumps to 01:00 -03 (04:00Z).
    expect(cal.nextWorkingMoment(utc('2026-09-06T03:00:00Z'))).toBe(utc('2026-09-06T04:00:00Z'));
    expect(cal.between(utc('2026-09-06T00:00:00Z'), utc('2026-09-06T12:00:00Z'), 'working')).toBe(HOUR);
  });
});

describe('zones far from UTC', () => {
  it.each([
    ['Asia/Kolkata', '2026-03-16T03:30:00Z'], // 09:00 +05:30
    ['Pacific/Kiritimati', '2026-03-15T19:00:00Z'], // 09:00 +14 on Monday, still Sunday in UTC
    ['Pacific/Pago_Pago', '2026-03-16T20:00:00Z'], // 09:00 −11
    ['Australia/Lord_Howe', '2026-03-15T22:00:00Z'], // 09:00 +11 (DST of half an hour)
  ])('%s: Monday starts at 09:00 local', (timeZone, mondayNine) => {
    const cal = createWorkingCalendar(officeHours(timeZone));
    const start = utc(mondayNine);
    expect(cal.nextWorkingMoment(start - HOUR)).toBe(start);
    expect(cal.isWorkingMoment(start - 1)).toBe(false);
    expect(cal.dueAt(start, { amount: 1, unit: 'workingDays' })).toBe(start + 8 * HOUR);
    expect(cal.dueAt(start - 3 * HOUR, { amount: 5, unit: 'workingDays' })).toBe(start + 4 * 24 * HOUR + 8 * HOUR);
  });
});
