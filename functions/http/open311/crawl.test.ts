/**
 * The official crawl (requests.json → requests/{first id}.json → services.json → services/{code}.json for
 * every service with metadata) against a real local platform, every JSON answer validated with the
 * Open311 project's schemas; then what the schemas miss: non-empty lists of objects, the XML of every
 * step parsed back and equal to the JSON, content types, and the fields' meaning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../domain/testing/tiny-city.js';
import {
  BASE_URL,
  LIST_ELEMENTS,
  TIETA,
  asText,
  at,
  spot,
  childText,
  json,
  parseXml,
  requestsOf,
  schemaErrors,
  useOpen311,
  xmlAsJson,
  type RequestJson,
} from './open311.fixture.js';
import type { Open311Response } from './types.js';

const h = useOpen311();
const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';

/** The same resource in XML, parsed back, must say what the JSON says (as text, XML having no types). */
async function expectSameXml(path: string, jsonBody: unknown, root: string, query: Record<string, string> = {}): Promise<void> {
  const xml = await h.call(`${path}.xml`, { query });
  expect(xml.status).toBe(200);
  expect(xml.headers['content-type']).toBe(XML_TYPE);
  expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(xml.body).not.toMatch(/xmlns/);
  const parsed = parseXml(xml.body);
  expect(parsed.name).toBe(root);
  expect(xmlAsJson(parsed, LIST_ELEMENTS)).toEqual(asText(jsonBody));
}

function expectJson(response: Open311Response, status = 200): unknown {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe(JSON_TYPE);
  return json(response);
}

