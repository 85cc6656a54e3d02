import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../case/events.js';
import type { Appraisal } from '../city/schema.js';
import { caseHistories, UNITS } from './arbitraries.fixture.js';
import { countsForPeriod, metricsForPeriod } from './batch.js';
import { COUNT_KEYS, FLOW_COUNTS, STOCK_COUNTS, sumCounts, type CountDelta, type UnitCounts } from './counts.js';
import { cleanCase, ZONE } from './histories.fixture.js';
import { countsFromEvent } from './incremental.js';
import { RATE_METRICS, type UnitMetrics } from './metrics.js';
import { monthKeyOf, monthPeriod, quarterPeriod, yearPeriod, type Period } from './period.js';
import { scoreMetrics } from './scoring.js';
import type { CaseTally } from './tally.js';

const RUNS = { numRuns: 200 };

const periods: Period[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((m) => monthPeriod(2026, m, ZONE)),
  quarterPeriod(2026, 1, ZONE),
  quarterPeriod(2026, 2, ZONE),
  yearPeriod(2026, ZONE),
];
const period = fc.constantFrom(...periods);

/** Feeds every event to `countsFromEvent` as a store would: cases interleaved by time, tallies stored as JSON. */
const incrementally = (histories: CaseEvent[][]): { deltas: CountDelta[]; perEvent: { event: CaseEvent; deltas: CountDelta[] }[] } => {
  const events = histories.flat().sort((a, b) => a.at.localeCompare(b.at) || a.caseId.localeCompare(b.caseId) || a.seq - b.seq);
  const stored = new Map<string, string>();
  const deltas: CountDelta[] = [];
  const perEvent: { event: CaseEvent; deltas: CountDelta[] }[] = [];
  for (const event of events) {
    const json = stored.get(event.caseId);
    const before = json === undefined ? undefined : (JSON.parse(json) as CaseTally);
    const result = countsFromEvent(before, event, { timeZone: ZONE });
    stored.set(event.caseId, JSON.stringify(result.tally));
    deltas.push(...result.deltas);
    perEvent.push({ event, deltas: result.deltas });
  }
  return { deltas, perEvent };
};

const expectRatesInRange = (metrics: UnitMetrics): void => {
  for (const metric of RATE_METRICS) {
    const value = metrics[metric];
    if (value !== null) {
      expect(value, metric).toBeGreaterThanOrEqual(0);
      expect(value, metric).toBeLessThanOrEqual(1);
    }
  }
};

describe('appraisal properties', () => {
  it('keeps every rate within [0, 1] or null, and every count non-negative', () => {
    fc.assert(
      fc.property(caseHistories, period, (histories, p) => {
        for (const { counts, metrics } of metricsForPeriod(histories, p).values()) {
          expectRatesInRange(metrics);
          for (const key of COUNT_KEYS) expect(counts[key], key).toBeGreaterThanOrEqual(0);
          expect(counts.completed + counts.deferred).toBeLessThanOrEqual(counts.due);
          expect(counts.completedOnTime).toBeLessThanOrEqual(counts.completed);
          expect(counts.overdueOpen).toBeLessThanOrEqual(counts.openPending);
        }
      }),
      RUNS,
    );
  });

  it('equals, in batch, the sum of the incremental per-event counts, for months, quarters and the year', () => {
    fc.assert(
      fc.property(caseHistories, (histories) => {
        const { deltas } = incrementally(histories);
        for (const p of periods) expect(sumCounts(deltas, p)).toEqual(countsForPeriod(histories, p));
      }),
      { numRuns: 150 },
    );
  });

  it('never changes a month that ended before the event (published months stay put)', () => {
    fc.assert(
      fc.property(caseHistories, (histories) => {
        for (const { event, deltas } of incrementally(histories).perEvent) {
          const eventMonth = monthKeyOf(event.at, ZONE);
          for (const delta of deltas) expect(delta.month >= eventMonth, `${event.type} at ${event.at} changed ${delta.month}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('makes a quarter the sum of its months: flows added, stocks as at its end', () => {
    fc.assert(
      fc.property(caseHistories, fc.constantFrom(1, 2), (histories, quarter) => {
        const q = countsForPeriod(histories, quarterPeriod(2026, quarter, ZONE));
        const months = [1, 2, 3].map((i) => countsForPeriod(histories, monthPeriod(2026, (quarter - 1) * 3 + i, ZONE)));
        for (const unitId of UNITS) {
          const zero = (): UnitCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as UnitCounts;
          const quarterCounts = q.get(unitId) ?? zero();
          for (const key of FLOW_COUNTS) expect(quarterCounts[key]).toBe(months.reduce((sum, m) => sum + (m.get(unitId)?.[key] ?? 0), 0));
          for (const key of STOCK_COUNTS) expect(quarterCounts[key]).toBe(months[2]?.get(unitId)?.[key] ?? 0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never lowers a unit’s 按期结案率 when it completes one more case on time', () => {
    fc.assert(
      fc.property(
        caseHistories,
        fc.constantFrom(...UNITS),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 27 }),
        (histories, unitId, month, day) => {
          const extra = cleanCase('case-extra', unitId, `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
          for (const p of [monthPeriod(2026, month, ZONE), quarterPeriod(2026, Math.ceil(month / 3), ZONE)]) {
            const before = metricsForPeriod(histories, p).get(unitId)?.metrics.onTimeCompletionRate ?? null;
            const after = metricsForPeriod([...histories, extra], p).get(unitId)?.metrics.onTimeCompletionRate ?? null;
            expect(after).not.toBeNull();
            if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
          }
        },
      ),
      RUNS,
    );
  });

  const weightedConfig: fc.Arbitrary<Appraisal> = fc
    .uniqueArray(
      fc.record({
        metric: fc.constantFrom(...RATE_METRICS),
        scoring: fc.record({ kind: fc.constant('weighted' as const), weight: fc.double({ min: 0, max: 60, noNaN: true }), invert: fc.boolean() }),
      }),
      { minLength: 1, maxLength: RATE_METRICS.length, selector: (item) => item.metric },
    )
    .map((metrics) => ({ period: 'month', metrics, redList: { top: 3 }, blackList: { bottom: 3 }, minCasesToRank: 1 }));

  const maxOf = (config: Appraisal): number => config.metrics.reduce((sum, { scoring }) => sum + (scoring.kind === 'weighted' ? scoring.weight : 0), 0);

  it('never scores above the sum of the weights of weighted metrics (nor below zero), from histories', () => {
    fc.assert(
      fc.property(caseHistories, period, weightedConfig, (histories, p, config) => {
        for (const { metrics } of metricsForPeriod(histories, p).values()) {
          const { score } = scoreMetrics(metrics, config);
          if (score === null) continue;
          expect(score).toBeLessThanOrEqual(maxOf(config) + 1e-6);
          expect(score).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never scores above the sum of the weights for any rates at all, assessed or not', () => {
    const rate = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
    const metrics = fc.record(Object.fromEntries(RATE_METRICS.map((m) => [m, rate])) as Record<(typeof RATE_METRICS)[number], typeof rate>);
    fc.assert(
      fc.property(metrics, fc.nat(50), fc.nat(50), weightedConfig, (rates, overdueCount, reworkCount, config) => {
        const { score } = scoreMetrics({ ...rates, overdueCount, reworkCount }, config);
        if (score !== null) expect(score).toBeLessThanOrEqual(maxOf(config) + 1e-6);
      }),
      { numRuns: 500 },
    );
  });
});
