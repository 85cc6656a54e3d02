/**
 * `POST requests`: a report becomes a case through the case service, retries do not make a second one,
 * and every wrong input is answered with the spec's status and every problem named.
 */
import { describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../domain/testing/tiny-city.js';
import { API_KEY, BASE_URL, OTHER_KEY, TIETA, at, childText, json, parseXml, requestsOf, spot, useOpen311 } from './open311.fixture.js';

const h = useOpen311();
const AT_TIETA = { lat: String(TIETA.lat), long: String(TIETA.long) };
/** A litter bin at spot i: tests keep their reports apart, so none is merged into another as a duplicate. */
const bin = (i: number) => ({ service_code: TINY_IDS.categories.litterBin, ...at(i) });
const errorsOf = (body: string) => JSON.parse(body) as { code: number; description: string }[];

describe('POST requests', () => {
  it('opens a case through the case service, with the reporter from the contact fields', async () => {
    const response = await h.post({
      ...bin(11),
      description: 'The bin by the pagoda gate is broken',
      email: 'li.na@example.cn',
      phone: '(0371) 2230-0000',
      first_name: 'Na',
      last_name: 'Li',
      account_id: 'acct-77',
      media_url: 'https://photos.example.cn/bin.jpg',
    });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json(response) as Record<string, unknown>[];
    expect(body).toHaveLength(1);
    const id = body[0]!.service_request_id as string;
    expect(body[0]).toEqual({ service_request_id: id, service_notice: 'The litter bin is repaired or replaced', account_id: 'acct-77' });
    expect(response.headers.location).toBe(`${BASE_URL}/requests/${id}.json`);

    const events = await h.platform.store.loadEvents(id);
    const received = events[0];
    expect(received?.type).toBe('received');
    expect(received?.actor).toEqual({ kind: 'citizen', id: 'open311:kaifeng-app' });
    expect(received?.data).toMatchObject({
      channel: 'open311',
      categoryCode: 'B0301',
      description: 'The bin by the pagoda gate is broken',
      location: { lat: spot(11).lat, lon: spot(11).long },
      reporter: { name: 'Na Li', phone: '0371 2230-0000', email: 'li.na@example.cn' },
      photoUrls: ['https://photos.example.cn/bin.jpg'],
    });
    // The workflow took it from there: routed and dispatched to the bureau.
    expect(events.map((event) => event.type)).toEqual(['received', 'routed', 'dispatched']);
    // The photo is the request's media_url, as its description is shown.
    const [shown] = json(await h.call(`requests/${id}.json`, {})) as Record<string, unknown>[];
    expect(shown).toMatchObject({ description: 'The bin by the pagoda gate is broken', media_url: 'https://photos.example.cn/bin.jpg' });
  });

  it('answers a retried POST with the same case, by the same body or by an Idempotency-Key', async () => {
    const fields = { ...bin(12), description: 'Bin lid missing', device_id: 'phone-123' };
    const first = await h.post(fields);
    const retry = await h.post(fields);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(requestsOf(retry)[0]!.service_request_id).toBe(requestsOf(first)[0]!.service_request_id);
    // The same parameters in another order are the same request.
    const reordered = await h.call('requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...Object.entries(fields).reverse(), ['api_key', API_KEY]]).toString(),
    });
    expect(requestsOf(reordered)[0]!.service_request_id).toBe(requestsOf(first)[0]!.service_request_id);
    // Another device, another client, or the same text tomorrow: new cases.
    const otherDevice = await h.post({ ...fields, device_id: 'phone-456' });
    const otherClient = await h.post({ ...fields, api_key: OTHER_KEY });
    const ids = [first, otherDevice, otherClient].map((response) => requestsOf(response)[0]!.service_request_id);
    expect(new Set(ids).size).toBe(3);

    // With an Idempotency-Key the client decides, whatever the body.
    const keyed = await h.post({ ...bin(13), description: 'Keyed report' }, { headers: { 'idempotency-key': 'retry-me-1' } });
    const keyedAgain = await h.post({ ...bin(14), description: 'Keyed report, edited' }, { headers: { 'idempotency-key': 'retry-me-1' } });
    expect(requestsOf(keyedAgain)[0]!.service_request_id).toBe(requestsOf(keyed)[0]!.service_request_id);
    expect(keyedAgain.status).toBe(200);
  });

  it('catches a retry that straddles midnight, and takes the same report on another day as new', async () => {
    await h.advanceTo('2026-12-01T23:59:30');
    const fields = { ...bin(15), description: 'Bin on fire, just before midnight', device_id: 'phone-9' };
    const first = requestsOf(await h.post(fields))[0]!.service_request_id;
    await h.advanceTo('2026-12-02T00:00:30');
    expect(requestsOf(await h.post(fields))[0]!.service_request_id).toBe(first);
    await h.advanceTo('2026-12-03T09:00:00');
    expect(requestsOf(await h.post(fields))[0]!.service_request_id).not.toBe(first);
  });

  it('stores a description as given and escapes it in XML', async () => {
    const description = 'Bin <script>alert("x")</script> & "quotes" \'too\'\nsecond line';
    const id = requestsOf(await h.post({ ...bin(16), description }))[0]!.service_request_id;
    expect((await h.platform.store.loadEvents(id))[0]?.data).toMatchObject({ description });
    const xml = await h.call(`requests/${id}.xml`);
    expect(xml.body).toContain('<description>Bin &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;too&apos;\nsecond line</description>');
    expect(xml.body).not.toContain('<script>');
    expect(childText(parseXml(xml.body).children[0]!, 'description')).toBe(description);
    // JSON carries the same text, with the markup characters as escapes.
    const jsonBody = (await h.call(`requests/${id}.json`)).body;
    expect(jsonBody).not.toContain('<script>');
    expect(requestsOf({ status: 200, headers: {}, body: jsonBody })[0]!.description).toBe(description);
  });

  it('answers in XML when the path says so', async () => {
    const response = await h.post({ ...bin(17), description: 'XML client', account_id: 'a&b' }, { format: 'xml' });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(response.body);
    expect(root.name).toBe('service_requests');
    expect(root.children.map((child) => child.name)).toEqual(['request']);
    expect(root.children[0]!.children.map((child) => child.name)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(childText(root.children[0]!, 'account_id')).toBe('a&b');
  });

  it('refuses a POST without a valid api_key with 403, in the spec error shape', async () => {
    const noKey = await h.call('requests.json', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: bin(40) });
    expect(noKey.status).toBe(403);
    expect(noKey.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(noKey.body).toBe('[{"code":403,"description":"api_key is required to submit a service request"}]');
    const badKey = await h.post({ ...bin(18), api_key: 'guessed' }, { format: 'xml' });
    expect(badKey.status).toBe(403);
    expect(badKey.body).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>api_key is not valid</description></error></errors>');
    // An empty api_key is an absent one.
    expect((await h.post({ ...bin(19), api_key: '' })).status).toBe(403);
  });

  it('names every problem of a bad request at once, with 400', async () => {
    const response = await h.post({
      service_code: 'S0101',
      lat: '34.78',
      description: 'x'.repeat(4001),
      email: 'not an email',
      media_url: 'ftp://photos.example.cn/a.jpg',
      'attribute[stage]': 'demolished',
    });
    expect(response.status).toBe(400);
    expect(errorsOf(response.body)).toEqual([
      { code: 400, description: 'lat and long come together: long is missing' },
      { code: 400, description: 'description must be at most 4000 characters' },
      { code: 400, description: 'media_url must be an http or https URL' },
      { code: 400, description: 'email must be an email address' },
      { code: 400, description: "attribute[stage] must be one of ongoing, finished, not 'demolished'" },
    ]);
    const missing = await h.post({}, { format: 'xml' });
    expect(missing.status).toBe(400);
    const errors = parseXml(missing.body).children.map((error) => [childText(error, 'code'), childText(error, 'description')]);
    expect(errors).toEqual([
      ['400', 'service_code is required'],
      ['400', 'a location is required: lat and long, address_string or address_id'],
    ]);
  });

  it('requires the attributes the service definition requires, and checks their type', async () => {
    const response = await h.post({ service_code: 'S0101', ...AT_TIETA });
    expect(errorsOf(response.body)).toEqual([{ code: 400, description: 'attribute[stage] is required (Construction stage)' }]);
    const rubbish = await h.post({ service_code: 'S0102', ...AT_TIETA, 'attribute[volumeM3]': 'lots' });
    expect(errorsOf(rubbish.body)).toEqual([{ code: 400, description: "attribute[volumeM3] must be a number, not 'lots'" }]);
    // Attributes a client adds of its own (FixMyStreet does) are ignored; a good answer passes.
    const ok = await h.post({ service_code: 'S0102', ...AT_TIETA, 'attribute[volumeM3]': '2.5', 'attribute[fixmystreet_id]': '991' });
    expect(ok.status).toBe(201);
    // The service's own answers are kept with the case; the client's own extras are not.
    const [created] = json(ok) as { service_request_id: string }[];
    const [received] = await h.platform.store.loadEvents(created!.service_request_id);
    expect(received?.data).toMatchObject({ attributes: { volumeM3: '2.5' } });
    expect(JSON.stringify(received?.data)).not.toContain('fixmystreet_id');
  });

  it('refuses a point outside every grid of the city, naming lat and long', async () => {
    const response = await h.post({ service_code: 'B0301', lat: '39.9042', long: '116.4074' });
    expect(response.status).toBe(400);
    expect(errorsOf(response.body)).toEqual([{ code: 400, description: 'lat and long (39.9042, 116.4074) lie outside every grid of Kaifeng (tiny test city)' }]);
    const nonsense = await h.post({ service_code: 'B0301', lat: '91', long: 'east' });
    expect(errorsOf(nonsense.body).map((error) => error.description)).toEqual([
      "lat must be a decimal number of degrees from -90 to 90 (WGS84), not '91'",
      "long must be a decimal number of degrees from -180 to 180 (WGS84), not 'east'",
    ]);
  });

  it('takes an address without a point: the case has no place, and routing does without one', async () => {
    const response = await h.post({ service_code: 'S0102', address_string: 'Behind the Iron Pagoda park, Longting', description: 'Rubbish heap' });
    expect(response.status).toBe(201);
    const id = requestsOf(response)[0]!.service_request_id;
    const { state, events } = await h.platform.service.load(id);
    expect(events[0]?.data).toMatchObject({ address: 'Behind the Iron Pagoda park, Longting' });
    expect(events[0]?.data).not.toHaveProperty('location');
    expect(state.gridId).toBeUndefined();
    // Exposed rubbish is territory first; with no place to find the territory, its one owner leads.
    expect(state).toMatchObject({ stage: 'dispatched', leadId: TINY_IDS.departments.urbanManagement });
    const [record] = requestsOf(await h.call(`requests/${id}.json`));
    expect(record).not.toHaveProperty('lat');
    expect(record).toMatchObject({ address: 'Behind the Iron Pagoda park, Longting', agency_responsible: 'Kaifeng Urban Management Bureau' });
    // A category several units own goes to the command centre, place or not.
    const disputed = requestsOf(await h.post({ service_code: 'B0103', address_string: 'Gulou Street 8' }))[0]!.service_request_id;
    expect(requestsOf(await h.call(`requests/${disputed}.json`))[0]).toMatchObject({
      status: 'open',
      status_notes: 'Received; the command centre is deciding which unit handles it',
    });
    expect(requestsOf(await h.call(`requests/${disputed}.json`))[0]).not.toHaveProperty('agency_responsible');
    // An address_id alone is kept as text for the dispatcher; a missing description takes the service's name.
    const byId = requestsOf(await h.post({ service_code: 'B0301', address_id: 'KF-000123' }))[0]!.service_request_id;
    expect((await h.platform.store.loadEvents(byId))[0]?.data).toMatchObject({ address: '[address_id KF-000123]', description: '垃圾箱' });
  });

  it('refuses a body that is not a form, and an unknown service', async () => {
    const asJson = await h.call('requests.json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"service_code":"B0301"}' });
    expect(asJson.status).toBe(400);
    expect(errorsOf(asJson.body)[0]?.description).toBe('a request is posted as application/x-www-form-urlencoded, not application/json');
    const huge = await h.post({ ...bin(23), 'attribute[padding]': 'x'.repeat(100_000) });
    expect(errorsOf(huge.body)).toEqual([{ code: 400, description: 'a request body is at most 100 KB' }]);
    const unknown = await h.post({ service_code: 'Z9999', ...AT_TIETA });
    expect(errorsOf(unknown.body)).toEqual([{ code: 400, description: "service_code 'Z9999' is not a service of this jurisdiction" }]);
  });

  it('checks jurisdiction_id: absent or empty is this one, another is 404', async () => {
    expect((await h.post({ ...bin(20), jurisdiction_id: '' })).status).toBe(201);
    expect((await h.post({ ...bin(21), jurisdiction_id: 'tiny-kaifeng', description: 'With jurisdiction' })).status).toBe(201);
    const other = await h.post({ ...bin(22), jurisdiction_id: 'zhengzhou' });
    expect(other.status).toBe(404);
    expect(errorsOf(other.body)[0]?.description).toBe("jurisdiction_id 'zhengzhou' is not served here; this endpoint serves 'tiny-kaifeng'");
    expect(h.warnings).toEqual([]);
  });
});
