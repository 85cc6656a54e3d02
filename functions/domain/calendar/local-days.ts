/**
 * The calendar's per-day table: for each local day, the instants it starts and ends and the instants of its
 * working periods, built the first time a day is asked for and kept in a map keyed by day number.
 *
 * Every question the calendar answers walks this table a day at a time, so time-zone work (Intl) and
 * holiday lookups happen once per day per process, never per question.
 */
import { DAY_MS, END_DAY, FIRST_DAY, isoDateOf } from './local-date.js';
import type { IsWorkingDay } from './day-kinds.js';
import type { ZoneClock } from './time-zone.js';

export interface LocalDay {
  /** The day number of the local date. */
  readonly n: number;
  /** The first instant of the local date. */
  readonly start: number;
  /** The first instant of the next local date (its `start`). */
  readonly end: number;
  /** Working periods as instants, flat: [start₀, end₀, start₁, end₁, …]; empty on a day off. */
  readonly periods: readonly number[];
  /** The working time of the day, in ms: the sum of its periods (shorter or longer on a clock-change day). */
  readonly workMs: number;
}

export interface DayTable {
  day(n: number): LocalDay;
  /** The local day that instant `t` falls in. */
  dayAt(t: number): LocalDay;
}

/**
 * @param periodMinutes the working periods of a working day as minutes after local midnight, flat
 *   [start₀, end₀, …], in order and not overlapping.
 */
export function createDayTable(zone: ZoneClock, isWorkingDay: IsWorkingDay, periodMinutes: readonly number[]): DayTable {
  const days = new Map<number, LocalDay>();
  const wallMinutes = [0, ...periodMinutes, 24 * 60];
  // The offset at the last local midnight met: the first guess of an instant's local day is then almost
  // always right, which saves a lookup on the hot path.
  let offsetGuess = 0;

  const build = (n: number): LocalDay => {
    if (!(n >= FIRST_DAY && n < END_DAY)) {
      const date = Math.abs(n) < 1e8 ? isoDateOf(n) : `day ${n}`;
      throw new RangeError(`the working calendar covers 1900-01-01 to 2199-12-31, not ${date}`);
    }
    const at = zone.instantsOf(n, wallMinutes);
    const start = at[0]!;
    const end = at[at.length - 1]!;
    const periods: number[] = [];
    let workMs = 0;
    if (isWorkingDay(n)) {
      for (let i = 1; i < at.length - 1; i += 2) {
        // A clock change can swallow a period or fold it onto the one before; it then shrinks instead of
        // running backwards, and touching periods merge so no instant is both an end and a start.
        const last = periods.length > 0 ? periods[periods.length - 1]! : start;
        const s = Math.max(at[i]!, last);
        const e = Math.min(at[i + 1]!, end);
        if (e <= s) continue;
        if (periods.length > 0 && s === last) periods[periods.length - 1] = e;
        else periods.push(s, e);
        workMs += e - s;
      }
    }
    return { n, start, end, periods, workMs };
  };

  const day = (n: number): LocalDay => {
    let found = days.get(n);
    if (found === undefined) {
      found = build(n);
      days.set(n, found);
    }
    return found;
  };

  return {
    day,
    dayAt(t) {
      if (!Number.isFinite(t)) throw new RangeError(`${t} is not an instant (epoch milliseconds)`);
      let found = day(Math.floor((t + offsetGuess) / DAY_MS));
      while (t < found.start) found = day(found.n - 1);
      while (t >= found.end) found = day(found.n + 1);
      offsetGuess = found.n * DAY_MS - found.start;
      return found;
    },
  };
}
