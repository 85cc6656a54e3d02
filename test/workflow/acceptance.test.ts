/**
 * The accept deadline: a unit that never accepts is noted once when the deadline passes (the command
 * centre and the unit are told), and the handling ladder, whose clock runs from dispatch, keeps climbing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('a unit that does not accept in time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('is noted once at the accept deadline, and the ladder keeps running until it accepts late', async () => {
    const caseId = await h.intake();
    const dispatched = only(await h.events(caseId), 'dispatched');
    expect(local(dispatched.data.acceptDueAt)).toBe('2026-12-01T10:00:00');

    await h.advanceTo('2026-12-01T09:59:00');
    expect((await h.events(caseId)).map((e) => e.type)).not.toContain('deadlineMissed');

    await h.advanceTo('2026-12-01T10:00:00');
    const missed = only(await h.events(caseId), 'deadlineMissed');
    expect(missed.actor).toEqual({ kind: 'system', id: 'supervision' });
    expect(local(missed.at)).toBe('2026-12-01T10:00:00');
    expect(missed.data).toEqual({ deadline: 'accept', dueAt: dispatched.data.acceptDueAt, unitId: BUREAU });
    // The district's command centre (the case lies in Longting, watched from its grid) and the unit itself.
    expect(noticesOf(h.sent(caseId), missed.seq)).toEqual([
      'deadlineMissed.accept → office:longting-command-centre',
      `deadlineMissed.accept → unit:${BUREAU}`,
    ]);
    const text = h.outbox(caseId).find((entry) => entry.notice.eventSeq === missed.seq)!.notice.body.en;
    expect(text).toContain('2026-12-01 10:00');
    let state = await h.state(caseId);
    expect(state.stage).toBe('dispatched');
    expect(state.missed.accept).toBe(true);

    // Still not accepted: the handling clock ran from dispatch, so the reminder and the urge come on time.
    await h.advanceTo('2026-12-04T18:00:00');
    const rungs = (await h.eventsOf(caseId, 'escalated')).map((e) => [e.data.rung, local(e.at), e.data.supervisingLayer]);
    expect(rungs).toEqual([
      ['reminder', '2026-12-04T11:18:00', 'community'],
      ['urge', '2026-12-04T18:00:00', 'subdistrict'],
    ]);
    // The missed accept deadline is on record once, however many times the workflow woke since.
    expect((await h.eventsOf(caseId, 'deadlineMissed')).length).toBe(1);

    // Accepting late is still allowed; the deadline stays where it was and the ladder goes on from there.
    await h.advanceTo('2026-12-07T09:00:00');
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    state = await h.state(caseId);
    expect(state.stage).toBe('handling');
    expect(local(state.handleDueAt!)).toBe('2026-12-04T18:00:00');
    await h.advanceTo('2026-12-08T18:00:00');
    const supervise = (await h.eventsOf(caseId, 'escalated')).at(-1)!;
    expect([supervise.data.rung, local(supervise.at), supervise.data.supervisingLayer]).toEqual(['supervise', '2026-12-08T18:00:00', 'district']);

    state = await h.state(caseId);
    expect(state.supervisingLayer).toBe('district');
    expect(state.counters.escalations).toBe(3);
    expect(h.platform.workflow.execution(caseId)!.status).toBe('running');
    expect(h.warnings).toEqual([]);
  });
});
