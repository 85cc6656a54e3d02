/**
 * A leader's instruction (领导批示): priority rises, the lead and the leader's office are told, and from then
 * on every rung of the ladder also goes to that office — which a case without an instruction never sees.
 * A case that comes in as an instruction is a leader's matter from the start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, OFFICES, SUPERVISOR, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('a leader’s instruction', () => {
  let h: Harness;
  let instructed: string;
  let ordinary: string;
  let fromLeader: string;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    instructed = await h.intake();
    ordinary = await h.intake();
    fromLeader = await h.intake({ channel: 'leaderInstruction', description: 'The mayor saw the broken bins on Gulou Street', reporter: undefined }, DISPATCHER);
    await h.advanceTo('2026-12-01T09:30:00');
    for (const caseId of [instructed, ordinary, fromLeader]) await h.act(caseId, { type: 'accept' }, staff(BUREAU));
  });
  afterAll(async () => h.stop());

  it('raises priority and tells the lead and the office', async () => {
    await h.advanceTo('2026-12-02T10:00:00');
    await h.act(instructed, { type: 'leaderInstruct', officeId: OFFICES.leaderOffice, text: '请城管局抓紧处理，周五前办结' }, SUPERVISOR);
    const instruction = only(await h.events(instructed), 'leaderInstructed');
    expect(instruction.data).toEqual({ officeId: OFFICES.leaderOffice, text: '请城管局抓紧处理，周五前办结' });
    expect(noticesOf(h.sent(instructed), instruction.seq)).toEqual([`leaderInstructed → office:${OFFICES.leaderOffice}`, `leaderInstructed → unit:${BUREAU}`]);
    const state = await h.state(instructed);
    expect(state.leader).toEqual({ priority: 'raised', officeIds: [OFFICES.leaderOffice], instructions: 1 });
    // The instruction changes who hears, not the deadline.
    expect(state.handleDueAt).toBe((await h.state(ordinary)).handleDueAt);
  });

  it('puts the leader’s office on every later rung, and only on instructed cases', async () => {
    await h.advanceTo('2026-12-04T18:00:00');
    const [reminder, urge] = await h.eventsOf(instructed, 'escalated');
    expect(reminder!.data.notify).toEqual(['unit', 'leaderOffice']);
    expect(noticesOf(h.sent(instructed), reminder!.seq)).toEqual([`escalated.reminder → office:${OFFICES.leaderOffice}`, `escalated.reminder → unit:${BUREAU}`]);
    expect(noticesOf(h.sent(instructed), urge!.seq)).toEqual([
      `escalated.urge → office:${OFFICES.leaderOffice}`,
      `escalated.urge → unit:${BUREAU}`,
      `escalated.urge → unitHead:${BUREAU}`,
    ]);
    const toOffice = h.outbox(instructed).find((e) => e.notice.eventSeq === urge!.seq && e.notice.recipient.id === OFFICES.leaderOffice)!.notice;
    expect(toOffice.recipient.email).toEqual(['zfb@kaifeng.example.cn']);

    const [plainReminder, plainUrge] = await h.eventsOf(ordinary, 'escalated');
    expect(noticesOf(h.sent(ordinary), plainReminder!.seq)).toEqual([`escalated.reminder → unit:${BUREAU}`]);
    expect(noticesOf(h.sent(ordinary), plainUrge!.seq)).toEqual([`escalated.urge → unit:${BUREAU}`, `escalated.urge → unitHead:${BUREAU}`]);
    expect(h.sent(ordinary).some((n) => n.to === `office:${OFFICES.leaderOffice}`)).toBe(false);
  });

  it('treats a case that came in as an instruction as a leader’s matter from the start', async () => {
    const state = await h.state(fromLeader);
    expect(state.leader.priority).toBe('raised');
    const order = h.outbox(fromLeader).find((e) => e.notice.topic === 'dispatched')!.notice;
    expect(order.body.en).toContain('A leader has instructed on this case');
    // No office was named: the nearest leader office above the case hears of each rung.
    const [reminder] = await h.eventsOf(fromLeader, 'escalated');
    expect(noticesOf(h.sent(fromLeader), reminder!.seq)).toEqual([`escalated.reminder → office:${OFFICES.leaderOffice}`, `escalated.reminder → unit:${BUREAU}`]);
  });
});
