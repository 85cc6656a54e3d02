import { describe, expect, it } from 'vitest';
import {
  accepted,
  arbitrated,
  callback,
  cleanCase,
  closed,
  dispatched,
  extensionApproved,
  figuresOf,
  merged,
  received,
  reported,
  resumed,
  returned,
  rework,
  story,
  suspended,
  t,
  verified,
  ZONE,
  type Step,
} from './histories.fixture.js';
import { monthPeriod } from './period.js';

const APRIL = monthPeriod(2026, 4, ZONE);
const FEBRUARY = monthPeriod(2026, 2, ZONE);

/** Dispatched 2 March, to accept the same day, to handle by `handleBy` (default 9 March 17:00). */
const opened = (unitId = 'unit-a', handleBy = t('2026-03-09 17:00')): Step[] => [
  received(t('2026-03-02 08:00')),
  dispatched(t('2026-03-02 08:10'), unitId, t('2026-03-02 17:00'), handleBy),
  accepted(t('2026-03-02 09:00'), unitId),
];

describe('结案率 and 按期结案率 (completionRate, onTimeCompletionRate)', () => {
  it('counts a case reported in time and closed as due, completed and on time', () => {
    const { counts, metrics } = figuresOf([cleanCase('c-1', 'unit-a', '2026-03-02')], 'unit-a');
    expect(counts).toMatchObject({ due: 1, completed: 1, completedOnTime: 1, deferred: 0 });
    expect(metrics).toMatchObject({ completionRate: 1, onTimeCompletionRate: 1 });
  });

  it('judges the unit by when it reported, not by when the centre got round to verifying', () => {
    const slowCentre = story('c-1', [...opened(), reported(t('2026-03-09 17:00'), 'unit-a'), verified(t('2026-03-12 10:00'), true), closed(t('2026-03-12 11:00'))]);
    const { counts, metrics } = figuresOf([slowCentre], 'unit-a');
    expect(counts).toMatchObject({ due: 1, completedOnTime: 1, overdueOpen: 0 });
    expect(metrics.onTimeCompletionRate).toBe(1);
  });

  it('counts a case that missed its deadline and closed later the same month once, as late', () => {
    const late = story('c-1', [...opened(), reported(t('2026-03-10 09:00'), 'unit-a'), verified(t('2026-03-10 12:00'), true), closed(t('2026-03-10 13:00'))]);
    const { counts, metrics } = figuresOf([late], 'unit-a');
    expect(counts).toMatchObject({ due: 1, completed: 1, completedOnTime: 0 });
    expect(metrics).toMatchObject({ completionRate: 1, onTimeCompletionRate: 0 });
  });

  it('reckons a case carried over a month end in both months: missed in March, closed late in April', () => {
    const carried = story('c-1', [
      ...opened('unit-a', t('2026-03-30 17:00')),
      reported(t('2026-04-02 09:00'), 'unit-a'),
      verified(t('2026-04-02 15:00'), true),
      closed(t('2026-04-03 09:00')),
    ]);
    const inMarch = figuresOf([carried], 'unit-a');
    expect(inMarch.counts).toMatchObject({ due: 1, completed: 0, openPending: 1, overdueOpen: 1 });
    expect(inMarch.metrics).toMatchObject({ completionRate: 0, onTimeCompletionRate: 0, overdueOpenRate: 1, overdueCount: 1 });
    const inApril = figuresOf([carried], 'unit-a', APRIL);
    expect(inApril.counts).toMatchObject({ due: 1, completed: 1, completedOnTime: 0, openPending: 0, overdueOpen: 0 });
  });

  it('reckons a case closed early in the month it closed, not again when its deadline comes', () => {
    const early = story('c-1', [
      received(t('2026-02-26 08:00')),
      dispatched(t('2026-02-26 08:10'), 'unit-a', t('2026-02-26 17:00'), t('2026-03-05 17:00')),
      accepted(t('2026-02-26 09:00'), 'unit-a'),
      reported(t('2026-02-27 09:00'), 'unit-a'),
      closed(t('2026-02-27 12:00')),
    ]);
    expect(figuresOf([early], 'unit-a', FEBRUARY).counts).toMatchObject({ due: 1, completedOnTime: 1 });
    expect(figuresOf([early], 'unit-a').counts.due).toBe(0);
  });

  it('gives no completion for a case the centre closed without a result from the unit', () => {
    const withdrawn = story('c-1', [...opened(), closed(t('2026-03-04 10:00'))]);
    const { counts } = figuresOf([withdrawn], 'unit-a');
    expect(counts).toMatchObject({ due: 0, completed: 0, openPending: 0 });
  });

  it('moves accountability to the unit the centre names after a return', () => {
    const reassigned = story('c-1', [
      ...opened('unit-a').slice(0, 2),
      returned(t('2026-03-02 10:00'), 'unit-a'),
      arbitrated(t('2026-03-03 10:00'), 'unit-b', false),
      accepted(t('2026-03-03 11:00'), 'unit-b'),
    ]);
    expect(figuresOf([reassigned], 'unit-a').counts).toMatchObject({ due: 0, openPending: 0, returned: 1 });
    expect(figuresOf([reassigned], 'unit-b').counts).toMatchObject({ due: 1, completed: 0, openPending: 1, overdueOpen: 1, answered: 1 });
  });

  it('does not count a merged duplicate against anyone', () => {
    const duplicate = story('c-2', [...opened(), merged(t('2026-03-03 10:00'), 'c-1')]);
    expect(figuresOf([duplicate], 'unit-a').counts).toMatchObject({ due: 0, openPending: 0, overdueOpen: 0, acceptDue: 1 });
  });
});

