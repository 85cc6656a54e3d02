import { describe, expect, it } from 'vitest';
import type { Appraisal, MetricScoring } from '../city/schema.js';
import { appraise } from './appraise.js';
import { emptyCounts } from './counts.js';
import {
  accepted,
  cleanCase,
  closed,
  dispatched,
  extensionApproved,
  MARCH,
  received,
  reported,
  rework,
  story,
  t,
  verified,
  type Step,
} from './histories.fixture.js';
import { metricsFromCounts, type UnitMetrics } from './metrics.js';
import { jinhuaPreset, jinniuPreset, yulinPreset } from './presets.js';
import { AppraisalConfigError, pointsFor, scoreMetrics } from './scoring.js';

const opened = (handleBy: string): Step[] => [
  received(t('2026-03-10 08:00')),
  dispatched(t('2026-03-10 08:10'), 'unit-a', t('2026-03-10 17:00'), handleBy),
  accepted(t('2026-03-10 09:00'), 'unit-a'),
];

describe('the 金牛区 composite on a worked example', () => {
  /*
   * unit-a, March 2026, eleven cases:
   *   6 handled cleanly                                   due, completed, on time
   *   1 reported a day late, closed                       due, completed, late
   *   1 failed verification, reworked, done in time       due, completed, on time, reworked
   *   1 extended before its deadline, done in time        due, completed, on time, extended
   *   1 missed its 20 March deadline, still open          due, open and overdue at month end
   *   1 due in April, still open                          open, not yet due
   *
   * 应结案数 10, 缓办 0, 结案 9, 按期 8, 返工 1 case, 延期 1 case, open 2 of which overdue 1:
   *   处置率 9/10 = 0.9          × 30           = 27
   *   按期处置率 8/10 = 0.8      × 20           = 16
   *   返工率 1/10 = 0.1          (1 − 0.1) × 20 = 18
   *   超期待处置率 1/2 = 0.5     (1 − 0.5) × 20 = 10
   *   延期率 1/10 = 0.1          (1 − 0.1) × 10 =  9
   *                                               ---
   *                                                80
   */
  const histories = [
    ...['02', '03', '04', '05', '06', '09'].map((day, i) => cleanCase(`c-clean-${i}`, 'unit-a', `2026-03-${day}`)),
    story('c-late', [...opened(t('2026-03-12 17:00')), reported(t('2026-03-13 10:00'), 'unit-a'), closed(t('2026-03-13 15:00'))]),
    story('c-rework', [
      ...opened(t('2026-03-12 17:00')),
      reported(t('2026-03-11 10:00'), 'unit-a'),
      verified(t('2026-03-11 15:00'), false),
      rework(t('2026-03-11 15:05'), 'verification', t('2026-03-14 17:00')),
      reported(t('2026-03-14 10:00'), 'unit-a'),
      closed(t('2026-03-14 15:00')),
    ]),
    story('c-extended', [
      ...opened(t('2026-03-12 17:00')),
      extensionApproved(t('2026-03-12 09:00'), t('2026-03-12 17:00'), t('2026-03-19 17:00')),
      reported(t('2026-03-18 10:00'), 'unit-a'),
      closed(t('2026-03-18 15:00')),
    ]),
    story('c-overdue', opened(t('2026-03-20 17:00'))),
    story('c-april', opened(t('2026-04-10 17:00'))),
  ];

  it('scores 80', () => {
    const result = appraise(histories, MARCH, jinniuPreset());
    const unit = result.units.find((u) => u.unitId === 'unit-a');
    expect(unit?.counts).toMatchObject({ due: 10, deferred: 0, completed: 9, completedOnTime: 8, reworkedDue: 1, extendedDue: 1, openPending: 2, overdueOpen: 1 });
    expect(unit?.items.map((item) => [item.metric, item.value, item.points])).toEqual([
      ['completionRate', 0.9, 27],
      ['onTimeCompletionRate', 0.8, 16],
      ['reworkRate', 0.1, 18],
      ['overdueOpenRate', 0.5, 10],
      ['extensionRate', 0.1, 9],
    ]);
    expect(unit?.score).toBe(80);
  });
});

