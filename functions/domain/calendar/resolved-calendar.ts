/**
 * The working calendar of a city from its settings and its resolved holidays: the one rule every deadline,
 * reminder and appraisal runs on.
 *
 * Instants are epoch ms; local days, holidays and working hours are read in the city's IANA time zone.
 * Boundaries: working periods are half-open [start, end) for `isWorkingMoment`, but a deadline that uses up
 * its working time exactly at the end of a period is that end (see `working-time.ts`). Zero working time
 * added to an instant leaves it where it is, even on a day off.
 *
 * The holidays come resolved (`day-kinds.ts`): from the holiday source in `createWorkingCalendar`
 * (`working-calendar.ts`), from the runtime city file in a Lambda function, which so never loads the source.
 */
import type { Duration, WorkingCalendar } from '../city/schema.js';
import { dayKindsOf, type ResolvedHolidays } from './day-kinds.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, dayNumberOf, minutesOfClock } from './local-date.js';
import { createDayTable } from './local-days.js';
import { createZoneClock } from './time-zone.js';
import { timeKindOf, type TimeKind, type WorkingCalendarRules } from './types.js';
import {
  addWorking,
  isWorkingAt,
  nextWorkingAt,
  nthWorkingDayAfter,
  subtractWorking,
  workingBetween,
} from './working-time.js';

/** What the arithmetic needs besides the holidays. */
export type CalendarSettings = Pick<WorkingCalendar, 'timeZone' | 'workingHours' | 'countingRule'>;

/** Units of a fixed length; a working day's length depends on the city's working hours. */
const UNIT_MS: Record<Exclude<Duration['unit'], 'workingDays'>, number> = {
  workingHours: HOUR_MS,
  naturalMinutes: MINUTE_MS,
  naturalHours: HOUR_MS,
  // A natural day is 24 hours, also across a clock change: limits in natural time are durations.
  naturalDays: DAY_MS,
};

export function createResolvedCalendar(config: CalendarSettings, holidays: Pick<ResolvedHolidays, 'daysOff' | 'workdays'>): WorkingCalendarRules {
  const periodMinutes = checkedPeriods(config.workingHours);
  const isWorkingDayNumber = dayKindsOf(holidays);
  const days = createDayTable(createZoneClock(config.timeZone), isWorkingDayNumber, periodMinutes);
  let workingDayMs = 0;
  for (let i = 0; i < periodMinutes.length; i += 2) workingDayMs += (periodMinutes[i + 1]! - periodMinutes[i]!) * MINUTE_MS;

  const limitMs = (limit: Duration): number => {
    if (!(limit.amount >= 0 && Number.isFinite(limit.amount))) {
      throw new RangeError(`a time limit must be a finite amount of at least zero, not ${limit.amount}`);
    }
    // Configurations reach here parsed, but a caller passing raw data should get an error, not NaN.
    const unitMs = limit.unit === 'workingDays' ? workingDayMs : (UNIT_MS[limit.unit] as number | undefined);
    if (unitMs === undefined) throw new RangeError(`unknown time limit unit "${String(limit.unit)}"`);
    // Whole milliseconds keep working-time sums exact (fractional amounts such as 0.1 day would not be).
    return Math.round(limit.amount * unitMs);
  };

  const advance = (t: number, amountMs: number, kind: TimeKind): number => {
    checkInstant(t);
    if (!Number.isFinite(amountMs)) throw new RangeError(`${amountMs} is not an amount of time (ms)`);
    if (kind === 'natural' || amountMs === 0) return t + amountMs;
    return amountMs > 0 ? addWorking(days, t, amountMs) : subtractWorking(days, t, -amountMs);
  };

  return {
    timeZone: config.timeZone,
    workingDayMs,
    isWorkingDay: (localDate) => isWorkingDayNumber(dayNumberOf(localDate)),
    isWorkingMoment: (t) => isWorkingAt(days, t),
    nextWorkingMoment: (t) => nextWorkingAt(days, t),
    advance,
    between(a, b, kind) {
      checkInstant(a);
      checkInstant(b);
      if (kind === 'natural') return b - a;
      // 0 - x, not -x: an interval back over no working time is 0, never -0, which Object.is (and so a
      // test's toBe) tells apart from 0.
      return b >= a ? workingBetween(days, a, b) : 0 - workingBetween(days, b, a);
    },
    limitMs,
    dueAt(start, limit) {
      const amountMs = limitMs(limit);
      if (limit.unit !== 'workingDays' || config.countingRule === 'fromReceipt' || amountMs === 0) {
        return advance(start, amountMs, timeKindOf(limit.unit));
      }
      // 自受理之次日起: whole days are counted on the calendar (so a short clock-change day still counts
      // as one), then any fraction of a day runs on from the close of the last whole one.
      checkInstant(start);
      const receiptDay = days.dayAt(start).n;
      const whole = Math.floor(limit.amount);
      const restMs = amountMs - Math.round(whole * workingDayMs);
      if (whole === 0) {
        const firstDay = nthWorkingDayAfter(days, receiptDay, 1);
        return addWorking(days, firstDay.start, restMs);
      }
      const closing = nthWorkingDayAfter(days, receiptDay, whole);
      const close = closing.periods[closing.periods.length - 1]!;
      return restMs > 0 ? addWorking(days, close, restMs) : close;
    },
  };
}

function checkInstant(t: number): void {
  if (!Number.isFinite(t)) throw new RangeError(`${t} is not an instant (epoch milliseconds)`);
}

/** Working periods as flat minutes [start₀, end₀, …]; the city validation reports these problems with paths. */
function checkedPeriods(periods: WorkingCalendar['workingHours']): number[] {
  if (periods.length === 0) throw new RangeError('a working calendar needs at least one working period');
  const minutes: number[] = [];
  let lastEnd = 0;
  for (const period of periods) {
    const start = minutesOfClock(period.start);
    const end = minutesOfClock(period.end);
    if (end <= start) throw new RangeError(`the working period ${period.start}–${period.end} must end after it starts`);
    if (start < lastEnd) throw new RangeError(`the working period ${period.start}–${period.end} overlaps or precedes the one before`);
    minutes.push(start, end);
    lastEnd = end;
  }
  return minutes;
}
