/**
 * The command board through HTTP: counts by stage, layer and time status for a territory, the map's points,
 * the escalation feed, and the city's directory and outlines; each for whom it is meant, each answer in the
 * shape the OpenAPI document gives it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { documentValidator } from '../../functions/http/openapi/schema-validator.fixture.js';
import type { OpenApiDocument } from '../../functions/http/openapi/types.js';
import { startApi, type ApiHarness } from './harness.js';

let api: ApiHarness;
let conforms: ReturnType<typeof documentValidator>;
const tokens: Record<string, string> = {};
const CITY = TINY_IDS.city;
const LONGTING = TINY_IDS.districts.longting;
const GULOU = TINY_IDS.districts.gulou;
const POINTS = {
  longtingA: { lon: 114.3025, lat: 34.7825 },
  longtingB: { lon: 114.3125, lat: 34.7925 },
  gulou: { lon: 114.3325, lat: 34.7825 },
};
const caseIds: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  for (const id of ['citizen-zhang', 'staff-chen', 'dispatcher-sun', 'dispatcher-zhou', 'supervisor-wu']) tokens[id] = await api.tokenFor(id);
  conforms = documentValidator((await api.request('GET', '/openapi.json')).json as OpenApiDocument);
  for (const [name, location] of Object.entries(POINTS)) {
    const created = await api.request('POST', '/cases', { token: tokens['citizen-zhang'], body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: name, location } });
    expect(created.status).toBe(201);
    caseIds[name] = created.json.caseId;
    await api.clock.advanceBy(60_000, () => api.platform.workflow.idle());
  }
  await api.settle();
});
afterAll(async () => api.stop());

const get = (who: string, path: string) => api.request('GET', path, { token: tokens[who] });

interface MapColumns {
  statuses: string[];
  stages: string[];
  points: { id: string[]; lon: number[]; lat: number[]; status: number[]; stage: number[] };
}
/** The map's columns back into one object per point, checking every column has one entry per point. */
function pointsOf(map: MapColumns) {
  const { id, lon, lat, status, stage } = map.points;
  for (const column of [lon, lat, status, stage]) expect(column).toHaveLength(id.length);
  return id.map((caseId, i) => ({ id: caseId, lon: lon[i]!, lat: lat[i]!, status: map.statuses[status[i]!]!, stage: map.stages[stage[i]!]! }));
}

