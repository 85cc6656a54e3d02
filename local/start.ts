/**
 * `npm start`: the platform on one machine. Loads and checks the city (the demo city unless `--city <file>`
 * or CITY_FILE says otherwise), starts DynamoDB on dynalite (on disk under `--data`, default `.data/`, or
 * `--in-memory`), the supervision state machine on the local engine with a scaled clock (`--speed`, clock
 * seconds per real second), and the notice outbox; resumes every open case; then prints the notices as
 * they are sent until stopped. `--check` starts, reports and exits (a smoke test). `--demo-traffic` adds a
 * seeded stream of cases worked by simulated units and centre (`--demo-rate`, cases per clock hour).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCityFile } from '../functions/adapters/city-file.js';
import { yearsMissingHolidayData } from '../functions/domain/calendar/working-calendar.js';
import { summarizeCity } from '../functions/domain/city/summary.js';
import { ScaledClock } from './clock.js';
import { CONSOLE_PATH } from './console-files.js';
import { startDemoTraffic, type DemoTraffic } from './demo-traffic.js';
import { startLocalHttpServer } from './http-server.js';
import { LocalIssuer } from './issuer.js';
import { startLocalPlatform } from './platform.js';

const { values } = parseArgs({
  options: {
    city: { type: 'string' },
    data: { type: 'string', default: '.data' },
    'in-memory': { type: 'boolean', default: false },
    speed: { type: 'string', default: '60' },
    check: { type: 'boolean', default: false },
    'demo-traffic': { type: 'boolean', default: false },
    'demo-rate': { type: 'string', default: '20' },
  },
  allowPositionals: false,
});
const CONSOLE_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));
const cityFile = values.city ?? process.env.CITY_FILE ?? 'cities/kaifeng-demo.json';
const speed = Number(values.speed);
if (!(speed > 0)) {
  console.error(`--speed must be a positive number (clock seconds per real second), not "${values.speed}"`);
  process.exit(2);
}
const demoRate = Number(values['demo-rate']);
if (!(demoRate >= 0)) {
  console.error(`--demo-rate must be a number of cases per clock hour, not "${values['demo-rate']}"`);
  process.exit(2);
}

function readSavedClock(file: string | undefined): number {
  if (!file) return 0;
  try {
    const saved = Date.parse((JSON.parse(readFileSync(file, 'utf8')) as { now: string }).now);
    return Number.isFinite(saved) ? saved : 0;
  } catch {
    return 0; // first run, or an unreadable file: the wall clock it is
  }
}

const loaded = readCityFile(cityFile);
if (!loaded.ok) {
  console.error(`Civic Loop cannot start: ${cityFile} has ${loaded.problems.length} problem(s)`);
  for (const problem of loaded.problems.slice(0, 50)) console.error(`  ${problem.path}: ${problem.message}`);
  process.exit(1);
}
const city = loaded.city;
const summary = summarizeCity(city);
const dataDir = values['in-memory'] ? undefined : resolve(values.data);
// A scaled clock runs ahead of the wall clock; starting again from the wall clock would put new events
// before old ones, so the clock carries on from where the last run left it.
const clockFile = dataDir ? join(dataDir, 'clock.json') : undefined;
const clock = new ScaledClock(speed, Math.max(Date.now(), readSavedClock(clockFile)));
const saveClock = () => clockFile && writeFileSync(clockFile, JSON.stringify({ now: new Date(clock.now()).toISOString() }));
const platform = await startLocalPlatform({ city, clock, separateDynamoProcess: true, ...(dataDir ? { dataDir } : {}) }).catch((error: unknown) => {
  console.error(`Civic Loop cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const port = Number(process.env.PORT ?? 3000);
const issuer = await LocalIssuer.create({
  issuer: `http://localhost:${port}/local`,
  audience: 'civic-loop',
  ...(dataDir ? { keyFile: join(dataDir, 'issuer-key.json') } : {}),
});
// Open311 client apps identify with an api_key; the demo registers one (a city adds its own clients).
const OPEN311_DEMO_KEY = process.env.OPEN311_API_KEY ?? 'demo-open311-key';
const http = await startLocalHttpServer(platform, issuer, {
  port,
  open311ApiKeys: { [OPEN311_DEMO_KEY]: 'Demo citizen app' },
  // As a city's HTTP API stage would throttle: generous for people and apps, a stop for runaway clients.
  rateLimit: { ratePerSecond: 100, burst: 200 },
  // Built by `npm start`'s prestart step (console/build.ts) when missing or stale.
  consoleDir: CONSOLE_DIST,
});
saveClock();
setInterval(saveClock, 5_000).unref();
const missing = yearsMissingHolidayData(city.calendar, clock.now());
const line = (label: string, value: string) => console.log(`  ${label.padEnd(19)}${value}`);

console.log(`Civic Loop — ${summary.name}${city.demo ? ' (a demo, not real data)' : ''}`);
line('city file', `${cityFile}: valid`);
line('territory', Object.entries(summary.unitsPerLevel).map(([level, n]) => `${n} ${level}`).join(' → '));
line('departments', `${summary.departments} on four platforms`);
line('categories', `${summary.categories}; responsibility list v${summary.responsibilityRows.map((v) => `${v.version} (${v.rows} rows)`).join(', v')}`);
line('escalation ladder', summary.ladder.join(' → '));
line('calendar', `${city.calendar.timeZone}, ${city.calendar.workingHours.map((p) => `${p.start}–${p.end}`).join(' and ')}, ${city.calendar.countingRule}`);
if (missing.length > 0) {
  line('WARNING', `no holiday schedule for ${missing.join(', ')}: enter the State Council's schedule in calendar.overrides and list the year in calendar.scheduleYears`);
}
line('users', Object.entries(summary.usersPerRole).map(([role, n]) => `${n} ${role}`).join(', '));
line('DynamoDB', `dynalite at ${platform.dynamo.endpoint}, ${dataDir ? `on disk in ${join(dataDir, 'dynamodb')}` : 'in memory'}`);
line('state machine', 'statemachines/case-supervision.asl.json on the local engine');
line('clock', `${new Date(clock.now()).toISOString()}, ×${speed} (a 7-hour working day passes in ${Math.round((7 * 3600) / speed)} s)`);
line('outbox', dataDir ? join(dataDir, 'outbox.jsonl') : 'in memory');
line('open cases', `${platform.resumed} resumed from the store`);
line('HTTP API', `${http.url}  (GET /healthz, POST /cases, GET /cases/{id}, POST /cases/{id}/actions/{action},\n                     GET /units/{id}/inbox, GET /board/{unitId}?status=warning|overdue, GET /appraisal?month=YYYY-MM)`);
line('console', existsSync(join(CONSOLE_DIST, 'index.html')) ? `${http.url}${CONSOLE_PATH}  (sign in as any demo user below)` : `not built: run npm run build:console, then open ${http.url}${CONSOLE_PATH}`);
line('API reference', `${http.url}/docs  (OpenAPI 3.1: ${http.url}/openapi.json)`);
line('Open311', `${http.url}/open311/v2/discovery.json (api_key for POST: ${OPEN311_DEMO_KEY})`);
line('citizens', `${http.url}/track/{caseId}?phone=<last 4 digits> to follow a case; POST .../rating to rate it`);
line('token issuer', `${http.url}/local/jwks.json — real ES256 tokens for the demo users below`);
console.log('');
console.log('Demo users (get a token: POST /local/token with {"userId": "<id>"}):');
for (const user of city.users) console.log(`  ${user.id.padEnd(38)}${user.role.padEnd(12)}${user.unitId ?? user.scopeUnitId ?? ''}`);
console.log('');
console.log('Try it:');
console.log(`  TOKEN=$(curl -s -X POST ${http.url}/local/token -H 'content-type: application/json' -d '{"userId":"${city.users.find((u) => u.role === 'citizen')?.id ?? ''}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')`);
console.log(`  curl -s -X POST ${http.url}/cases -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`);
console.log(`    -d '{"channel":"app","categoryCode":"S0102","description":"Rubbish by the gate","location":{"lon":114.35,"lat":34.80}}'`);
if (!values['demo-traffic']) console.log('Demo traffic: add --demo-traffic (and --demo-rate <cases per clock hour>).');

if (values.check) {
  saveClock();
  await http.close();
  await platform.stop();
  process.exit(0);
}

// Started only after --check has exited: a smoke test must not leave cases behind in the data folder.
let traffic: DemoTraffic | undefined;
if (values['demo-traffic']) {
  traffic = startDemoTraffic(platform, { ratePerHour: demoRate }); // the fixed default seed: the same stream every run
  console.log(`Demo traffic: about ${demoRate} cases per clock hour in working time (a tenth of that outside), worked by simulated units and centre`);
}

console.log('Notices as they are sent (Ctrl-C to stop):');
platform.outbox.subscribe((change) => {
  if (change.type !== 'recorded') return;
  const { notice } = change.entry;
  console.log(`  ${new Date(clock.now()).toISOString()} ${notice.caseId} ${notice.topic} → ${notice.recipient.kind} ${notice.recipient.id}: ${notice.subject.en}`);
});
const shutdown = async () => {
  traffic?.stop();
  saveClock();
  await http.close();
  await platform.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
