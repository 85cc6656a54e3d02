import { describe, expect, it } from 'vitest';
import { accepted, arbitrated, dispatched, figuresOf, received, returned, story, t, ZONE } from './histories.fixture.js';
import { monthPeriod } from './period.js';

const dispatch = (unitId = 'unit-a') => [
  received(t('2026-03-02 08:00')),
  dispatched(t('2026-03-02 08:10'), unitId, t('2026-03-02 17:00'), t('2026-03-09 17:00')),
];

describe('及时签收率 (onTimeAcceptanceRate)', () => {
  it('counts an acceptance before the deadline as on time, and one exactly at it too', () => {
    const early = story('c-1', [...dispatch(), accepted(t('2026-03-02 09:00'), 'unit-a')]);
    const onTheDot = story('c-2', [...dispatch(), accepted(t('2026-03-02 17:00'), 'unit-a')]);
    const { counts, metrics } = figuresOf([early, onTheDot], 'unit-a');
    expect(counts).toMatchObject({ dispatched: 2, acceptDue: 2, acceptOnTime: 2 });
    expect(metrics.onTimeAcceptanceRate).toBe(1);
  });

  it('counts an acceptance a minute late as late', () => {
    const late = story('c-1', [...dispatch(), accepted(t('2026-03-02 17:01'), 'unit-a')]);
    const { counts, metrics } = figuresOf([late], 'unit-a');
    expect(counts).toMatchObject({ acceptDue: 1, acceptOnTime: 0 });
    expect(metrics.onTimeAcceptanceRate).toBe(0);
  });

  it('counts a unit that neither accepts nor returns as late once its deadline passes', () => {
    const ignored = story('c-1', dispatch());
    const onTime = story('c-2', [...dispatch(), accepted(t('2026-03-02 09:00'), 'unit-a')]);
    const { counts, metrics } = figuresOf([ignored, onTime], 'unit-a');
    expect(counts).toMatchObject({ acceptDue: 2, acceptOnTime: 1, answered: 1 });
    expect(metrics.onTimeAcceptanceRate).toBe(0.5);
  });

  it('reckons an unanswered dispatch in the month its deadline passes, not the month it was sent', () => {
    const lateInMonth = story('c-1', [
      received(t('2026-03-31 20:00')),
      dispatched(t('2026-03-31 20:10'), 'unit-a', t('2026-04-01 12:00'), t('2026-04-08 17:00')),
    ]);
    expect(figuresOf([lateInMonth], 'unit-a').counts).toMatchObject({ dispatched: 1, acceptDue: 0 });
    expect(figuresOf([lateInMonth], 'unit-a', monthPeriod(2026, 4, ZONE)).counts).toMatchObject({ dispatched: 0, acceptDue: 1, acceptOnTime: 0 });
  });

  it('reckons an early acceptance in the month it happened, once', () => {
    const early = story('c-1', [
      received(t('2026-02-28 20:00')),
      dispatched(t('2026-02-28 20:10'), 'unit-a', t('2026-03-02 12:00'), t('2026-03-09 17:00')),
      accepted(t('2026-02-28 21:00'), 'unit-a'),
    ]);
    expect(figuresOf([early], 'unit-a', monthPeriod(2026, 2, ZONE)).counts).toMatchObject({ acceptDue: 1, acceptOnTime: 1 });
    expect(figuresOf([early], 'unit-a').counts.acceptDue).toBe(0);
  });

  it('takes a return before the deadline out of 及时签收率 and into 回退率', () => {
    const sentBack = story('c-1', [...dispatch(), returned(t('2026-03-02 10:00'), 'unit-a')]);
    const { counts, metrics } = figuresOf([sentBack], 'unit-a');
    expect(counts).toMatchObject({ acceptDue: 0, answered: 1, returned: 1 });
    expect(metrics.onTimeAcceptanceRate).toBeNull();
    expect(metrics.returnRate).toBe(1);
  });

  it('still counts a return after the deadline as a late acceptance', () => {
    const sentBackLate = story('c-1', [...dispatch(), returned(t('2026-03-03 10:00'), 'unit-a')]);
    expect(figuresOf([sentBackLate], 'unit-a').counts).toMatchObject({ acceptDue: 1, acceptOnTime: 0, returned: 1 });
  });

  it('does not hold a unit to a dispatch the centre moved elsewhere before its deadline', () => {
    const moved = story('c-1', [
      ...dispatch(),
      dispatched(t('2026-03-02 11:00'), 'unit-b', t('2026-03-03 11:00'), t('2026-03-09 17:00')),
      accepted(t('2026-03-02 12:00'), 'unit-b'),
    ]);
    expect(figuresOf([moved], 'unit-a').counts).toMatchObject({ dispatched: 1, acceptDue: 0 });
    expect(figuresOf([moved], 'unit-b').counts).toMatchObject({ dispatched: 1, acceptDue: 1, acceptOnTime: 1 });
  });
});

