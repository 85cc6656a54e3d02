/**
 * `npm run bench:lifecycle`: what supervision costs on Step Functions and how the local runtime holds up.
 *
 * 1. State transitions per case, counted from the local engine's event log (the deployed ASL, unchanged),
 *    for three paths, priced at $0.025 per 1,000 transitions (Standard workflows).
 * 2. 1,000 cases in flight at once through the happy path on a scaled clock: wall time, peak memory, and
 *    how late the escalations fired compared with the instants the calendar says they were due.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCityFile } from '../functions/adapters/city-file.js';
import { createCityContext, type CityContext } from '../functions/app/city-context.js';
import type { Actor } from '../functions/domain/case/events.js';
import { planDeadline } from '../functions/domain/deadlines/milestones.js';
import { ladderFor } from '../functions/domain/deadlines/limits.js';
import type { Notice } from '../functions/ports/notifier.js';
import { ManualClock, ScaledClock, type LocalClock } from '../local/clock.js';
import { startLocalPlatform, type LocalPlatform } from '../local/platform.js';

const PRICE_PER_TRANSITION = 0.025 / 1000;
const { values } = parseArgs({
  options: {
    city: { type: 'string', default: 'cities/kaifeng-demo.json' },
    cases: { type: 'string', default: '1000' },
    speed: { type: 'string', default: '1800' },
    'skip-inflight': { type: 'boolean', default: false },
  },
});

const loaded = readCityFile(values.city);
if (!loaded.ok) throw new Error(`${values.city} is not valid`);
const city = createCityContext(loaded.city);
const EXPOSED_RUBBISH = 'S0102'; // 暴露垃圾: 1 working day, the reference example
const DIRTY_ROAD = 'S0104'; // 道路不洁: 5 working hours

/** Points inside grids of the city, so routing finds a territorial unit. */
function gridPoints(ctx: CityContext, count: number): { lon: number; lat: number }[] {
  const [minLon, minLat, maxLon, maxLat] = ctx.grids.bbox ?? [0, 0, 0, 0];
  const points: { lon: number; lat: number }[] = [];
  let seed = 7;
  const next = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  // Apart by more than the duplicate radius: two reports of one category closer than that are merged at
  // RouteCase, and the merged one's flow would wait forever for an order that is never sent.
  const apart = 2 * (ctx.city.duplicateDetection?.radiusMeters ?? 0);
  const metersPerDegree = 111_195;
  const tooClose = (a: { lon: number; lat: number }, b: { lon: number; lat: number }) =>
    Math.hypot((a.lon - b.lon) * Math.cos((a.lat * Math.PI) / 180), a.lat - b.lat) * metersPerDegree <= apart;
  while (points.length < count) {
    const point = { lon: minLon + next() * (maxLon - minLon), lat: minLat + next() * (maxLat - minLat) };
    if (ctx.grids.locate(point) && !points.some((other) => tooClose(point, other))) points.push(point);
  }
  return points;
}

const dispatcher: Actor = { kind: 'dispatcher', id: 'bench-dispatcher' };
const citizen: Actor = { kind: 'citizen', id: 'bench-citizen' };
const unitOf = (leadId: string): Actor => ({ kind: 'unitStaff', id: `staff-of-${leadId}`, unitId: leadId });

/** Resolves with the first notice on a case whose topic passes `match`, as the unit's phone would ring. */
function noticeOn(platform: LocalPlatform, caseId: string, match: (topic: string) => boolean): Promise<Notice> {
  return new Promise((resolve) => {
    const earlier = platform.outbox.list({ caseId }).find((entry) => match(entry.notice.topic));
    if (earlier) return resolve(earlier.notice);
    const stop = platform.outbox.subscribe((change) => {
      if (change.type === 'recorded' && change.entry.notice.caseId === caseId && match(change.entry.notice.topic)) {
        stop();
        resolve(change.entry.notice);
      }
    });
  });
}

async function openCase(platform: LocalPlatform, categoryCode: string, location: { lon: number; lat: number }): Promise<{ caseId: string; lead: Actor }> {
  const { caseId } = await platform.service.intake({ channel: 'hotline', categoryCode, description: 'bench case', location, reporter: { phone: '+8613800000009' } }, citizen);
  // RouteCase runs in the workflow; the unit learns of the order from its notice, as it would by SMS.
  const order = await noticeOn(platform, caseId, (topic) => topic === 'dispatched');
  return { caseId, lead: unitOf(order.recipient.id) };
}

/**
 * People act minutes or days apart, so the counting paths let the workflow settle between actions (`pause`);
 * acting faster than the workflow re-enters its wait costs a re-plan (a few more transitions), which the
 * in-flight run shows.
 */
async function finishHappily(platform: LocalPlatform, caseId: string, lead: Actor, accepted = false, pause: () => Promise<void> = () => Promise.resolve()): Promise<void> {
  if (!accepted) {
    await platform.service.act(caseId, { type: 'accept' }, lead);
    await pause();
  }
  await platform.service.act(caseId, { type: 'reportResult', text: 'done', photoUrls: [] }, lead);
  await pause();
  await platform.service.act(caseId, { type: 'verify', passed: true }, dispatcher);
  await pause();
  await platform.service.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, dispatcher);
  await pause();
  await platform.service.act(caseId, { type: 'close', answer: 'Cleaned up.' }, dispatcher);
}

