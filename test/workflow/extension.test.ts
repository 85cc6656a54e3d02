/**
 * Extensions (延期): the lead asks before its deadline; the centre approves (the deadline moves, and the
 * ladder is placed again on the span granted) or refuses (nothing moves); an unanswered request is noted
 * as the centre's miss while the ladder keeps watching the unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, kaifeng, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

const iso = (localTime: string): string => new Date(kaifeng(localTime)).toISOString();
const REQUEST = { type: 'requestExtension', reason: 'The replacement bin is on order', requestedDueAt: iso('2026-12-09T18:00:00') } as const;

describe('extensions', () => {
  let h: Harness;
  let approved: string;
  let refused: string;
  let unanswered: string;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    approved = await h.intake();
    refused = await h.intake();
    unanswered = await h.intake();
    await h.advanceTo('2026-12-01T09:30:00');
    for (const caseId of [approved, refused, unanswered]) await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    await h.advanceTo('2026-12-02T10:00:00');
  });
  afterAll(async () => h.stop());

  it('refuses a request that would not move the deadline', async () => {
    const tooEarly = { ...REQUEST, requestedDueAt: iso('2026-12-04T12:00:00') };
    await expect(h.platform.service.act(approved, tooEarly, staff(BUREAU))).rejects.toMatchObject({ name: 'InvalidField', field: 'requestedDueAt' });
    expect((await h.events(approved)).map((e) => e.type)).not.toContain('extensionRequested');
  });

  it('moves the deadline on approval and places the remaining rungs on the span granted', async () => {
    for (const caseId of [approved, refused, unanswered]) await h.act(caseId, REQUEST, staff(BUREAU));
    const requested = only(await h.events(approved), 'extensionRequested');
    expect(local(requested.data.requestedDueAt)).toBe('2026-12-09T18:00:00');
    expect(local(requested.data.decisionDueAt!)).toBe('2026-12-03T18:00:00');
    expect(noticesOf(h.sent(approved), requested.seq)).toEqual(['extensionRequested → office:longting-command-centre']);
    expect((await h.state(approved)).stage).toBe('extensionRequested');

    await h.advanceTo('2026-12-02T15:00:00');
    await h.act(approved, { type: 'approveExtension' }, DISPATCHER);
    await h.act(refused, { type: 'refuseExtension', reason: 'The order can wait; repair the old bin' }, DISPATCHER);
    const granted = only(await h.events(approved), 'extensionApproved');
    expect([local(granted.data.previousDueAt), local(granted.data.handleDueAt)]).toEqual(['2026-12-04T18:00:00', '2026-12-09T18:00:00']);
    expect(noticesOf(h.sent(approved), granted.seq)).toEqual([`extensionApproved → unit:${BUREAU}`]);
    expect(h.outbox(approved).find((e) => e.notice.eventSeq === granted.seq)!.notice.body.en).toContain('2026-12-09 18:00');
    const state = await h.state(approved);
    expect([state.stage, local(state.handleDueAt!), state.counters.extensions]).toEqual(['handling', '2026-12-09T18:00:00', 1]);

    // Nothing at the old reminder (Fri 11:18) or the old deadline (Fri 18:00).
    await h.advanceTo('2026-12-07T18:00:00');
    expect((await h.events(approved)).map((e) => e.type)).not.toContain('escalated');
    // The span granted is 38 working hours from the approval; 80 % of it is reached on Tuesday at 17:24.
    await h.advanceTo('2026-12-09T18:00:00');
    const rungs = (await h.eventsOf(approved, 'escalated')).map((e) => [e.data.rung, local(e.at), local(e.data.dueAt)]);
    expect(rungs).toEqual([
      ['reminder', '2026-12-08T17:24:00', '2026-12-09T18:00:00'],
      ['urge', '2026-12-09T18:00:00', '2026-12-09T18:00:00'],
    ]);
  });

  it('keeps the deadline and the ladder where they were on refusal', async () => {
    const refusal = only(await h.events(refused), 'extensionRefused');
    expect(refusal.data).toEqual({ reason: 'The order can wait; repair the old bin', request: 'extension' });
    expect(local(refusal.at)).toBe('2026-12-02T15:00:00');
    expect(noticesOf(h.sent(refused), refusal.seq)).toEqual([`extensionRefused → unit:${BUREAU}`]);
    const state = await h.state(refused);
    expect([local(state.handleDueAt!), state.counters.extensions]).toEqual(['2026-12-04T18:00:00', 0]);
    expect((await h.eventsOf(refused, 'escalated')).map((e) => [e.data.rung, local(e.at)]).slice(0, 2)).toEqual([
      ['reminder', '2026-12-04T11:18:00'],
      ['urge', '2026-12-04T18:00:00'],
    ]);
  });

  it('notes the centre’s missed decision, while the ladder watches the unit meanwhile', async () => {
    const events = await h.events(unanswered);
    const missed = only(events, 'deadlineMissed');
    expect([missed.data.deadline, local(missed.at)]).toEqual(['extensionDecision', '2026-12-03T18:00:00']);
    expect(noticesOf(h.sent(unanswered), missed.seq)).toEqual(['deadlineMissed.extensionDecision → office:longting-command-centre']);
    const state = await h.state(unanswered);
    expect(state.stage).toBe('extensionRequested');
    expect((await h.eventsOf(unanswered, 'escalated')).map((e) => [e.data.rung, local(e.at)]).slice(0, 2)).toEqual([
      ['reminder', '2026-12-04T11:18:00'],
      ['urge', '2026-12-04T18:00:00'],
    ]);
  });
});
