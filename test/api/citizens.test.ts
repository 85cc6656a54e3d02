/**
 * One door out, through HTTP: a citizen follows their case with its id and the last digits of their phone,
 * and rates it at callback; an Open311 app reports and reads through the same server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let citizen: string;
let staff: string;
let dispatcher: string;

beforeAll(async () => {
  api = await startApi();
  [citizen, staff, dispatcher] = (await Promise.all(['citizen-zhang', 'staff-chen', 'dispatcher-sun'].map((id) => api.tokenFor(id)))) as [string, string, string];
});
afterAll(async () => api.stop());

describe('a citizen following their case', () => {
  it('sees it with the id and phone digits, rates it at callback, and reads the answer', async () => {
    const created = await api.request('POST', '/cases', {
      token: citizen,
      body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'Broken bin', location: { lon: 114.3025, lat: 34.7825 }, reporter: { phone: '+8613800001234' } },
    });
    const caseId = created.json.caseId as string;
    await api.settle();

    const followed = await api.request('GET', `/track/${caseId}?phone=1234`);
    expect(followed.status).toBe(200);
    expect(followed.json).toMatchObject({ id: caseId, stage: 'dispatched', status: 'sent to the responsible unit', canRate: false });
    expect(JSON.stringify(followed.json)).not.toContain('+8613800001234');
    // A wrong pair and an unknown case look the same.
    const wrong = await api.request('GET', `/track/${caseId}?phone=9999`);
    const unknown = await api.request('GET', '/track/20261201-NOSUCHID?phone=1234');
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    expect(wrong.json.detail).toBe(unknown.json.detail);
    expect((await api.request('GET', `/track/${caseId}?phone=12`)).status).toBe(400);

    for (const [action, body, token] of [
      ['accept', {}, staff],
      ['reportResult', { text: 'Replaced the bin' }, staff],
      ['verify', { passed: true }, dispatcher],
    ] as const) {
      expect((await api.request('POST', `/cases/${caseId}/actions/${action}`, { token, body })).status).toBe(200);
    }
    expect((await api.request('GET', `/track/${caseId}?phone=1234`)).json.canRate).toBe(true);
    const badRating = await api.request('POST', `/track/${caseId}/rating`, { body: { phone: '1234', answer: 'delighted' } });
    expect(badRating.status).toBe(422);
    expect(badRating.json.errors[0].field).toBe('body/answer');
    const rated = await api.request('POST', `/track/${caseId}/rating`, { body: { phone: '1234', answer: 'satisfied' } });
    expect(rated.status).toBe(200);
    expect(rated.json.canRate).toBe(false);
    expect((await api.request('POST', `/track/${caseId}/rating`, { body: { phone: '1234', answer: 'satisfied' } })).status).toBe(409);

    expect((await api.request('POST', `/cases/${caseId}/actions/close`, { token: dispatcher, body: { answer: 'The bin was replaced.' } })).status).toBe(200);
    const closed = await api.request('GET', `/track/${caseId}?phone=1234`);
    expect(closed.json).toMatchObject({ stage: 'closed', answer: 'The bin was replaced.' });
  });
});

describe('Open311 through the same server', () => {
  it('takes a report from an app with an api_key and returns it as XML, and refuses a POST without one', async () => {
    const form = new URLSearchParams({ api_key: 'test-open311-key', service_code: TINY_IDS.categories.litterBin, lat: '34.7875', long: '114.3075', description: 'Bin <b>broken</b>' });
    const posted = await fetch(`${api.http.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(posted.status).toBe(201);
    const [created] = (await posted.json()) as { service_request_id: string }[];
    expect(created?.service_request_id).toEqual(expect.any(String));

    const xml = await fetch(`${api.http.url}/open311/v2/requests/${created!.service_request_id}.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(text).toContain('Bin &lt;b&gt;broken&lt;/b&gt;');

    const noKey = await fetch(`${api.http.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'service_code=B0301&lat=34.7875&long=114.3075' });
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toEqual([{ code: 403, description: expect.any(String) }]);
  });
});
