/**
 * Wall-clock time in an IANA time zone, answered by the runtime's own tz database through Intl.
 *
 * Intl is slow (microseconds a call), so the calendar asks it only when it first meets a local day and
 * caches the day (see `local-days.ts`); nothing here is on the hot path.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from './local-date.js';

export interface ZoneClock {
  readonly timeZone: string;
  /** Local wall-clock time minus UTC at instant `t`, in ms (+8 h in Shanghai). */
  offsetAt(t: number): number;
  /** The local day number of instant `t`. */
  localDayOf(t: number): number;
  /**
   * The instants at which the wall clock of local day `day` shows each of `minutes` (minutes after local
   * midnight; 1440 is the next midnight). A time that a clock change skips maps to the instant it would
   * have had under the offset before the change (02:30 on a spring-forward night becomes 03:30); a time
   * that happens twice maps to its first occurrence. This is what Temporal calls "compatible".
   */
  instantsOf(day: number, minutes: readonly number[]): number[];
}

// No zone is further than 14 h ahead of or 12 h behind UTC, so the wall time W happens in [W − 14 h, W + 12 h].
const MAX_AHEAD = 14 * HOUR_MS;
const MAX_BEHIND = 12 * HOUR_MS;

export function createZoneClock(timeZone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`"${timeZone}" is not an IANA time zone this runtime knows (e.g. Asia/Shanghai)`);
  }

  const offsetAt = (t: number): number => {
    const fields: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
    for (const part of format.formatToParts(t)) fields[part.type] = Number(part.value);
    const wall = Date.UTC(
      fields.year ?? NaN,
      (fields.month ?? NaN) - 1,
      fields.day ?? NaN,
      fields.hour ?? NaN,
      fields.minute ?? NaN,
      fields.second ?? NaN,
    );
    // The formatted wall time has whole seconds, so compare it with the instant's whole second.
    return wall - (t - (((t % 1000) + 1000) % 1000));
  };

  /** The instant of wall time `wall` (a local date-time written as if it were UTC). */
  const instantOfWall = (wall: number): number => {
    const before = offsetAt(wall - MAX_AHEAD);
    const after = offsetAt(wall + MAX_BEHIND);
    if (before === after) return wall - before;
    const early = wall - before;
    const late = wall - after;
    const earlyValid = offsetAt(early) === before;
    const lateValid = offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return wall - before;
  };

  return {
    timeZone,
    offsetAt,
    localDayOf: (t) => Math.floor((t + offsetAt(t)) / DAY_MS),
    instantsOf(day, minutes) {
      const midnight = day * DAY_MS;
      // One offset for the whole day unless a clock change falls anywhere the day's instants could lie:
      // two Intl calls decide it for almost every day of every zone. (Two changes cancelling out within
      // these ~50 hours would go unseen, a risk taken for speed.)
      const offset = offsetAt(midnight - MAX_AHEAD);
      if (offsetAt(midnight + DAY_MS + MAX_BEHIND) === offset) {
        return minutes.map((minute) => midnight + minute * MINUTE_MS - offset);
      }
      return minutes.map((minute) => instantOfWall(midnight + minute * MINUTE_MS));
    },
  };
}
