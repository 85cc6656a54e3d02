/**
 * Two writers on one case at once — two staff of the lead, a unit and itself, two dispatchers, a person and
 * the workflow's own milestone: exactly one decision is written, the other writer gets `VersionConflict`
 * (and on retry the domain's answer), the history has no half-written decision, and the workflow goes on
 * supervising the case as it now stands.
 *
 * Racing for real: the racers' reads of the case's history are held until all of them have arrived, so each
 * one decides on the same version whatever the scheduling; where the order of the writes matters, it is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../functions/domain/case/events.js';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { VersionConflict } from '../../functions/ports/case-store.js';
import { BUREAU, kaifeng, local, staff, startHarness, type Harness } from './harness.js';

/** Holds the next `racers` reads of the case's history until all of them are in, then lets them go together. */
function holdReads(h: Harness, raced: string, racers = 2): void {
  const store = h.platform.store;
  const original = store.loadEvents.bind(store);
  const waiting: (() => void)[] = [];
  store.loadEvents = async (caseId) => {
    const events = await original(caseId);
    if (caseId !== raced) return events;
    if (waiting.length < racers - 1) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      store.loadEvents = original;
      for (const release of waiting.splice(0)) release();
    }
    return events;
  };
}

/** Seqs run 1..n without a gap, the projection is at the last one, and the workflow is waiting again (not failed). */
async function expectWholeHistory(h: Harness, caseId: string): Promise<CaseEvent[]> {
  const events = await h.events(caseId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect((await h.platform.store.getProjection(caseId))?.state.version).toBe(events.length);
  const execution = h.platform.workflow.execution(caseId)!;
  expect(execution.status).toBe('running');
  expect(execution.history.at(-1)).toMatchObject({ type: 'StateEntered', state: 'AwaitChange' });
  return events;
}

/**
 * Lets the history appends of a person and of the workflow (the system) through in the given order: the
 * second is held until the first has been written, so the second is the one to find the version taken.
 */
function orderAppends(h: Harness, raced: string, first: 'person' | 'workflow'): void {
  const store = h.platform.store;
  const original = store.appendEvents.bind(store);
  let firstDone!: () => void;
  const written = new Promise<void>((resolve) => (firstDone = resolve));
  let pending = 2;
  store.appendEvents = async (caseId, version, events) => {
    if (caseId !== raced) return original(caseId, version, events);
    const writer = events[0]?.actor.kind === 'system' ? 'workflow' : 'person';
    if (--pending === 0) store.appendEvents = original;
    if (writer !== first) await written;
    try {
      return await original(caseId, version, events);
    } finally {
      if (writer === first) firstDone();
    }
  };
}

function oneWinner(results: PromiseSettledResult<unknown>[]): unknown {
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect([won.length, lost.length]).toEqual([1, 1]);
  return lost[0]!.reason;
}

describe('concurrent actions on one case', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('lets one of two staff of the lead accept; the other gets VersionConflict, then the domain’s refusal', async () => {
    const caseId = await h.intake();
    holdReads(h, caseId);
    const results = await Promise.allSettled([
      h.platform.service.act(caseId, { type: 'accept' }, staff(BUREAU, 'staff-chen')),
      h.platform.service.act(caseId, { type: 'accept' }, staff(BUREAU, 'staff-li')),
    ]);
    const lost = oneWinner(results);
    expect(lost).toBeInstanceOf(VersionConflict);
    expect(lost).toMatchObject({ caseId, expectedVersion: 3 });
    await h.settle();
    const events = await expectWholeHistory(h, caseId);
    expect(events.filter((e) => e.type === 'accepted')).toHaveLength(1);
    // Retried on the fresh history, the loser is told why: the case is no longer waiting for acceptance.
    await expect(h.platform.service.act(caseId, { type: 'accept' }, staff(BUREAU, 'staff-li'))).rejects.toMatchObject({ name: 'IllegalTransition' });
  });

  it('writes either the acceptance or the return, never both, and the workflow follows the winner', async () => {
    const caseId = await h.intake();
    holdReads(h, caseId);
    const results = await Promise.allSettled([
      h.platform.service.act(caseId, { type: 'accept' }, staff(BUREAU, 'staff-chen')),
      h.platform.service.act(caseId, { type: 'return', reason: 'Not ours', legalBasis: '职责清单 第12条' }, staff(BUREAU, 'staff-li')),
    ]);
    expect(oneWinner(results)).toBeInstanceOf(VersionConflict);
    await h.settle();
    const events = await expectWholeHistory(h, caseId);
    const decisions = events.filter((e) => e.type === 'accepted' || e.type === 'returned').map((e) => e.type);
    expect(decisions).toHaveLength(1);
    const state = await h.state(caseId);
    expect(state.stage).toBe(decisions[0] === 'accepted' ? 'handling' : 'returned');
    // The workflow waits for what the winner left: the ladder (handling) or the centre's arbitration (returned).
    const due = decisions[0] === 'accepted' ? kaifeng('2026-12-04T11:18:00') : kaifeng('2026-12-02T18:00:00');
    expect(h.clock.waiting).toContain(due);
  });

  it('writes one arbitration of two dispatchers, whole: the arbitration and its dispatch together', async () => {
    const caseId = await h.intake();
    await h.act(caseId, { type: 'return', reason: 'Not ours', legalBasis: '职责清单 第12条' }, staff(BUREAU));
    holdReads(h, caseId);
    const results = await Promise.allSettled([
      h.platform.service.act(caseId, { type: 'arbitrate', leadId: TINY_IDS.departments.longtingUrbanManagement }, { kind: 'dispatcher', id: 'dispatcher-sun' }),
      h.platform.service.act(caseId, { type: 'arbitrate', leadId: TINY_IDS.communities.tieta }, { kind: 'dispatcher', id: 'dispatcher-zhou' }),
    ]);
    expect(oneWinner(results)).toBeInstanceOf(VersionConflict);
    await h.settle();
    const events = await expectWholeHistory(h, caseId);
    const arbitrated = events.filter((e) => e.type === 'arbitrated');
    expect(arbitrated).toHaveLength(1);
    const next = events[arbitrated[0]!.seq]!; // seq is 1-based: this is the event right after it
    expect(next.type).toBe('dispatched');
    expect(next.type === 'dispatched' && next.data.leadId).toBe(arbitrated[0]!.type === 'arbitrated' && arbitrated[0]!.data.leadId);
    expect(events.filter((e) => e.type === 'dispatched')).toHaveLength(2); // the first dispatch and this one
    // The winning lead, and only it, got the order.
    const lead = (await h.state(caseId)).leadId!;
    expect(h.sent(caseId).filter((n) => n.topic === 'dispatched').map((n) => n.to)).toEqual([`unit:${BUREAU}`, `unit:${lead}`]);
  });

  for (const first of ['person', 'workflow'] as const) {
    it(`settles a person acting at the very instant the workflow applies a milestone (the ${first} writes first)`, async () => {
      await h.advanceTo(first === 'person' ? '2026-12-01T10:00:00' : '2026-12-01T11:00:00');
      const caseId = await h.intake(); // accept due an hour later
      const due = local(Date.parse((await h.state(caseId)).acceptDueAt!));
      holdReads(h, caseId);
      orderAppends(h, caseId, first);
      const [clock, accept] = await Promise.allSettled([h.advanceTo(due), h.platform.service.act(caseId, { type: 'accept' }, staff(BUREAU))]);
      expect(clock.status).toBe('fulfilled');
      if (first === 'person') {
        // The workflow lost: its task failed with VersionConflict, the state machine retried it, and on the
        // fresh history the missed deadline no longer applies (the unit accepted in time).
        expect(accept.status).toBe('fulfilled');
      } else {
        // The person lost and is told to look again; accepting late is still allowed.
        expect(accept.status === 'rejected' && accept.reason).toBeInstanceOf(VersionConflict);
        await h.act(caseId, { type: 'accept' }, staff(BUREAU));
      }
      await h.settle();
      const events = await expectWholeHistory(h, caseId);
      const types = events.map((e) => e.type);
      expect(types.filter((t) => t === 'accepted')).toHaveLength(1);
      expect(types.slice(3)).toEqual(first === 'person' ? ['accepted'] : ['deadlineMissed', 'accepted']);
      const execution = h.platform.workflow.execution(caseId)!;
      if (first === 'person') expect(execution.history).toContainEqual(expect.objectContaining({ type: 'StateRetried', state: 'ApplyMilestone' }));
      expect((await h.state(caseId)).stage).toBe('handling');
    });
  }

  it('keeps supervising the raced cases afterwards', async () => {
    await h.advanceTo('2026-12-04T18:00:00');
    for (const projection of (await h.platform.store.listOpenCases()).items) {
      const caseId = projection.state.id;
      expect(h.platform.workflow.execution(caseId)?.status, caseId).toBe('running');
    }
    const handled = (await h.platform.store.listOpenCases()).items.filter((p) => p.state.stage === 'handling');
    expect(handled.length).toBeGreaterThanOrEqual(3);
    for (const projection of handled) {
      expect((await h.eventsOf(projection.state.id, 'escalated')).map((e) => e.data.rung)).toEqual(['reminder', 'urge']);
    }
  });
});
