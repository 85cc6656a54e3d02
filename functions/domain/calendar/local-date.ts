/**
 * Local calendar dates as day numbers (days since 1970-01-01 of the date itself, not of an instant).
 *
 * Every per-day table in the calendar is keyed by this number: it is a small integer, so map lookups stay
 * fast, and date arithmetic (the next day, the weekday) is plain integer arithmetic with no time zone in it.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a YYYY-MM-DD date; throws on malformed or impossible dates (2026-02-30). */
export function dayNumberOf(isoDate: string): number {
  const match = DATE_PATTERN.exec(isoDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    // Date rolls 2026-02-30 over into March; a date that does not exist is a typo, not a day.
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
      return Math.round(date.getTime() / DAY_MS);
    }
  }
  throw new RangeError(`"${isoDate}" is not a calendar date (YYYY-MM-DD)`);
}

export const isoDateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export const isWeekend = (day: number): boolean => {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
};

/**
 * The dates the calendar answers for. Bounding them keeps the lazy per-day caches finite whatever a caller
 * passes (a NaN, a timestamp in seconds taken for milliseconds) and turns such bugs into clear errors.
 */
export const FIRST_DAY = dayNumberOf('1900-01-01');
export const END_DAY = dayNumberOf('2200-01-01');

/** Minutes after local midnight of an HH:MM clock time. */
export function minutesOfClock(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`"${clock}" is not a clock time (HH:MM)`);
  return hours * 60 + minutes;
}