describe('缓办 (suspension) and 应结案数', () => {
  const clean = cleanCase('c-clean', 'unit-a', '2026-03-16');

  it('leaves a case suspended before its deadline out of 应结案数 altogether: its clock is paused', () => {
    const paused = story('c-1', [...opened(), suspended(t('2026-03-05 10:00'))]);
    const { counts, metrics } = figuresOf([paused, clean], 'unit-a');
    expect(counts).toMatchObject({ due: 1, deferred: 0, openPending: 0, overdueOpen: 0 });
    expect(metrics.onTimeCompletionRate).toBe(1);
  });

  it('subtracts a case that missed its deadline but is suspended at the month end (应结案数 − 缓办数)', () => {
    const missedThenSuspended = story('c-1', [...opened(), suspended(t('2026-03-12 10:00'))]);
    const { counts, metrics } = figuresOf([missedThenSuspended, clean], 'unit-a');
    expect(counts).toMatchObject({ due: 2, deferred: 1, completedOnTime: 1 });
    expect(metrics).toMatchObject({ onTimeCompletionRate: 1, completionRate: 1 });
  });

  it('keeps it in when the case was resumed before the month ended', () => {
    const resumedInMonth = story('c-1', [...opened(), suspended(t('2026-03-12 10:00')), resumed(t('2026-03-20 10:00'), t('2026-04-10 17:00'))]);
    const { counts, metrics } = figuresOf([resumedInMonth, clean], 'unit-a');
    expect(counts).toMatchObject({ due: 2, deferred: 0, completedOnTime: 1, openPending: 1, overdueOpen: 0 });
    expect(metrics.onTimeCompletionRate).toBe(0.5);
  });

  it('is null, not 0 or 1, when every case due is suspended', () => {
    const missedThenSuspended = story('c-1', [...opened(), suspended(t('2026-03-12 10:00'))]);
    expect(figuresOf([missedThenSuspended], 'unit-a').metrics).toMatchObject({ onTimeCompletionRate: null, completionRate: null, reworkRate: 0 });
  });
});

