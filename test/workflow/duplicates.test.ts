/**
 * Merging a duplicate report (并单): the duplicate is merged into its master (mergeAsDuplicate on the
 * duplicate, attachDuplicate on the master); the duplicate's supervision ends at once and nothing more
 * fires on it; closing the master answers both reporters, each on their own phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, gridWorker, last, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('a duplicate merged into its master', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('ends the duplicate’s supervision and answers both reporters when the master closes', async () => {
    const master = await h.intake();
    await h.advanceTo('2026-12-01T09:20:00');
    const duplicate = await h.intake({ description: 'Broken bin near the crossing', reporter: { name: 'Li Si', phone: '+8613800000002' } });
    expect((await h.state(duplicate)).stage).toBe('dispatched');

    await h.act(duplicate, { type: 'mergeAsDuplicate', masterCaseId: master }, DISPATCHER);
    await h.act(master, { type: 'attachDuplicate', duplicateCaseId: duplicate }, DISPATCHER);

    const merged = await h.state(duplicate);
    expect([merged.stage, merged.masterCaseId, merged.stageBeforeMerge]).toEqual(['mergedAsDuplicate', master, 'dispatched']);
    expect((await h.state(master)).duplicateIds).toEqual([duplicate]);
    const duplicateRun = h.platform.workflow.execution(duplicate)!;
    await duplicateRun.done;
    expect(duplicateRun.status).toBe('succeeded');
    expect(duplicateRun.history.filter((e) => e.type === 'StateEntered').map((e) => e.state).slice(-2)).toEqual(['AnswerReporters', 'Closed']);
    expect((await h.platform.store.listOpenCases()).items.map((p) => p.state.id)).toEqual([master]);

    // Days pass: the master's ladder runs, the duplicate's does not (it has no supervisor left).
    await h.advanceTo('2026-12-03T10:00:00');
    expect((await h.events(duplicate)).map((e) => e.type)).toEqual(['received', 'routed', 'dispatched', 'mergedAsDuplicate']);
    expect((await h.eventsOf(master, 'deadlineMissed')).length).toBe(1);
    // Merging tells nobody but the lead that got the order before; the duplicate's reporter hears at the end.
    expect(h.sent(duplicate).map((n) => n.topic)).toEqual(['dispatched']);

    await h.act(master, { type: 'accept' }, staff(BUREAU));
    await h.act(master, { type: 'reportResult', text: 'Bin replaced' }, staff(BUREAU));
    await h.act(master, { type: 'verify', passed: true }, gridWorker((await h.state(master)).gridId!));
    await h.act(master, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await h.act(master, { type: 'close', answer: 'The bin at the corner was replaced.' }, DISPATCHER);

    const closed = last(await h.events(master), 'closed');
    expect(noticesOf(h.sent(master), closed.seq)).toEqual([`closed → reporter:${master}`, `closed.duplicate → reporter:${duplicate}`]);
    const answers = h.outbox(master).filter((e) => e.notice.eventSeq === closed.seq);
    const toDuplicate = answers.find((e) => e.notice.topic === 'closed.duplicate')!.notice;
    expect(toDuplicate.recipient.sms).toEqual(['+8613800000002']);
    expect(toDuplicate.body.en).toContain('The bin at the corner was replaced.');
    expect(toDuplicate.body.en).toContain(master);
    expect(answers.find((e) => e.notice.topic === 'closed')!.notice.recipient.sms).toEqual(['+8613800000001']);
    // The duplicate's reporter hears once, in the master's answer, and nothing was sent under the duplicate's id at closing.
    expect(h.sent(duplicate).map((n) => n.topic)).toEqual(['dispatched']);

    const masterRun = h.platform.workflow.execution(master)!;
    await masterRun.done;
    expect(masterRun.status).toBe('succeeded');
    expect(only(await h.events(duplicate), 'mergedAsDuplicate').data.masterCaseId).toBe(master);
    expect(h.warnings).toEqual([]);
  });
});