describe('floor scoring (金华 按期结案率: 50 at ≥ 70%, −1 per point below)', () => {
  const floor: MetricScoring = { kind: 'floor', full: 50, floor: 0.7, perPoint: 1 };

  it('gives full points exactly at the floor and above', () => {
    expect(pointsFor(floor, 0.7)).toBe(50);
    expect(pointsFor(floor, 7 / 10)).toBe(50);
    expect(pointsFor(floor, 1)).toBe(50);
  });

  it('deducts per percentage point below, pro rata for fractions, without binary noise', () => {
    expect(pointsFor(floor, 0.69)).toBe(49);
    expect(pointsFor(floor, 0.695)).toBe(49.5);
    expect(pointsFor(floor, 0.2)).toBe(0);
  });

  it('never goes below zero', () => {
    expect(pointsFor(floor, 0)).toBe(0);
    expect(pointsFor({ kind: 'floor', full: 20, floor: 0.9, perPoint: 5 }, 0.5)).toBe(0);
  });

  it('adds up the 金华 preset: floors and −0.2 per rework', () => {
    const counts = { ...emptyCounts(), due: 20, completed: 17, completedOnTime: 13, reworks: 3 };
    // 按期 13/20 = 65%: 50 − 5 = 45; 结案 17/20 = 85%: 20 − 5 = 15; 3 reworks: −0.6.
    expect(scoreMetrics(metricsFromCounts(counts), jinhuaPreset()).score).toBe(59.4);
  });
});

describe('band scoring (连云港: below the lowest band, 0 points)', () => {
  const bands: MetricScoring = {
    kind: 'bands',
    bands: [
      { min: 0.95, points: 10 },
      { min: 0.9, points: 8 },
      { min: 0.8, points: 5 },
    ],
  };

  it('gives a band its points from its minimum up', () => {
    expect(pointsFor(bands, 1)).toBe(10);
    expect(pointsFor(bands, 0.95)).toBe(10);
    expect(pointsFor(bands, 0.9499)).toBe(8);
    expect(pointsFor(bands, 4 / 5)).toBe(5);
  });

  it('gives 0 below the lowest band (及时签收率 77% ⇒ 0)', () => {
    expect(pointsFor(bands, 0.77)).toBe(0);
    expect(pointsFor(bands, 0)).toBe(0);
  });

  it('reads bands from the highest minimum down whatever order they are listed in', () => {
    const shuffled: MetricScoring = { kind: 'bands', bands: [...(bands.kind === 'bands' ? bands.bands : [])].reverse() };
    expect([1, 0.92, 0.85, 0.5].map((v) => pointsFor(shuffled, v))).toEqual([10, 8, 5, 0]);
  });

  it('takes negative bands as deductions, e.g. for a high 回退率', () => {
    const penalty: MetricScoring = { kind: 'bands', bands: [{ min: 0.3, points: -5 }, { min: 0.1, points: -2 }] };
    expect([0.35, 0.1, 0.05].map((v) => pointsFor(penalty, v))).toEqual([-5, -2, 0]);
  });
});

describe('empty denominators (缺项折算)', () => {
  const metrics = (overrides: Partial<UnitMetrics>): UnitMetrics => ({ ...metricsFromCounts(emptyCounts()), ...overrides });

  it('scores a rate that could not be assessed at the unit’s own score rate on the rest', () => {
    // Assessed: 20 + 20 + 10 + 10 = 60 of 80 ⇒ 75%; 满意率 (no answered callback) gets 0.75 × 20 = 15.
    const unit = metrics({ satisfactionRate: null, onTimeAcceptanceRate: 1, returnRate: 0, reworkRate: 0.5, onTimeCompletionRate: 0.5 });
    const { items, score } = scoreMetrics(unit, yulinPreset());
    expect(items.find((item) => item.metric === 'satisfactionRate')).toMatchObject({ value: null, points: 15, prorated: true });
    expect(score).toBe(75);
  });

  it('has no score when no rate at all could be assessed', () => {
    expect(scoreMetrics(metrics({}), jinniuPreset()).score).toBeNull();
  });

  it('still applies per-count deductions, which never lack a value', () => {
    const config: Appraisal = { period: 'month', metrics: [{ metric: 'reworkCount', scoring: { kind: 'perCount', points: -0.2 } }], redList: { top: 1 }, blackList: { bottom: 1 }, minCasesToRank: 1 };
    expect(scoreMetrics(metrics({ reworkCount: 2 }), config).score).toBe(-0.4);
  });
});

describe('configs that cannot be scored', () => {
  const base = { period: 'month', redList: { top: 1 }, blackList: { bottom: 1 }, minCasesToRank: 1 } as const;

  it('refuses a per-count scoring on a rate and a weight on a count, naming the metric', () => {
    const config: Appraisal = {
      ...base,
      metrics: [
        { metric: 'returnRate', scoring: { kind: 'perCount', points: -1 } },
        { metric: 'overdueCount', scoring: { kind: 'weighted', weight: 10, invert: true } },
      ],
    };
    const score = () => scoreMetrics(metricsFromCounts(emptyCounts()), config);
    expect(score).toThrow(AppraisalConfigError);
    expect(score).toThrow(/metrics\[0\] \(returnRate\): a rate cannot be scored per count.*metrics\[1\] \(overdueCount\)/);
  });
});
