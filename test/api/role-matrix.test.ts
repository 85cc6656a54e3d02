/**
 * The role matrix through HTTP: for each role, what it may and may not do on one case and on the queries.
 * Every refusal is a problem+json 403 (or 401 without a token), and a refused request changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let caseId: string;
const tokens: Record<string, string> = {};
const USERS = {
  citizen: 'citizen-zhang', // reported the case
  gridWorker: 'grid-worker-liu', // a grid elsewhere
  unitStaff: 'staff-chen', // the lead bureau
  otherHead: 'head-zhao', // a community head, not on the case
  dispatcher: 'dispatcher-sun', // the city centre
  districtDispatcher: 'dispatcher-zhou', // Longting: the case is in Longting
  supervisor: 'supervisor-wu',
  admin: 'admin-zheng',
} as const;
type Who = keyof typeof USERS | 'anonymous';

beforeAll(async () => {
  api = await startApi();
  for (const [who, id] of Object.entries(USERS)) tokens[who] = await api.tokenFor(id);
  const created = await api.request('POST', '/cases', {
    token: tokens.citizen,
    body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'Broken bin', location: { lon: 114.3025, lat: 34.7825 } },
  });
  caseId = created.json.caseId as string;
  await api.settle();
});
afterAll(async () => api.stop());

const call = (who: Who, method: string, path: string, body?: unknown) =>
  api.request(method, path, { ...(who === 'anonymous' ? {} : { token: tokens[who] }), ...(body !== undefined ? { body } : {}) });

describe('the role matrix', () => {
  it('lets each role read only what is theirs', async () => {
    const expectations: [Who, string, number][] = [
      ['anonymous', `/cases/${caseId}`, 401],
      ['citizen', `/cases/${caseId}`, 200],
      ['gridWorker', `/cases/${caseId}`, 403],
      ['unitStaff', `/cases/${caseId}`, 200],
      ['otherHead', `/cases/${caseId}`, 403],
      ['dispatcher', `/cases/${caseId}`, 200],
      ['districtDispatcher', `/cases/${caseId}`, 200],
      ['supervisor', `/cases/${caseId}`, 200],
      ['admin', `/cases/${caseId}`, 200],
      ['citizen', `/units/${TINY_IDS.departments.urbanManagement}/inbox`, 403],
      ['unitStaff', `/units/${TINY_IDS.departments.urbanManagement}/inbox`, 200],
      ['otherHead', `/units/${TINY_IDS.departments.urbanManagement}/inbox`, 403],
      ['supervisor', `/units/${TINY_IDS.departments.urbanManagement}/inbox`, 200],
      ['unitStaff', '/appraisal', 403],
      ['gridWorker', '/appraisal', 403],
      ['otherHead', '/appraisal', 200],
      ['dispatcher', '/appraisal', 200],
    ];
    for (const [who, path, status] of expectations) {
      const response = await call(who, 'GET', path);
      expect(response.status, `${who} GET ${path}`).toBe(status);
      if (status >= 400) expect(response.headers.get('content-type'), `${who} GET ${path}`).toMatch(/^application\/problem\+json/);
    }
  });

  it('lets each role act only where the lifecycle gives it a part, writing nothing when refused', async () => {
    const before = (await api.platform.store.loadEvents(caseId)).length;
    const refused: [Who, string, unknown, number][] = [
      ['anonymous', 'accept', {}, 401],
      ['citizen', 'accept', {}, 403],
      ['gridWorker', 'accept', {}, 403],
      ['otherHead', 'accept', {}, 403],
      ['dispatcher', 'accept', {}, 403],
      ['supervisor', 'reportResult', { text: 'done' }, 403],
      ['citizen', 'arbitrate', { uphold: true }, 403],
      ['unitStaff', 'close', { answer: 'x' }, 403],
    ];
    for (const [who, action, body, status] of refused) {
      const response = await call(who, 'POST', `/cases/${caseId}/actions/${action}`, body);
      expect(response.status, `${who} ${action}`).toBe(status);
    }
    expect((await api.platform.store.loadEvents(caseId)).length).toBe(before);

    expect((await call('unitStaff', 'POST', `/cases/${caseId}/actions/accept`, {})).status).toBe(200);
    expect((await call('supervisor', 'POST', `/cases/${caseId}/actions/leaderInstruct`, { officeId: TINY_IDS.offices.leaderOffice, text: 'Fix it this week' })).status).toBe(200);
    expect((await call('unitStaff', 'POST', `/cases/${caseId}/actions/reportResult`, { text: 'Replaced' })).status).toBe(200);
    expect((await call('dispatcher', 'POST', `/cases/${caseId}/actions/verify`, { passed: true })).status).toBe(200);
  });
});
