/**
 * Times as Open311 clients read and write them: ISO 8601 with an explicit offset. Answers carry the city's
 * own offset (`2026-12-02T18:00:00+08:00`), so a citizen's app shows the local time without a zone table.
 */
import { createZoneClock, type ZoneClock } from '../../domain/calendar/time-zone.js';

const clocks = new Map<string, ZoneClock>();

function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

const pad = (value: number): string => String(value).padStart(2, '0');

function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An instant (epoch ms or ISO) as `YYYY-MM-DDTHH:mm:ss±hh:mm` on the city's wall clock. */
export function isoInZone(instant: number | string, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const whole = ms - (((ms % 1000) + 1000) % 1000); // whole seconds: the offset is found per second
  const offset = zoneClock(timeZone).offsetAt(whole);
  return `${new Date(whole + offset).toISOString().slice(0, 19)}${offsetText(offset)}`;
}

/** The instant a wall-clock time (written as if UTC) names in the zone; for a skipped hour, the later reading. */
function instantOfWall(wall: number, timeZone: string): number {
  const clock = zoneClock(timeZone);
  const guess = wall - clock.offsetAt(wall);
  return wall - clock.offsetAt(guess);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface ParsedDate {
  /** Epoch ms; for a bare date, the local day's first instant. */
  at: number;
  /** For a bare date, the local day's last millisecond (an end date includes its whole day); else `at`. */
  until: number;
}

/**
 * A `start_date`/`end_date`. Accepts a W3C date-time with `Z` or an offset, one without (read on the
 * city's clock), or a bare date (the local day's first instant). A `+` of an offset that a client left
 * unencoded in the query arrives as a space and is read back as a `+`.
 */
export function parseDate(text: string, timeZone: string): ParsedDate | undefined {
  const repaired = text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const match = DATE_TIME.exec(repaired);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const fields = [year, month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number) as [number, number, number, number, number, number];
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
  const check = new Date(wall);
  // Date.UTC rolls 2026-02-30 over into March; a date that does not exist is refused instead.
  if (check.getUTCFullYear() !== fields[0] || check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return undefined;
  }
  if (hour === undefined && zone !== undefined) return undefined; // a zone means nothing without a time
  let at: number;
  if (zone === undefined) at = instantOfWall(wall, timeZone);
  else if (zone === 'Z') at = wall;
  else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (offsetMinutes > 18 * 60) return undefined;
    at = wall - sign * offsetMinutes * 60_000;
  }
  if (hour !== undefined) return { at, until: at };
  return { at, until: instantOfWall(wall + 24 * 3600_000, timeZone) - 1 };
}
