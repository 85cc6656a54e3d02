/**
 * `npm run bench:console`: the command board with 10,000 open cases on the local platform, in headless
 * chromium — time to first contentful paint, to first render (counts, lists, feed on screen), to the whole
 * board on screen and to interactive (then no long task for a second), with a board already open in the
 * command centre and on a freshly started API (section 4 says exactly what) — and the gzipped size of the
 * console's JavaScript (aims: ≤ 1.5 s to interactive, ≤ 300 KB of JS). `--runs`, `--cold-runs`;
 * `BENCH_TRACE=1` prints each request (the page's own resource timing), the marks and the long tasks;
 * `BENCH_PROFILE=<dir>` writes a CPU profile of the page and of this process (the API) for each run.
 *
 * Seeding: 10,000 cases through the full workflow take many minutes on dynalite, and the board reads only
 * the projections, so the cases are written through the store port itself (`CaseStore.saveProjection`, 50
 * at a time): open cases of the demo city, each in a random grid with its real territorial chain, a random
 * category and lead department, deadlines spread around now, a tenth on the warning board and a tenth
 * overdue. No events and no supervision: the board, its map and its feed do not read them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
    runs: { type: 'string', default: '5' },
    'cold-runs': { type: 'string', default: '3' },
  },
});
const total = Number(values.cases);
const runs = Number(values.runs);
const coldRuns = Number(values['cold-runs']);
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

// 3. The API alone: a fresh read of the open cases, and the answer a polling board gets (`maxAge`).
const dispatcher = loaded.city.users.find((user) => user.role === 'dispatcher' && user.scopeUnitId === loaded.city.units.find((unit) => unit.level === 'city')?.id);
if (!dispatcher) throw new Error('the city has no city-wide dispatcher');
const token = await issuer.tokenFor(dispatcher);
const scope = dispatcher.scopeUnitId!;
const timed = async (base: string, path: string) => {
  const start = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  return { ms: performance.now() - start, bytes: body.length, status: response.status };
};
await timed(http.url, `/board/${scope}/summary`); // warm the code paths
const summaryApi = await timed(http.url, `/board/${scope}/summary`);
const mapApi = await timed(http.url, `/board/${scope}/map`);
const keptApi = await timed(http.url, `/board/${scope}/summary?maxAge=60`);
const outlinesApi = await timed(http.url, '/city/outlines/community');

// 4. The board in chromium, signed in as the city's dispatcher, each run in a fresh browser context (no
// cached code, names or outlines), with the console's default configuration (refresh every 5 s, so its
// reads accept an answer 10 s old). Two situations:
//   - warm: the command centre already has a board open — a "wall screen" polls the board's three reads
//     every 5 s, as the console does — and a dispatcher opens the board;
//   - cold: the first board after the API started (a new HTTP server on the same platform): nothing kept,
//     the page waits for a full read of the open cases.
// What is measured, in the page itself (a MutationObserver and a long-task observer installed before the
// console's code runs; playwright's own polling would add its round trips):
//   - first render: the counts (total = all open cases), both lists and the escalation feed on screen
//     (the frame after they entered the DOM);
//   - interactive: everything the board shows is on screen — the above, every open case drawn on the map
//     (data-points) and the community and district outlines drawn (data-outlines) — and the main thread
//     then stays free of long tasks (≥ 50 ms) for QUIET_MS: interactive is the later of the board being
//     complete and the end of the last long task before that quiet window;
//   - input delay: a key pressed in the case lookup field as soon as the board is complete, from the
//     event's time stamp to the first handler running.
const POLL_SECONDS = 5;
const QUIET_MS = 1000;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
const session = { token, userId: dispatcher.id, role: 'dispatcher', scopeUnitId: scope };
interface Measure {
  fcp: number;
  firstRender: number;
  complete: number;
  interactive: number;
  inputDelay: number;
}

/**
 * Installed in the page before any of its scripts: records when each part of the board is on screen, the
 * long tasks and the first input's delay. (A string: this file is type-checked without the DOM library.)
 */
