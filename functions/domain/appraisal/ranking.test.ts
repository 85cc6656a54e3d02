import { describe, expect, it } from 'vitest';
import { appraise } from './appraise.js';
import { cleanCase, MARCH } from './histories.fixture.js';
import { jinniuPreset } from './presets.js';
import { rankUnits, type RankCandidate } from './ranking.js';

const unit = (unitId: string, score: number | null, due = 10, onTimeCompletionRate: number | null = 0.8): RankCandidate => ({ unitId, score, due, onTimeCompletionRate });
const rules = { redTop: 2, blackBottom: 1, minCasesToRank: 5 };

describe('ranking and the red and black lists', () => {
  it('puts every unit tied at the red list edge on it, sharing the rank', () => {
    const ranking = rankUnits([unit('e', 60), unit('a', 90), unit('c', 85), unit('b', 85), unit('f', 50), unit('d', 70)], rules);
    expect(ranking.order).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ranking.redList).toEqual(['a', 'b', 'c']);
    expect(ranking.standings.get('b')).toEqual({ kind: 'ranked', rank: 2, list: 'red' });
    expect(ranking.standings.get('c')).toEqual({ kind: 'ranked', rank: 2, list: 'red' });
    expect(ranking.standings.get('d')).toEqual({ kind: 'ranked', rank: 4 });
    expect(ranking.blackList).toEqual(['f']);
  });

  it('breaks a tied score by 按期结案率, then by cases due, before sharing a rank', () => {
    const ranking = rankUnits([unit('a', 80, 10, 0.7), unit('b', 80, 10, 0.9), unit('c', 80, 20, 0.7), unit('d', 80, 20, 0.7), unit('e', 40)], { ...rules, redTop: 1 });
    expect(ranking.order).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(['b', 'c', 'd', 'a', 'e'].map((id) => ranking.standings.get(id))).toMatchObject([{ rank: 1 }, { rank: 2 }, { rank: 2 }, { rank: 4 }, { rank: 5 }]);
  });

  it('puts every unit tied at the black list edge on it, worst first', () => {
    const ranking = rankUnits([unit('a', 90), unit('b', 80), unit('c', 30), unit('d', 50), unit('e', 30)], { ...rules, blackBottom: 2 });
    expect(ranking.blackList).toEqual(['c', 'e']);
    const wider = rankUnits([unit('a', 90), unit('b', 80), unit('c', 30), unit('d', 50), unit('e', 20)], { ...rules, blackBottom: 2 });
    expect(wider.blackList).toEqual(['e', 'c']);
  });

  it('lists units below minCasesToRank, or with nothing assessed, as unranked and on no list', () => {
    const ranking = rankUnits([unit('a', 90), unit('tiny', 100, 4), unit('b', 10), unit('idle', null, 12), unit('c', 50)], rules);
    expect(ranking.order).toEqual(['a', 'c', 'b']);
    expect(ranking.unranked).toEqual(['idle', 'tiny']);
    expect(ranking.standings.get('tiny')).toEqual({ kind: 'unranked', reason: 'tooFewCases' });
    expect(ranking.standings.get('idle')).toEqual({ kind: 'unranked', reason: 'notAssessed' });
    expect([...ranking.redList, ...ranking.blackList]).not.toContain('tiny');
  });

  it('never puts a unit on both lists when few are ranked', () => {
    const ranking = rankUnits([unit('a', 90), unit('b', 80), unit('c', 70)], { ...rules, redTop: 2, blackBottom: 2 });
    expect(ranking.redList).toEqual(['a', 'b']);
    expect(ranking.blackList).toEqual(['c']);
  });

  it('gives the same result whatever order the units come in', () => {
    const units = [unit('a', 90), unit('b', 85), unit('c', 85), unit('d', 85, 10, null), unit('e', 70, 3), unit('f', 60)];
    const reference = rankUnits(units, rules);
    for (const shuffled of [[...units].reverse(), [units[3], units[0], units[5], units[1], units[4], units[2]]]) {
      const again = rankUnits(shuffled.filter((u) => u !== undefined), rules);
      expect(again.order).toEqual(reference.order);
      expect([...again.standings].sort()).toEqual([...reference.standings].sort());
      expect(again.redList).toEqual(reference.redList);
      expect(again.blackList).toEqual(reference.blackList);
    }
  });

  it('lists a unit with no case at all as unranked when told about it', () => {
    const histories = [1, 2, 3, 4, 5].map((d) => cleanCase(`c-${d}`, 'unit-a', `2026-03-0${d}`));
    const result = appraise(histories, MARCH, jinniuPreset(), { unitIds: ['unit-a', 'unit-quiet'] });
    expect(result.units.map((u) => [u.unitId, u.standing])).toEqual([
      ['unit-a', { kind: 'ranked', rank: 1, list: 'red' }],
      ['unit-quiet', { kind: 'unranked', reason: 'tooFewCases' }],
    ]);
    expect(result.units[0]?.score).toBe(100);
  });
});
