import { describe, expect, it } from 'vitest';
import type { Duration } from '../city/schema.js';
import { createWorkingCalendar, type WorkingCalendarSettings } from './working-calendar.js';

const HOUR = 3_600_000;

const kaifeng: WorkingCalendarSettings = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '18:00' },
  ],
  holidaySource: 'chinese-days',
  overrides: [],
  countingRule: 'fromReceipt',
};

const fromReceipt = createWorkingCalendar(kaifeng);
const fromNextDay = createWorkingCalendar({ ...kaifeng, countingRule: 'fromNextWorkingDay' });

/** An instant from Beijing wall time, 'YYYY-MM-DD HH:MM[:SS.mmm]'. */
const bj = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+08:00`);
/** Beijing wall time of an instant, to the millisecond when it is not a whole minute. */
const wall = (t: number): string => {
  const text = new Date(t + 8 * HOUR).toISOString().replace('T', ' ');
  return text.endsWith(':00.000Z') ? text.slice(0, 16) : text.slice(0, 23);
};
const days = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const hours = (amount: number): Duration => ({ amount, unit: 'workingHours' });

describe('working days on the Chinese schedule', () => {
  it('takes statutory holidays and make-up working days (调休) from the source', () => {
    const cal = fromReceipt;
    expect(cal.isWorkingDay('2026-03-16')).toBe(true); // an ordinary Monday
    expect(cal.isWorkingDay('2026-03-15')).toBe(false); // an ordinary Sunday
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday, make-up day for New Year
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // Friday, New Year
    for (let day = 1; day <= 7; day++) expect(cal.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up day for National Day
    expect(cal.isWorkingDay('2026-09-25')).toBe(false); // Friday, Mid-autumn
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // 2025: Sunday make-up day
    expect(cal.isWorkingDay('2025-10-08')).toBe(false);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true);
    expect(cal.isWorkingDay('2025-04-27')).toBe(true);
  });

  it('counts a make-up Sunday as working time', () => {
    // 2 h on New Year's Eve, three days off, then 5 of the 7 hours on Sunday 2026-01-04.
    expect(wall(fromReceipt.dueAt(bj('2025-12-31 16:00'), days(1)))).toBe('2026-01-04 16:00');
    expect(fromReceipt.between(bj('2026-01-03 12:00'), bj('2026-01-05 00:00'), 'working')).toBe(7 * HOUR);
  });

  it('runs a limit across the National Day week', () => {
    // 5.5 h on 09-30, nothing 10-01..10-07, 7 h on 10-08 and 10-09, the rest on the make-up Saturday.
    expect(wall(fromReceipt.dueAt(bj('2026-09-30 10:00'), days(3)))).toBe('2026-10-10 10:00');
    expect(wall(fromNextDay.dueAt(bj('2026-09-30 10:00'), days(3)))).toBe('2026-10-10 18:00');
    expect(wall(fromReceipt.dueAt(bj('2026-09-30 17:00'), hours(2)))).toBe('2026-10-08 09:30');
  });

  it('receives at 23:00: working time starts the next morning', () => {
    expect(wall(fromReceipt.dueAt(bj('2026-03-16 23:00'), hours(2)))).toBe('2026-03-17 10:30');
    expect(wall(fromReceipt.dueAt(bj('2026-03-16 23:00'), days(1)))).toBe('2026-03-17 18:00');
    expect(wall(fromNextDay.dueAt(bj('2026-03-16 23:00'), days(1)))).toBe('2026-03-17 18:00');
  });

  it('reads the day of receipt in local time, not UTC', () => {
    // 00:30 on Tuesday in Beijing is still Monday in UTC; the next working day is Wednesday.
    expect(wall(fromNextDay.dueAt(bj('2026-03-17 00:30'), days(1)))).toBe('2026-03-18 18:00');
  });

  it('receives in the lunch break: the clock waits for the afternoon', () => {
    const t = bj('2026-03-16 12:30');
    expect(fromReceipt.isWorkingMoment(t)).toBe(false);
    expect(wall(fromReceipt.nextWorkingMoment(t))).toBe('2026-03-16 14:30');
    expect(wall(fromReceipt.dueAt(t, hours(2)))).toBe('2026-03-16 16:30');
  });

  it('receives on a holiday: the clock waits for the first working day', () => {
    const t = bj('2026-10-03 11:00');
    expect(wall(fromReceipt.nextWorkingMoment(t))).toBe('2026-10-08 08:30');
    expect(wall(fromReceipt.dueAt(t, hours(4)))).toBe('2026-10-08 15:00');
    expect(wall(fromNextDay.dueAt(t, days(1)))).toBe('2026-10-08 18:00');
    // Mid-autumn Friday: Saturday and Sunday are off too, Monday is the first working day.
    expect(wall(fromNextDay.dueAt(bj('2026-09-25 10:00'), days(1)))).toBe('2026-09-28 18:00');
  });

  it('fromNextWorkingDay ends at the close of a day, fromReceipt at the time of receipt', () => {
    const monday = bj('2026-03-16 10:00');
    expect(wall(fromReceipt.dueAt(monday, days(1)))).toBe('2026-03-17 10:00');
    expect(wall(fromNextDay.dueAt(monday, days(1)))).toBe('2026-03-17 18:00');
    expect(wall(fromNextDay.dueAt(monday, days(5)))).toBe('2026-03-23 18:00');
    // A Friday receipt: the make-up Sunday 09-20 is the first working day after it.
    expect(wall(fromNextDay.dueAt(bj('2026-09-18 17:00'), days(1)))).toBe('2026-09-20 18:00');
    // Fractions of a day run on from the close of the last whole day (or from the next working morning).
    expect(wall(fromNextDay.dueAt(monday, days(0.5)))).toBe('2026-03-17 12:00');
    expect(wall(fromNextDay.dueAt(monday, days(1.5)))).toBe('2026-03-18 12:00');
    // Hour limits count from receipt under either rule.
    expect(wall(fromNextDay.dueAt(monday, hours(3)))).toBe('2026-03-16 15:30');
  });

  it('runs natural limits on the wall clock, holidays included', () => {
    const holiday = bj('2026-10-02 23:00');
    expect(fromNextDay.dueAt(holiday, { amount: 2, unit: 'naturalHours' })).toBe(holiday + 2 * HOUR);
    expect(fromNextDay.dueAt(holiday, { amount: 30, unit: 'naturalMinutes' })).toBe(holiday + HOUR / 2);
    expect(fromNextDay.dueAt(holiday, { amount: 7, unit: 'naturalDays' })).toBe(holiday + 7 * 24 * HOUR);
    expect(fromNextDay.advance(holiday, HOUR, 'natural')).toBe(holiday + HOUR);
    expect(fromNextDay.between(holiday, holiday - HOUR, 'natural')).toBe(-HOUR);
  });

  it('measures limits in their own kind of time', () => {
    expect(fromReceipt.workingDayMs).toBe(7 * HOUR);
    expect(fromReceipt.limitMs(days(2))).toBe(14 * HOUR);
    expect(fromReceipt.limitMs(hours(1.5))).toBe(1.5 * HOUR);
    expect(fromReceipt.limitMs({ amount: 3, unit: 'naturalDays' })).toBe(72 * HOUR);
    expect(fromReceipt.limitMs({ amount: 90, unit: 'naturalMinutes' })).toBe(1.5 * HOUR);
  });
});

describe('boundaries', () => {
  const cal = fromReceipt;

  it('treats periods as [start, end) but lets a deadline fall on a period end', () => {
    expect(cal.isWorkingMoment(bj('2026-03-16 08:30'))).toBe(true);
    expect(cal.isWorkingMoment(bj('2026-03-16 11:59:59.999'))).toBe(true);
    expect(cal.isWorkingMoment(bj('2026-03-16 12:00'))).toBe(false);
    expect(wall(cal.advance(bj('2026-03-16 08:30'), 3.5 * HOUR, 'working'))).toBe('2026-03-16 12:00');
    expect(wall(cal.advance(bj('2026-03-16 08:30'), 3.5 * HOUR + 1, 'working'))).toBe('2026-03-16 14:30:00.001');
    expect(wall(cal.advance(bj('2026-03-20 18:00'), 1, 'working'))).toBe('2026-03-23 08:30:00.001');
    expect(wall(cal.dueAt(bj('2026-03-16 08:30'), days(1)))).toBe('2026-03-16 18:00');
  });

  it('leaves an instant where it is when zero time is added', () => {
    const sunday = bj('2026-03-15 03:00');
    expect(cal.advance(sunday, 0, 'working')).toBe(sunday);
    expect(cal.dueAt(sunday, hours(0))).toBe(sunday);
  });

  it('goes backwards to working moments', () => {
    expect(wall(cal.advance(bj('2026-03-23 08:30'), -1, 'working'))).toBe('2026-03-20 17:59:59.999');
    expect(wall(cal.advance(bj('2026-03-16 14:30'), -3.5 * HOUR, 'working'))).toBe('2026-03-16 08:30');
    expect(wall(cal.advance(bj('2026-10-08 09:30'), -2 * HOUR, 'working'))).toBe('2026-09-30 17:00');
  });

  it('measures working time between two instants, negative when reversed', () => {
    const friday = bj('2026-03-20 16:00');
    const monday = bj('2026-03-23 10:00');
    expect(cal.between(friday, monday, 'working')).toBe(3.5 * HOUR);
    expect(cal.between(monday, friday, 'working')).toBe(-3.5 * HOUR);
    expect(cal.between(bj('2026-09-30 00:00'), bj('2026-10-11 00:00'), 'working')).toBe(4 * 7 * HOUR);
  });
});

describe('overrides and sources', () => {
  it('adds a 2027 holiday the source does not know yet', () => {
    const before = createWorkingCalendar({ ...kaifeng, countingRule: 'fromNextWorkingDay' });
    const after = createWorkingCalendar({
      ...kaifeng,
      countingRule: 'fromNextWorkingDay',
      overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(before.isWorkingDay('2027-01-01')).toBe(true); // a Friday with no published schedule
    expect(after.isWorkingDay('2027-01-01')).toBe(false);
    const newYearsEve = bj('2026-12-31 10:00');
    expect(wall(before.dueAt(newYearsEve, days(1)))).toBe('2027-01-01 18:00');
    expect(wall(after.dueAt(newYearsEve, days(1)))).toBe('2027-01-04 18:00');
  });

  it('lets overrides win over the source in both directions', () => {
    const cal = createWorkingCalendar({
      ...kaifeng,
      overrides: [
        { date: '2026-10-08', kind: 'holiday' },
        { date: '2026-10-03', kind: 'workday' },
      ],
    });
    expect(cal.isWorkingDay('2026-10-08')).toBe(false);
    expect(cal.isWorkingDay('2026-10-03')).toBe(true);
    expect(wall(cal.dueAt(bj('2026-09-30 17:00'), hours(2)))).toBe('2026-10-03 09:30');
  });

  it('runs on weekends alone with the weekendsOnly source', () => {
    const cal = createWorkingCalendar({ ...kaifeng, holidaySource: 'weekendsOnly' });
    expect(cal.isWorkingDay('2026-10-01')).toBe(true);
    expect(cal.isWorkingDay('2026-01-04')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(false);
    expect(wall(cal.dueAt(bj('2026-09-30 10:00'), days(3)))).toBe('2026-10-05 10:00');
  });
});

describe('bad input', () => {
  it('refuses dates, instants and amounts that are not', () => {
    expect(() => fromReceipt.isWorkingDay('2026-02-30')).toThrow(/not a calendar date/);
    expect(() => fromReceipt.isWorkingDay('26-3-1')).toThrow(/not a calendar date/);
    expect(() => fromReceipt.advance(NaN, HOUR, 'working')).toThrow(/not an instant/);
    expect(() => fromReceipt.advance(0, NaN, 'natural')).toThrow(/not an amount/);
    expect(() => fromReceipt.dueAt(0, { amount: -1, unit: 'workingDays' })).toThrow(/at least zero/);
    expect(() => fromReceipt.isWorkingMoment(Date.parse('2300-01-01T00:00:00Z'))).toThrow(/1900-01-01 to 2199-12-31/);
  });

  it('refuses a calendar it cannot run', () => {
    expect(() => createWorkingCalendar({ ...kaifeng, timeZone: 'Asia/Kaifeng' })).toThrow(/IANA time zone/);
    expect(() =>
      createWorkingCalendar({ ...kaifeng, workingHours: [{ start: '14:30', end: '18:00' }, { start: '08:30', end: '12:00' }] }),
    ).toThrow(/overlaps or precedes/);
    expect(() => createWorkingCalendar({ ...kaifeng, workingHours: [{ start: '18:00', end: '08:30' }] })).toThrow(/end after it starts/);
  });
});
