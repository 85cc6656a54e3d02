/**
 * Suspension (挂起/缓办): the clock stops with the handling time left pinned, no rung fires while the case is
 * suspended, and on resumption (by a dispatcher, or by the workflow at the planned date) the deadline moves
 * by exactly the working time the case stood still, and the ladder is placed on the new deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, kaifeng, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

const HOUR = 3600_000;

describe('suspension and resumption', () => {
  let h: Harness;
  let requested: string;
  let planned: string;
  let declined: string;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    requested = await h.intake();
    planned = await h.intake();
    declined = await h.intake();
    await h.advanceTo('2026-12-01T09:30:00');
    for (const caseId of [requested, planned, declined]) await h.act(caseId, { type: 'accept' }, staff(BUREAU));
  });
  afterAll(async () => h.stop());

  it('stops the clock on the unit’s request, fires nothing meanwhile, and shifts the deadline by the pause', async () => {
    await h.advanceTo('2026-12-02T09:00:00');
    await h.act(requested, { type: 'requestSuspension', reason: 'The pavement is dug up for a gas main' }, staff(BUREAU));
    await h.act(declined, { type: 'requestSuspension', reason: 'We are busy' }, staff(BUREAU));
    const asked = only(await h.events(requested), 'suspensionRequested');
    expect(noticesOf(h.sent(requested), asked.seq)).toEqual(['suspensionRequested → office:longting-command-centre']);
    expect((await h.state(requested)).stage).toBe('extensionRequested');

    await h.act(requested, { type: 'suspend', reason: 'Gas main works until Monday' }, DISPATCHER);
    const suspended = only(await h.events(requested), 'suspended');
    // Wednesday 09:00 → Friday 18:00: 6.5 + 7 + 7 working hours left, pinned now.
    expect(suspended.data).toEqual({ reason: 'Gas main works until Monday', remainingMs: 20.5 * HOUR, timeKind: 'working' });
    let state = await h.state(requested);
    expect([state.stage, state.counters.suspensions]).toEqual(['suspended', 1]);

    await h.act(declined, { type: 'refuseSuspension', reason: 'Other streets are open; work around it' }, DISPATCHER);

    // Meanwhile the centre suspends another case on its own initiative, until Tuesday morning.
    await h.advanceTo('2026-12-03T14:30:00');
    const resumeAt = new Date(kaifeng('2026-12-08T08:30:00')).toISOString();
    await h.act(planned, { type: 'suspend', reason: 'Seasonal works: the square is fenced off', resumeAt }, DISPATCHER);

    // The old reminder (Friday 11:18) and the old deadline (Friday 18:00) pass in silence.
    await h.advanceTo('2026-12-07T09:00:00');
    expect((await h.events(requested)).map((e) => e.type)).not.toContain('escalated');

    await h.act(requested, { type: 'resume' }, DISPATCHER);
    const resumed = only(await h.events(requested), 'resumed');
    expect(resumed.actor).toEqual(DISPATCHER);
    // The pause covered Wednesday 09:00 → Monday 09:00: 6.5 + 7 + 7 + 0.5 = 21 working hours.
    expect(resumed.data.pausedMs).toBe(21 * HOUR);
    expect(local(resumed.data.handleDueAt)).toBe('2026-12-09T18:00:00');
    // The unit hears that its clock stopped, and when it runs again, its new deadline.
    const suspendedEvent = only(await h.events(requested), 'suspended');
    expect(noticesOf(h.sent(requested), suspendedEvent.seq)).toEqual([`suspended → unit:${BUREAU}`]);
    expect(noticesOf(h.sent(requested), resumed.seq)).toEqual([`resumed → unit:${BUREAU}`]);
    expect(h.outbox(requested).find((e) => e.notice.eventSeq === resumed.seq)?.notice.body.en).toContain('2026-12-09 18:00');
    // The deadline moved by exactly the working time the case was suspended.
    expect(h.platform.city.calendar.between(kaifeng('2026-12-04T18:00:00'), Date.parse(resumed.data.handleDueAt), 'working')).toBe(resumed.data.pausedMs);
    state = await h.state(requested);
    expect([state.stage, local(state.handleDueAt!), state.pausedMs]).toEqual(['handling', '2026-12-09T18:00:00', 21 * HOUR]);

    // The ladder on the resumed window: 80 % of the three days, counted back from the new deadline.
    await h.advanceTo('2026-12-09T18:00:00');
    expect((await h.eventsOf(requested, 'escalated')).map((e) => [e.data.rung, local(e.at), local(e.data.dueAt)])).toEqual([
      ['reminder', '2026-12-09T11:18:00', '2026-12-09T18:00:00'],
      ['urge', '2026-12-09T18:00:00', '2026-12-09T18:00:00'],
    ]);
  });

  it('tells the unit when its suspension is refused, and the clock never stopped', async () => {
    const refusal = only(await h.events(declined), 'extensionRefused');
    expect(refusal.data.request).toBe('suspension');
    expect(noticesOf(h.sent(declined), refusal.seq)).toEqual([`suspensionRefused → unit:${BUREAU}`]);
    expect(local((await h.state(declined)).handleDueAt!)).toBe('2026-12-04T18:00:00');
    expect((await h.eventsOf(declined, 'escalated')).slice(0, 2).map((e) => [e.data.rung, local(e.at)])).toEqual([
      ['reminder', '2026-12-04T11:18:00'],
      ['urge', '2026-12-04T18:00:00'],
    ]);
  });

  it('resumes by itself at the planned date, over a weekend', async () => {
    // Suspended on Thursday afternoon (in the first test), with a planned resumption on Tuesday 08:30.
    const events = await h.events(planned);
    const suspended = only(events, 'suspended');
    expect(local(suspended.at)).toBe('2026-12-03T14:30:00');
    expect(suspended.data.remainingMs).toBe(10.5 * HOUR); // Thursday afternoon and Friday
    const resumed = only(events, 'resumed');
    expect(resumed.actor).toEqual({ kind: 'system', id: 'supervision' });
    expect(local(resumed.at)).toBe('2026-12-08T08:30:00');
    expect(resumed.data.pausedMs).toBe(17.5 * HOUR); // Thursday afternoon, Friday, Monday
    expect(local(resumed.data.handleDueAt)).toBe('2026-12-09T12:00:00');
    expect((await h.eventsOf(planned, 'escalated')).map((e) => [e.data.rung, local(e.at)]).slice(0, 2)).toEqual([
      ['reminder', '2026-12-08T17:18:00'], // 4.2 working hours before the new deadline
      ['urge', '2026-12-09T12:00:00'],
    ]);
  });
});
