/**
 * Appraisal periods: calendar months, quarters and years of the city's own time zone.
 *
 * Offices publish results by local calendar month (榆林 and 连云港 appraise monthly, Kaifeng publishes
 * monthly results; REFERENCE.md §4 [5][34][35]), so a case closed at 00:30 on 1 April in Kaifeng belongs to
 * April even though it is still 31 March in UTC. Months are the atomic unit: every counter is kept per
 * month, and a quarter or a year is the sum of its months, so a quarterly figure always agrees with the
 * monthly reports already published.
 */

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  /** `2026-03`, `2026-Q1` or `2026`. */
  label: string;
  /** The IANA zone the calendar is read in, e.g. Asia/Shanghai. */
  timeZone: string;
  /** The first instant of the period (local midnight of its first day), ISO 8601 in UTC. */
  start: string;
  /** The first instant after the period; the period is [start, end). */
  end: string;
  /** Its month keys (`YYYY-MM`) in order: the buckets counters are kept in. */
  months: readonly string[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`unknown time zone "${timeZone}": use an IANA name such as Asia/Shanghai`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallClock = (instant: number, timeZone: string): WallClock => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const pick = (name: string): number => fields[name] ?? 0;
  return { year: pick('year'), month: pick('month'), day: pick('day'), hour: pick('hour'), minute: pick('minute'), second: pick('second') };
};

/** Milliseconds the zone is ahead of UTC at an instant (whole seconds; no zone uses less). */
const offsetAt = (instant: number, timeZone: string): number => {
  const wall = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instant / 1000) * 1000;
};

/** The instant of local midnight starting a day; a second pass settles zones whose offset changes near it. */
const localMidnight = (year: number, month: number, day: number, timeZone: string): number => {
  const wallAsUtc = Date.UTC(year, month - 1, day);
  const guess = wallAsUtc - offsetAt(wallAsUtc, timeZone);
  return wallAsUtc - offsetAt(guess, timeZone);
};

export const toInstant = (at: string | number): number => {
  const instant = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(instant)) throw new RangeError(`"${String(at)}" is not an ISO 8601 instant`);
  return instant;
};

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface MonthSpan {
  start: number;
  end: number;
  key: string;
}

/** Months already worked out per zone: appraisal asks for the same few months millions of times. */
const spans = new Map<string, MonthSpan[]>();
const MAX_SPANS = 600;

/** The local calendar month (`YYYY-MM`) an instant falls in. Keys sort chronologically as strings. */
export const monthKeyOf = (at: string | number, timeZone: string): string => {
  const instant = toInstant(at);
  let known = spans.get(timeZone);
  const hit = known?.find((span) => instant >= span.start && instant < span.end);
  if (hit) return hit.key;
  const wall = wallClock(instant, timeZone);
  const key = `${pad(wall.year, 4)}-${pad(wall.month)}`;
  const start = localMidnight(wall.year, wall.month, 1, timeZone);
  const end = wall.month === 12 ? localMidnight(wall.year + 1, 1, 1, timeZone) : localMidnight(wall.year, wall.month + 1, 1, timeZone);
  if (!known) {
    known = [];
    spans.set(timeZone, known);
  }
  // Only a span that provably holds the instant is remembered, whatever a zone's history of offsets.
  if (instant >= start && instant < end) {
    if (known.length >= MAX_SPANS) known.shift();
    known.push({ start, end, key });
  }
  return key;
};

const checkYear = (year: number): void => {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`year ${year} is out of range (1970–9999)`);
};

/** Whole local months from `firstMonth` (1–12) of `year`, `count` of them. */
const monthsPeriod = (kind: PeriodKind, label: string, year: number, firstMonth: number, count: number, timeZone: string): Period => {
  checkYear(year);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = firstMonth - 1 + i;
    months.push(`${pad(year + Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`);
  }
  const afterIndex = firstMonth - 1 + count;
  const start = localMidnight(year, firstMonth, 1, timeZone);
  const end = localMidnight(year + Math.floor(afterIndex / 12), (afterIndex % 12) + 1, 1, timeZone);
  return { kind, label, timeZone, start: new Date(start).toISOString(), end: new Date(end).toISOString(), months };
};

export const monthPeriod = (year: number, month: number, timeZone: string): Period => {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} must be 1–12`);
  return monthsPeriod('month', `${pad(year, 4)}-${pad(month)}`, year, month, 1, timeZone);
};

export const quarterPeriod = (year: number, quarter: number, timeZone: string): Period => {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter ${quarter} must be 1–4`);
  return monthsPeriod('quarter', `${pad(year, 4)}-Q${quarter}`, year, (quarter - 1) * 3 + 1, 3, timeZone);
};

export const yearPeriod = (year: number, timeZone: string): Period => monthsPeriod('year', pad(year, 4), year, 1, 12, timeZone);

/** The month, quarter or year of the city's calendar that contains an instant (e.g. "this month"). */
export const periodContaining = (kind: PeriodKind, at: string | number, timeZone: string): Period => {
  const [yearText, monthText] = monthKeyOf(at, timeZone).split('-');
  const year = Number(yearText);
  const month = Number(monthText);
  if (kind === 'month') return monthPeriod(year, month, timeZone);
  if (kind === 'quarter') return quarterPeriod(year, Math.ceil(month / 3), timeZone);
  return yearPeriod(year, timeZone);
};

/** Whether an instant lies in [start, end). */
export const isWithin = (period: Period, at: string | number): boolean => {
  const instant = toInstant(at);
  return instant >= Date.parse(period.start) && instant < Date.parse(period.end);
};
