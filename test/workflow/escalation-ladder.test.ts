/**
 * The escalation ladder on the real workflow: reminder at 80 % of the limit → urge at expiry → supervise
 * (+2 working days) → listed (+5) → interview (+10), each at its exact local time, raising the supervising
 * layer community → subdistrict → district → city, with its card, and telling the people the rung names.
 * After the last rung the workflow only checks in weekly. An emergency runs its own ladder in natural time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { BUREAU, DAY_MS, kaifeng, local, noticesOf, staff, startHarness, type Harness } from './harness.js';

const LADDER = [
  // rung, local time, supervising layer, card, supervising unit of the projection, board
  ['reminder', '2026-12-04T11:18:00', 'community', undefined, 'tieta', 'warning'],
  ['urge', '2026-12-04T18:00:00', 'subdistrict', 'yellow', 'daxing', 'overdue'],
  ['supervise', '2026-12-08T18:00:00', 'district', 'yellow', 'longting', 'overdue'],
  ['listed', '2026-12-11T18:00:00', 'city', 'red', 'kaifeng', 'overdue'],
  ['interview', '2026-12-18T18:00:00', 'city', 'red', 'kaifeng', 'overdue'],
] as const;

const NOTIFIED: Record<(typeof LADDER)[number][0], string[]> = {
  reminder: [`escalated.reminder → unit:${BUREAU}`],
  urge: [`escalated.urge → unit:${BUREAU}`, `escalated.urge → unitHead:${BUREAU}`],
  // The district supervises now: the district itself and its command centre (also the rung's centre, told once).
  supervise: [
    `escalated.supervise → office:longting-command-centre`,
    `escalated.supervise → unit:${BUREAU}`,
    `escalated.supervise → unit:longting`,
    `escalated.supervise → unitHead:${BUREAU}`,
  ],
  listed: [
    `escalated.listed → office:${TINY_IDS.offices.commandCentre}`,
    `escalated.listed → office:${TINY_IDS.offices.supervisionOffice}`,
    `escalated.listed → unitHead:${BUREAU}`,
  ],
  interview: [
    `escalated.interview → office:${TINY_IDS.offices.leaderOffice}`,
    `escalated.interview → office:${TINY_IDS.offices.supervisionOffice}`,
    `escalated.interview → unitHead:${BUREAU}`,
  ],
};

describe('the escalation ladder', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
  });
  afterAll(async () => h.stop());

  it('climbs every rung on the working calendar while the unit sits on the case', async () => {
    const caseId = await h.intake();
    await h.advanceTo('2026-12-01T09:30:00');
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    expect((await h.state(caseId)).supervisingLayer).toBe('grid');

    for (const [index, [rung, at, layer, card, supervisingUnit, board]] of LADDER.entries()) {
      // Nothing a minute before the rung; the rung at its minute.
      await h.advanceTo(local(kaifeng(at) - 60_000));
      expect((await h.eventsOf(caseId, 'escalated')).length, `before ${rung}`).toBe(index);
      await h.advanceTo(at);
      const escalations = await h.eventsOf(caseId, 'escalated');
      expect(escalations.length, `at ${rung}`).toBe(index + 1);
      const event = escalations[index]!;
      expect(event.actor).toEqual({ kind: 'system', id: 'supervision' });
      expect(local(event.at)).toBe(at);
      expect(event.data).toMatchObject({ rung, supervisingLayer: layer, unitId: BUREAU, step: index });
      expect(event.data.card).toBe(card);
      expect(local(event.data.dueAt)).toBe('2026-12-04T18:00:00');
      expect(noticesOf(h.sent(caseId), event.seq), rung).toEqual(NOTIFIED[rung]);

      const state = await h.state(caseId);
      expect([state.supervisingLayer, state.escalation.rung, state.counters.escalations]).toEqual([layer, rung, index + 1]);
      const projection = await h.platform.store.getProjection(caseId);
      expect([projection?.supervisingUnitId, projection?.boardStatus]).toEqual([supervisingUnit, board]);
    }

    // The wording a unit head reads on the yellow card, with the deadline on Kaifeng's clock, to the head's own phone.
    const urgeToHead = h.outbox(caseId).find((entry) => entry.notice.topic === 'escalated.urge' && entry.notice.recipient.kind === 'unitHead')!;
    expect(urgeToHead.notice.recipient.sms).toEqual(['+8613900000300']);
    expect(urgeToHead.notice.body.en).toContain('2026-12-04 18:00');
    expect(urgeToHead.notice.subject.zh).toContain('黄牌');

    // After the last rung nothing more fires; the workflow checks in weekly and stays cheap.
    const transitions = h.platform.workflow.execution(caseId)!.transitions;
    expect(h.clock.waiting).toEqual([kaifeng('2026-12-18T18:00:00') + 7 * DAY_MS]);
    await h.advanceTo('2027-01-08T18:00:00');
    expect((await h.eventsOf(caseId, 'escalated')).length).toBe(5);
    expect(h.platform.workflow.execution(caseId)!.transitions - transitions).toBe(3 * 3); // each weekly check-in: ApplyMilestone, NextStep, AwaitChange
    expect(h.platform.workflow.execution(caseId)!.status).toBe('running');
    expect(h.warnings).toEqual([]);
  });
});

describe('the emergency ladder', () => {
  it('runs in natural time through a Saturday night, and reports a head nobody can reach instead of dropping it', async () => {
    const h = await startHarness({ start: '2026-12-05T22:00:00' }); // Saturday night
    try {
      const caseId = await h.intake({ categoryCode: TINY_IDS.categories.waterCover, urgency: 'emergency', description: 'Manhole cover missing on the main road' });
      const dispatched = (await h.eventsOf(caseId, 'dispatched'))[0]!;
      expect(dispatched.data.leadId).toBe(TINY_IDS.departments.waterSupply);
      expect([local(dispatched.data.acceptDueAt), local(dispatched.data.handleDueAt)]).toEqual(['2026-12-05T22:15:00', '2026-12-06T00:00:00']);
      await h.advanceTo('2026-12-06T01:00:00');
      const escalations = await h.eventsOf(caseId, 'escalated');
      expect(escalations.map((e) => [e.data.rung, local(e.at), e.data.supervisingLayer, e.data.card])).toEqual([
        ['reminder', '2026-12-05T23:00:00', 'subdistrict', undefined],
        ['urge', '2026-12-06T00:00:00', 'district', 'yellow'],
        ['supervise', '2026-12-06T01:00:00', 'city', 'red'],
      ]);
      expect((await h.state(caseId)).supervisingLayer).toBe('city');
      // The water company has no head on record: every rung that names the head says so in the log.
      expect(h.warnings.filter((w) => w.includes('unitHead') && w.includes(TINY_IDS.departments.waterSupply)).length).toBe(3);
      expect(h.sent(caseId).filter((n) => n.to === `unit:${TINY_IDS.departments.waterSupply}`).map((n) => n.topic)).toEqual([
        'dispatched',
        'deadlineMissed.accept',
        'escalated.reminder',
        'escalated.urge',
      ]);
    } finally {
      await h.stop();
    }
  });
});
