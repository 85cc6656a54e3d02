import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../city/schema.js';
import { DURATION_UNITS } from '../city/schema.js';
import { createWorkingCalendar, type WorkingCalendarSettings } from './working-calendar.js';

const HALF_HOUR = 1_800_000;
const FROM = Date.parse('2024-06-01T00:00:00Z');
const TO = Date.parse('2027-06-01T00:00:00Z');
const RUNS = { numRuns: 200 };

// Instants on half-hour marks hit period starts and ends (08:30, 12:00, …) often, instants within a few days
// of a calendar's special days (clock changes, long holidays) hit the hard cases; arbitrary ones the rest.
const instantsAround = (specialDays: readonly string[]): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: FROM, max: TO }),
    fc.integer({ min: FROM / HALF_HOUR, max: TO / HALF_HOUR }).map((slot) => slot * HALF_HOUR),
    fc
      .tuple(fc.constantFrom(...specialDays), fc.integer({ min: -3 * 48, max: 3 * 48 }))
      .map(([day, slots]) => Date.parse(`${day}T00:00:00Z`) + slots * HALF_HOUR),
  );
// Up to about six weeks of working time, often in whole half hours so results land on period ends.
const amount = fc.oneof(
  fc.integer({ min: 0, max: 200 * HALF_HOUR * 2 }),
  fc.integer({ min: 0, max: 400 }).map((slots) => slots * HALF_HOUR),
);
const positive = amount.map((ms) => ms + 1);
const limit: fc.Arbitrary<Duration> = fc.record({
  amount: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.01, max: 40, noNaN: true })),
  unit: fc.constantFrom(...DURATION_UNITS),
});

const calendars: [string, WorkingCalendarSettings, string[]][] = [
  [
    'Kaifeng (chinese-days, two periods)',
    {
      timeZone: 'Asia/Shanghai',
      workingHours: [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
      holidaySource: 'chinese-days',
      overrides: [{ date: '2027-01-01', kind: 'holiday' }],
      countingRule: 'fromNextWorkingDay',
    },
    ['2026-01-01', '2026-02-15', '2026-10-01', '2026-10-09', '2027-01-01'],
  ],
  [
    'New York (DST, weekends only)',
    {
      timeZone: 'America/New_York',
      workingHours: [{ start: '09:00', end: '17:00' }],
      holidaySource: 'weekendsOnly',
      overrides: [{ date: '2026-07-03', kind: 'holiday' }],
      countingRule: 'fromReceipt',
    },
    ['2025-11-02', '2026-03-08', '2026-07-03', '2026-11-01'],
  ],
  [
    'Santiago (DST at midnight, a night period)',
    {
      timeZone: 'America/Santiago',
      workingHours: [
        { start: '00:00', end: '01:30' },
        { start: '08:00', end: '13:00' },
        { start: '13:00', end: '17:00' },
      ],
      holidaySource: 'weekendsOnly',
      overrides: [{ date: '2026-09-06', kind: 'workday' }],
      countingRule: 'fromNextWorkingDay',
    },
    ['2026-04-05', '2026-09-06'],
  ],
];

describe.each(calendars)('working-time laws: %s', (_name, config, specialDays) => {
  const cal = createWorkingCalendar(config);
  const instant = instantsAround(specialDays);

  /** The wall clock's local date and minute, straight from Intl: an oracle independent of the calendar. */
  const clock = new Intl.DateTimeFormat('en-CA', {
    timeZone: config.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const workingByWallClock = (t: number): boolean => {
    const parts = Object.fromEntries(clock.formatToParts(t).map((p) => [p.type, p.value]));
    const minute = minutes(`${parts.hour}:${parts.minute}`);
    return (
      cal.isWorkingDay(`${parts.year}-${parts.month}-${parts.day}`) &&
      config.workingHours.some((p) => minute >= minutes(p.start) && minute < minutes(p.end))
    );
  };

  it('agrees with the wall clock on which moments are working', () => {
    fc.assert(fc.property(instant, (t) => cal.isWorkingMoment(t) === workingByWallClock(t)), RUNS);
  });

  it('adds in steps: advance(advance(t, a), b) = advance(t, a + b)', () => {
    fc.assert(
      fc.property(instant, amount, amount, (t, a, b) => {
        expect(cal.advance(cal.advance(t, a, 'working'), b, 'working')).toBe(cal.advance(t, a + b, 'working'));
      }),
      RUNS,
    );
  });

  it('never ends on a non-working moment: a result is in (start, end] of a working period', () => {
    fc.assert(
      fc.property(instant, positive, (t, a) => {
        const end = cal.advance(t, a, 'working');
        // Whole milliseconds: end lies in (start, end] of a period exactly when end − 1 lies in [start, end).
        expect(cal.isWorkingMoment(end - 1)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(instant, instant, amount, amount, (t1, t2, a1, a2) => {
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const [less, more] = a1 <= a2 ? [a1, a2] : [a2, a1];
        expect(cal.advance(early, less, 'working')).toBeLessThanOrEqual(cal.advance(late, less, 'working'));
        expect(cal.advance(early, less, 'working')).toBeLessThanOrEqual(cal.advance(early, more, 'working'));
      }),
      RUNS,
    );
  });

  it('measures back what it added: between(t, advance(t, a)) = a, forwards and backwards', () => {
    fc.assert(
      fc.property(instant, amount, (t, a) => {
        expect(cal.between(t, cal.advance(t, a, 'working'), 'working')).toBe(a);
        const back = cal.advance(t, -a, 'working');
        expect(cal.between(back, t, 'working')).toBe(a);
        if (a > 0) expect(cal.isWorkingMoment(back)).toBe(true);
      }),
      RUNS,
    );
  });

  it('splits and reverses intervals: between(a, b) + between(b, c) = between(a, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(cal.between(a, b, 'working') + cal.between(b, c, 'working')).toBe(cal.between(a, c, 'working'));
        // Reversed, the same amount negated; and never -0, which fast-check once found for a == c.
        const back = cal.between(c, a, 'working');
        expect(back + cal.between(a, c, 'working')).toBe(0);
        expect(Object.is(back, -0)).toBe(false);
      }),
      RUNS,
    );
  });

  it('finds the next working moment without skipping working time', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const next = cal.nextWorkingMoment(t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(cal.isWorkingMoment(next)).toBe(true);
        expect(cal.between(t, next, 'working')).toBe(0);
      }),
      RUNS,
    );
  });

  it('never sets a deadline before the start', () => {
    fc.assert(
      fc.property(instant, limit, (start, l) => {
        const due = cal.dueAt(start, l);
        expect(due).toBeGreaterThanOrEqual(start);
        if (l.unit === 'workingDays' && config.countingRule === 'fromNextWorkingDay' && Number.isInteger(l.amount)) {
          // The close of a working day: the moment before is working, the moment itself is not.
          expect(cal.isWorkingMoment(due - 1) && !cal.isWorkingMoment(due)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
