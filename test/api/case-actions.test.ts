/** The action menu of a case through HTTP: what each caller may do now, as the transition table says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { documentValidator } from '../../functions/http/openapi/schema-validator.fixture.js';
import type { OpenApiDocument } from '../../functions/http/openapi/types.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let caseId: string;
let conforms: ReturnType<typeof documentValidator>;
const tokens: Record<string, string> = {};
const actionsOf = async (who: string) => {
  const response = await api.request('GET', `/cases/${caseId}/actions`, { token: tokens[who] });
  expect(response.status).toBe(200);
  expect(conforms('AvailableActions', response.json)).toBeUndefined();
  return (response.json.actions as { action: string }[]).map((entry) => entry.action).sort();
};

beforeAll(async () => {
  api = await startApi();
  for (const id of ['citizen-zhang', 'staff-chen', 'head-zhao', 'dispatcher-sun']) tokens[id] = await api.tokenFor(id);
  conforms = documentValidator((await api.request('GET', '/openapi.json')).json as OpenApiDocument);
  const created = await api.request('POST', '/cases', {
    token: tokens['citizen-zhang'],
    body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'Broken bin', location: { lon: 114.3025, lat: 34.7825 } },
  });
  caseId = created.json.caseId;
  await api.settle();
});
afterAll(async () => api.stop());

describe('GET /cases/{caseId}/actions', () => {
  it('offers the lead unit accept and return once dispatched, then its handling actions', async () => {
    expect(await actionsOf('staff-chen')).toEqual(['accept', 'return']);
    expect(await actionsOf('dispatcher-sun')).toEqual(['attachDuplicate', 'detachDuplicate', 'leaderInstruct', 'mergeAsDuplicate']);
    expect(await actionsOf('citizen-zhang')).toEqual([]);
    const accepted = await api.request('POST', `/cases/${caseId}/actions/accept`, { token: tokens['staff-chen'], body: {} });
    expect(accepted.status).toBe(200);
    await api.settle();
    expect(await actionsOf('staff-chen')).toEqual(['noteProgress', 'reportResult', 'requestExtension', 'requestSuspension', 'return']);
    const menu = await api.request('GET', `/cases/${caseId}/actions`, { token: tokens['staff-chen'] });
    expect(menu.json.actions.find((entry: { action: string }) => entry.action === 'return').requires).toEqual(['reason', 'legalBasis']);
    // Accepted: only the handling deadline runs, with working time left that shrinks as the clock moves.
    const [handle] = menu.json.deadlines;
    expect(menu.json.deadlines).toHaveLength(1);
    expect(handle).toMatchObject({ name: 'handle', timeLeft: { kind: 'working' } });
    expect(handle.timeLeft.ms).toBeGreaterThan(0);
    await api.clock.advanceBy(3_600_000, () => api.platform.workflow.idle());
    const later = await api.request('GET', `/cases/${caseId}/actions`, { token: tokens['staff-chen'] });
    expect(later.json.deadlines[0].timeLeft.ms).toBe(handle.timeLeft.ms - 3_600_000);
  });

  it('refuses callers who may not see the case, and unknown cases', async () => {
    expect((await api.request('GET', `/cases/${caseId}/actions`, { token: tokens['head-zhao'] })).status).toBe(403);
    expect((await api.request('GET', '/cases/no-such-case/actions', { token: tokens['staff-chen'] })).status).toBe(404);
    expect((await api.request('GET', `/cases/${caseId}/actions`)).status).toBe(401);
  });
});