describe('延期率 and 返工 (extensionRate, reworkRate, reworkCount)', () => {
  it('judges on-time against an extended deadline and counts the extension', () => {
    const extended = story('c-1', [
      ...opened(),
      extensionApproved(t('2026-03-08 10:00'), t('2026-03-09 17:00'), t('2026-03-16 17:00')),
      reported(t('2026-03-15 10:00'), 'unit-a'),
      closed(t('2026-03-15 16:00')),
    ]);
    const { counts, metrics } = figuresOf([extended, cleanCase('c-2', 'unit-a', '2026-03-20')], 'unit-a');
    expect(counts).toMatchObject({ due: 2, extendedDue: 1, extensions: 1, completedOnTime: 2 });
    expect(metrics).toMatchObject({ extensionRate: 0.5, onTimeCompletionRate: 1 });
  });

  it('stops counting a case overdue once a late-approved extension gives it a new deadline', () => {
    const extendedLate = story('c-1', [...opened(), extensionApproved(t('2026-03-10 10:00'), t('2026-03-09 17:00'), t('2026-04-16 17:00'))]);
    const { counts } = figuresOf([extendedLate], 'unit-a');
    expect(counts).toMatchObject({ due: 1, extendedDue: 1, overdueOpen: 0, openPending: 1 });
  });

  it('counts a rework ordered after a failed verification', () => {
    const reworked = story('c-1', [
      ...opened(),
      reported(t('2026-03-06 10:00'), 'unit-a'),
      verified(t('2026-03-07 10:00'), false),
      rework(t('2026-03-07 10:05'), 'verification', t('2026-03-12 17:00')),
      reported(t('2026-03-11 10:00'), 'unit-a'),
      verified(t('2026-03-12 09:00'), true),
      closed(t('2026-03-12 10:00')),
    ]);
    const { counts, metrics } = figuresOf([reworked, cleanCase('c-2', 'unit-a', '2026-03-20')], 'unit-a');
    expect(counts).toMatchObject({ reworks: 1, reworkedDue: 1, due: 2, completedOnTime: 2 });
    expect(metrics).toMatchObject({ reworkCount: 1, reworkRate: 0.5 });
  });

  it('counts a rework ordered after an unsatisfied callback, and both callbacks', () => {
    const reworked = story('c-1', [
      ...opened(),
      reported(t('2026-03-06 10:00'), 'unit-a'),
      verified(t('2026-03-06 15:00'), true),
      callback(t('2026-03-07 10:00'), 'unsatisfied'),
      rework(t('2026-03-07 10:05'), 'callback', t('2026-03-14 17:00')),
      reported(t('2026-03-13 10:00'), 'unit-a'),
      callback(t('2026-03-14 10:00'), 'satisfied'),
      closed(t('2026-03-14 11:00')),
    ]);
    const { counts, metrics } = figuresOf([reworked], 'unit-a');
    expect(counts).toMatchObject({ reworks: 1, reworkedDue: 1, satisfied: 1, unsatisfied: 1 });
    expect(metrics).toMatchObject({ reworkCount: 1, reworkRate: 1, satisfactionRate: 0.5, onTimeCompletionRate: 1 });
  });

  it('counts every rework order but each case once in 返工率', () => {
    const twice = story('c-1', [
      ...opened(),
      reported(t('2026-03-05 10:00'), 'unit-a'),
      rework(t('2026-03-05 12:00'), 'verification', t('2026-03-09 17:00')),
      reported(t('2026-03-06 10:00'), 'unit-a'),
      rework(t('2026-03-06 12:00'), 'verification', t('2026-03-09 17:00')),
      reported(t('2026-03-07 10:00'), 'unit-a'),
      closed(t('2026-03-07 12:00')),
    ]);
    const { metrics } = figuresOf([twice], 'unit-a');
    expect(metrics).toMatchObject({ reworkCount: 2, reworkRate: 1 });
  });
});

describe('超期待处置率 (overdueOpenRate) at the period end', () => {
  it('divides open cases past their deadline by open cases with the unit', () => {
    const overdue = story('c-1', opened('unit-a', t('2026-03-20 17:00')));
    const notYet = story('c-2', opened('unit-a', t('2026-04-03 17:00')));
    const awaitingVerification = story('c-3', [...opened('unit-a', t('2026-03-20 17:00')), reported(t('2026-03-19 10:00'), 'unit-a')]);
    const { counts, metrics } = figuresOf([overdue, notYet, awaitingVerification], 'unit-a');
    expect(counts).toMatchObject({ openPending: 2, overdueOpen: 1 });
    expect(metrics).toMatchObject({ overdueOpenRate: 0.5, overdueCount: 1 });
  });

  it('does not count a case due exactly at the period end as overdue in that period', () => {
    const dueAtMidnight = story('c-1', opened('unit-a', t('2026-04-01 00:00')));
    expect(figuresOf([dueAtMidnight], 'unit-a').counts).toMatchObject({ openPending: 1, overdueOpen: 0, due: 0 });
    expect(figuresOf([dueAtMidnight], 'unit-a', APRIL).counts).toMatchObject({ openPending: 1, overdueOpen: 1, due: 1 });
  });

  it('is null for a unit with nothing open', () => {
    expect(figuresOf([cleanCase('c-1', 'unit-a', '2026-03-02')], 'unit-a').metrics.overdueOpenRate).toBeNull();
  });
});

describe('满意率 (satisfactionRate)', () => {
  const called = (id: string, answer: Parameters<typeof callback>[1]) =>
    story(id, [...opened(), reported(t('2026-03-05 10:00'), 'unit-a'), callback(t('2026-03-06 10:00'), answer), closed(t('2026-03-06 12:00'))]);

  it('counts 满意 and 基本满意 over answered callbacks, leaving 未接通 out and reporting it', () => {
    const histories = [called('c-1', 'satisfied'), called('c-2', 'basicallySatisfied'), called('c-3', 'unsatisfied'), called('c-4', 'noAnswer'), called('c-5', 'noAnswer')];
    const { counts, metrics } = figuresOf(histories, 'unit-a');
    expect(counts).toMatchObject({ satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, noAnswer: 2 });
    expect(metrics.satisfactionRate).toBeCloseTo(2 / 3);
  });

  it('never counts an unanswered callback as satisfied: with no answer at all the rate is null', () => {
    const { metrics, counts } = figuresOf([called('c-1', 'noAnswer')], 'unit-a');
    expect(counts.noAnswer).toBe(1);
    expect(metrics.satisfactionRate).toBeNull();
  });
});
