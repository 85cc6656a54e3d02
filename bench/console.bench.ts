/**
 * `npm run bench:console`: the command board with 10,000 open cases on the local platform, in headless
 * chromium — time to first contentful paint, to the board's counts on screen, and to interactive (every
 * case drawn on the map and the main thread free) — and the gzipped size of the console's JavaScript
 * (aims: ≤ 1.5 s to interactive, ≤ 300 KB of JS).
 *
 * Seeding: 10,000 cases through the full workflow take many minutes on dynalite, and the board reads only
 * the projections, so the cases are written through the store port itself (`CaseStore.saveProjection`, 50
 * at a time): open cases of the demo city, each in a random grid with its real territorial chain, a random
 * category and lead department, deadlines spread around now, a tenth on the warning board and a tenth
 * overdue. No events and no supervision: the board, its map and its feed do not read them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../console/build.js';
import { readCityFile } from '../functions/adapters/city-file.js';
import { createCityContext } from '../functions/app/city-context.js';
import type { CaseState } from '../functions/domain/case/case-state.js';
import { territorialChain } from '../functions/domain/geo/territory.js';
import type { CaseProjection } from '../functions/ports/case-store.js';
import { ManualClock } from '../local/clock.js';
import { startLocalHttpServer } from '../local/http-server.js';
import { LocalIssuer } from '../local/issuer.js';
import { startLocalPlatform } from '../local/platform.js';

const { values } = parseArgs({
  options: {
    city: { type: 'string', default: 'cities/kaifeng-demo.json' },
    cases: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
  },
});
const total = Number(values.cases);
const runs = Number(values.runs);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// 1. The console's JavaScript, gzipped as a server would send it.
await ensureConsoleBuilt({ quiet: true });
const assets = join(CONSOLE_DIST, 'assets');
const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
const sizes = readdirSync(assets)
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const body = readFileSync(join(assets, name));
    return { name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, initial: html.includes(name) };
  });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipTotal = sizes.reduce((sum, file) => sum + file.gzip, 0);

// 2. The platform with 10,000 open cases.
const loaded = readCityFile(values.city);
if (!loaded.ok) throw new Error(`${values.city} is not valid`);
const city = createCityContext(loaded.city);
const now = Date.parse('2026-12-01T09:00:00+08:00');
const clock = new ManualClock(now);
const platform = await startLocalPlatform({ city, clock, warn: () => undefined, separateDynamoProcess: true });
const issuer = await LocalIssuer.create({ issuer: 'http://127.0.0.1/local', audience: 'civic-loop' });
const http = await startLocalHttpServer(platform, issuer, { port: 0, consoleDir: CONSOLE_DIST });

let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const grids = loaded.city.units.filter((unit) => unit.level === 'grid');
const departments = loaded.city.departments;
const categories = loaded.city.categories;
const stages = ['dispatched', 'handling', 'handling', 'handling', 'extensionRequested', 'reported', 'suspended'] as const;
const iso = (ms: number) => new Date(ms).toISOString();

function projectionFor(i: number): CaseProjection {
  const grid = pick(grids);
  const chain = territorialChain(city.routing.unitsById, grid.id);
  const territory = chain.map((unit) => ({ unitId: unit.id, level: unit.level }));
  const [minLon, minLat, maxLon, maxLat] = city.grids.bboxOfGrid(grid.id)!;
  const roll = random();
  const boardStatus = roll < 0.1 ? ('overdue' as const) : roll < 0.2 ? ('warning' as const) : undefined;
  const layer = boardStatus === 'overdue' ? pick(['subdistrict', 'district', 'city'] as const) : 'grid';
  const supervising = chain.find((unit) => unit.level === layer) ?? chain[0]!;
  const due = boardStatus === 'overdue' ? now - random() * 5 * 86_400_000 : now + random() * 10 * 86_400_000;
  const receivedAt = iso(now - (1 + random() * 20) * 86_400_000);
  const state: CaseState = {
    id: `bench-${String(i).padStart(5, '0')}`,
    version: 3,
    stage: pick(stages),
    receivedAt,
    updatedAt: receivedAt,
    channel: 'hotline',
    categoryCode: pick(categories).code,
    urgency: 'routine',
    gridId: grid.id,
    territory,
    leadId: pick(departments).id,
    coHandlerIds: [],
    designated: false,
    supervisingLayer: layer,
    handleDueAt: iso(due),
    missed: { accept: false, step: false },
    pausedMs: 0,
    counters: { returns: 0, reworks: 0, extensions: 0, suspensions: 0, escalations: boardStatus ? 1 : 0 },
    escalation: boardStatus ? { rung: boardStatus === 'overdue' ? 'supervise' : 'reminder', lastAt: iso(now - random() * 86_400_000) } : {},
    leader: { priority: 'normal', officeIds: [], instructions: 0 },
    duplicateIds: [],
  };
  return {
    state,
    supervisingUnitId: supervising.id,
    ...(boardStatus ? { boardStatus } : {}),
    location: { lon: minLon + ((maxLon - minLon) * (0.3 + random() * 0.4)), lat: minLat + ((maxLat - minLat) * (0.3 + random() * 0.4)) },
    nextDueAt: iso(due),
  };
}

const seedStart = performance.now();
const projections = Array.from({ length: total }, (_, i) => projectionFor(i));
for (let i = 0; i < projections.length; i += 50) await Promise.all(projections.slice(i, i + 50).map((projection) => platform.store.saveProjection(projection)));
const seedSeconds = (performance.now() - seedStart) / 1000;

// 3. The API alone: the summary and the map points of the whole city.
const dispatcher = loaded.city.users.find((user) => user.role === 'dispatcher' && user.scopeUnitId === loaded.city.units.find((unit) => unit.level === 'city')?.id);
if (!dispatcher) throw new Error('the city has no city-wide dispatcher');
const token = await issuer.tokenFor(dispatcher);
const scope = dispatcher.scopeUnitId!;
const timed = async (path: string) => {
  const start = performance.now();
  const response = await fetch(`${http.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  return { ms: performance.now() - start, bytes: body.length, status: response.status };
};
await timed(`/board/${scope}/summary`); // warm
const summaryApi = await timed(`/board/${scope}/summary`);
const mapApi = await timed(`/board/${scope}/map`);
const outlinesApi = await timed('/city/outlines/community');

// 4. The board in chromium, signed in as the city's dispatcher, `runs` times in fresh contexts.
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const session = { token, userId: dispatcher.id, role: 'dispatcher', scopeUnitId: scope };
const measures: { fcp: number; counts: number; interactive: number }[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    await context.addInitScript((stored) => sessionStorage.setItem('civic-loop.session', stored), JSON.stringify(session));
    // Polling off for the measurement: one load, no refresh mid-way.
    await context.route('**/console/config.json', (route) => route.fulfill({ json: { apiUrl: '', auth: { mode: 'local' }, pollSeconds: 3600 } }));
    const page = await context.newPage();
    if (process.env.BENCH_TRACE) {
      const t0 = Date.now();
      page.on('request', (request) => console.log(`    ${Date.now() - t0} ms → ${request.url().replace(http.url, '')}`));
      page.on('requestfinished', (request) => console.log(`    ${Date.now() - t0} ms ← ${request.url().replace(http.url, '')}`));
    }
    await page.goto(`${http.url}/console/#/board`);
    await page.waitForSelector(`[data-count="total"]:text("${total}")`, { timeout: 60_000 });
    const counts = await page.evaluate(() => performance.now());
    await page.waitForSelector(`.map[data-points="${total}"]`, { timeout: 60_000 });
    // Interactive: the map is drawn and a frame after it is painted with the main thread free to answer input.
    // (A string: this file is type-checked without the DOM library.)
    const interactive = await page.evaluate<number>('new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)))');
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
    measures.push({ fcp, counts, interactive });
    await context.close();
  }
} finally {
  await browser.close();
  await http.close();
  await platform.stop();
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;
console.log(`Console bench — ${total.toLocaleString('en')} open cases of ${loaded.city.name.en}, ${runs} runs in headless chromium (median)`);
console.log(`  seeding              ${seedSeconds.toFixed(1)} s through CaseStore.saveProjection (projections only, no workflow)`);
console.log(`  API                  summary ${ms(summaryApi.ms)} (${kb(summaryApi.bytes)}), map points ${ms(mapApi.ms)} (${kb(mapApi.bytes)}), community outlines ${ms(outlinesApi.ms)} (${kb(outlinesApi.bytes)})`);
console.log(`  first contentful paint ${ms(median(measures.map((m) => m.fcp)))}`);
console.log(`  board counts shown   ${ms(median(measures.map((m) => m.counts)))}  (first render of the board with its figures)`);
console.log(`  interactive          ${ms(median(measures.map((m) => m.interactive)))}  (all ${total.toLocaleString('en')} points on the map, main thread free)   aim ≤ 1500 ms`);
console.log(`  console JS gzipped   ${kb(gzipTotal)} in ${sizes.length} files   aim ≤ 300 KB`);
for (const file of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`    ${file.name.padEnd(34)} ${kb(file.gzip).padStart(9)} gzip  ${kb(file.raw).padStart(9)} raw  ${file.initial ? 'initial' : 'lazy'}`);
console.log(`  runs                 ${measures.map((m) => `${Math.round(m.fcp)}/${Math.round(m.counts)}/${Math.round(m.interactive)}`).join('  ')} ms (fcp/counts/interactive)`);
