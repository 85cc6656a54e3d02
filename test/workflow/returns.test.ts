/**
 * Returns (退单) and the centre's arbitration (确权): a unit returns a case with its reason and legal basis;
 * the centre upholds the dispatch (the unit keeps its deadline and ladder) or names another lead (fresh
 * limits from then); past `maxReturns` (2 in the tiny city) arbitration is refused, the centre must
 * designate, and a designated unit cannot return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingField, ReturnLimitReached } from '../../functions/domain/case/errors.js';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { BUREAU, DISPATCHER, last, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

const DISTRICT_BUREAU = TINY_IDS.departments.longtingUrbanManagement;
const TIETA = TINY_IDS.communities.tieta;
const RETURN = { type: 'return', reason: 'Litter bins on this street belong to the district', legalBasis: '龙亭区城市管理职责清单 第12条' } as const;

describe('returns and arbitration', () => {
  let h: Harness;
  let upheld: string;
  let renamed: string;
  let bounded: string;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    // Three cases side by side, on one timeline.
    upheld = await h.intake();
    renamed = await h.intake();
    bounded = await h.intake();
  });
  afterAll(async () => h.stop());

  it('refuses a return without a reason or a legal basis, and writes nothing', async () => {
    await h.advanceTo('2026-12-01T09:30:00');
    const before = (await h.state(upheld)).version;
    await expect(h.platform.service.act(upheld, { type: 'return', reason: RETURN.reason } as never, staff(BUREAU))).rejects.toMatchObject({
      name: 'MissingField',
      field: 'legalBasis',
    });
    await expect(h.platform.service.act(upheld, { type: 'return', legalBasis: RETURN.legalBasis } as never, staff(BUREAU))).rejects.toBeInstanceOf(
      MissingField,
    );
    expect((await h.state(upheld)).version).toBe(before);
    expect(h.sent(upheld).map((n) => n.topic)).toEqual(['dispatched']);
  });

  it('puts a returned case before the command centre, which upholds the dispatch: the unit keeps its clock', async () => {
    await h.act(upheld, RETURN, staff(BUREAU));
    const returned = only(await h.events(upheld), 'returned');
    expect(returned.data).toEqual({ unitId: BUREAU, reason: RETURN.reason, legalBasis: RETURN.legalBasis, arbitrationDueAt: returned.data.arbitrationDueAt });
    expect(local(returned.data.arbitrationDueAt!)).toBe('2026-12-02T18:00:00'); // one working day, from the next one
    expect(noticesOf(h.sent(upheld), returned.seq)).toEqual(['returned → office:longting-command-centre']);
    let state = await h.state(upheld);
    expect([state.stage, state.counters.returns, state.lastReturn?.legalBasis]).toEqual(['returned', 1, RETURN.legalBasis]);

    // The accept deadline (10:00) passes while the case is with the centre: not the unit's miss.
    await h.advanceTo('2026-12-01T11:00:00');
    expect((await h.events(upheld)).map((e) => e.type)).not.toContain('deadlineMissed');

    await h.act(upheld, { type: 'arbitrate', uphold: true }, DISPATCHER);
    const events = await h.events(upheld);
    const arbitrated = only(events, 'arbitrated');
    expect(arbitrated.data).toEqual({ leadId: BUREAU, coHandlerIds: [], upheld: true, designated: false });
    const redispatched = last(events, 'dispatched');
    expect(redispatched.seq).toBe(arbitrated.seq + 1);
    // A wrongful return buys no time: the handling deadline is the original one; acceptance is due anew.
    expect(local(redispatched.data.handleDueAt)).toBe('2026-12-04T18:00:00');
    expect(local(redispatched.data.acceptDueAt)).toBe('2026-12-01T12:00:00');
    expect(noticesOf(h.sent(upheld), redispatched.seq)).toEqual([`dispatched → unit:${BUREAU}`]);
    state = await h.state(upheld);
    expect([state.stage, state.leadId, state.counters.returns]).toEqual(['dispatched', BUREAU, 1]);
  });

  it('refuses arbitration past the return limit; the centre designates, and a designated unit cannot return', async () => {
    await h.act(bounded, RETURN, staff(BUREAU));
    await h.act(bounded, { type: 'arbitrate', leadId: DISTRICT_BUREAU }, DISPATCHER);
    await h.act(bounded, { ...RETURN, reason: 'Bins by the road are the street’s', legalBasis: '大兴街道职责清单 第3条' }, staff(DISTRICT_BUREAU));
    let state = await h.state(bounded);
    expect([state.stage, state.counters.returns]).toEqual(['returned', 2]);

    const version = state.version;
    const refused = h.platform.service.act(bounded, { type: 'arbitrate', leadId: TIETA }, DISPATCHER);
    await expect(refused).rejects.toBeInstanceOf(ReturnLimitReached);
    await expect(refused).rejects.toMatchObject({ returns: 2, maxReturns: 2, designated: false });
    await expect(h.platform.service.act(bounded, { type: 'arbitrate', uphold: true }, DISPATCHER)).rejects.toBeInstanceOf(ReturnLimitReached);
    expect((await h.state(bounded)).version).toBe(version);

    await h.act(bounded, { type: 'designate', leadId: TIETA }, DISPATCHER);
    const events = await h.events(bounded);
    expect(last(events, 'arbitrated').data).toEqual({ leadId: TIETA, coHandlerIds: [], upheld: false, designated: true });
    const redispatched = last(events, 'dispatched');
    expect(redispatched.data.leadId).toBe(TIETA);
    expect(noticesOf(h.sent(bounded), redispatched.seq)).toEqual([`dispatched → unit:${TIETA}`]);
    state = await h.state(bounded);
    expect([state.stage, state.leadId, state.designated]).toEqual(['dispatched', TIETA, true]);

    const designatedReturn = h.platform.service.act(bounded, { ...RETURN, reason: 'Not ours either', legalBasis: 'none' }, staff(TIETA));
    await expect(designatedReturn).rejects.toMatchObject({ name: 'ReturnLimitReached', designated: true });
    await h.act(bounded, { type: 'accept' }, staff(TIETA));
    await expect(h.platform.service.act(bounded, { ...RETURN, reason: 'Not ours either', legalBasis: 'none' }, staff(TIETA))).rejects.toBeInstanceOf(
      ReturnLimitReached,
    );
    state = await h.state(bounded);
    expect([state.stage, state.counters.returns]).toEqual(['handling', 2]);
    expect((await h.events(bounded)).filter((e) => e.type === 'returned').map((e) => e.actor.unitId)).toEqual([BUREAU, DISTRICT_BUREAU]);
  });
  it('lets the centre name another lead, which gets fresh limits from the arbitration; the old lead is out', async () => {
    // This case lay unaccepted past 10:00 before its unit returned it: that miss is the unit's.
    await h.act(renamed, RETURN, staff(BUREAU));
    // The centre answers late: the arbitration deadline passes first and is noted for the centre alone.
    await h.advanceTo('2026-12-02T18:00:00');
    const misses = await h.eventsOf(renamed, 'deadlineMissed');
    expect(misses.map((e) => [e.data.deadline, local(e.at)])).toEqual([
      ['accept', '2026-12-01T10:00:00'],
      ['arbitration', '2026-12-02T18:00:00'],
    ]);
    const missed = misses[1]!;
    expect(noticesOf(h.sent(renamed), missed.seq)).toEqual(['deadlineMissed.arbitration → office:longting-command-centre']);

    await h.advanceTo('2026-12-03T10:00:00'); // a Thursday
    await h.act(renamed, { type: 'arbitrate', leadId: DISTRICT_BUREAU, coHandlerIds: [TIETA] }, DISPATCHER);
    const events = await h.events(renamed);
    expect(only(events, 'arbitrated').data).toEqual({ leadId: DISTRICT_BUREAU, coHandlerIds: [TIETA], upheld: false, designated: false });
    const redispatched = last(events, 'dispatched');
    expect(local(redispatched.data.acceptDueAt)).toBe('2026-12-03T11:00:00');
    expect(local(redispatched.data.handleDueAt)).toBe('2026-12-08T18:00:00'); // Friday, Monday, Tuesday
    expect(noticesOf(h.sent(renamed), redispatched.seq)).toEqual([`dispatched → unit:${DISTRICT_BUREAU}`, `dispatched.coHandler → unit:${TIETA}`]);

    await expect(h.platform.service.act(renamed, { type: 'accept' }, staff(BUREAU))).rejects.toMatchObject({ name: 'NotPermitted' });
    await h.act(renamed, { type: 'accept' }, staff(DISTRICT_BUREAU));
    const state = await h.state(renamed);
    expect([state.stage, state.leadId, state.coHandlerIds, state.counters.returns]).toEqual(['handling', DISTRICT_BUREAU, [TIETA], 1]);
    // The new lead's ladder runs on its own deadline: no reminder before 80 % of its three days.
    await h.advanceTo('2026-12-08T11:17:00');
    expect((await h.events(renamed)).map((e) => e.type)).not.toContain('escalated');
    await h.advanceTo('2026-12-08T11:18:00');
    expect(only(await h.events(renamed), 'escalated').data).toMatchObject({ rung: 'reminder', unitId: DISTRICT_BUREAU });
    // Every execution is still supervising its case.
    for (const caseId of [upheld, renamed, bounded]) expect(h.platform.workflow.execution(caseId)!.status).toBe('running');
  });

});
