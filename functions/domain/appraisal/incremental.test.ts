import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../case/events.js';
import { accepted, cleanCase, dispatched, received, story, t, ZONE } from './histories.fixture.js';
import { countsFromEvent, countsOfCase, HistoryOrderError } from './incremental.js';
import type { CaseTally } from './tally.js';

const fold = (events: CaseEvent[]) => {
  let tally: CaseTally | undefined;
  return events.map((event) => {
    const result = countsFromEvent(tally, event, { timeZone: ZONE });
    tally = result.tally;
    return result.deltas;
  });
};

describe('countsFromEvent', () => {
  const history = story('c-1', [
    received(t('2026-03-30 08:00')),
    dispatched(t('2026-03-30 08:10'), 'unit-a', t('2026-03-30 17:00'), t('2026-04-03 17:00')),
    accepted(t('2026-03-30 09:00'), 'unit-a'),
  ]);

  it('books what a dispatch will cost if nothing else happens: a late acceptance, a missed deadline in April', () => {
    const [onReceipt, onDispatch] = fold(history);
    expect(onReceipt).toEqual([]);
    expect(onDispatch).toEqual([
      { unitId: 'unit-a', month: '2026-03', counts: { dispatched: 1, openPending: 1, acceptDue: 1 } },
      { unitId: 'unit-a', month: '2026-04', counts: { due: 1, overdueOpen: 1 } },
    ]);
  });

  it('turns the expected late acceptance into an on-time one when the unit accepts in time', () => {
    expect(fold(history)[2]).toEqual([{ unitId: 'unit-a', month: '2026-03', counts: { acceptOnTime: 1, answered: 1 } }]);
  });

  it('hands back a tally a store can keep as JSON and resume from', () => {
    const first = countsFromEvent(undefined, history[0] as CaseEvent, { timeZone: ZONE });
    const second = countsFromEvent(JSON.parse(JSON.stringify(first.tally)) as CaseTally, history[1] as CaseEvent, { timeZone: ZONE });
    expect(second.deltas).toEqual(fold(history)[1]);
  });

  it('adds up, event by event, to what the whole history counts', () => {
    const events = cleanCase('c-2', 'unit-b', '2026-03-05');
    const summed = new Map<string, number>();
    for (const deltas of fold(events)) {
      for (const delta of deltas) for (const [key, value] of Object.entries(delta.counts)) summed.set(`${delta.month} ${key}`, (summed.get(`${delta.month} ${key}`) ?? 0) + value);
    }
    const whole = new Map<string, number>();
    for (const delta of countsOfCase(events, { timeZone: ZONE })) for (const [key, value] of Object.entries(delta.counts)) whole.set(`${delta.month} ${key}`, value);
    expect(new Map([...summed].filter(([, v]) => v !== 0))).toEqual(whole);
  });

  it('refuses an event folded twice, or another case’s event, naming the case', () => {
    const [first, second] = history as [CaseEvent, CaseEvent];
    const { tally } = countsFromEvent(undefined, second, { timeZone: ZONE });
    expect(() => countsFromEvent(tally, first, { timeZone: ZONE })).toThrow(HistoryOrderError);
    expect(() => countsFromEvent(tally, { ...second, seq: 9, caseId: 'c-9' }, { timeZone: ZONE })).toThrow(/belongs to case c-9, not c-1/);
    expect(() => countsOfCase([first, first], { timeZone: ZONE })).toThrow(/c-1: event 1 arrives after event 1/);
  });

  it('refuses an event whose time is not an instant', () => {
    const [first] = history as [CaseEvent];
    expect(() => countsFromEvent(undefined, { ...first, at: 'soon' }, { timeZone: ZONE })).toThrow(/case c-1, event 1: "soon" is not an ISO 8601 instant/);
  });
});
