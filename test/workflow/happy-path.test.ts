/**
 * The happy path on the real ASL: intake → routed and dispatched → accepted → result → verified →
 * callback → closed, with every deadline on the working calendar (a weekend, and the 2026 National Day
 * holiday with its make-up working days) and every notice that goes out, and nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, gridWorker, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('the happy path', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' }); // a Tuesday
  });
  afterAll(async () => h.stop());

  it('carries a case from intake to closure with its deadlines on the calendar and the right people told', async () => {
    const caseId = await h.intake();
    const dispatched = only(await h.events(caseId), 'dispatched');
    expect(dispatched.data.leadId).toBe(BUREAU);
    // One working hour to accept; three working days to handle, counted from the next working day.
    expect(local(dispatched.data.acceptDueAt)).toBe('2026-12-01T10:00:00');
    expect(local(dispatched.data.handleDueAt)).toBe('2026-12-04T18:00:00');
    const lead = staff(BUREAU);

    await h.advanceTo('2026-12-01T09:40:00');
    await h.act(caseId, { type: 'accept' }, lead);
    await h.advanceTo('2026-12-03T16:00:00');
    await h.act(caseId, { type: 'reportResult', text: 'Replaced the bin', photoUrls: ['https://photos.example/bin.jpg'] }, lead);
    const reported = only(await h.events(caseId), 'resultReported');
    expect(local(reported.data.verificationDueAt!)).toBe('2026-12-04T18:00:00'); // one working day, from the next one: the close of Friday

    await h.advanceTo('2026-12-04T10:00:00');
    const state = await h.state(caseId);
    await h.act(caseId, { type: 'verify', passed: true }, gridWorker(state.gridId!));
    const verified = only(await h.events(caseId), 'verified');
    expect(local(verified.data.callbackDueAt!)).toBe('2026-12-08T18:00:00'); // two working days after Friday: Monday and Tuesday

    await h.advanceTo('2026-12-04T11:00:00');
    await h.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await h.act(caseId, { type: 'close', answer: 'The bin was replaced.' }, DISPATCHER);

    const events = await h.events(caseId);
    expect(events.map((e) => e.type)).toEqual(['received', 'routed', 'dispatched', 'accepted', 'resultReported', 'verified', 'callbackRecorded', 'closed']);
    // Acted on in time: the workflow fired nothing of its own.
    expect(events.filter((e) => e.actor.kind === 'system').map((e) => e.type)).toEqual(['routed', 'dispatched']);

    const execution = h.platform.workflow.execution(caseId)!;
    await execution.done;
    expect(execution.status).toBe('succeeded');
    expect(execution.history.filter((e) => e.type === 'StateEntered').at(-1)?.state).toBe('Closed');
    expect(execution.transitions).toBeLessThanOrEqual(20);

    // The order to the lead and the answer to the reporter; nobody is messaged about the steps between.
    const sent = h.sent(caseId);
    expect(sent.map((n) => `${n.seq} ${n.topic} → ${n.to}`)).toEqual([`3 dispatched → unit:${BUREAU}`, `8 closed → reporter:${caseId}`]);
    const [order, answer] = h.outbox(caseId);
    expect(order!.notice.body.en).toContain('Accept by: 2026-12-01 10:00');
    expect(order!.notice.body.en).toContain('Handle by: 2026-12-04 18:00');
    expect(order!.notice.recipient.sms).toEqual(['+8613900000301']);
    // The answer leaves through the door the case came in by: the caller's phone.
    expect(answer!.notice.recipient.sms).toEqual(['+8613800000001']);
    expect(answer!.notice.body.en).toContain('The bin was replaced.');

    const closed = await h.state(caseId);
    expect(closed.stage).toBe('closed');
    expect(closed.supervisingLayer).toBe('grid'); // never escalated
    expect(closed.counters).toEqual({ returns: 0, reworks: 0, extensions: 0, suspensions: 0, escalations: 0 });
    expect((await h.platform.store.listOpenCases()).items.map((p) => p.state.id)).not.toContain(caseId);
    expect(h.warnings).toEqual([]);
  });

  it('counts deadlines across a weekend', async () => {
    await h.advanceTo('2026-12-10T17:30:00'); // a Thursday, half an hour before closing time
    const caseId = await h.intake();
    const dispatched = only(await h.events(caseId), 'dispatched');
    expect(local(dispatched.data.acceptDueAt)).toBe('2026-12-11T09:00:00'); // 30 min on Thursday, 30 min on Friday
    // Three working days after the day of receipt: Friday, Monday, Tuesday.
    expect(local(dispatched.data.handleDueAt)).toBe('2026-12-15T18:00:00');
    // The reminder at 80 % of the limit: 4.2 working hours before the deadline, on the Tuesday morning.
    await h.advanceTo('2026-12-15T11:17:00');
    expect((await h.events(caseId)).map((e) => e.type)).not.toContain('escalated');
    await h.advanceTo('2026-12-15T11:18:00');
    const reminder = only(await h.events(caseId), 'escalated');
    expect([reminder.data.rung, local(reminder.at)]).toEqual(['reminder', '2026-12-15T11:18:00']);
  });
});

describe('deadlines around the National Day holiday', () => {
  it('skips the holiday week and counts the make-up Saturday', async () => {
    const h = await startHarness({ start: '2026-09-30T17:30:00' }); // the last working day before 1–7 October
    try {
      const caseId = await h.intake();
      const dispatched = only(await h.events(caseId), 'dispatched');
      // Half an hour on 30 September, the other half when work resumes on Thursday 8 October.
      expect(local(dispatched.data.acceptDueAt)).toBe('2026-10-08T09:00:00');
      // Three working days from the next working day: 8, 9 and Saturday 10 October (a make-up working day).
      expect(local(dispatched.data.handleDueAt)).toBe('2026-10-10T18:00:00');
      // The accept deadline does not fire during the holiday; the missed deadline is noted when it passes.
      await h.advanceTo('2026-10-07T23:00:00');
      expect((await h.events(caseId)).map((e) => e.type)).not.toContain('deadlineMissed');
      await h.advanceTo('2026-10-08T09:00:00');
      const missed = only(await h.events(caseId), 'deadlineMissed');
      expect(local(missed.at)).toBe('2026-10-08T09:00:00');
      expect(noticesOf(h.sent(caseId), missed.seq)).toEqual([
        `deadlineMissed.accept → office:longting-command-centre`,
        `deadlineMissed.accept → unit:${BUREAU}`,
      ]);
    } finally {
      await h.stop();
    }
  });
});
