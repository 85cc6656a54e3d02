/**
 * Deadlines and ladders on Kaifeng's real calendar (Asia/Shanghai, 08:30–12:00 and 14:30–18:00, statutory
 * holidays and make-up days from chinese-days, day limits counted from the next working day).
 * Autumn 2026: Mid-Autumn Festival Fri 25 – Sun 27 Sep; National Day Thu 1 – Wed 7 Oct; make-up working
 * days Sun 20 Sep and Sat 10 Oct.
 */
import { describe, expect, it } from 'vitest';
import { EMERGENCY_LADDER, ROUTINE_LADDER, at, calendar, local } from '../case/test-support.js';
import { afterExpiryAt, beforeExpiryAt, ladderMilestones, planDeadline } from './milestones.js';

const timeline = (plan: ReturnType<typeof planDeadline>) => plan.milestones.map((m) => `${m.rung} ${local(m.at)}`);

describe('planDeadline', () => {
  it('runs a 1 working-day limit received on the Friday before the National Day week past the festival weekend', () => {
    // Friday 25 September is itself the Mid-Autumn holiday: counting starts on Monday the 28th.
    const plan = planDeadline({ calendar, steps: ROUTINE_LADDER, start: at('2026-09-25T10:00:00'), limit: { amount: 1, unit: 'workingDays' } });
    expect(local(plan.dueAt)).toBe('2026-09-28T18:00');
    expect(timeline(plan)).toEqual([
      'reminder 2026-09-28T16:36', // 80 % of 7 working hours after 08:30 Monday
      'urge 2026-09-28T18:00',
      'supervise 2026-09-29T18:00',
      'listed 2026-10-10T18:00', // 29, 30 Sep, 8, 9 Oct, and Saturday 10 Oct, a make-up working day
      'interview 2026-10-16T18:00',
    ]);
    expect(plan.milestones[1]).toMatchObject({ step: 1, trigger: 'afterExpiry', supervisingLayer: 'subdistrict', notify: ['unit', 'unitHead'], card: 'yellow', dueAt: plan.dueAt });
  });

  it('runs a limit received on the eve of National Day across the whole holiday week', () => {
    const plan = planDeadline({ calendar, steps: ROUTINE_LADDER, start: at('2026-09-30T10:00:00'), limit: { amount: 1, unit: 'workingDays' } });
    expect(local(plan.dueAt)).toBe('2026-10-08T18:00');
    expect(timeline(plan)[0]).toBe('reminder 2026-10-08T16:36');
    expect(timeline(plan)[2]).toBe('supervise 2026-10-09T18:00');
  });

  it('counts a make-up Sunday as a working day', () => {
    const plan = planDeadline({ calendar, steps: ROUTINE_LADDER, start: at('2026-09-18T10:00:00'), limit: { amount: 1, unit: 'workingDays' } });
    expect(local(plan.dueAt)).toBe('2026-09-20T18:00');
  });

  it('counts working-hour limits from receipt, and the reminder on the working time actually left', () => {
    // 2 h on the afternoon of 30 Sep, then 2 h after the holiday week.
    const plan = planDeadline({ calendar, steps: ROUTINE_LADDER, start: at('2026-09-30T16:00:00'), limit: { amount: 4, unit: 'workingHours' } });
    expect(local(plan.dueAt)).toBe('2026-10-08T10:30');
    expect(timeline(plan).slice(0, 2)).toEqual(['reminder 2026-10-08T09:42', 'urge 2026-10-08T10:30']);
  });

  it('runs natural-time limits through nights and holidays', () => {
    const plan = planDeadline({ calendar, steps: EMERGENCY_LADDER, start: at('2026-10-03T22:00:00'), limit: { amount: 2, unit: 'naturalHours' } });
    expect(local(plan.dueAt)).toBe('2026-10-04T00:00');
    expect(timeline(plan)).toEqual(['reminder 2026-10-03T23:00', 'urge 2026-10-04T00:00', 'supervise 2026-10-04T00:30']);
    expect(plan.window).toEqual({ from: at('2026-10-03T22:00:00'), dueAt: plan.dueAt, limitMs: 2 * 3_600_000, kind: 'natural' });
  });
});

describe('ladder milestones', () => {
  it('return firing order whatever the configured order, ladder order breaking ties', () => {
    const shuffled = [ROUTINE_LADDER[3]!, ROUTINE_LADDER[1]!, ROUTINE_LADDER[0]!, { ...ROUTINE_LADDER[1]!, rung: 'supervise' as const }];
    const window = { from: at('2026-09-14T09:00:00'), dueAt: at('2026-09-15T18:00:00'), limitMs: calendar.workingDayMs, kind: 'working' as const };
    const milestones = ladderMilestones(calendar, shuffled, window);
    expect(milestones.map((m) => [m.step, m.rung])).toEqual([
      [2, 'reminder'],
      [1, 'urge'],
      [3, 'supervise'],
      [0, 'listed'],
    ]);
  });

  it('leave out the steps already fired', () => {
    const window = { from: at('2026-09-14T09:00:00'), dueAt: at('2026-09-15T18:00:00'), limitMs: calendar.workingDayMs, kind: 'working' as const };
    expect(ladderMilestones(calendar, ROUTINE_LADDER, window, [0, 2]).map((m) => m.step)).toEqual([1, 3, 4]);
  });

  it('place a before-expiry rung at once when less time is left than it warns about', () => {
    // A window resumed with 1 working hour left: an 80 % reminder (1.4 h left) is already due.
    const window = { from: at('2026-09-14T17:00:00'), dueAt: at('2026-09-14T18:00:00'), limitMs: calendar.workingDayMs, kind: 'working' as const };
    expect(beforeExpiryAt(calendar, window, 0.8)).toBe(window.from);
    expect(beforeExpiryAt(calendar, window, 0.9)).toBe(at('2026-09-14T17:18:00'));
  });

  it('add after-expiry delays in their own kind of time', () => {
    const due = at('2026-09-30T18:00:00');
    expect(local(afterExpiryAt(calendar, due, { amount: 1, unit: 'workingDays' }))).toBe('2026-10-08T18:00');
    expect(local(afterExpiryAt(calendar, due, { amount: 1, unit: 'naturalDays' }))).toBe('2026-10-01T18:00');
    expect(local(afterExpiryAt(calendar, due, { amount: 2, unit: 'workingHours' }))).toBe('2026-10-08T10:30');
    expect(afterExpiryAt(calendar, due, { amount: 0, unit: 'workingDays' })).toBe(due);
  });
});
