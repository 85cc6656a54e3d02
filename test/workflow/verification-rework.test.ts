/**
 * Verification (核查) that fails sends the case back for rework (返工): counted, with a new handling limit
 * from the order and a fresh ladder; the supervising layer never drops back. A verification the centre
 * does not do in time is noted as the centre's miss. Then the case passes and closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, gridWorker, last, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('failed verification and rework', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('orders rework with a new limit and a fresh ladder, then closes on the second result', async () => {
    const caseId = await h.intake();
    const grid = (await h.state(caseId)).gridId!;
    await h.advanceTo('2026-12-01T09:30:00');
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    await h.advanceTo('2026-12-04T14:30:00'); // the reminder fired at 11:18
    await h.act(caseId, { type: 'reportResult', text: 'Bin repaired' }, staff(BUREAU));

    await h.advanceTo('2026-12-07T09:00:00'); // Monday
    await expect(h.platform.service.act(caseId, { type: 'verify', passed: false }, gridWorker(grid))).rejects.toMatchObject({ name: 'MissingField', field: 'note' });
    await h.act(caseId, { type: 'verify', passed: false, note: 'The lid is still missing' }, gridWorker(grid));
    let events = await h.events(caseId);
    const failed = only(events, 'verified');
    const rework = only(events, 'reworkOrdered');
    expect(failed.data).toEqual({ passed: false, note: 'The lid is still missing' });
    expect(rework.seq).toBe(failed.seq + 1);
    expect(rework.data).toMatchObject({ source: 'verification', reason: 'The lid is still missing', handleLimit: { amount: 3, unit: 'workingDays' } });
    // A new three-working-day limit from the order: Tuesday, Wednesday, Thursday.
    expect(local(rework.data.handleDueAt)).toBe('2026-12-10T18:00:00');
    expect(noticesOf(h.sent(caseId), rework.seq)).toEqual([`reworkOrdered → unit:${BUREAU}`]);
    expect(h.outbox(caseId).find((e) => e.notice.eventSeq === rework.seq)!.notice.body.en).toContain('2026-12-10 18:00');
    let state = await h.state(caseId);
    expect([state.stage, state.counters.reworks, local(state.handleDueAt!)]).toEqual(['handling', 1, '2026-12-10T18:00:00']);
    // The reminder of the first window raised supervision to the community; a rework does not lower it.
    expect(state.supervisingLayer).toBe('community');

    // The ladder starts again for the redone work: a second reminder, at 80 % of the new limit.
    await h.advanceTo('2026-12-10T11:18:00');
    expect((await h.eventsOf(caseId, 'escalated')).map((e) => [e.data.rung, local(e.at), local(e.data.dueAt)])).toEqual([
      ['reminder', '2026-12-04T11:18:00', '2026-12-04T18:00:00'],
      ['reminder', '2026-12-10T11:18:00', '2026-12-10T18:00:00'],
    ]);

    await h.act(caseId, { type: 'reportResult', text: 'New lid fitted' }, staff(BUREAU));
    const report = last(await h.events(caseId), 'resultReported');
    expect(local(report.data.verificationDueAt!)).toBe('2026-12-11T18:00:00');
    // Nobody verifies on Friday: the centre's miss, noted at the close of the day.
    await h.advanceTo('2026-12-14T09:00:00');
    const missed = only(await h.events(caseId), 'deadlineMissed');
    expect([missed.data.deadline, local(missed.at)]).toEqual(['verification', '2026-12-11T18:00:00']);
    expect(noticesOf(h.sent(caseId), missed.seq)).toEqual(['deadlineMissed.verification → office:longting-command-centre']);
    // The result was in before the new deadline: no urge for a case waiting on the centre.
    expect((await h.eventsOf(caseId, 'escalated')).length).toBe(2);

    await h.act(caseId, { type: 'verify', passed: true }, gridWorker(grid));
    await h.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await h.act(caseId, { type: 'close', answer: 'A new lid was fitted after a second visit.' }, DISPATCHER);

    events = await h.events(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'received', 'routed', 'dispatched', 'accepted', 'escalated', 'resultReported', 'verified', 'reworkOrdered', 'escalated',
      'resultReported', 'deadlineMissed', 'verified', 'callbackRecorded', 'closed',
    ]);
    state = await h.state(caseId);
    expect([state.stage, state.counters.reworks, state.counters.escalations]).toEqual(['closed', 1, 2]);
    const execution = h.platform.workflow.execution(caseId)!;
    await execution.done;
    expect(execution.status).toBe('succeeded');
    expect(noticesOf(h.sent(caseId), last(events, 'closed').seq)).toEqual([`closed → reporter:${caseId}`]);
  });
});
