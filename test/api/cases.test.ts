/**
 * The native API through HTTP: intake, actions, a case with its timeline, and every kind of bad request
 * answered as problem+json naming the field, with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let citizen: string;
let staff: string;
let dispatcher: string;
let headOfOtherUnit: string;

const INSIDE = { lon: 114.3025, lat: 34.7825 };
const litterBin = (extra: Record<string, unknown> = {}) => ({
  channel: 'app',
  categoryCode: TINY_IDS.categories.litterBin,
  description: 'The litter bin at the corner is broken',
  location: INSIDE,
  reporter: { name: 'Zhang Xiuying', phone: '+8613800000001' },
  ...extra,
});

beforeAll(async () => {
  api = await startApi();
  citizen = await api.tokenFor('citizen-zhang');
  staff = await api.tokenFor('staff-chen');
  dispatcher = await api.tokenFor('dispatcher-sun');
  headOfOtherUnit = await api.tokenFor('head-zhao');
});
afterAll(async () => api.stop());

const casesNow = async () => (await api.platform.store.listOpenCases()).items.length;

describe('intake through HTTP', () => {
  it('opens a case and answers with its id, the routing decision and the expected deadline', async () => {
    const response = await api.request('POST', '/cases', { token: citizen, body: litterBin() });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/cases/${response.json.caseId}`);
    expect(response.json).toMatchObject({ created: true, routing: { kind: 'routed', leadId: TINY_IDS.departments.urbanManagement } });
    expect(Date.parse(response.json.expectedDeadline)).toBeGreaterThan(api.clock.now());
  });

  it('yields the same case for a retried request with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'retry-test-0001' };
    const first = await api.request('POST', '/cases', { token: citizen, body: litterBin(), headers });
    const again = await api.request('POST', '/cases', { token: citizen, body: litterBin(), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json.caseId).toBe(first.json.caseId);
    expect(again.json.created).toBe(false);
  });

  it('keeps the photos and the answers to the category’s fields, and names an answer that does not fit', async () => {
    const rubble = { categoryCode: 'S0102', description: 'Rubble left on the pavement' };
    const response = await api.request('POST', '/cases', {
      token: citizen,
      body: litterBin({ ...rubble, photoUrls: ['https://photos.example.cn/rubble.jpg'], attributes: { volumeM3: '2.5' } }),
    });
    expect(response.status).toBe(201);
    const shown = await api.request('GET', `/cases/${response.json.caseId}`, { token: dispatcher });
    expect(shown.json).toMatchObject({ photoUrls: ['https://photos.example.cn/rubble.jpg'], attributes: { volumeM3: '2.5' } });

    const before = await casesNow();
    const wrong = await api.request('POST', '/cases', { token: citizen, body: litterBin({ ...rubble, attributes: { volumeM3: 'lots' } }) });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([{ field: 'body/attributes/volumeM3', reason: expect.stringContaining("must be a number, not 'lots'") as string }]);
    const unknown = await api.request('POST', '/cases', { token: citizen, body: litterBin({ ...rubble, attributes: { colour: 'red' } }) });
    expect(unknown.json.errors).toEqual([{ field: 'body/attributes/colour', reason: expect.stringContaining('is no field of category S0102') as string }]);
    expect(await casesNow()).toBe(before);
  });

  it('refuses bad input with problem+json naming each field, and writes nothing', async () => {
    const before = await casesNow();
    const cases: [string, Parameters<ApiHarness['request']>[2], number, string][] = [
      ['no token', { body: litterBin() }, 401, 'Unauthenticated'],
      ['a forged token', { token: `${citizen.slice(0, -4)}AAAA`, body: litterBin() }, 401, 'InvalidToken'],
      ['malformed JSON', { token: citizen, rawBody: '{"channel": "app",', headers: { 'content-type': 'application/json' } }, 400, 'MalformedJson'],
      ['wrong content type', { token: citizen, rawBody: 'channel=app', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'UnsupportedMediaType'],
      ['wrong types', { token: citizen, body: litterBin({ location: { lon: 'east', lat: 34.78 } }) }, 422, 'InvalidCase'],
      ['a point outside the city', { token: citizen, body: litterBin({ location: { lon: 116.4, lat: 39.9 } }) }, 422, 'OutsideCity'],
      ['an unknown category', { token: citizen, body: litterBin({ categoryCode: 'S9999' }) }, 422, 'InvalidField'],
      ['a 5 MB body', { token: citizen, rawBody: JSON.stringify(litterBin({ description: 'x'.repeat(5 * 1024 * 1024) })), headers: { 'content-type': 'application/json' } }, 413, 'ContentTooLarge'],
    ];
    for (const [name, options, status, code] of cases) {
      const response = await api.request('POST', '/cases', options);
      expect(response.status, name).toBe(status);
      expect(response.headers.get('content-type'), name).toMatch(/^application\/problem\+json/);
      expect(response.json, name).toMatchObject({ status, code });
    }
    const typed = await api.request('POST', '/cases', { token: citizen, body: litterBin({ location: { lon: 'east', lat: 34.78 } }) });
    expect(typed.json.errors).toContainEqual({ field: 'body/location/lon', reason: expect.any(String) });
    await api.settle();
    expect(await casesNow()).toBe(before);
  });

  it('stores a script in the description as given, as text', async () => {
    const script = '<script>alert("x")</script> bin broken';
    const created = await api.request('POST', '/cases', { token: citizen, body: litterBin({ description: script }) });
    const read = await api.request('GET', `/cases/${created.json.caseId}`, { token: citizen });
    expect(read.json.description).toBe(script);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('actions and visibility through HTTP', () => {
  it('lets the lead unit accept and report, masks the reporter for the unit, and refuses other units', async () => {
    const created = await api.request('POST', '/cases', { token: citizen, body: litterBin() });
    const caseId = created.json.caseId as string;
    await api.settle();

    const forOtherUnit = await api.request('GET', `/cases/${caseId}`, { token: headOfOtherUnit });
    expect(forOtherUnit.status).toBe(403);
    const actByOther = await api.request('POST', `/cases/${caseId}/actions/accept`, { token: headOfOtherUnit, body: {} });
    expect(actByOther.status).toBe(403);

    const seenByUnit = await api.request('GET', `/cases/${caseId}`, { token: staff });
    expect(seenByUnit.status).toBe(200);
    expect(seenByUnit.json.stage).toBe('dispatched');
    expect(seenByUnit.json.reporter.phone).toBe('+86138****0001');
    expect(JSON.stringify(seenByUnit.json)).not.toContain('+8613800000001');
    const seenByCitizen = await api.request('GET', `/cases/${caseId}`, { token: citizen });
    expect(seenByCitizen.json.reporter.phone).toBe('+8613800000001');

    const accepted = await api.request('POST', `/cases/${caseId}/actions/accept`, { token: staff, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.json.stage).toBe('handling');

    const noBasis = await api.request('POST', `/cases/${caseId}/actions/return`, { token: staff, body: { reason: 'Not ours' } });
    expect(noBasis.status).toBe(422);
    expect(noBasis.json.errors).toEqual([{ field: 'body/legalBasis', reason: expect.any(String) }]);

    const illegal = await api.request('POST', `/cases/${caseId}/actions/verify`, { token: staff, body: { passed: true } });
    expect(illegal.status).toBe(403);
    const wrongStage = await api.request('POST', `/cases/${caseId}/actions/accept`, { token: staff, body: {} });
    expect(wrongStage.status).toBe(409);
    expect(wrongStage.json.code).toBe('IllegalTransition');

    const unknownAction = await api.request('POST', `/cases/${caseId}/actions/escalate`, { token: dispatcher, body: { step: 0 } });
    expect(unknownAction.status).toBe(404);

    const timeline = (await api.request('GET', `/cases/${caseId}`, { token: dispatcher })).json.timeline as { type: string }[];
    expect(timeline.map((event) => event.type)).toEqual(['received', 'routed', 'dispatched', 'accepted']);
  });

  it('answers 404 for a case that does not exist and 404 for an unknown route', async () => {
    expect((await api.request('GET', '/cases/20261201-NOSUCHCASE', { token: dispatcher })).status).toBe(404);
    expect((await api.request('GET', '/no/such/route', { token: dispatcher })).status).toBe(404);
    expect((await api.request('DELETE', '/cases', { token: dispatcher })).status).toBe(405);
  });

  it('lets only one of two units racing on one case win; the other gets 409', async () => {
    const created = await api.request('POST', '/cases', { token: citizen, body: litterBin() });
    const caseId = created.json.caseId as string;
    await api.settle();
    const [a, b] = await Promise.all([
      api.request('POST', `/cases/${caseId}/actions/accept`, { token: staff, body: {} }),
      api.request('POST', `/cases/${caseId}/actions/return`, { token: staff, body: { reason: 'Wrong unit', legalBasis: 'Sanitation regulation art. 12' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = await api.platform.store.loadEvents(caseId);
    expect(events.filter((event) => event.type === 'accepted' || event.type === 'returned')).toHaveLength(1);
  });

  it('serves /healthz without a token', async () => {
    const health = await api.request('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.json.status).toBe('ok');
  });
});