async function transitionsOf(name: string, path: (platform: LocalPlatform, clock: ManualClock) => Promise<string>): Promise<void> {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined });
  try {
    const caseId = await path(platform, clock);
    const execution = platform.workflow.execution(caseId);
    if (!execution) throw new Error('no execution');
    await execution.done;
    const per100k = execution.transitions * PRICE_PER_TRANSITION * 100_000;
    console.log(`${name}: ${execution.transitions} transitions, $${per100k.toFixed(2)} per 100k cases (execution ${execution.status}, ${execution.history.length} history events)`);
  } finally {
    await platform.stop();
  }
}

const [point] = gridPoints(city, 1);
if (!point) throw new Error('no grid');
console.log(`Civic Loop lifecycle benchmark — node ${process.version}, ${city.city.name.en}`);

await transitionsOf('happy path', async (platform) => {
  const { caseId, lead } = await openCase(platform, EXPOSED_RUBBISH, point);
  await platform.workflow.idle();
  await finishHappily(platform, caseId, lead, false, () => platform.workflow.idle());
  return caseId;
});

await transitionsOf('one return with arbitration', async (platform) => {
  const { caseId, lead } = await openCase(platform, EXPOSED_RUBBISH, point);
  await platform.service.act(caseId, { type: 'return', reason: 'Not ours', legalBasis: 'Municipal sanitation regulation, art. 12' }, lead);
  await platform.workflow.idle();
  await platform.service.act(caseId, { type: 'arbitrate', uphold: true }, dispatcher);
  await platform.workflow.idle();
  await finishHappily(platform, caseId, lead, false, () => platform.workflow.idle());
  return caseId;
});

await transitionsOf('whole ladder (reminder → interview)', async (platform, clock) => {
  const { caseId, lead } = await openCase(platform, EXPOSED_RUBBISH, point);
  await platform.service.act(caseId, { type: 'accept' }, lead);
  await platform.workflow.idle();
  // Thirty calendar days pass with nobody acting: every rung fires on its own.
  await clock.advanceBy(30 * 86_400_000, () => platform.workflow.idle());
  const { state } = await platform.service.load(caseId);
  if (state.escalation.rung !== 'interview') throw new Error(`the ladder stopped at ${state.escalation.rung ?? 'nothing'}`);
  await finishHappily(platform, caseId, lead, true, () => platform.workflow.idle());
  return caseId;
});

if (!values['skip-inflight']) await inFlight(Number(values.cases), Number(values.speed));

/** A process's peak resident set (VmHWM) in KiB, from /proc (Linux). */
function peakKiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function inFlight(count: number, speed: number): Promise<void> {
  const clock: LocalClock = new ScaledClock(speed, Date.parse('2026-12-01T08:30:00+08:00'));
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined, separateDynamoProcess: true });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const points = gridPoints(city, count);
    // Each case: reported, accepted at once, left until its reminder fires (the ladder's first rung), then finished.
    const flows = points.map(async (location, i) => {
      await new Promise((resolve) => setTimeout(resolve, i % 200)); // arrivals spread over a fifth of a second
      const { caseId, lead } = await openCase(platform, DIRTY_ROAD, location);
      await platform.service.act(caseId, { type: 'accept' }, lead);
      await noticeOn(platform, caseId, (topic) => topic.startsWith('escalated'));
      await finishHappily(platform, caseId, lead, true);
      return caseId;
    });
    const caseIds = await Promise.all(flows);
    await Promise.all(caseIds.map(async (id) => platform.workflow.execution(id)?.done));
    const wallSeconds = (performance.now() - started) / 1000;

    // Lateness: when each escalation was recorded against when the calendar says it was due.
    let latest = 0;
    let escalations = 0;
    for (const caseId of caseIds) {
      const events = await platform.store.loadEvents(caseId);
      const dispatched = events.find((e) => e.type === 'dispatched');
      if (dispatched?.type !== 'dispatched' || !dispatched.data.handleLimit) continue;
      const plan = planDeadline({
        calendar: city.calendar,
        steps: ladderFor(city.city.escalation, 'routine'),
        start: Date.parse(dispatched.at),
        limit: dispatched.data.handleLimit,
      });
      for (const event of events) {
        if (event.type !== 'escalated') continue;
        const due = plan.milestones.find((m) => m.rung === event.data.rung);
        if (!due) continue;
        escalations++;
        latest = Math.max(latest, Date.parse(event.at) - due.at);
      }
    }
    const dynaliteKiB = platform.dynamo.pid ? peakKiB(platform.dynamo.pid) : undefined;
    const closed = (await Promise.all(caseIds.map(async (id) => (await platform.service.load(id)).state.stage))).filter((s) => s === 'closed').length;
    const failed = platform.workflow.allExecutions.filter((e) => e.status === 'failed').length;
    console.log(
      `${count} cases in flight (clock ×${speed}): ${wallSeconds.toFixed(1)} s wall, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB` +
        `${dynaliteKiB ? ` (+ ${(dynaliteKiB / 1024).toFixed(0)} MiB dynalite process)` : ''}, ` +
        `${closed} closed, ${failed} failed executions; ${escalations} escalations, the latest ${(latest / 1000).toFixed(0)} s of clock time ` +
        `(${(latest / speed).toFixed(0)} ms real) after its deadline`,
    );
  } finally {
    clearInterval(sampler);
    await platform.stop();
  }
}
