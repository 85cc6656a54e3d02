/** Appraisal (考核): per-unit counts and metrics from case events, scoring, ranking, red and black lists. */
export { appraise, appraiseCounts, type AppraisalResult, type AppraiseOptions, type UnitAppraisal } from './appraise.js';
export { countsForPeriod, deltasOfCases, metricsForPeriod, type UnitFigures } from './batch.js';
export { COUNT_KEYS, emptyCounts, FLOW_COUNTS, STOCK_COUNTS, sumCounts, type CountDelta, type CountKey, type UnitCounts } from './counts.js';
export { countsFromEvent, countsOfCase, HistoryOrderError, type TallyOptions } from './incremental.js';
export { COUNT_METRICS, isRateMetric, LOWER_IS_BETTER, metricsFromCounts, RATE_METRICS, type CountMetric, type RateMetric, type UnitMetrics } from './metrics.js';
export { isWithin, monthKeyOf, monthPeriod, periodContaining, quarterPeriod, yearPeriod, type Period, type PeriodKind } from './period.js';
export { jinhuaPreset, jinniuPreset, yulinPreset } from './presets.js';
export { compareForRank, rankUnits, type RankCandidate, type Ranking, type RankRules, type Standing } from './ranking.js';
export { AppraisalConfigError, appraisalProblems, maxPointsFor, pointsFor, scoreMetrics, type MetricScore, type UnitScore } from './scoring.js';
export { emptyTally, type CaseTally } from './tally.js';
