/**
 * `GET requests` filters, date ranges and paging; `GET requests/{id}`, tokens, formats, methods and the
 * error shapes, against cases made through Open311 and through other doors.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../domain/testing/tiny-city.js';
import { handleOpen311 } from './handler.js';
import { DISPATCHER, at, childText, json, kaifeng, parseXml, requestsOf, schemaErrors, spot, useOpen311 } from './open311.fixture.js';
import type { Open311Response } from './types.js';

const h = useOpen311();
const ids = (response: Open311Response) => requestsOf(response).map((request) => request.service_request_id);
const errorsOf = (response: Open311Response) => (json(response) as { code: number; description: string }[]).map((error) => `${error.code} ${error.description}`);
const list = (query: Record<string, string>) => h.call('requests.json', { query });

describe('GET requests', () => {
  /** Newest last: c1 at 09:00 … c5 at 09:40 on 1 December 2026. */
  const c: string[] = [];

  beforeAll(async () => {
    // Each at its own spot, so none is merged into another as a duplicate.
    const open311 = (fields: Record<string, string>) => h.post({ ...at(30 + c.length), ...fields }).then((response) => requestsOf(response)[0]!.service_request_id);
    const elsewhere = () => ({ location: { lat: spot(30 + c.length).lat, lon: spot(30 + c.length).long } });
    c.push(await h.intake(elsewhere()));
    await h.advanceTo('2026-12-01T09:10:00');
    c.push(await open311({ service_code: TINY_IDS.categories.exposedRubbish, description: 'Rubbish by the gate' }));
    await h.advanceTo('2026-12-01T09:20:00');
    c.push(await open311({ service_code: TINY_IDS.categories.litterBin, description: 'Bin broken' }));
    await h.close(c[2]!, 'Replaced.');
    await h.advanceTo('2026-12-01T09:30:00');
    c.push(await h.intake({ ...elsewhere(), categoryCode: TINY_IDS.categories.labour, description: 'Wages unpaid for two months', requestType: 'complaint' }));
    await h.advanceTo('2026-12-01T09:40:00');
    c.push(await open311({ service_code: TINY_IDS.categories.litterBin, description: 'Another bin' }));
  });

  it('lists the last 90 days newest first, and filters by status and service_code', async () => {
    expect(ids(await list({}))).toEqual([c[4], c[3], c[2], c[1], c[0]]);
    expect(ids(await list({ status: 'closed' }))).toEqual([c[2]]);
    expect(ids(await list({ status: 'open' }))).toEqual([c[4], c[3], c[1], c[0]]);
    expect(ids(await list({ status: 'open, closed' }))).toEqual([c[4], c[3], c[2], c[1], c[0]]);
    expect(ids(await list({ service_code: 'B0301,S0102' }))).toEqual([c[4], c[2], c[1], c[0]]);
    expect(ids(await list({ service_code: 'B0301', status: 'open' }))).toEqual([c[4], c[0]]);
    // Empty parameters are absent ones.
    expect(ids(await list({ service_code: '', status: '', start_date: '', page: '' }))).toHaveLength(5);
    // A service nobody reported, or that does not exist: an empty list (valid, if vacuous).
    const none = await list({ service_code: 'Z9999' });
    expect(json(none)).toEqual([]);
    expect((await h.call('requests.xml', { query: { service_code: 'Z9999' } })).body).toBe('<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>');
  });

  it('lets service_request_id override every other filter, in the order asked, skipping unknown ids', async () => {
    const response = await list({ service_request_id: `${c[2]},unknown-id, ${c[0]},${c[2]}`, status: 'open', service_code: 'S0102', start_date: 'nonsense' });
    expect(ids(response)).toEqual([c[2], c[0]]);
    expect(schemaErrors('requests', json(response))).toEqual([]);
    const tooMany = await list({ service_request_id: Array.from({ length: 101 }, (_, i) => `id-${i}`).join(',') });
    expect(errorsOf(tooMany)).toEqual(['400 service_request_id may list at most 100 ids']);
  });

  it('takes date ranges of up to 90 days, in any ISO 8601 form, and refuses longer or malformed ones', async () => {
    expect(ids(await list({ start_date: '2026-12-01T09:15:00+08:00' }))).toEqual([c[4], c[3], c[2]]);
    expect(ids(await list({ start_date: '2026-12-01T01:15:00Z', end_date: '2026-12-01T01:35:00Z' }))).toEqual([c[3], c[2]]);
    expect(ids(await list({ end_date: '2026-12-01T09:15:00' }))).toEqual([c[1], c[0]]); // no offset: the city's clock
    // A '+' left unencoded in a query string arrives as a space.
    expect(ids(await list({ start_date: '2026-12-01T09:15:00 08:00' }))).toEqual([c[4], c[3], c[2]]);
    // Bare dates: a whole local day, the end date included.
    expect(ids(await list({ start_date: '2026-12-01', end_date: '2026-12-01' }))).toHaveLength(5);
    expect(ids(await list({ start_date: '2026-09-02', end_date: '2026-11-30' }))).toEqual([]); // 90 days exactly
    expect(ids(await list({ start_date: '2026-09-03T00:00:00+08:00', end_date: '2026-12-02T00:00:00+08:00' }))).toHaveLength(5);

    const tooLong = await list({ start_date: '2026-09-02T00:00:00+08:00', end_date: '2026-12-02T00:00:00+08:00' }); // 91 days
    expect(tooLong.status).toBe(400);
    expect(errorsOf(tooLong)).toEqual(['400 the range from start_date to end_date must not exceed 90 days']);
    expect(errorsOf(await list({ start_date: '2026-12-02', end_date: '2026-12-01' }))).toEqual(['400 start_date must not be after end_date']);
    // Several wrong things, all named at once.
    const wrong = await list({ start_date: '2026-02-30', end_date: 'yesterday', status: 'pending', page_size: '0' });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong)).toEqual([
      "400 start_date must be an ISO 8601 date-time such as 2026-12-01T00:00:00+08:00 (or a date), not '2026-02-30'",
      "400 end_date must be an ISO 8601 date-time such as 2026-12-01T00:00:00+08:00 (or a date), not 'yesterday'",
      "400 status must be open, closed or both (comma-separated), not 'pending'",
      "400 page_size must be a whole number from 1 to 1000, not '0'",
    ]);
  });

  it('defaults to the 90 days before now', async () => {
    const later = (local: string) => ({ now: () => kaifeng(local) });
    const within = await handleOpen311({ method: 'GET', path: 'requests.json', query: {}, headers: {} }, h.at(later('2027-02-28T09:00:00')));
    expect(ids(within)).toHaveLength(5);
    const past = await handleOpen311({ method: 'GET', path: 'requests.json', query: {}, headers: {} }, h.at(later('2027-03-02T09:00:00')));
    expect(json(past)).toEqual([]);
  });

  it('pages with page and page_size', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list({ page: String(page), page_size: '2' })));
    expect(pages.map(ids)).toEqual([[c[4], c[3]], [c[2], c[1]], [c[0]], []]);
    expect(ids(await list({ page: '2', page_size: '2', service_code: 'B0301' }))).toEqual([c[0]]);
    expect(errorsOf(await list({ page_size: '1001' }))).toEqual(["400 page_size must be a whole number from 1 to 1000, not '1001'"]);
    expect(errorsOf(await list({ page: '-1' }))).toEqual(["400 page must be a whole number from 1 to 1000000, not '-1'"]);
  });
});