describe('回退率 (returnRate)', () => {
  it('divides returns by the dispatches the unit answered; an upheld arbitration is a new receipt', () => {
    const returnedThenUpheld = story('c-1', [
      ...dispatch(),
      returned(t('2026-03-02 10:00'), 'unit-a'),
      arbitrated(t('2026-03-03 10:00'), 'unit-a', true),
      accepted(t('2026-03-03 11:00'), 'unit-a'),
    ]);
    const accepted1 = story('c-2', [...dispatch(), accepted(t('2026-03-02 09:00'), 'unit-a')]);
    const { counts, metrics } = figuresOf([returnedThenUpheld, accepted1], 'unit-a');
    expect(counts).toMatchObject({ answered: 3, returned: 1 });
    expect(metrics.returnRate).toBeCloseTo(1 / 3);
  });

  it('counts an arbitration and the re-dispatch that follows it as one receipt, as the lifecycle emits them', () => {
    const upheld = story('c-1', [
      ...dispatch(),
      returned(t('2026-03-02 10:00'), 'unit-a'),
      arbitrated(t('2026-03-03 10:00'), 'unit-a', true),
      dispatched(t('2026-03-03 10:00'), 'unit-a', t('2026-03-04 10:00'), t('2026-03-09 17:00')),
      accepted(t('2026-03-03 12:00'), 'unit-a'),
    ]);
    const { counts, metrics } = figuresOf([upheld], 'unit-a');
    expect(counts).toMatchObject({ answered: 2, returned: 1, acceptDue: 1, acceptOnTime: 1 });
    expect(metrics).toMatchObject({ returnRate: 0.5, onTimeAcceptanceRate: 1 });
  });

  it('counts a return after acceptance, in the month of the return', () => {
    const sameMonth = story('c-1', [...dispatch(), accepted(t('2026-03-02 09:00'), 'unit-a'), returned(t('2026-03-05 10:00'), 'unit-a')]);
    expect(figuresOf([sameMonth], 'unit-a').counts).toMatchObject({ answered: 1, returned: 1 });
    const nextMonth = story('c-2', [
      received(t('2026-03-30 08:00')),
      dispatched(t('2026-03-30 08:10'), 'unit-a', t('2026-03-30 17:00'), t('2026-04-08 17:00')),
      accepted(t('2026-03-30 09:00'), 'unit-a'),
      returned(t('2026-04-02 10:00'), 'unit-a'),
    ]);
    expect(figuresOf([nextMonth], 'unit-a').counts).toMatchObject({ answered: 1, returned: 0 });
    expect(figuresOf([nextMonth], 'unit-a', monthPeriod(2026, 4, ZONE)).counts).toMatchObject({ answered: 1, returned: 1 });
  });

  it('answers a receipt once: a second return of the same dispatch is not counted again', () => {
    const twice = story('c-1', [...dispatch(), returned(t('2026-03-02 10:00'), 'unit-a'), returned(t('2026-03-02 11:00'), 'unit-a')]);
    expect(figuresOf([twice], 'unit-a').counts).toMatchObject({ answered: 1, returned: 1 });
  });

  it('is null for a unit that answered nothing', () => {
    expect(figuresOf([story('c-1', dispatch())], 'unit-a').metrics.returnRate).toBeNull();
  });
});
