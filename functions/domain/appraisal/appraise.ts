/**
 * The whole appraisal of a period: counts → metrics → points → ranking and lists.
 *
 * `appraiseCounts` starts from counts, so a store that keeps monthly counters (summed with `sumCounts`)
 * and the batch path over event histories (`appraise`) give the same result.
 */
import type { CaseEvent } from '../case/events.js';
import type { Appraisal } from '../city/schema.js';
import { countsForPeriod } from './batch.js';
import { emptyCounts, type UnitCounts } from './counts.js';
import { metricsFromCounts, type UnitMetrics } from './metrics.js';
import type { Period } from './period.js';
import { rankUnits, type Standing } from './ranking.js';
import { scoreMetrics, type MetricScore } from './scoring.js';

export interface UnitAppraisal {
  unitId: string;
  counts: UnitCounts;
  metrics: UnitMetrics;
  items: MetricScore[];
  score: number | null;
  standing: Standing;
}

export interface AppraisalResult {
  preset?: string;
  period?: Period;
  /** Ranked units best first, then unranked units by id. */
  units: UnitAppraisal[];
  redList: string[];
  blackList: string[];
  unranked: string[];
}

export interface AppraiseOptions {
  /** Every unit under appraisal, so one without a single case is still listed (unranked). */
  unitIds?: Iterable<string>;
  period?: Period;
}

export const appraiseCounts = (countsByUnit: ReadonlyMap<string, UnitCounts>, config: Appraisal, options: AppraiseOptions = {}): AppraisalResult => {
  const all = new Map(countsByUnit);
  for (const unitId of options.unitIds ?? []) if (!all.has(unitId)) all.set(unitId, emptyCounts());

  const scored = [...all].map(([unitId, counts]) => {
    const metrics = metricsFromCounts(counts);
    return { unitId, counts, metrics, ...scoreMetrics(metrics, config) };
  });
  const ranking = rankUnits(
    scored.map(({ unitId, score, counts, metrics }) => ({ unitId, score, due: counts.due, onTimeCompletionRate: metrics.onTimeCompletionRate })),
    { redTop: config.redList.top, blackBottom: config.blackList.bottom, minCasesToRank: config.minCasesToRank },
  );
  const byId = new Map(scored.map((unit) => [unit.unitId, unit]));
  const units = [...ranking.order, ...ranking.unranked].flatMap((unitId): UnitAppraisal[] => {
    const unit = byId.get(unitId);
    const standing = ranking.standings.get(unitId);
    return unit && standing ? [{ ...unit, standing }] : [];
  });
  return {
    ...(config.preset === undefined ? {} : { preset: config.preset }),
    ...(options.period === undefined ? {} : { period: options.period }),
    units,
    redList: ranking.redList,
    blackList: ranking.blackList,
    unranked: ranking.unranked,
  };
};

/** Appraises a period straight from case histories (each array one case's events). */
export const appraise = (
  histories: Iterable<readonly CaseEvent[]>,
  period: Period,
  config: Appraisal,
  options: Omit<AppraiseOptions, 'period'> = {},
): AppraisalResult => appraiseCounts(countsForPeriod(histories, period), config, { ...options, period });
