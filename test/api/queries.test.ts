/** The read side through HTTP: a unit's inbox, the board, and the league table, each for whom it is meant. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let citizen: string;
let staff: string;
let dispatcher: string;
let districtDispatcher: string;
let supervisor: string;
const BUREAU = TINY_IDS.departments.urbanManagement;
const report = (description: string) => ({
  channel: 'app',
  categoryCode: TINY_IDS.categories.litterBin,
  description,
  location: { lon: 114.3025, lat: 34.7825 },
});

beforeAll(async () => {
  api = await startApi();
  [citizen, staff, dispatcher, districtDispatcher, supervisor] = (await Promise.all(
    ['citizen-zhang', 'staff-chen', 'dispatcher-sun', 'dispatcher-zhou', 'supervisor-wu'].map((id) => api.tokenFor(id)),
  )) as [string, string, string, string, string];
  for (const text of ['first bin', 'second bin', 'third bin']) {
    await api.request('POST', '/cases', { token: citizen, body: report(text) });
    await api.clock.advanceBy(60_000, () => api.platform.workflow.idle());
  }
  await api.settle();
});
afterAll(async () => api.stop());

describe('queries through HTTP', () => {
  it('lists a unit’s open cases by deadline, in pages, for the unit only', async () => {
    const first = await api.request('GET', `/units/${BUREAU}/inbox?limit=2`, { token: staff });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.cursor).toEqual(expect.any(String));
    const rest = await api.request('GET', `/units/${BUREAU}/inbox?limit=2&cursor=${encodeURIComponent(first.json.cursor)}`, { token: staff });
    const all = [...first.json.items, ...rest.json.items];
    expect(all).toHaveLength(3);
    const dues = all.map((entry: { nextDueAt: string }) => entry.nextDueAt);
    expect(dues).toEqual([...dues].sort());

    expect((await api.request('GET', `/units/${BUREAU}/inbox`, { token: citizen })).status).toBe(403);
    expect((await api.request('GET', `/units/${TINY_IDS.departments.waterSupply}/inbox`, { token: staff })).status).toBe(403);
    expect((await api.request('GET', `/units/${BUREAU}/inbox`, { token: dispatcher })).status).toBe(200);
    expect((await api.request('GET', `/units/no-such-unit/inbox`, { token: dispatcher })).status).toBe(404);
    const bad = await api.request('GET', `/units/${BUREAU}/inbox?limit=1000`, { token: staff });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'query/limit', reason: 'at most 100' }]);
    expect((await api.request('GET', `/units/${BUREAU}/inbox?cursor=not-a-cursor`, { token: staff })).status).toBe(400);
  });

  it('shows the overdue board to the dispatchers whose territory it is', async () => {
    // Nobody accepts: the ladder fires, and the cases climb to the boards of the layers above.
    await api.clock.advanceTo(Date.parse('2026-12-10T12:00:00+08:00'), () => api.platform.workflow.idle());
    const { state } = await api.platform.service.load((await api.platform.store.listOpenCases()).items[0]!.state.id);
    const supervising = state.territory.find((link) => link.level === state.supervisingLayer)!.unitId;
    const board = await api.request('GET', `/board/${supervising}?status=overdue`, { token: dispatcher });
    expect(board.status).toBe(200);
    expect(board.json.items.length).toBe(3);
    expect(board.json.items.every((entry: { boardStatus: string }) => entry.boardStatus === 'overdue')).toBe(true);
    expect((await api.request('GET', `/board/${supervising}`, { token: staff })).status).toBe(403);
    // A district dispatcher of another district does not see a Longting board unless it is theirs.
    const gulouStreet = TINY_IDS.subdistricts.xiangguosi;
    expect((await api.request('GET', `/board/${gulouStreet}`, { token: districtDispatcher })).status).toBe(403);
  });

  it('ranks units for a month with every metric, for supervisors', async () => {
    const table = await api.request('GET', '/appraisal?month=2026-12', { token: supervisor });
    expect(table.status).toBe(200);
    expect(table.json.period.label).toBe('2026-12');
    const bureau = table.json.units.find((unit: { unitId: string }) => unit.unitId === BUREAU);
    // The three cases the bureau never accepted all came due in December, and none was finished on time.
    expect(bureau.counts.due).toBe(3);
    expect(bureau.metrics.onTimeCompletionRate).toBe(0);
    expect(bureau.metrics).toHaveProperty('onTimeAcceptanceRate');
    expect(Array.isArray(table.json.redList) && Array.isArray(table.json.blackList)).toBe(true);
    expect((await api.request('GET', '/appraisal', { token: citizen })).status).toBe(403);
    expect((await api.request('GET', '/appraisal?month=2026-13', { token: supervisor })).status).toBe(400);
  });

  it('ranks peers against peers: every department by default, or the units of one layer that led cases', async () => {
    // A street that led a case this month (its counts put in place as the case service would).
    const street = TINY_IDS.subdistricts.daxing;
    await api.platform.store.putAppraisal('case-led-by-a-street', [{ unitId: street, month: '2026-12', counts: { dispatched: 1, acceptDue: 1, due: 1, completed: 1, completedOnTime: 1 } }]);
    const departments = await api.request('GET', '/appraisal?month=2026-12', { token: supervisor });
    expect(departments.json.group).toBe('departments');
    expect(departments.json.units.map((unit: { unitId: string }) => unit.unitId).sort()).toEqual(Object.values(TINY_IDS.departments).sort());
    const streets = await api.request('GET', '/appraisal?month=2026-12&group=subdistrict', { token: supervisor });
    expect(streets.status).toBe(200);
    expect(streets.json).toMatchObject({ group: 'subdistrict', units: [{ unitId: street, counts: { due: 1, completedOnTime: 1 } }] });
    expect(streets.json.units).toHaveLength(1);
    const wrong = await api.request('GET', '/appraisal?group=everyone', { token: supervisor });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([expect.objectContaining({ field: 'query/group' })]);
  });
});