describe('GET requests/{id} and the errors around it', () => {
  it('answers a known request as a list of one, an unknown one with 404', async () => {
    const id = await h.intake({ location: { lat: spot(40).lat, lon: spot(40).long } });
    expect(ids(await h.call(`requests/${id}.json`))).toEqual([id]);
    const missing = await h.call('requests/20261201-NOSUCHID.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('[{"code":404,"description":"there is no service request \'20261201-NOSUCHID\'"}]');
    const missingXml = await h.call('requests/20261201-NOSUCHID.xml');
    expect(missingXml.status).toBe(404);
    expect(missingXml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const error = parseXml(missingXml.body);
    expect(error.name).toBe('errors');
    expect(error.children.map((child) => [child.name, childText(child, 'code'), childText(child, 'description')])).toEqual([
      ['error', '404', "there is no service request '20261201-NOSUCHID'"],
    ]);
  });

  it('shows a merged duplicate as closed, pointing at its master', async () => {
    const master = requestsOf(await h.post({ service_code: 'B0301', ...at(41), description: 'Bin broken' }))[0]!.service_request_id;
    const duplicate = requestsOf(await h.post({ service_code: 'B0301', ...at(42), description: 'Same bin, reported again' }))[0]!.service_request_id;
    await h.act(duplicate, { type: 'mergeAsDuplicate', masterCaseId: master }, DISPATCHER);
    await h.act(master, { type: 'attachDuplicate', duplicateCaseId: duplicate }, DISPATCHER);
    const response = await h.call('requests.json', { query: { service_request_id: `${duplicate},${master}`, extensions: 'true' } });
    const [dup, main] = requestsOf(response);
    expect(dup).toMatchObject({ status: 'closed', status_notes: `Closed as a duplicate of request ${master}`, extended_attributes: { channel: 'open311', stage: 'mergedAsDuplicate', urgency: 'routine', duplicate_of: master } });
    expect(main).toMatchObject({ status: 'open', extended_attributes: { stage: 'dispatched', duplicates: [duplicate] } });
    expect(schemaErrors('requests', json(response))).toEqual([]);
    const xml = await h.call(`requests/${master}.xml`, { query: { extensions: 'true' } });
    expect(xml.body).toContain(`<extended_attributes><channel>open311</channel><stage>dispatched</stage><urgency>routine</urgency><duplicates><duplicate>${duplicate}</duplicate></duplicates></extended_attributes>`);
  });

  it('issues no tokens, so every token is unknown', async () => {
    const response = await h.call('tokens/12345.json');
    expect(response.status).toBe(404);
    expect(errorsOf(response)).toEqual(["404 there is no token '12345': this endpoint creates requests at once and answers with service_request_id"]);
  });

  it('answers unknown resources and formats with 404, in XML unless JSON is asked for', async () => {
    for (const path of ['requests.html', 'requests', 'cases.json', 'services/B0301/extra.json', 'requests/.json', 'requests/%E0%A4%A.json']) {
      const response = await h.call(path);
      expect(response.status, path).toBe(404);
    }
    const html = await h.call('requests.html');
    expect(html.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml(html.body).name).toBe('errors');
    const asked = await h.call('requests.html', { headers: { accept: 'application/json' } });
    expect(asked.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(errorsOf(await h.call('services/Z9999.json'))).toEqual(["404 service_code 'Z9999' is not a service of this jurisdiction"]);
    // A format's case does not matter.
    expect((await h.call('services.JSON')).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers an unsupported method with 405 and the methods allowed', async () => {
    const remove = await h.call('requests.json', { method: 'DELETE' });
    expect(remove.status).toBe(405);
    expect(remove.headers.allow).toBe('GET, POST');
    expect(errorsOf(remove)).toEqual(['405 DELETE is not supported here; use GET or POST']);
    const post = await h.call('services.xml', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect(post.body).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>405</code><description>POST is not supported here; use GET</description></error></errors>');
  });

  it('checks jurisdiction_id on reads too', async () => {
    expect((await h.call('services.json', { query: { jurisdiction_id: 'tiny-kaifeng' } })).status).toBe(200);
    expect((await h.call('services.json', { query: { jurisdiction_id: ' ' } })).status).toBe(200);
    expect((await h.call('services.json', { query: { jurisdiction_id: 'beijing' } })).status).toBe(404);
    const named = await handleOpen311({ method: 'GET', path: 'discovery.json', query: { jurisdiction_id: 'kaifeng.gov.cn' }, headers: {} }, { ...h.deps, jurisdictionId: 'kaifeng.gov.cn' });
    expect(named.status).toBe(200);
  });

  it('answers a failure of the platform with 500 in the Open311 shape, and reports it', async () => {
    const reported: string[] = [];
    const broken = {
      ...h.deps,
      store: { ...h.deps.store, casesReceived: () => Promise.reject(new Error('table gone')) },
      warn: (message: string, error: unknown) => reported.push(`${message}: ${(error as Error).message}`),
    };
    const response = await handleOpen311({ method: 'GET', path: 'requests.json', query: {}, headers: {} }, broken);
    expect(response.status).toBe(500);
    expect(response.body).toBe('[{"code":500,"description":"the request could not be completed; try again later"}]');
    expect(reported).toEqual(['open311: request failed: table gone']);
  });
});
