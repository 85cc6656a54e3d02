/**
 * The API's description through HTTP: the document and the docs page are public, the page is inert HTML,
 * and real answers of the running API (successes and problems) match what the document says, status,
 * media type and shape, with no undocumented field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { API_VERSION, openApiDocument } from '../../functions/http/openapi/document.js';
import { documentValidator } from '../../functions/http/openapi/schema-validator.fixture.js';
import type { OpenApiDocument, Response } from '../../functions/http/openapi/types.js';
import { ROUTES } from '../../functions/http/routes.js';

/** The Open311 prefix is one route to the server; its operations are described one by one instead. */
const DESCRIBED = ROUTES.filter((route) => route.method !== 'ANY');
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let doc: OpenApiDocument;
let conforms: ReturnType<typeof documentValidator>;

beforeAll(async () => {
  api = await startApi();
  doc = (await api.request('GET', '/openapi.json')).json;
  conforms = documentValidator(doc);
});
afterAll(async () => api.stop());

/** The answer is one the document lists for the operation, in its media type, in the shape of its schema. */
function expectDocumented(method: 'GET' | 'POST', template: string, response: Awaited<ReturnType<ApiHarness['request']>>) {
  const operation = doc.paths[template]?.[method === 'GET' ? 'get' : 'post'];
  const documented = operation?.responses[String(response.status)];
  expect(documented, `${method} ${template} ${response.status}`).toBeDefined();
  const { content } = ('$ref' in documented! ? doc.components.responses[documented.$ref.split('/').pop()!] : documented) as Response;
  const [mediaType, { schema }] = Object.entries(content ?? {})[0]!;
  expect(response.headers.get('content-type')).toMatch(new RegExp(`^${mediaType.replace('+', '\\+')}`));
  const name = typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
  if (name) expect(conforms(name, response.json), `${method} ${template} ${response.status}`).toBeUndefined();
}

describe('GET /openapi.json', () => {
  it('serves the document without a token, naming this server', async () => {
    const response = await api.request('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json.openapi).toMatch(/^3\.1\./);
    expect(response.json).toEqual(openApiDocument({ serverUrl: api.http.url, version: API_VERSION }));
    expect(response.json.servers).toEqual([{ url: api.http.url }]);
    expect((await api.request('POST', '/openapi.json', { body: {} })).status).toBe(405);
  });
});

describe('GET /docs', () => {
  it('serves an inert HTML page with every path, under a strict CSP', async () => {
    const response = await api.request('GET', '/docs');
    const page = response.json as string;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
    expect(page).not.toMatch(/<script/i);
    for (const path of [...DESCRIBED.map((route) => route.path), ...Object.keys(doc.paths)]) expect(page, path).toContain(`<code>${path}</code>`);
  });

  it('shows text from the schemas escaped', async () => {
    const page = (await api.request('GET', '/docs')).json as string;
    // The intake schema's description of `description` names markup; the page shows it as text.
    expect(page).toContain('markup such as &lt;b&gt; &amp; &lt;script&gt; is not interpreted');
    expect(page).toContain('reporter’s words');
    expect(page).not.toContain('<b>');
  });
});

describe('the running API answers as the document says', () => {
  it('for successes, from intake through an action to the queries', async () => {
    const [citizen, staff, dispatcher, supervisor] = await Promise.all(['citizen-zhang', 'staff-chen', 'dispatcher-sun', 'supervisor-wu'].map((id) => api.tokenFor(id)));
    expectDocumented('GET', '/healthz', await api.request('GET', '/healthz'));

    const intake = await api.request('POST', '/cases', {
      token: citizen,
      body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'Bin <b>broken</b>', location: { lon: 114.3025, lat: 34.7825 }, reporter: { phone: '+8613800000001' } },
    });
    expect(intake.status).toBe(201);
    expectDocumented('POST', '/cases', intake);
    await api.settle();

    const caseId = intake.json.caseId as string;
    expectDocumented('GET', '/cases/{caseId}', await api.request('GET', `/cases/${caseId}`, { token: citizen }));
    expectDocumented('GET', '/cases/{caseId}', await api.request('GET', `/cases/${caseId}`, { token: staff }));
    const accepted = await api.request('POST', `/cases/${caseId}/actions/accept`, { token: staff, body: {} });
    expect(accepted.status).toBe(200);
    expectDocumented('POST', '/cases/{caseId}/actions/{action}', accepted);
    await api.settle();
    expectDocumented('POST', '/cases/{caseId}/actions/{action}', await api.request('POST', `/cases/${caseId}/actions/noteProgress`, { token: staff, body: { text: 'crew on the way' } }));

    const inbox = await api.request('GET', `/units/${TINY_IDS.departments.urbanManagement}/inbox`, { token: staff });
    expect(inbox.json.items.length).toBeGreaterThan(0);
    expectDocumented('GET', '/units/{unitId}/inbox', inbox);
    const board = await api.request('GET', `/board/${inbox.json.items[0].supervisingUnitId}?status=warning`, { token: dispatcher });
    expect(board.status).toBe(200);
    expectDocumented('GET', '/board/{unitId}', board);
    const appraisal = await api.request('GET', '/appraisal?month=2026-12', { token: supervisor });
    expect(appraisal.json.units.length).toBeGreaterThan(0);
    expectDocumented('GET', '/appraisal', appraisal);
    await api.settle();
  });

  it('for problems, each a status the operation lists', async () => {
    const [citizen, staff] = await Promise.all(['citizen-zhang', 'staff-chen'].map((id) => api.tokenFor(id)));
    const body = { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'x', location: { lon: 114.3025, lat: 34.7825 } };
    const problems: [number, 'GET' | 'POST', string, Awaited<ReturnType<ApiHarness['request']>>][] = [
      [401, 'POST', '/cases', await api.request('POST', '/cases', { body })],
      [400, 'POST', '/cases', await api.request('POST', '/cases', { token: citizen, rawBody: '{', headers: { 'content-type': 'application/json' } })],
      [415, 'POST', '/cases', await api.request('POST', '/cases', { token: citizen, rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } })],
      [422, 'POST', '/cases', await api.request('POST', '/cases', { token: citizen, body: { ...body, channel: 'pigeon' } })],
      [404, 'GET', '/cases/{caseId}', await api.request('GET', '/cases/no-such-case', { token: citizen })],
      [404, 'POST', '/cases/{caseId}/actions/{action}', await api.request('POST', '/cases/any/actions/route', { token: staff, body: {} })],
      [400, 'GET', '/units/{unitId}/inbox', await api.request('GET', `/units/${TINY_IDS.departments.urbanManagement}/inbox?limit=0`, { token: staff })],
      [403, 'GET', '/appraisal', await api.request('GET', '/appraisal', { token: citizen })],
    ];
    const created = await api.request('POST', '/cases', { token: citizen, body });
    await api.settle();
    await api.request('POST', `/cases/${created.json.caseId}/actions/accept`, { token: staff, body: {} });
    problems.push([409, 'POST', '/cases/{caseId}/actions/{action}', await api.request('POST', `/cases/${created.json.caseId}/actions/accept`, { token: staff, body: {} })]);
    for (const [status, method, template, response] of problems) {
      expect(response.status, `${method} ${template}`).toBe(status);
      expectDocumented(method, template, response);
    }
    await api.settle();
  });
});
