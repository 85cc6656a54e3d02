import { describe, expect, it } from 'vitest';
import { applyEvent, foldEvents } from './case-state.js';
import { CorruptHistory } from './errors.js';
import type { CaseEvent } from './events.js';
import { CaseRun, actors, at, routeTo } from './test-support.js';

const START = at('2026-09-14T09:00:00');

function history(): CaseEvent[] {
  const run = new CaseRun(START);
  run.do(routeTo(), actors.router);
  run.do({ type: 'accept' }, actors.lead);
  return run.events;
}

describe('foldEvents', () => {
  it('starts at the lowest layer of the territorial chain, or the grid, or the city', () => {
    expect(foldEvents(history()).supervisingLayer).toBe('grid');
    const community = new CaseRun(START, { channel: 'web', categoryCode: 'S0102', description: 'x', territory: [{ unitId: 'tieta', level: 'community' }, { unitId: 'daxing', level: 'subdistrict' }] });
    expect(community.state.supervisingLayer).toBe('community');
    const nowhere = new CaseRun(START, { channel: 'hotline', categoryCode: 'H001', description: 'Where do I apply?' });
    expect(nowhere.state.supervisingLayer).toBe('city');
  });

  it('refuses an empty history, a history not starting with received, gaps and foreign events', () => {
    const events = history();
    expect(() => foldEvents([])).toThrow(CorruptHistory);
    expect(() => foldEvents(events.slice(1))).toThrow(/first event must be 'received'/);
    expect(() => foldEvents([events[0]!, events[2]!])).toThrow(/expected seq 2/);
    expect(() => foldEvents([events[0]!, { ...events[1]!, caseId: 'case-2' }])).toThrow(/belongs to case 'case-2'/);
    expect(() => foldEvents([...events, { ...events[0]!, seq: events.length + 1 }])).toThrow(/received only once/);
  });

  it('counts an event type it does not know towards the version and otherwise ignores it', () => {
    const events = history();
    const state = foldEvents(events);
    const future = { ...events[1]!, seq: events.length + 1, type: 'photoAnnotated', data: {} } as unknown as CaseEvent;
    const next = applyEvent(state, future);
    expect(next).toEqual({ ...state, version: state.version + 1, updatedAt: future.at });
  });

  it('does not change the state it is given', () => {
    const events = history();
    const before = foldEvents(events.slice(0, 2));
    const snapshot = structuredClone(before);
    applyEvent(before, events[2]!);
    expect(before).toEqual(snapshot);
  });

  it('accepts older events without the optional deadline fields and still derives the clock', () => {
    const events = history().map((event) =>
      event.type === 'dispatched' ? { ...event, data: { leadId: event.data.leadId, coHandlerIds: [], acceptDueAt: event.data.acceptDueAt, handleDueAt: event.data.handleDueAt } } : event,
    );
    const state = foldEvents(events);
    expect(state.handleClock).toMatchObject({ length: { kind: 'span' }, firedSteps: [] });
    expect(state.handleClock?.timeKind).toBeUndefined();
  });
});
