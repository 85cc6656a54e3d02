/** Instants in the city's time zone (not the browser's), and durations as people read them. */
import { fill, type Dictionary, type Lang } from './i18n/index.js';
import type { TimeLeft } from './types.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(iso: string | undefined, lang: Lang, timeZone: string): string {
  if (!iso) return '—';
  const key = `${lang}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(iso));
}

/** `2 d 3 h` style, largest two units; working days count as calendar days of 24 h here only for natural time. */
export function formatDuration(ms: number, t: Dictionary, workingDayMs?: number): string {
  const abs = Math.abs(ms);
  const dayMs = workingDayMs ?? 86_400_000;
  const days = Math.floor(abs / dayMs);
  const hours = Math.floor((abs % dayMs) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const parts: string[] = [];
  if (days > 0) parts.push(fill(t.time.days, { n: days }));
  if (hours > 0) parts.push(fill(t.time.hours, { n: hours }));
  if (days === 0 && (minutes > 0 || parts.length === 0)) parts.push(fill(t.time.minutes, { n: minutes }));
  return parts.slice(0, 2).join(' ');
}

/** Time left, or overdue by, with the kind of time named when it is working time. */
export function formatTimeLeft(left: TimeLeft | undefined, t: Dictionary): string {
  if (!left) return '—';
  // Working time is counted in hours (a working day is the city's, not 24 h): show hours and minutes.
  const text = formatDuration(left.ms, t, left.kind === 'working' ? Number.POSITIVE_INFINITY : undefined);
  const kind = left.kind === 'working' ? ` (${t.time.working})` : '';
  return left.ms < 0 ? fill(t.time.overdueBy, { d: text }) + kind : fill(t.time.left, { d: text }) + kind;
}

/** The current month (YYYY-MM) in the city's time zone. */
export function monthIn(timeZone: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')?.value ?? ''}-${parts.find((p) => p.type === 'month')?.value ?? ''}`;
}

export function previousMonths(month: string, count: number): string[] {
  const [year = 2000, monthNumber = 1] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (monthNumber - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
