/**
 * Ranking, and the red and black lists (红榜 / 黑榜; 榆林: top 5 and bottom 5 [34]).
 *
 * Order: composite score, then 按期结案率 (the item every preset weighs most, 金华's 50 of 70 points), then
 * more cases due (at equal results, the unit that carried more work). Units equal on all three share a
 * rank and stand or fall together at a list's edge — leaving one off by the spelling of its id would be
 * arbitrary — so a list can run longer than its size. The unit id orders them only for display.
 * A unit is on at most one list: with few units ranked, the red list is filled first.
 */

export interface RankCandidate {
  unitId: string;
  score: number | null;
  /** 应结案数 in the period: what `minCasesToRank` is measured against. */
  due: number;
  onTimeCompletionRate: number | null;
}

export interface RankRules {
  redTop: number;
  blackBottom: number;
  minCasesToRank: number;
}

export type Standing =
  | { kind: 'ranked'; rank: number; list?: 'red' | 'black' }
  | { kind: 'unranked'; reason: 'tooFewCases' | 'notAssessed' };

export interface Ranking {
  /** Ranked units, best first. */
  order: string[];
  standings: Map<string, Standing>;
  redList: string[];
  blackList: string[];
  /** Units listed but not ranked, by id. */
  unranked: string[];
}

const nullsLast = (a: number | null, b: number | null): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
};

/** Negative when `a` ranks above `b`; zero when they share a rank. */
export const compareForRank = (a: RankCandidate, b: RankCandidate): number =>
  nullsLast(a.score, b.score) || nullsLast(a.onTimeCompletionRate, b.onTimeCompletionRate) || b.due - a.due;

export const rankUnits = (candidates: readonly RankCandidate[], rules: RankRules): Ranking => {
  const standings = new Map<string, Standing>();
  const eligible: RankCandidate[] = [];
  for (const candidate of candidates) {
    if (candidate.due < rules.minCasesToRank) standings.set(candidate.unitId, { kind: 'unranked', reason: 'tooFewCases' });
    else if (candidate.score === null) standings.set(candidate.unitId, { kind: 'unranked', reason: 'notAssessed' });
    else eligible.push(candidate);
  }
  eligible.sort((a, b) => compareForRank(a, b) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));

  const ranks: number[] = [];
  const bottomRanks: number[] = [];
  eligible.forEach((candidate, index) => {
    const previous = eligible[index - 1];
    ranks.push(previous && compareForRank(previous, candidate) === 0 ? (ranks[index - 1] ?? index + 1) : index + 1);
  });
  for (let index = eligible.length - 1; index >= 0; index--) {
    const next = eligible[index + 1];
    const current = eligible[index];
    const tiedWithNext = next !== undefined && current !== undefined && compareForRank(current, next) === 0;
    bottomRanks[index] = tiedWithNext ? (bottomRanks[index + 1] ?? eligible.length - index) : eligible.length - index;
  }

  const redList: string[] = [];
  const black: RankCandidate[] = [];
  eligible.forEach((candidate, index) => {
    const rank = ranks[index] ?? index + 1;
    const fromBottom = bottomRanks[index] ?? eligible.length - index;
    let list: 'red' | 'black' | undefined;
    if (rank <= rules.redTop) list = 'red';
    else if (fromBottom <= rules.blackBottom) list = 'black';
    if (list === 'red') redList.push(candidate.unitId);
    if (list === 'black') black.push(candidate);
    standings.set(candidate.unitId, list ? { kind: 'ranked', rank, list } : { kind: 'ranked', rank });
  });

  const unranked = candidates
    .map((candidate) => candidate.unitId)
    .filter((unitId) => standings.get(unitId)?.kind === 'unranked')
    .sort();
  // The black list reads worst first, as it is published.
  const blackList = black.sort((a, b) => compareForRank(b, a) || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0)).map((candidate) => candidate.unitId);
  return { order: eligible.map((candidate) => candidate.unitId), standings, redList, blackList, unranked };
};
