/**
 * Properties of deadlines over many instants, limits and ladders, on the real calendar.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DURATION_UNITS, RUNGS, type LadderStep } from '../city/schema.js';
import { timeKindOf } from '../calendar/types.js';
import { at, calendar } from '../case/test-support.js';
import { dueAfterResume, pausedBetween, remainingAt } from './clock-shifts.js';
import { ladderMilestones, planDeadline } from './milestones.js';

const FROM = at('2025-12-01T00:00:00');
const TO = at('2026-12-31T00:00:00');
const instant = fc.integer({ min: FROM, max: TO });
const limit = fc.record({ amount: fc.integer({ min: 1, max: 20 }), unit: fc.constantFrom(...DURATION_UNITS) });

const step: fc.Arbitrary<LadderStep> = fc.record({
  rung: fc.constantFrom(...RUNGS),
  trigger: fc.oneof(
    fc.record({ at: fc.constant('beforeExpiry' as const), shareOfLimit: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }),
    fc.record({ at: fc.constant('afterExpiry' as const), delay: fc.record({ amount: fc.integer({ min: 0, max: 15 }), unit: fc.constantFrom(...DURATION_UNITS) }) }),
  ),
  notify: fc.constant(['unit' as const]),
  supervisingLayer: fc.constantFrom('city', 'district', 'subdistrict', 'community', 'grid'),
});

describe('deadline properties', () => {
  it('gives milestones in non-decreasing order, before-expiry rungs no later than the deadline and after-expiry ones no earlier', () => {
    fc.assert(
      fc.property(instant, limit, fc.array(step, { minLength: 1, maxLength: 6 }), (start, lim, steps) => {
        const plan = planDeadline({ calendar, steps, start, limit: lim });
        expect(plan.dueAt).toBeGreaterThanOrEqual(start);
        for (let i = 1; i < plan.milestones.length; i++) expect(plan.milestones[i]!.at).toBeGreaterThanOrEqual(plan.milestones[i - 1]!.at);
        for (const milestone of plan.milestones) {
          if (milestone.trigger === 'beforeExpiry') {
            expect(milestone.at).toBeGreaterThanOrEqual(start);
            expect(milestone.at).toBeLessThanOrEqual(plan.dueAt);
          } else expect(milestone.at).toBeGreaterThanOrEqual(plan.dueAt);
        }
        expect(plan.milestones.map((m) => m.step).sort((a, b) => a - b)).toEqual(steps.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('places a larger share of the limit no earlier than a smaller one', () => {
    fc.assert(
      fc.property(instant, limit, fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (start, lim, a, b) => {
        const steps: LadderStep[] = [a, b].map((shareOfLimit) => ({ rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit }, notify: ['unit'], supervisingLayer: 'grid' }));
        const { window } = planDeadline({ calendar, steps, start, limit: lim });
        const [ma, mb] = [0, 1].map((i) => ladderMilestones(calendar, steps, window).find((m) => m.step === i)!.at);
        if (a <= b) expect(ma).toBeLessThanOrEqual(mb!);
        else expect(ma).toBeGreaterThanOrEqual(mb!);
      }),
      { numRuns: 200 },
    );
  });

  it('never shortens the time left by a suspension, however long, and never brings the deadline forward', () => {
    fc.assert(
      fc.property(instant, limit, fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 60 * 24 * 3_600_000 }), (start, lim, position, pause) => {
        const kind = timeKindOf(lim.unit);
        const due = calendar.dueAt(start, lim);
        const suspendedAt = start + Math.floor((due - start) * position);
        const resumedAt = suspendedAt + pause;
        const left = remainingAt(calendar, suspendedAt, due, kind);
        const newDue = dueAfterResume(calendar, resumedAt, left, kind);
        expect(calendar.between(resumedAt, newDue, kind)).toBeGreaterThanOrEqual(left);
        expect(newDue).toBeGreaterThanOrEqual(due);
        expect(pausedBetween(calendar, suspendedAt, resumedAt, kind)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
