/**
 * The batch path: from the event histories of many cases straight to each unit's counts and metrics for
 * a period. Built from the same per-case contributions a store adds up event by event.
 */
import type { CaseEvent } from '../case/events.js';
import { sumCounts, type CountDelta, type UnitCounts } from './counts.js';
import { countsOfCase } from './incremental.js';
import { metricsFromCounts, type UnitMetrics } from './metrics.js';
import type { Period } from './period.js';

export function* deltasOfCases(histories: Iterable<readonly CaseEvent[]>, timeZone: string): Generator<CountDelta> {
  for (const history of histories) yield* countsOfCase(history, { timeZone });
}

/** Each unit's counts for the period, in the period's time zone. */
export const countsForPeriod = (histories: Iterable<readonly CaseEvent[]>, period: Period): Map<string, UnitCounts> =>
  sumCounts(deltasOfCases(histories, period.timeZone), period);

export interface UnitFigures {
  counts: UnitCounts;
  metrics: UnitMetrics;
}

export const metricsForPeriod = (histories: Iterable<readonly CaseEvent[]>, period: Period): Map<string, UnitFigures> => {
  const figures = new Map<string, UnitFigures>();
  for (const [unitId, counts] of countsForPeriod(histories, period)) figures.set(unitId, { counts, metrics: metricsFromCounts(counts) });
  return figures;
};
