/**
 * `npm run bench`: the domain core's hot paths on the demo city, single-threaded, with this machine's
 * figures. Aims (issue 2): grid lookups ≥ 100,000/s on one core; deadline computations ≥ 200,000/s.
 */
import { cpus } from 'node:os';
import { readCityFile } from '../functions/adapters/city-file.js';
import { createWorkingCalendar } from '../functions/domain/calendar/working-calendar.js';
import type { Duration } from '../functions/domain/city/schema.js';
import { planDeadline } from '../functions/domain/deadlines/milestones.js';
import { GridIndex } from '../functions/domain/geo/index.js';
import { createRoutingContext, route } from '../functions/domain/routing/index.js';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const cityFile = process.argv[2] ?? 'cities/kaifeng-demo.json';
const rng = xoroshiro128plus(20261130);
const random = () => uniformFloat64(rng);

/** Runs `fn` over the inputs `rounds` times after a warm-up; returns operations per second of the best round. */
function measure<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): number {
  let sink = 0;
  for (const input of inputs.slice(0, Math.min(inputs.length, 50_000))) if (fn(input) !== undefined) sink++;
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (const input of inputs) if (fn(input) !== undefined) sink++;
    best = Math.max(best, inputs.length / ((performance.now() - started) / 1000));
  }
  if (sink < 0) console.log(sink); // keeps the work observable so it is not optimised away
  return best;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`Civic Loop domain benchmark — node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), one thread`);

const loadStarted = performance.now();
const loaded = readCityFile(cityFile);
if (!loaded.ok) {
  console.error(`${cityFile} is not valid:`, loaded.problems.slice(0, 5));
  process.exit(1);
}
const city = loaded.city;
console.log(`load + validate ${cityFile}: ${fmt(performance.now() - loadStarted)} ms`);

// Grid lookups: points spread over the city's whole extent, most inside a grid, some in gaps and outside.
const grids = GridIndex.fromUnits(city.units);
const [minLon, minLat, maxLon, maxLat] = grids.bbox ?? [0, 0, 0, 0];
const points = Array.from({ length: 1_000_000 }, () => ({
  lon: minLon + random() * (maxLon - minLon),
  lat: minLat + random() * (maxLat - minLat),
}));
const inside = points.filter((p) => grids.locate(p) !== undefined).length;
const lookups = measure(points, (p) => grids.locate(p));
console.log(`grid lookups: ${fmt(lookups)}/s over ${fmt(grids.size)} grids (${Math.round((100 * inside) / points.length)}% of points inside a grid; aim ≥ 100,000/s)`);

// Deadline computations: the city's own limits (accept and handle, every tier) from random instants in 2026.
const calendar = createWorkingCalendar(city.calendar);
const limits: Duration[] = city.categories.flatMap((c) =>
  [c.limits.routine, c.limits.urgent, c.limits.emergency].flatMap((l) => (l ? [l.accept, l.handle] : [])),
);
const yearStart = Date.parse('2026-01-01T00:00:00+08:00');
const yearMs = 365 * 86_400_000;
const starts = Array.from({ length: 1_000_000 }, (_, i) => ({
  start: yearStart + Math.floor(random() * yearMs),
  limit: limits[i % limits.length]!,
}));
const deadlines = measure(starts, ({ start, limit }) => calendar.dueAt(start, limit));
console.log(`deadline computations (dueAt): ${fmt(deadlines)}/s over ${limits.length} limits of the city's categories (aim ≥ 200,000/s)`);

// A whole deadline plan: the due instant plus every rung of the city's ladder on the calendar.
const steps = city.escalation.steps;
const plans = measure(starts.slice(0, 300_000), ({ start, limit }) => planDeadline({ calendar, steps, start, limit }));
console.log(`deadline plans (due + ${steps.length} ladder milestones): ${fmt(plans)}/s`);

// Routing: category + point → responsibility row → lead unit, the whole intake decision.
const routing = createRoutingContext(city, grids);
const codes = city.categories.map((c) => c.code);
const gridPoints = points.filter((p) => grids.locate(p) !== undefined).slice(0, 200_000);
const cases = gridPoints.map((location, i) => ({ categoryCode: codes[i % codes.length]!, location, receivedAt: starts[i]!.start }));
const routed = measure(cases, (input) => route(input, routing));
console.log(`routing decisions: ${fmt(routed)}/s`);
