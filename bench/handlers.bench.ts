/**
 * `npm run bench:handlers`: what the native API's Lambda handlers cost themselves — the middy stack, zod,
 * authorisation, the domain, the JSON — with the case store in memory and the workflow's start recorded
 * instead of sent (on AWS it is one StartExecution call to another service). Each route is called with the
 * API Gateway v2 event the JWT authorizer would pass, one request at a time, and timed per request.
 * Aim: p99 < 2 ms per request.
 */
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { parseArgs } from 'node:util';
import { readCityFile } from '../functions/adapters/city-file.js';
import { Outbox } from '../functions/adapters/local/outbox.js';
import { createMemoryCaseStore } from '../functions/adapters/memory/case-store.js';
import { CaseService } from '../functions/app/case-service.js';
import { createCityContext } from '../functions/app/city-context.js';
import { Supervision } from '../functions/app/supervision.js';
import type { HttpEvent } from '../functions/http/handler.js';
import { makeCaseHandlers } from '../functions/http/native/cases.js';
import { makeQueryHandlers } from '../functions/http/native/queries.js';
import { makeOpen311Handler } from '../functions/http/open311/lambda.js';
import type { ExecutionStatus, SupervisionPlan, Workflow } from '../functions/ports/workflow.js';
import { ManualClock } from '../local/clock.js';

const { values } = parseArgs({ options: { city: { type: 'string', default: 'cities/kaifeng-demo.json' }, requests: { type: 'string', default: '2000' } } });
const count = Number(values.requests);

const loaded = readCityFile(values.city);
if (!loaded.ok) throw new Error(`${values.city} is not valid`);
const city = createCityContext(loaded.city);
const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
const store = createMemoryCaseStore();

/** The execution starts the handlers ask for, as StartExecution would receive them. */
class RecordedWorkflow implements Workflow {
  readonly started: string[] = [];
  startSupervision(caseId: string): Promise<void> {
    this.started.push(caseId);
    return Promise.resolve();
  }
  completeWait(_taskToken: string, _plan: SupervisionPlan): Promise<void> {
    return Promise.resolve();
  }
  runningExecutionNames(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.started));
  }
  executionStatus(): Promise<ExecutionStatus> {
    return Promise.resolve('running');
  }
}
const recorded = new RecordedWorkflow();
const workflow: Workflow = recorded;
const service = new CaseService({ store, workflow, clock, city, warn: () => undefined });
const outbox = await Outbox.open({ now: () => clock.now() });
const supervision = new Supervision({ service, store, notifier: outbox, workflow, warn: () => undefined });
const cases = makeCaseHandlers({ service, city });
const queries = makeQueryHandlers({ store, city, clock });
const open311 = makeOpen311Handler({ service, store, city, clock, apiKeys: new Map([['bench-key', { clientName: 'bench' }]]), baseUrl: 'http://localhost/open311/v2' });

const userOf = (id: string) => {
  const user = loaded.city.users.find((candidate) => candidate.id === id);
  if (!user) throw new Error(`the city has no user ${id}`);
  return user;
};
const claimsOf = (id: string) => {
  const user = userOf(id);
  return {
    sub: user.id,
    'cognito:groups': `[${user.role}]`,
    ...(user.unitId ? { 'custom:unitId': user.unitId } : {}),
    ...(user.scopeUnitId ? { 'custom:scopeUnitId': user.scopeUnitId } : {}),
  };
};

