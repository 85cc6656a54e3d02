import { describe, expect, it } from 'vitest';
import { Appraisal } from '../city/schema.js';
import { LOWER_IS_BETTER } from './metrics.js';
import { jinhuaPreset, jinniuPreset, yulinPreset } from './presets.js';
import { appraisalProblems, maxPointsFor } from './scoring.js';

const presets = { jinniu: jinniuPreset, jinhua: jinhuaPreset, yulin: yulinPreset };

describe('appraisal presets', () => {
  it.each(Object.entries(presets))('%s parses with the city schema unchanged and can be scored', (_name, preset) => {
    const config = preset();
    expect(Appraisal.parse(config)).toEqual(config);
    expect(appraisalProblems(config)).toEqual([]);
  });

  it.each(Object.entries(presets))('%s inverts every weighted rate where less is better', (_name, preset) => {
    for (const { metric, scoring } of preset().metrics) {
      if (scoring.kind === 'weighted') expect(scoring.invert).toBe(LOWER_IS_BETTER.has(metric));
    }
  });

  it('gives 金牛区 its weights, 100 points in all', () => {
    const config = jinniuPreset();
    expect(config.metrics.map(({ metric, scoring }) => [metric, scoring.kind === 'weighted' ? scoring.weight : null])).toEqual([
      ['completionRate', 30],
      ['onTimeCompletionRate', 20],
      ['reworkRate', 20],
      ['overdueOpenRate', 20],
      ['extensionRate', 10],
    ]);
    expect(config.metrics.reduce((sum, { scoring }) => sum + (maxPointsFor(scoring) ?? 0), 0)).toBe(100);
  });

  it('gives 金华 its floors and the per-rework deduction', () => {
    expect(jinhuaPreset().metrics).toEqual([
      { metric: 'onTimeCompletionRate', scoring: { kind: 'floor', full: 50, floor: 0.7, perPoint: 1 } },
      { metric: 'completionRate', scoring: { kind: 'floor', full: 20, floor: 0.9, perPoint: 1 } },
      { metric: 'reworkCount', scoring: { kind: 'perCount', points: -0.2 } },
    ]);
  });

  it('gives 榆林 its five scored metrics and red top 5 / black bottom 5', () => {
    const config = yulinPreset();
    expect(config.metrics.map(({ metric }) => metric).sort()).toEqual(['onTimeAcceptanceRate', 'onTimeCompletionRate', 'returnRate', 'reworkRate', 'satisfactionRate']);
    expect(config).toMatchObject({ period: 'month', redList: { top: 5 }, blackList: { bottom: 5 } });
  });

  it('hands out a fresh object each time, so a city can adjust its copy', () => {
    const mine = jinniuPreset();
    mine.redList.top = 10;
    expect(jinniuPreset().redList.top).toBe(3);
  });
});
