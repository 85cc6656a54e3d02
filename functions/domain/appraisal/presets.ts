/**
 * Appraisal configs after published local rules (domain/REFERENCE.md §4). Each returns a fresh object a
 * city can copy into its config and adjust. Where the source is silent, the choice is marked "ours".
 *
 * List sizes where the source names none follow Kaifeng's own practice of rewarding the top 3 districts
 * [5]: red top 3, black bottom 3 (ours). `minCasesToRank` is ours everywhere: below 5 cases due, one case
 * moves a rate by 20 points or more, which says more about luck than about the unit.
 */
import type { Appraisal } from '../city/schema.js';

const MIN_CASES_TO_RANK = 5;

/**
 * 成都金牛区 [38] (from a public dashboard's code): 处置率 × 30, 按期处置率 × 20, (1 − 返工率) × 20,
 * (1 − 超期待处置率) × 20, (1 − 延期率) × 10; 100 points in all. The source's 按期处置率 is 按期处置数 /
 * 应处置数 without 缓办; this project's onTimeCompletionRate takes suspended cases out of the denominator.
 */
export const jinniuPreset = (): Appraisal => ({
  preset: 'jinniu-digital-city',
  period: 'month',
  metrics: [
    { metric: 'completionRate', scoring: { kind: 'weighted', weight: 30, invert: false } },
    { metric: 'onTimeCompletionRate', scoring: { kind: 'weighted', weight: 20, invert: false } },
    { metric: 'reworkRate', scoring: { kind: 'weighted', weight: 20, invert: true } },
    { metric: 'overdueOpenRate', scoring: { kind: 'weighted', weight: 20, invert: true } },
    { metric: 'extensionRate', scoring: { kind: 'weighted', weight: 10, invert: true } },
  ],
  redList: { top: 3 },
  blackList: { bottom: 3 },
  minCasesToRank: MIN_CASES_TO_RANK,
});

/**
 * 金华 数字城管 [37]: 按期结案率 50 pts at ≥ 70%, −1 per point below; 结案率 20 pts at ≥ 90%; −0.2 per 返工.
 * The source gives no deduction below 90% 结案率; we mirror the 按期 rule (−1 per point, ours). Rules the
 * schema cannot express are left to the office: emergency cases (结案率 100%, 按期 ≥ 95%), −0.5 per case
 * after 3 failed checks, −1 per 弄虚作假 or 推诿.
 */
export const jinhuaPreset = (): Appraisal => ({
  preset: 'jinhua-digital-city',
  period: 'month',
  metrics: [
    { metric: 'onTimeCompletionRate', scoring: { kind: 'floor', full: 50, floor: 0.7, perPoint: 1 } },
    { metric: 'completionRate', scoring: { kind: 'floor', full: 20, floor: 0.9, perPoint: 1 } },
    { metric: 'reworkCount', scoring: { kind: 'perCount', points: -0.2 } },
  ],
  redList: { top: 3 },
  blackList: { bottom: 3 },
  minCasesToRank: MIN_CASES_TO_RANK,
});

/**
 * 榆林 12345 monthly [34]: 满意度, 及时接收率, 回退率, 重办率, 按时办结率 (工单量 is reported, not scored);
 * 红榜 top 5, 黑榜 bottom 5. The source publishes no weights: equal weights of 20, lower-is-better rates
 * inverted (ours). The source's separate red lists for counties and for departments need a unit grouping
 * the schema does not have; this is one list over all units.
 */
export const yulinPreset = (): Appraisal => ({
  preset: 'yulin-12345',
  period: 'month',
  metrics: [
    { metric: 'satisfactionRate', scoring: { kind: 'weighted', weight: 20, invert: false } },
    { metric: 'onTimeAcceptanceRate', scoring: { kind: 'weighted', weight: 20, invert: false } },
    { metric: 'returnRate', scoring: { kind: 'weighted', weight: 20, invert: true } },
    { metric: 'reworkRate', scoring: { kind: 'weighted', weight: 20, invert: true } },
    { metric: 'onTimeCompletionRate', scoring: { kind: 'weighted', weight: 20, invert: false } },
  ],
  redList: { top: 5 },
  blackList: { bottom: 5 },
  minCasesToRank: MIN_CASES_TO_RANK,
});