function event(method: string, path: string, routeKey: string, options: { user?: string; body?: unknown; params?: Record<string, string>; query?: string } = {}): HttpEvent {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: { 'content-type': 'application/json', ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
    queryStringParameters: Object.fromEntries(new URLSearchParams(options.query ?? '')),
    pathParameters: options.params ?? {},
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      ...(options.user ? { authorizer: { jwt: { claims: claimsOf(options.user), scopes: [] } } } : {}),
      routeKey,
      stage: '$default',
      requestId: 'bench',
      timeEpoch: clock.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;
type Handler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const results: { route: string; n: number; p50: number; p99: number; max: number }[] = [];

/** Calls one route `n` times in a row, each with its own event, and checks every answer's status. */
async function measure(route: string, n: number, handler: Handler, eventFor: (i: number) => HttpEvent, status: number): Promise<string[]> {
  const times: number[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const request = eventFor(i);
    const started = performance.now();
    const response = await handler(request, context);
    times.push(performance.now() - started);
    if (response.statusCode !== status) throw new Error(`${route}: answered ${response.statusCode}, not ${status}: ${response.body ?? ''}`);
    bodies.push(response.body ?? '');
  }
  times.sort((a, b) => a - b);
  results.push({ route, n, p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1) ?? 0 });
  return bodies;
}

// Points inside grids and categories that route, as real reports are.
const [minLon, minLat, maxLon, maxLat] = city.grids.bbox ?? [0, 0, 0, 0];
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const points: { lon: number; lat: number }[] = [];
while (points.length < count) {
  const point = { lon: minLon + random() * (maxLon - minLon), lat: minLat + random() * (maxLat - minLat) };
  if (city.grids.locate(point)) points.push(point);
}
const categories = loaded.city.categories.filter((category) => category.kind !== 'hotline' && category.fields.every((field) => !field.required)).map((c) => c.code);

console.log(`Civic Loop handler overhead — node ${process.version}, in-memory store, ${count} requests per route, ${loaded.city.name.en}`);

// Warm-up: the first calls of each path compile it; they are not what a warm Lambda pays.
for (let i = 0; i < 200; i++) {
  await (cases.intake as Handler)(
    event('POST', '/cases', 'POST /cases', { user: 'user-citizen-1', body: { channel: 'app', categoryCode: categories[i % categories.length], description: 'warm-up', location: points[i] } }),
    context,
  );
}

const intakes = await measure(
  'POST /cases',
  count,
  cases.intake,
  (i) =>
    event('POST', '/cases', 'POST /cases', {
      user: 'user-citizen-1',
      body: { channel: 'app', categoryCode: categories[i % categories.length], description: `Pothole ${i} <b>deep</b>`, location: points[i], reporter: { phone: '+8613800000009' } },
    }),
  201,
);
const caseIds = intakes.map((body) => (JSON.parse(body) as { caseId: string }).caseId);

// The workflow's first step routes every case (the real application code, called directly).
for (const id of caseIds) await supervision.routeCase({ caseId: id, generation: 1 });

await measure('GET /cases/{caseId}', count, cases.getCase, (i) => event('GET', `/cases/${caseIds[i]}`, 'GET /cases/{caseId}', { user: 'user-dispatcher-city', params: { caseId: caseIds[i] ?? '' } }), 200);

// Accept: the cases whose lead unit has a staff user, by that user.
const staffByUnit = new Map(loaded.city.users.filter((user) => user.role === 'unitStaff' && user.unitId).map((user) => [user.unitId, user.id]));
const acceptable: { caseId: string; user: string }[] = [];
for (const id of caseIds) {
  const projection = await store.getProjection(id);
  const user = projection?.state.stage === 'dispatched' && projection.state.leadId ? staffByUnit.get(projection.state.leadId) : undefined;
  if (user) acceptable.push({ caseId: id, user });
}
if (acceptable.length > 0) {
  await measure(
    'POST /cases/{caseId}/actions/accept',
    acceptable.length,
    cases.act,
    (i) => {
      const { caseId, user } = acceptable[i]!;
      return event('POST', `/cases/${caseId}/actions/accept`, 'POST /cases/{caseId}/actions/{action}', { user, body: {}, params: { caseId, action: 'accept' } });
    },
    200,
  );
}

const busiest = [...staffByUnit.keys()].sort((a, b) => acceptable.filter((x) => x.user === staffByUnit.get(b)).length - acceptable.filter((x) => x.user === staffByUnit.get(a)).length)[0] ?? '';
await measure('GET /units/{unitId}/inbox', count, queries.inbox, () => event('GET', `/units/${busiest}/inbox`, 'GET /units/{unitId}/inbox', { user: staffByUnit.get(busiest) ?? '', params: { unitId: busiest }, query: 'limit=20' }), 200);
const cityUnit = loaded.city.units.find((unit) => unit.level === 'city')?.id ?? '';
await measure('GET /board/{unitId}', count, queries.board, () => event('GET', `/board/${cityUnit}`, 'GET /board/{unitId}', { user: 'user-dispatcher-city', params: { unitId: cityUnit }, query: 'status=overdue' }), 200);
await measure('GET /appraisal', count, queries.appraisal, () => event('GET', '/appraisal', 'GET /appraisal', { user: 'user-supervisor-city', query: 'month=2026-12' }), 200);
await measure(
  'GET /open311/v2/requests/{id}.json',
  count,
  open311,
  (i) => event('GET', `/open311/v2/requests/${caseIds[i]}.json`, 'ANY /open311/v2/{proxy+}', { params: { proxy: `requests/${caseIds[i]}.json` } }),
  200,
);

console.log('route                                   n      p50 ms   p99 ms   max ms');
for (const r of results) console.log(`${r.route.padEnd(38)} ${String(r.n).padStart(5)} ${r.p50.toFixed(3).padStart(9)} ${r.p99.toFixed(3).padStart(8)} ${r.max.toFixed(2).padStart(8)}`);
const worst = Math.max(...results.map((r) => r.p99));
console.log(`worst p99: ${worst.toFixed(3)} ms (aim < 2 ms); ${recorded.started.length} executions would have been started`);
