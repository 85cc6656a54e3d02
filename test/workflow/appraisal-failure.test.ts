/**
 * A refresh whose appraisal replace fails (the store busy or down) still hands the workflow its fresh plan:
 * the projection save took the wait off the case, so nothing else would ever complete it, and the
 * execution would sleep on the old plan until its deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppraisalBusy } from '../../functions/ports/case-store.js';
import { BUREAU, DISPATCHER, gridWorker, noticesOf, staff, startHarness, type Harness } from './harness.js';

describe('a failed appraisal replace during a refresh', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('completes the workflow wait anyway, and the next refresh brings the appraisal up to date', async () => {
    const caseId = await h.intake();
    await h.settle();
    const execution = h.platform.workflow.execution(caseId)!;
    const waitsBefore = execution.history.filter((entry) => entry.type === 'StateEntered' && entry.state === 'AwaitChange').length;
    expect(h.platform.workflow.waiting).toBe(1);

    const store = h.platform.store;
    const original = store.putAppraisal.bind(store);
    store.putAppraisal = () => {
      store.putAppraisal = original;
      return Promise.reject(new Error('the appraisal store is busy'));
    };
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    await h.settle();

    expect(h.warnings.some((warning) => warning.includes('projection refresh deferred'))).toBe(true);
    // The wait was completed: the execution went round and waits again, on the accepted case's plan.
    expect(execution.history.filter((entry) => entry.type === 'StateEntered' && entry.state === 'AwaitChange').length).toBeGreaterThan(waitsBefore);
    expect(execution.status).toBe('running');
    expect(h.platform.workflow.waiting).toBe(1);

    await h.act(caseId, { type: 'noteProgress', text: 'On site' }, staff(BUREAU));
    const counts = (await store.appraisalDeltas(['2026-12'])).find((delta) => delta.unitId === BUREAU)?.counts;
    expect(counts).toMatchObject({ dispatched: 1, acceptOnTime: 1 });
  });

  it('answers the reporters of a closed case once the appraisal rows are free again', async () => {
    const caseId = await h.intake();
    await h.settle();
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    await h.act(caseId, { type: 'reportResult', text: 'Replaced the bin' }, staff(BUREAU));
    await h.act(caseId, { type: 'verify', passed: true }, gridWorker((await h.state(caseId)).gridId!));
    await h.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);

    // Another writer holds the case's appraisal rows for the close's own refresh and the closing step's first try.
    const store = h.platform.store;
    const original = store.putAppraisal.bind(store);
    let refusals = 0;
    store.putAppraisal = (id, deltas) => {
      if (id === caseId && refusals < 2) {
        refusals++;
        return Promise.reject(new AppraisalBusy(id));
      }
      return original(id, deltas);
    };
    await h.act(caseId, { type: 'close', answer: 'The bin was replaced.' }, DISPATCHER);
    const execution = h.platform.workflow.execution(caseId)!;
    await h.settle();
    await execution.done; // the retry waits on the engine's own timer
    store.putAppraisal = original;

    expect(refusals).toBe(2);
    expect(execution.status).toBe('succeeded');
    const closed = (await h.events(caseId)).find((event) => event.type === 'closed')!;
    expect(noticesOf(h.sent(caseId), closed.seq)).toEqual([`closed → reporter:${caseId}`]);
    expect((await store.appraisalDeltas(['2026-12'])).find((delta) => delta.unitId === BUREAU)?.counts).toMatchObject({ completed: 1 });
  });
});
