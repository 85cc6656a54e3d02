/**
 * The counters every appraisal metric is computed from, kept per unit and per local month.
 *
 * They are additive on purpose: a store can hold one row per (unit, month) and ADD each event's deltas
 * to it, and the batch appraisal sums exactly the same deltas, so each metric has one definition.
 *
 * Two kinds of counter:
 * - flows count what happened in a month; a period's value is the sum over its months;
 * - stocks are kept as changes (+1 when a case joins, −1 when it leaves); a period's value is the state
 *   at its end, i.e. the sum of every change in its months and all months before.
 */
import type { Period } from './period.js';

export const FLOW_COUNTS = [
  /** Dispatches received as lead (工单量), by dispatch time. Informational. */
  'dispatched',
  /** 及时签收率 denominator: dispatches reckoned for acceptance (accepted on time, or their deadline passed). */
  'acceptDue',
  /** 及时签收率 numerator: accepted at or before the acceptance deadline. */
  'acceptOnTime',
  /** 回退率 denominator: dispatches the unit answered, by 签收 or by 退单. */
  'answered',
  /** 回退率 numerator: dispatches answered by 退单. */
  'returned',
  /** 应结案数: cases whose handling deadline passed while with the unit, or that were closed, in the month. */
  'due',
  /** 缓办数: of those, cases still suspended (挂起/缓办) at the month's end. */
  'deferred',
  /** 结案数: of those, cases closed in the month on a result the unit reported. */
  'completed',
  /** 按期结案数: of those, cases whose accepted result was reported by the deadline in force. */
  'completedOnTime',
  /** 返工率 numerator: cases due whose handling needed a rework (返工/重办). */
  'reworkedDue',
  /** 延期率 numerator: cases due that had an approved extension (延期). */
  'extendedDue',
  /** 返工数: rework orders, each counted (金华 deducts per rework). */
  'reworks',
  /** Approved extensions, each counted. */
  'extensions',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  /** Callbacks nobody answered: reported, never part of 满意率. */
  'noAnswer',
] as const;

export const STOCK_COUNTS = [
  /** 待处置: cases with the unit for handling (not suspended, not awaiting the centre). */
  'openPending',
  /** 超期待处置: of those, past their handling deadline. */
  'overdueOpen',
] as const;

export type FlowCount = (typeof FLOW_COUNTS)[number];
export type StockCount = (typeof STOCK_COUNTS)[number];
export type CountKey = FlowCount | StockCount;
export const COUNT_KEYS: readonly CountKey[] = [...FLOW_COUNTS, ...STOCK_COUNTS];

export type UnitCounts = Record<CountKey, number>;

/** What one event adds to one unit's counters of one month; absent keys add nothing. */
export interface CountDelta {
  unitId: string;
  /** Local month `YYYY-MM` in the city's time zone. */
  month: string;
  counts: Partial<UnitCounts>;
}

const ZERO = Object.freeze(Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as UnitCounts);

export const emptyCounts = (): UnitCounts => ({ ...ZERO });

const isStock = new Set<CountKey>(STOCK_COUNTS);

/**
 * Sums deltas into the counts of a period: flows from its own months, stocks from every month up to its
 * end. Units whose counts are all zero are left out.
 */
export const sumCounts = (deltas: Iterable<CountDelta>, period: Pick<Period, 'months'>): Map<string, UnitCounts> => {
  const months = new Set(period.months);
  const last = period.months[period.months.length - 1];
  const byUnit = new Map<string, UnitCounts>();
  if (last === undefined) return byUnit;
  for (const delta of deltas) {
    const inPeriod = months.has(delta.month);
    const upToEnd = delta.month <= last;
    if (!upToEnd) continue;
    let counts = byUnit.get(delta.unitId);
    // A league table sums every total of every month since the city began: a plain loop, no entry arrays.
    for (const key in delta.counts) {
      const value = delta.counts[key as CountKey];
      if (value === undefined || value === 0 || (!inPeriod && !isStock.has(key as CountKey))) continue;
      counts ??= emptyCounts();
      counts[key as CountKey] += value;
    }
    if (counts) byUnit.set(delta.unitId, counts);
  }
  for (const [unitId, counts] of byUnit) {
    if (COUNT_KEYS.every((key) => counts[key] === 0)) byUnit.delete(unitId);
  }
  return byUnit;
};
