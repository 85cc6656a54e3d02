/**
 * A real case, driven through the domain as the case service drives it: each decision appended on the
 * version it was made on, the folded state saved as the projection. What comes back must replay and
 * compare equal, and the case must show where its state says it is.
 */
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../domain/case/case-state.js';
import { CaseRun, CO, LEAD, actors, at, routeTo } from '../../domain/case/test-support.js';
import { freshStore, useDynalite } from './dynalite.fixture.js';

const dynamo = useDynalite();

describe('a case through the store', () => {
  it('stores a history commit by commit and reads back the same events, state and inboxes', async () => {
    const { store } = await freshStore(dynamo);
    const run = new CaseRun(at('2026-09-14T09:00:00'), undefined, undefined, 'case-rt');
    await store.appendEvents('case-rt', 0, run.events);
    const steps = [
      () => run.do(routeTo(), actors.router), // routed + dispatched: one commit of two events
      () => run.do({ type: 'accept' }, actors.lead),
      () => run.do({ type: 'noteProgress', text: 'Crane booked' }, actors.co),
    ];
    for (const step of steps) {
      const version = run.state.version;
      const events = step();
      await store.appendEvents('case-rt', version, events);
      await store.saveProjection({ state: run.state, supervisingUnitId: 'tieta', ...(run.state.handleDueAt ? { nextDueAt: run.state.handleDueAt } : {}) });
    }
    const events = await store.loadEvents('case-rt');
    expect(events).toEqual(JSON.parse(JSON.stringify(run.events)));
    expect(foldEvents(events)).toEqual(JSON.parse(JSON.stringify(run.state)));
    expect((await store.getProjection('case-rt'))?.state).toEqual(JSON.parse(JSON.stringify(run.state)));
    expect((await store.unitInbox(LEAD)).items.map((item) => item.state.id)).toEqual(['case-rt']);
    expect((await store.unitInbox(CO)).items.map((item) => item.state.id)).toEqual(['case-rt']);
  });
});