describe('the official crawl', () => {
  let created: string;
  let closed: string;
  let hotline: string;

  beforeAll(async () => {
    const posted = await h.post({
      service_code: TINY_IDS.categories.illegalConstruction,
      lat: String(TIETA.lat),
      long: String(TIETA.long),
      address_string: '5 Beimen Street, Longting District',
      description: 'Someone is building a shed on the pavement',
      'attribute[stage]': 'ongoing',
      email: 'wang.fang@example.cn',
      first_name: '芳',
      last_name: '王',
      device_id: 'device-1',
    });
    created = requestsOf(posted)[0]!.service_request_id;
    await h.advanceTo('2026-12-01T09:30:00');
    closed = requestsOf(await h.post({ service_code: TINY_IDS.categories.litterBin, ...at(1), description: 'The bin is broken' }))[0]!.service_request_id;
    await h.close(closed, 'We replaced the bin on 1 December.');
    await h.advanceTo('2026-12-01T10:00:00');
    hotline = await h.intake({ location: { lat: spot(2).lat, lon: spot(2).long } });
  });

  it('requests.json: every case of the last 90 days, newest first, valid by the schema', async () => {
    const list = expectJson(await h.call('requests.json')) as RequestJson[];
    expect(schemaErrors('requests', list)).toEqual([]);
    // What the schema lets through vacuously: an empty list, or something that is not a list of objects.
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBe(3);
    for (const item of list) {
      expect(typeof item).toBe('object');
      expect(schemaErrors('request', item)).toEqual([]);
    }
    expect(list.map((item) => item.service_request_id)).toEqual([hotline, closed, created]);
    await expectSameXml('requests', list, 'service_requests');
  });

  it('requests/{first id}.json: the first request, as a list of one', async () => {
    const first = requestsOf(await h.call('requests.json'))[0]!.service_request_id;
    const one = expectJson(await h.call(`requests/${first}.json`)) as RequestJson[];
    expect(schemaErrors('requests', one)).toEqual([]);
    expect(one).toHaveLength(1);
    expect(one[0]!.service_request_id).toBe(first);
    await expectSameXml(`requests/${first}`, one, 'service_requests');
  });

  it('services.json: every category, with metadata where it has fields', async () => {
    const list = expectJson(await h.call('services.json')) as Record<string, unknown>[];
    expect(schemaErrors('services', list)).toEqual([]);
    expect(list.map((service) => service.service_code)).toEqual(h.platform.city.city.categories.map((category) => category.code));
    for (const service of list) {
      expect(schemaErrors('service', service)).toEqual([]);
      expect(service.type).toBe('realtime');
    }
    expect(list.filter((service) => service.metadata === true).map((service) => service.service_code)).toEqual([
      TINY_IDS.categories.illegalConstruction,
      TINY_IDS.categories.exposedRubbish,
    ]);
    expect(list.find((service) => service.service_code === TINY_IDS.categories.litterBin)).toEqual({
      service_code: 'B0301',
      service_name: 'Litter bin',
      description: 'Component (city property), City appearance; usually handled within 3 working days of dispatch',
      metadata: false,
      type: 'realtime',
      keywords: '垃圾箱,Litter bin,市容环境,City appearance,B0301',
      group: 'City appearance',
    });
    await expectSameXml('services', list, 'services');
  });

  it('services/{code}.json for every service with metadata: the fields as attributes', async () => {
    const list = json(await h.call('services.json')) as { service_code: string; metadata: boolean }[];
    for (const { service_code: code } of list.filter((service) => service.metadata)) {
      const definition = expectJson(await h.call(`services/${code}.json`)) as { service_code: string; attributes: unknown[] };
      expect(schemaErrors('service-definition', definition)).toEqual([]);
      expect(definition.service_code).toBe(code);
      expect(definition.attributes.length).toBeGreaterThan(0);
      await expectSameXml(`services/${code}`, definition, 'service_definition');
    }
    expect(json(await h.call('services/S0101.json'))).toEqual({
      service_code: 'S0101',
      attributes: [
        {
          variable: true,
          code: 'stage',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: 'One key from the values',
          order: 1,
          description: 'Construction stage',
          values: [
            { key: 'ongoing', name: 'Work in progress' },
            { key: 'finished', name: 'Already built' },
          ],
        },
      ],
    });
    // The XML nests values the spec's way: <values><value><key/><name/></value></values>.
    const xml = (await h.call('services/S0101.xml')).body;
    expect(xml).toContain('<values><value><key>ongoing</key><name>Work in progress</name></value>');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>S0101</service_code><attributes><attribute><variable>true</variable>')).toBe(true);
  });

  it('tells each request what the platform knows: service, stage, unit, deadline, times with the city offset', async () => {
    const [record] = requestsOf(await h.call(`requests/${created}.json`));
    expect(record).toEqual({
      service_request_id: created,
      status: 'open',
      // Territory first for an illegal structure: the subdistrict the point lies in leads.
      status_notes: 'Dispatched to Daxing Subdistrict; due 2026-12-22 18:00 (Asia/Shanghai)',
      service_name: 'Illegal construction',
      service_code: 'S0101',
      description: 'Someone is building a shed on the pavement',
      agency_responsible: 'Daxing Subdistrict',
      service_notice: 'Work on the illegal structure has stopped and it is dealt with by law',
      requested_datetime: '2026-12-01T09:00:00+08:00',
      updated_datetime: '2026-12-01T09:00:00+08:00',
      expected_datetime: '2026-12-22T18:00:00+08:00',
      address: '5 Beimen Street, Longting District',
      lat: TIETA.lat,
      long: TIETA.long,
    });
    // Closed: the answer to the reporter, and the closing instant as the last update.
    const [done] = requestsOf(await h.call(`requests/${closed}.json`));
    expect(done).toMatchObject({ status: 'closed', status_notes: 'We replaced the bin on 1 December.', updated_datetime: '2026-12-01T09:30:00+08:00' });
    expect(done).not.toHaveProperty('expected_datetime');
  });

  it('keeps the words of people who did not publish them: a hotline case shows no description, address or answer', async () => {
    const [record] = requestsOf(await h.call(`requests/${hotline}.json`));
    expect(record).not.toHaveProperty('description');
    expect(record).not.toHaveProperty('address');
    expect(record).toMatchObject({ status: 'open', service_code: 'B0301', agency_responsible: 'Kaifeng Urban Management Bureau', lat: spot(2).lat, long: spot(2).long });
  });

  it('speaks Chinese to a client that asks for it', async () => {
    const response = await h.call(`requests/${created}.json`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(requestsOf(response)[0]).toMatchObject({
      status_notes: '已派遣至大兴街道，办理时限 2026-12-22 18:00 (Asia/Shanghai)',
      service_name: '私搭乱建',
      agency_responsible: '大兴街道',
    });
    expect((json(await h.call('services.json', { headers: { 'accept-language': 'en;q=0.5, zh' } })) as { group: string }[])[0]?.group).toBe('公用设施');
  });

  it('discovery: where the endpoint is and what it speaks', async () => {
    const body = expectJson(await h.call('discovery.json')) as Record<string, unknown>;
    expect(body).toEqual({
      changeset: '2025-07-01T00:00:00+08:00',
      contact: 'Kaifeng Grassroots Governance Service Centre (zhihui@kaifeng.example.cn, +8613900000401)',
      key_service: 'Ask Kaifeng Grassroots Governance Service Centre (zhihui@kaifeng.example.cn, +8613900000401) for an api_key',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: BASE_URL, changeset: '2025-07-01T00:00:00+08:00', type: 'test', formats: ['text/xml', 'application/json'] }],
    });
    await expectSameXml('discovery', body, 'discovery');
    const xml = parseXml((await h.call('discovery.xml')).body);
    expect(childText(xml, 'contact')).toContain('Kaifeng Grassroots Governance Service Centre');
  });

  it('adds extended_attributes when asked with extensions=true', async () => {
    const [record] = requestsOf(await h.call(`requests/${hotline}.json`, { query: { extensions: 'true' } }));
    expect(record?.extended_attributes).toEqual({ channel: 'hotline', stage: 'dispatched', urgency: 'routine' });
    const [plain] = requestsOf(await h.call(`requests/${hotline}.json`));
    expect(plain).not.toHaveProperty('extended_attributes');
    await expectSameXml('requests', json(await h.call('requests.json', { query: { extensions: 'true' } })), 'service_requests', { extensions: 'true' });
  });
});
