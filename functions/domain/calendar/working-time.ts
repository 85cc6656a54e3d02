/**
 * Arithmetic on working time, walking the per-day table: whole days are skipped by their working length,
 * and only the first and the last day are looked at period by period.
 *
 * Boundary convention: working periods are half-open, [start, end): the instant a period starts is working,
 * the instant it ends is not. Adding working time forwards ends as soon as the time is used up, so a result
 * may be exactly the end of a period (a limit of one working day from 08:30 ends at 18:00, not at the next
 * morning's 08:30): forward results lie in (start, end] of a period. Going backwards mirrors it: results lie
 * in [start, end) of a period, so they are always working moments.
 */
import type { DayTable, LocalDay } from './local-days.js';

export function isWorkingAt(days: DayTable, t: number): boolean {
  const p = days.dayAt(t).periods;
  for (let i = 0; i < p.length; i += 2) {
    if (t >= p[i]! && t < p[i + 1]!) return true;
  }
  return false;
}

export function nextWorkingAt(days: DayTable, t: number): number {
  let day = days.dayAt(t);
  const p = day.periods;
  for (let i = 0; i < p.length; i += 2) {
    if (p[i + 1]! > t) return Math.max(p[i]!, t);
  }
  do day = days.day(day.n + 1);
  while (day.periods.length === 0);
  return day.periods[0]!;
}

/** `t` plus `amountMs` (> 0) of working time. */
export function addWorking(days: DayTable, t: number, amountMs: number): number {
  let day = days.dayAt(t);
  let left = amountMs;
  let p = day.periods;
  for (let i = 0; i < p.length; i += 2) {
    const end = p[i + 1]!;
    if (end <= t) continue;
    const from = Math.max(p[i]!, t);
    if (left <= end - from) return from + left;
    left -= end - from;
  }
  for (;;) {
    day = days.day(day.n + 1);
    if (left > day.workMs) {
      left -= day.workMs;
      continue;
    }
    p = day.periods;
    for (let i = 0; i < p.length; i += 2) {
      const start = p[i]!;
      const length = p[i + 1]! - start;
      // The last period takes what is left even if rounding in fractional amounts left a hair more.
      if (left <= length || i + 2 === p.length) return start + Math.min(left, length);
      left -= length;
    }
  }
}

/** `t` minus `amountMs` (> 0) of working time. */
export function subtractWorking(days: DayTable, t: number, amountMs: number): number {
  let day = days.dayAt(t);
  let left = amountMs;
  let p = day.periods;
  for (let i = p.length - 2; i >= 0; i -= 2) {
    const start = p[i]!;
    if (start >= t) continue;
    const to = Math.min(p[i + 1]!, t);
    if (left <= to - start) return to - left;
    left -= to - start;
  }
  for (;;) {
    day = days.day(day.n - 1);
    if (left > day.workMs) {
      left -= day.workMs;
      continue;
    }
    p = day.periods;
    for (let i = p.length - 2; i >= 0; i -= 2) {
      const end = p[i + 1]!;
      const length = end - p[i]!;
      if (left <= length || i === 0) return end - Math.min(left, length);
      left -= length;
    }
  }
}

/** Working time in [a, b), for a ≤ b. */
export function workingBetween(days: DayTable, a: number, b: number): number {
  let day = days.dayAt(a);
  let total = 0;
  for (;;) {
    if (a <= day.start && day.end <= b) total += day.workMs;
    else total += overlap(day, a, b);
    if (day.end >= b) return total;
    day = days.day(day.n + 1);
  }
}

function overlap(day: LocalDay, a: number, b: number): number {
  const p = day.periods;
  let total = 0;
  for (let i = 0; i < p.length; i += 2) {
    const from = Math.max(p[i]!, a);
    const to = Math.min(p[i + 1]!, b);
    if (to > from) total += to - from;
  }
  return total;
}

/** The working day `count` (≥ 1) working days after local day `n`. */
export function nthWorkingDayAfter(days: DayTable, n: number, count: number): LocalDay {
  let day = days.day(n);
  for (let seen = 0; seen < count; ) {
    day = days.day(day.n + 1);
    if (day.periods.length > 0) seen++;
  }
  return day;
}
