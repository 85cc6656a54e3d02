/**
 * Points per metric from the city's `Appraisal` config, and the composite score of a unit.
 *
 * Not assessed (缺项折算): a rate with an empty denominator (no callbacks answered, no open cases...) is
 * scored at the unit's own score rate on the items that were assessed: points = max × (points earned on
 * assessed items / their maximum). That is how Chinese appraisal rules commonly treat an item a unit had
 * no business in (缺项按得分率折算). Full points would reward a unit for having nothing to show on exactly
 * the item it might have done badly on; zero would punish it for the citizen not picking up the phone.
 * Prorating keeps every unit on the same scale without either. A unit none of whose rates could be
 * assessed has no score and is not ranked. Counts are never empty, so per-count items always apply.
 */
import type { Appraisal, Metric, MetricScoring } from '../city/schema.js';
import { isRateMetric, type UnitMetrics } from './metrics.js';

export class AppraisalConfigError extends Error {
  override name = 'AppraisalConfigError';
}

/**
 * Pairings the schema accepts but that cannot be scored: counts take `perCount` only (their size is not
 * bounded, so a weight or a band over [0, 1] means nothing), rates never take `perCount`.
 */
export const appraisalProblems = (config: Appraisal): string[] => {
  const problems: string[] = [];
  const seen = new Set<Metric>();
  config.metrics.forEach(({ metric, scoring }, index) => {
    const where = `metrics[${index}] (${metric})`;
    if (seen.has(metric)) problems.push(`${where}: scored twice; give each metric one scoring`);
    seen.add(metric);
    if (isRateMetric(metric) && scoring.kind === 'perCount') problems.push(`${where}: a rate cannot be scored per count; use weighted, floor or bands`);
    if (!isRateMetric(metric) && scoring.kind !== 'perCount') problems.push(`${where}: a count can only be scored per count (e.g. −0.2 each)`);
  });
  return problems;
};

/** Keeps binary fractions (0.7 − 0.69 = 0.010000000000000009) from deciding a tie. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;

const sortedBands = (scoring: Extract<MetricScoring, { kind: 'bands' }>): { min: number; points: number }[] =>
  [...scoring.bands].sort((a, b) => b.min - a.min);

const rawPoints = (scoring: MetricScoring, value: number): number => {
  switch (scoring.kind) {
    case 'weighted':
      // 金牛区: 处置率 × 30, (1 − 返工率) × 20 [38].
      return scoring.weight * (scoring.invert ? 1 - value : value);
    case 'floor': {
      // 金华: 50 pts at ≥ 70%, −1 per percentage point below [37]; fractions of a point deduct pro rata.
      if (value >= scoring.floor) return scoring.full;
      const pointsBelow = round((scoring.floor - value) * 100);
      return Math.max(0, scoring.full - scoring.perPoint * pointsBelow);
    }
    case 'bands':
      // 连云港: below the lowest threshold, 0 points [35]. Bands are read from the highest `min` down
      // whatever order the config lists them in.
      return sortedBands(scoring).find((band) => value >= band.min)?.points ?? 0;
    case 'perCount':
      // 金华: −0.2 per 返工 [37].
      return scoring.points * value;
  }
};

/** The points one metric earns on a value that was assessed. */
export const pointsFor = (scoring: MetricScoring, value: number): number => round(rawPoints(scoring, value));

/** The most a metric can earn; `null` for per-count items, which have no ceiling to prorate against. */
export const maxPointsFor = (scoring: MetricScoring): number | null => {
  switch (scoring.kind) {
    case 'weighted':
      return scoring.weight;
    case 'floor':
      return scoring.full;
    case 'bands':
      return Math.max(0, ...scoring.bands.map((band) => band.points));
    case 'perCount':
      return null;
  }
};

export interface MetricScore {
  metric: Metric;
  value: number | null;
  points: number;
  max: number | null;
  /** True when the value was null and the points were prorated (缺项折算). */
  prorated: boolean;
}

export interface UnitScore {
  items: MetricScore[];
  /** The composite: the sum of the items' points; null when nothing could be assessed. */
  score: number | null;
}

/**
 * A league table scores every unit against one config: it is checked once per config object, not once per
 * unit (the check was most of an appraisal request's time). A city's config is not changed once loaded.
 */
const checked = new WeakMap<Appraisal, string[]>();

export const scoreMetrics = (metrics: UnitMetrics, config: Appraisal): UnitScore => {
  let problems = checked.get(config);
  if (!problems) checked.set(config, (problems = appraisalProblems(config)));
  if (problems.length > 0) throw new AppraisalConfigError(`the appraisal config cannot be scored: ${problems.join('; ')}`);

  // Points stay unrounded until the end: rounding each item first could lift a prorated item, or the
  // total, above its maximum.
  const raw = config.metrics.map(({ metric, scoring }) => {
    const value = metrics[metric];
    return { metric, value, max: maxPointsFor(scoring), points: value === null ? 0 : rawPoints(scoring, value), prorated: false };
  });

  const bounded = raw.filter((item) => item.max !== null);
  const assessed = bounded.filter((item) => item.value !== null);
  if (bounded.length > 0 && assessed.length === 0) return { items: raw.map((item) => ({ ...item, points: round(item.points) })), score: null };
  const earned = assessed.reduce((sum, item) => sum + item.points, 0);
  const possible = assessed.reduce((sum, item) => sum + (item.max ?? 0), 0);
  const scoreRate = possible > 0 ? Math.min(1, earned / possible) : 0;
  for (const item of raw) {
    if (item.value === null && item.max !== null) {
      item.points = item.max * scoreRate;
      item.prorated = true;
    }
  }
  const score = round(raw.reduce((sum, item) => sum + item.points, 0));
  return { items: raw.map((item) => ({ ...item, points: round(item.points) })), score };
};