const instrument = (expected: number) => `(() => {
  const bench = { marks: {}, longTasks: [], inputDelay: NaN };
  globalThis.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push([entry.startTime, entry.startTime + entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // From the key's event time to its handler running: how long input waits for the main thread.
  addEventListener('keydown', (event) => {
    if (Number.isNaN(bench.inputDelay)) bench.inputDelay = performance.now() - event.timeStamp;
  }, { capture: true });
  const outlines = () => document.querySelector('.map')?.getAttribute('data-outlines') ?? '';
  const checks = {
    counts: () => document.querySelector('[data-count="total"]')?.textContent === '${expected}',
    lists: () => document.querySelector('[data-list="overdue"]') !== null && document.querySelector('[data-list="warning"]') !== null,
    feed: () => document.querySelector('.feed-list') !== null,
    points: () => document.querySelector('.map[data-points="${expected}"]') !== null,
    outlines: () => /\\bcommunity\\b/.test(outlines()) && /\\bdistrict\\b/.test(outlines()),
  };
  const seen = new Set();
  new MutationObserver(() => {
    for (const [name, check] of Object.entries(checks)) {
      if (seen.has(name) || !check()) continue;
      seen.add(name);
      // On screen: the frame after the change is painted (a task queued from the next animation frame).
      requestAnimationFrame(() => setTimeout(() => (bench.marks[name] = performance.now()), 0));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

/**
 * With BENCH_PROFILE: the page's CPU profile (through the DevTools protocol) and this process's (the API's
 * handlers run here; DynamoDB does not), both started before the page loads, written as .cpuprofile files
 * that DevTools opens.
 */
const profileDir = process.env.BENCH_PROFILE;
let profiled = 0;
const nodeInspector = profileDir ? new Session() : undefined;
if (profileDir && nodeInspector) {
  mkdirSync(profileDir, { recursive: true });
  nodeInspector.connect();
  await nodeInspector.post('Profiler.enable');
  await nodeInspector.post('Profiler.setSamplingInterval', { interval: 500 });
}

/**
 * Headless chromium gives each new context a window of its own, and a new window starts the browser's own
 * UI pages (the omnibox popup's WebUI renderer) — about 2 s of one core's CPU right after the page is
 * created, on a 2-core machine half of it, and nothing to do with the board. A dispatcher opens the board
 * in a browser whose window is already up, so each run waits, before navigating, until the browser's
 * processes have used under 10% of a core for a quarter of a second (at most 10 s). The page still starts
 * from a fresh context: no cached code, names or outlines.
 */
const browserCdp = await browser.newBrowserCDPSession();
async function browserSettled(): Promise<void> {
  type Info = { processInfo: { id: number; cpuTime: number }[] };
  const cpuSeconds = async () => ((await browserCdp.send('SystemInfo.getProcessInfo')) as Info).processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
  const deadline = Date.now() + 10_000;
  let before = await cpuSeconds();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const after = await cpuSeconds();
    if (after - before < 0.025) return;
    before = after;
  }
}

async function measure(base: string): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  await context.addInitScript((stored) => sessionStorage.setItem('civic-loop.session', stored), JSON.stringify(session));
  await context.addInitScript({ content: instrument(total) });
  await context.route('**/console/config.json', (route) => route.fulfill({ json: { apiUrl: '', auth: { mode: 'local' }, pollSeconds: POLL_SECONDS } }));
  const page = await context.newPage();
  await browserSettled();
  type Bench = { marks: Record<string, number>; longTasks: [number, number][]; inputDelay: number };
  const state = () => page.evaluate<Bench>('globalThis.__bench');
  const cdp = profileDir ? await context.newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await nodeInspector!.post('Profiler.start');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'loading', 'v8', 'toplevel'] });
  }
  try {
    await page.goto(`${base}/console/#/board`);
    const parts = ['counts', 'lists', 'feed', 'points', 'outlines'];
    const deadline = Date.now() + 60_000;
    let bench = await state();
    while (!parts.every((part) => bench.marks[part] !== undefined)) {
      if (Date.now() > deadline) throw new Error(`the board did not complete: ${JSON.stringify(bench.marks)}`);
      await page.waitForTimeout(20);
      bench = await state();
    }
    const complete = Math.max(...parts.map((part) => bench.marks[part]!));
    await page.press('#case-lookup', 'x');
    // Interactive once the main thread has been free of long tasks for QUIET_MS after the board completed.
    let interactive = complete;
    for (;;) {
      bench = await state();
      interactive = Math.max(complete, ...bench.longTasks.map(([, end]) => end));
      const now = await page.evaluate<number>('performance.now()');
      if (now - interactive >= QUIET_MS) break;
      if (Date.now() > deadline) throw new Error('the main thread never went quiet');
      await page.waitForTimeout(100);
    }
    const firstRender = Math.max(bench.marks.counts!, bench.marks.lists!, bench.marks.feed!);
    const fcp = await page.evaluate<number>("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN");
    if (cdp) {
      const name = `${profileDir}/run-${++profiled}`;
      writeFileSync(`${name}-page.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      writeFileSync(`${name}-api.cpuprofile`, JSON.stringify((await nodeInspector!.post('Profiler.stop')).profile));
      writeFileSync(`${name}-trace.json`, await browser.stopTracing());
    }
    if (process.env.BENCH_TRACE) {
      type Entry = { name: string; startTime: number; responseStart: number; responseEnd: number; transferSize: number };
      const entries = await page.evaluate<Entry[]>("performance.getEntriesByType('resource').map(({ name, startTime, responseStart, responseEnd, transferSize }) => ({ name, startTime, responseStart, responseEnd, transferSize }))");
      for (const entry of entries) console.log(`    ${Math.round(entry.startTime)} → ${Math.round(entry.responseStart)} … ${Math.round(entry.responseEnd)} ms  ${kb(entry.transferSize)}  ${entry.name.replace(base, '')}`);
    }
    if (process.env.BENCH_TRACE) console.log(`    marks ${JSON.stringify(bench.marks)} long tasks ${JSON.stringify(bench.longTasks.map(([start, end]) => [Math.round(start), Math.round(end - start)]))}`);
    return { fcp, firstRender, complete, interactive, inputDelay: bench.inputDelay };
  } finally {
    await context.close();
  }
}

// The wall screen: the console's three board reads every POLL_SECONDS, bodies read and dropped.
const wallScreen = () => {
  const reads = [`/board/${scope}/summary?limit=50&maxAge=${POLL_SECONDS * 2}`, `/board/${scope}/escalations?limit=30&maxAge=${POLL_SECONDS * 2}`, `/board/${scope}/map?maxAge=${POLL_SECONDS * 2}`];
  const poll = () => Promise.all(reads.map((path) => timed(http.url, path))).then(() => undefined);
  let stopped = false;
  const first = poll();
  const timer = setInterval(() => void poll(), POLL_SECONDS * 1000);
  return { first, stop: () => ((stopped = true), clearInterval(timer), stopped) };
};

const warm: Measure[] = [];
const cold: Measure[] = [];
try {
  const screen = wallScreen();
  await screen.first;
  for (let run = 0; run < runs; run++) warm.push(await measure(http.url));
  screen.stop();
  for (let run = 0; run < coldRuns; run++) {
    const fresh = await startLocalHttpServer(platform, issuer, { port: 0, consoleDir: CONSOLE_DIST });
    try {
      cold.push(await measure(fresh.url));
    } finally {
      await fresh.close();
    }
  }
} finally {
  await browser.close();
  await http.close();
  await platform.stop();
}

const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
const median = (list: number[]) => sorted(list)[Math.floor(list.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;
const spread = (list: number[]) => `${ms(median(list))}  (${Math.round(sorted(list)[0]!)}–${Math.round(sorted(list).at(-1)!)})`;
const report = (name: string, measures: Measure[]) => {
  if (measures.length === 0) return;
  console.log(`  ${name} — ${measures.length} runs, median (min–max)`);
  console.log(`    first contentful paint ${spread(measures.map((m) => m.fcp))}`);
  console.log(`    first render           ${spread(measures.map((m) => m.firstRender))}  (counts, lists and feed on screen)`);
  console.log(`    board complete         ${spread(measures.map((m) => m.complete))}  (+ all ${total.toLocaleString('en')} points and the outlines drawn)`);
  console.log(`    interactive            ${spread(measures.map((m) => m.interactive))}  (complete, then no long task for ${QUIET_MS} ms)   aim ≤ 1500 ms`);
  console.log(`    input delay            ${spread(measures.map((m) => m.inputDelay))}  (a key pressed when the board completed)`);
  console.log(`    runs (render/interactive) ${measures.map((m) => `${Math.round(m.firstRender)}/${Math.round(m.interactive)}`).join('  ')}`);
};
console.log(`Console bench — ${total.toLocaleString('en')} open cases of ${loaded.city.name.en}, headless chromium, 2 shared cores`);
console.log(`  seeding              ${seedSeconds.toFixed(1)} s through CaseStore.saveProjection (projections only, no workflow)`);
console.log(`  API                  fresh read: summary ${ms(summaryApi.ms)} (${kb(summaryApi.bytes)}), map points ${ms(mapApi.ms)} (${kb(mapApi.bytes)}); summary from the kept read ${ms(keptApi.ms)}; community outlines ${ms(outlinesApi.ms)} (${kb(outlinesApi.bytes)})`);
report('warm: a board already open in the command centre', warm);
report('cold: the first board after the API started', cold);
console.log(`  console JS gzipped   ${kb(gzipTotal)} in ${sizes.length} files   aim ≤ 300 KB`);
for (const file of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`    ${file.name.padEnd(34)} ${kb(file.gzip).padStart(9)} gzip  ${kb(file.raw).padStart(9)} raw  ${file.initial ? 'initial' : 'lazy'}`);
