/**
 * The appraisal metrics (`METRICS` in the city schema), each defined once, from a unit's counts for a period.
 *
 * Sources are the sections of domain/REFERENCE.md §4 "考核 (appraisal) metrics" (numbers in brackets are
 * its source list). Where the sources give a name but no formula, the formula below is this project's
 * choice and says so.
 *
 * A rate whose denominator is empty is `null` ("not assessed", 不参与考核), never 0 or 1: a unit that had
 * no callbacks answered was neither satisfying nor unsatisfying. How scoring treats it is in scoring.ts.
 */
import type { Metric } from '../city/schema.js';
import type { UnitCounts } from './counts.js';

export const RATE_METRICS = [
  'onTimeAcceptanceRate',
  'completionRate',
  'onTimeCompletionRate',
  'satisfactionRate',
  'returnRate',
  'reworkRate',
  'extensionRate',
  'overdueOpenRate',
] as const satisfies readonly Metric[];
export const COUNT_METRICS = ['overdueCount', 'reworkCount'] as const satisfies readonly Metric[];

export type RateMetric = (typeof RATE_METRICS)[number];
export type CountMetric = (typeof COUNT_METRICS)[number];

/** Rates where less is better: score them weighted with `invert`, as 金牛区 does with (1 − 返工率) × 20. */
export const LOWER_IS_BETTER: ReadonlySet<Metric> = new Set<Metric>(['returnRate', 'reworkRate', 'extensionRate', 'overdueOpenRate', 'overdueCount', 'reworkCount']);

export const isRateMetric = (metric: Metric): metric is RateMetric => (RATE_METRICS as readonly Metric[]).includes(metric);

export type UnitMetrics = Record<RateMetric, number | null> & Record<CountMetric, number>;

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export const metricsFromCounts = (c: UnitCounts): UnitMetrics => ({
  /**
   * 及时签收率 (连云港 threshold-scores it [35]; 榆林 及时接收率 [34]) = dispatches accepted at or before
   * their acceptance deadline / dispatches reckoned in the period. A dispatch is reckoned when accepted on
   * time, or when its deadline passes unanswered or answered late — so a unit that sits on an order
   * without 签收 or 退单 is late from its deadline on (REFERENCE §2.3: time-stamp dispatch, not just 签收).
   * A 退单 before the deadline takes the dispatch out; 回退率 judges it.
   */
  onTimeAcceptanceRate: ratio(c.acceptOnTime, c.acceptDue),
  /**
   * 结案率 / 处置率 (金华 结案率 20 pts at ≥ 90% [37]; 金牛区 处置率 × 30 [38]) = 结案数 / (应结案数 − 缓办数).
   * The sources name it without a formula; the denominator is the one 金华 uses for 按期结案率, because a
   * suspended case is not expected to close.
   */
  completionRate: ratio(c.completed, c.due - c.deferred),
  /**
   * 按期结案率 (金华 [37]) = 按期结案数 / (应结案数 − 缓办数).
   * 应结案数: cases whose handling deadline passed while with the unit, or that were closed on its result,
   * in the period (counted once per month). 缓办数: those still suspended at the month's end. 按期: the
   * result that closed the case was reported by the deadline in force — verification and callback are
   * the centre's steps, not the unit's.
   */
  onTimeCompletionRate: ratio(c.completedOnTime, c.due - c.deferred),
  /**
   * 满意率 (北京 三率 [20], 榆林 满意度 [34], 连云港 [35]) = (满意 + 基本满意) / answered callbacks.
   * 未接通 (noAnswer) is neither satisfied nor unsatisfied: it is left out of both and reported as a count.
   */
  satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.satisfied + c.basicallySatisfied + c.unsatisfied),
  /**
   * 回退率 (榆林 [34]) = 退单 / dispatches answered. A dispatch counts as received when the unit answers it
   * (签收 or 退单), so a return and its dispatch fall in the same period and the rate stays within [0, 1];
   * orders never answered are judged by 及时签收率 instead.
   */
  returnRate: ratio(c.returned, c.answered),
  /**
   * 返工率 (金牛区: 返工率 = 返工数 / 应结案数 [38]; 榆林 重办率 [34]) = cases due that needed a rework /
   * 应结案数. Counting cases rather than orders keeps it a share; the orders are reworkCount.
   */
  reworkRate: ratio(c.reworkedDue, c.due),
  /** 延期率 (金牛区 (1 − 延期率) × 10 [38]) = cases due with an approved 延期 / 应结案数; formula is ours. */
  extensionRate: ratio(c.extendedDue, c.due),
  /**
   * 超期待处置率 (金牛区 (1 − 超期待处置率) × 20 [38]) = cases with the unit past their handling deadline at
   * the period's end / cases with the unit at the period's end. Suspended cases and cases waiting on the
   * centre are with nobody's clock running, so neither side counts them; formula is ours.
   */
  overdueOpenRate: ratio(c.overdueOpen, c.openPending),
  /** 超期件数: the numerator above, for per-case deductions. */
  overdueCount: c.overdueOpen,
  /** 返工数 (金华 −0.2 per 返工 [37]): rework orders in the period, from verification (核查) or callback (回访). */
  reworkCount: c.reworks,
});
