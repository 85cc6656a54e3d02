/**
 * Unmerging a duplicate reopens a case whose supervision ended with the merge. Step Functions never
 * reuses an execution name, so the reopened case is taken up by a new line of executions (`<id>.r1`), and
 * its deadlines fire again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPATCHER, startHarness, type Harness } from './harness.js';

describe('an unmerged duplicate', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('is supervised again by a fresh execution, and its ladder fires', async () => {
    const master = await h.intake();
    const duplicate = await h.intake({ description: 'Same bin, another caller', reporter: { phone: '+8613800000003' } });
    await h.act(duplicate, { type: 'mergeAsDuplicate', masterCaseId: master }, DISPATCHER);
    await h.act(master, { type: 'attachDuplicate', duplicateCaseId: duplicate }, DISPATCHER);
    await h.platform.workflow.execution(duplicate)!.done;

    await h.act(duplicate, { type: 'unmerge' }, DISPATCHER);
    expect((await h.state(duplicate)).stage).toBe('dispatched');
    const reopened = h.platform.workflow.execution(duplicate, 1, 1);
    expect(reopened?.name).toBe(`${duplicate}.r1`);
    expect(reopened?.status).toBe('running');

    // Nobody accepts: the accept deadline (one working hour after dispatch) is noted by the new execution.
    await h.advanceTo('2026-12-01T11:00:00');
    expect((await h.eventsOf(duplicate, 'deadlineMissed')).length).toBe(1);
    expect((await h.platform.store.listOpenCases()).items.map((p) => p.state.id).sort()).toEqual([duplicate, master].sort());
  });
});
