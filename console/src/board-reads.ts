/**
 * What the board reads, in one place, so that `main.tsx` can start the reads before the board's code has
 * run and the board's own reads take them over (`api.prefetch`): the counts, the escalation feed and the
 * map points of the territory, and the outlines the map draws them over.
 */
import type { ConsoleConfig } from './config.js';

/** The layers drawn as soon as the map shows (grids are read from zoom 14). */
export const OUTLINE_LEVELS = ['community', 'district'] as const;
export const outlinePath = (level: string) => `/city/outlines/${level}`;

/**
 * `maxAge`: a board that refreshes every `pollSeconds` has no use for a fresher read than that, so the API
 * may answer from its last read of the open cases (two intervals, so a poll that comes a little late still
 * finds one; the API caps it at a minute).
 */
export function boardPaths(scopeId: string, config: Pick<ConsoleConfig, 'pollSeconds'>) {
  const base = `/board/${encodeURIComponent(scopeId)}`;
  const maxAge = Math.min(60, Math.ceil(config.pollSeconds * 2));
  return {
    key: base,
    summary: `${base}/summary?limit=50&maxAge=${maxAge}`,
    escalations: `${base}/escalations?limit=30&maxAge=${maxAge}`,
    map: `${base}/map?maxAge=${maxAge}`,
  };
}