describe('the command board of a territory', () => {
  it('counts the open cases of the territory by stage, layer and time status', async () => {
    const city = await get('dispatcher-sun', `/board/${CITY}/summary`);
    expect(city.status).toBe(200);
    expect(conforms('BoardSummary', city.json)).toBeUndefined();
    expect(city.json.total).toBe(3);
    expect(city.json.timeZone).toBe('Asia/Shanghai');
    expect(city.json.byStatus).toEqual({ onTrack: 3, warning: 0, overdue: 0 });
    expect(Object.values(city.json.byStage as Record<string, number>).reduce((a, b) => a + b)).toBe(3);
    expect(Object.values(city.json.byLayer as Record<string, number>).reduce((a, b) => a + b)).toBe(3);
    expect((city.json.byStageAndLayer as { count: number }[]).reduce((sum, cell) => sum + cell.count, 0)).toBe(3);
    expect(city.json.overdue).toEqual([]);

    const longting = await get('dispatcher-zhou', `/board/${LONGTING}/summary`);
    expect(longting.status).toBe(200);
    expect(longting.json.total).toBe(2);
    const gulou = await get('dispatcher-sun', `/board/${GULOU}/summary`);
    expect(gulou.json.total).toBe(1);
  });

  it('refuses boards outside the caller’s territory, unknown units and bad limits', async () => {
    expect((await get('dispatcher-zhou', `/board/${CITY}/summary`)).status).toBe(403);
    expect((await get('dispatcher-zhou', `/board/${GULOU}/map`)).status).toBe(403);
    expect((await get('staff-chen', `/board/${CITY}/escalations`)).status).toBe(403);
    expect((await get('citizen-zhang', `/board/${CITY}/summary`)).status).toBe(403);
    expect((await api.request('GET', `/board/${CITY}/summary`)).status).toBe(401);
    const unknown = await get('dispatcher-sun', '/board/atlantis/summary');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('UnknownUnit');
    const bad = await get('dispatcher-sun', `/board/${CITY}/summary?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'query/limit', reason: 'at least 1' }]);
    expect((await get('dispatcher-sun', `/board/${CITY}/escalations?limit=500`)).status).toBe(400);
  });

  it('gives every located open case of the scope as a point', async () => {
    const map = await get('supervisor-wu', `/board/${CITY}/map`);
    expect(map.status).toBe(200);
    expect(conforms('BoardMap', map.json)).toBeUndefined();
    expect(map.json.withoutLocation).toBe(0);
    const byId = new Map(pointsOf(map.json).map((point) => [point.id, point]));
    expect(byId.size).toBe(3);
    const own = await api.platform.service.load(caseIds.gulou!);
    expect(byId.get(caseIds.gulou!)).toEqual({ id: caseIds.gulou, ...POINTS.gulou, status: 'onTrack', stage: own.state.stage });
    const longting = await get('dispatcher-zhou', `/board/${LONGTING}/map`);
    expect(pointsOf(longting.json).map((point) => point.id).sort()).toEqual([caseIds.longtingA, caseIds.longtingB].sort());
  });

  it('turns cases red past their deadline, lists them longest overdue first, and feeds their escalations', async () => {
    // Nobody accepts: the deadlines pass and the ladder climbs.
    await api.clock.advanceTo(Date.parse('2026-12-10T12:00:00+08:00'), () => api.platform.workflow.idle());
    const summary = await get('dispatcher-sun', `/board/${CITY}/summary?limit=2`);
    expect(conforms('BoardSummary', summary.json)).toBeUndefined();
    expect(summary.json.byStatus.overdue).toBe(3);
    expect(summary.json.overdue).toHaveLength(2);
    const [first, second] = summary.json.overdue as { id: string; nextDueAt: string; status: string; timeLeft: { ms: number; kind: string } }[];
    expect(first!.status).toBe('overdue');
    expect(first!.timeLeft.ms).toBeLessThan(0);
    expect(Date.parse(first!.nextDueAt)).toBeLessThanOrEqual(Date.parse(second!.nextDueAt));
    // The first case reported is the first one due.
    expect(first!.id).toBe(caseIds.longtingA);

    const map = await get('dispatcher-sun', `/board/${CITY}/map`);
    expect(pointsOf(map.json).map((point) => point.status)).toEqual(['overdue', 'overdue', 'overdue']);

    const feed = await get('dispatcher-sun', `/board/${CITY}/escalations`);
    expect(feed.status).toBe(200);
    expect(conforms('EscalationFeed', feed.json)).toBeUndefined();
    expect(feed.json.items).toHaveLength(3);
    const times = (feed.json.items as { at: string }[]).map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const own = await api.platform.service.load(caseIds.gulou!);
    const item = (feed.json.items as { caseId: string; rung: string; at: string }[]).find((entry) => entry.caseId === caseIds.gulou);
    expect(item).toMatchObject({ rung: own.state.escalation.rung, at: own.state.escalation.lastAt, supervisingLayer: own.state.supervisingLayer });
    expect((await get('dispatcher-zhou', `/board/${LONGTING}/escalations?limit=1`)).json.items).toHaveLength(1);
  });

  it('answers from a recent read when the caller accepts its age, and from a fresh read otherwise', async () => {
    const before = await get('dispatcher-sun', `/board/${CITY}/summary`);
    const created = await api.request('POST', '/cases', { token: tokens['citizen-zhang'], body: { channel: 'app', categoryCode: TINY_IDS.categories.litterBin, description: 'late', location: { lon: 114.3375, lat: 34.7975 } } });
    expect(created.status).toBe(201);
    await api.settle();
    // The read made for `before` is under a minute old: it will do, and says when it was made.
    const reused = await get('dispatcher-sun', `/board/${CITY}/summary?maxAge=60`);
    expect(conforms('BoardSummary', reused.json)).toBeUndefined();
    expect(reused.json.total).toBe(before.json.total);
    expect(reused.json.asOf).toBe(before.json.asOf);
    // Without maxAge the board is read again and shows the new case; later answers may reuse that read.
    const fresh = await get('dispatcher-sun', `/board/${CITY}/summary`);
    expect(fresh.json.total).toBe(before.json.total + 1);
    const map = await get('dispatcher-sun', `/board/${CITY}/map?maxAge=60`);
    expect(conforms('BoardMap', map.json)).toBeUndefined();
    expect(pointsOf(map.json).map((point) => point.id)).toContain(created.json.caseId);
    const feed = await get('dispatcher-sun', `/board/${CITY}/escalations?maxAge=60`);
    expect(feed.json.asOf).toBe(fresh.json.asOf);
    const bad = await get('dispatcher-sun', `/board/${CITY}/map?maxAge=61`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ field: 'query/maxAge', reason: 'at most 60' }]);
  });
});

describe('the city for clients', () => {
  it('names units, departments and categories, without the grids', async () => {
    const directory = await get('staff-chen', '/city');
    expect(directory.status).toBe(200);
    expect(conforms('CityDirectory', directory.json)).toBeUndefined();
    expect(directory.json.timeZone).toBe('Asia/Shanghai');
    const levels = new Set((directory.json.units as { level: string }[]).map((unit) => unit.level));
    expect(levels).toEqual(new Set(['city', 'district', 'subdistrict', 'community']));
    expect(directory.json.departments.map((d: { id: string }) => d.id)).toContain(TINY_IDS.departments.urbanManagement);
    expect(directory.json.categories.map((c: { code: string }) => c.code)).toContain(TINY_IDS.categories.litterBin);
    expect(directory.json.bounds).toEqual({ west: 114.3, south: 34.78, east: 114.34, north: 34.8 });
    expect((await api.request('GET', '/city')).status).toBe(401);
  });

  it('serves each layer’s outlines as GeoJSON, cacheable', async () => {
    const grids = await get('citizen-zhang', '/city/outlines/grid');
    expect(grids.status).toBe(200);
    expect(grids.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    expect(grids.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(grids.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(conforms('OutlineCollection', grids.json)).toBeUndefined();
    expect(grids.json.features).toHaveLength(32);
    // Squares stay squares: five positions, the lattice's own corners.
    const ring = grids.json.features[0].geometry.coordinates[0] as [number, number][];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    const communities = await get('citizen-zhang', '/city/outlines/community');
    expect(communities.json.features).toHaveLength(8);
    expect(communities.json.features[0].properties.name).toEqual({ zh: expect.any(String), en: expect.any(String) });
    const unknown = await get('citizen-zhang', '/city/outlines/county');
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe('UnknownLevel');
  });
});
