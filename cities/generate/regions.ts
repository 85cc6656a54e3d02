/**
 * Cutting a set of lattice cells into contiguous regions of chosen relative size: seeded region growing
 * (every region spreads from its seed through neighbouring cells, the cheapest claim first, as in
 * Dijkstra's algorithm), with a smooth noise on the step cost so borders wander like real ones, a speed
 * per region tuned until the areas match their targets, and a few Lloyd steps that move each seed to the
 * middle of its region so regions come out compact. Growth only ever claims a neighbour of a claimed
 * cell, so every region is one connected piece.
 */
import { kmBetween, type Lattice, type Position } from './geometry.js';
import type { Random } from './random.js';

export interface PartitionOptions {
  /** Relative target areas, one per region. */
  targets: readonly number[];
  random: Random;
  /** Fixed seeds (e.g. county seats); drawn at random when absent. */
  seeds?: readonly Position[];
  /** Regions listed first get the seeds nearest this point (streets near the old city, towns near the seat). */
  centre?: Position;
  /** Lloyd steps (moving seeds to their region's middle); none when seeds are fixed. */
  lloyd?: number;
  /** Rounds of speed tuning towards the target areas. */
  tuning?: number;
  /** Cells per noise period: larger gives smoother borders. */
  noisePeriod?: number;
  /** How far the step cost may stray from 1 (0.45: between 0.55 and 1.45); larger gives wilder borders. */
  noiseStrength?: number;
}

/** Regions as sorted cell lists, in the order of `targets`. */
export function partition(lattice: Lattice, cells: readonly number[], options: PartitionOptions): number[][] {
  const count = options.targets.length;
  if (count === 0) return [];
  if (cells.length < count) throw new Error(`${cells.length} cells cannot make ${count} regions`);
  if (count === 1) return [[...cells].sort((a, b) => a - b)];

  const noise = valueNoise(lattice, options.random, options.noisePeriod ?? 4, options.noiseStrength ?? 0.45);
  const totalArea = cells.reduce((sum, c) => sum + lattice.cellAreaKm2(c), 0);
  const targetSum = options.targets.reduce((a, b) => a + b, 0);
  const targets = options.targets.map((t) => (t / targetSum) * totalArea);

  let seeds = options.seeds ? options.seeds.map(([lon, lat]) => nearestCell(lattice, cells, [lon, lat])) : drawSeeds(lattice, cells, count, options.random);
  if (new Set(seeds).size !== seeds.length) throw new Error('two regions share a seed cell');
  if (options.centre && !options.seeds) {
    const centre = options.centre;
    seeds = [...seeds].sort((a, b) => kmBetween(lattice.centre(a), centre) - kmBetween(lattice.centre(b), centre));
  }
  // Each region spreads at its own speed, starting at √target (a region's reach grows with the root of its
  // area), then tuned towards its target. Speeds, not head starts: with a head start, a small region beside
  // a large one is bounded by a hyperbola and leaks away in a long strip; with speeds it stays a disc.
  let speeds = targets.map((t) => Math.sqrt(t));
  let owner = grow(lattice, cells, seeds, speeds, noise);

  const lloyd = options.seeds ? 0 : (options.lloyd ?? 2);
  const rounds = Math.max(lloyd, options.tuning ?? 4);
  // Gentle steps, and the best round wins rather than the last: where small regions crowd a large one a
  // region can burst out of its pocket, and the tuning may swing back and forth around the target.
  let best = { owner, misfit: Number.POSITIVE_INFINITY };
  for (let round = 0; ; round++) {
    const areas = new Array<number>(count).fill(0);
    for (const [cell, r] of owner) areas[r] = (areas[r] ?? 0) + lattice.cellAreaKm2(cell);
    const misfit = areas.reduce((sum, a, r) => sum + Math.abs(a - (targets[r] ?? 0)) / (targets[r] ?? 1), 0);
    if (round >= lloyd && misfit < best.misfit) best = { owner, misfit };
    if (round === rounds) break;
    // A fourth root (two square roots, exact in IEEE 754) of the area ratio: half the step a disc would need.
    speeds = speeds.map((v, r) => v * Math.min(1.25, Math.max(0.8, Math.sqrt(Math.sqrt((targets[r] ?? 1) / Math.max(areas[r] ?? 0, 1e-6))))));
    if (round < lloyd) seeds = centroidSeeds(lattice, owner, count);
    owner = grow(lattice, cells, seeds, speeds, noise);
  }
  owner = best.owner;
  trimSpurs(lattice, owner);

  const regions: number[][] = Array.from({ length: count }, () => []);
  for (const [cell, r] of owner) regions[r]?.push(cell);
  for (const region of regions) region.sort((a, b) => a - b);
  return regions;
}

/** Multi-source growth; returns the region of every reachable cell. Seed cells are never taken by others. */
function grow(lattice: Lattice, cells: readonly number[], seeds: readonly number[], speeds: readonly number[], noise: (cell: number) => number): Map<number, number> {
  const allowed = new Set(cells);
  const owner = new Map<number, number>();
  const done = new Set<number>();
  const heap = new MinHeap();
  seeds.forEach((seed, r) => {
    owner.set(seed, r);
    heap.push(0, seed, r);
  });
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    const [cost, cell, r] = top;
    if (done.has(cell) || (owner.has(cell) && owner.get(cell) !== r)) continue;
    owner.set(cell, r);
    done.add(cell);
    for (const next of lattice.neighbours(cell)) {
      if (!allowed.has(next) || owner.has(next)) continue;
      heap.push(cost + (lattice.kmBetween(cell, next) * (noise(cell) + noise(next))) / 2 / (speeds[r] ?? 1), next, r);
    }
  }
  return owner;
}

/**
 * Growth can leave spurs: a cell that touches its own region on one side only and another region on
 * two or more. Handing such a cell to that neighbour never disconnects either region (a leaf holds
 * nothing together, and the taker already touches it), and it rids the map of one-cell tails.
 */
function trimSpurs(lattice: Lattice, owner: Map<number, number>): void {
  const sizes = new Map<number, number>();
  for (const r of owner.values()) sizes.set(r, (sizes.get(r) ?? 0) + 1);
  for (let pass = 0; pass < 3; pass++) {
    let changed = false;
    for (const cell of [...owner.keys()].sort((a, b) => a - b)) {
      const mine = owner.get(cell) as number;
      if ((sizes.get(mine) ?? 0) <= 1) continue;
      const counts = new Map<number, number>();
      for (const n of lattice.neighbours(cell)) {
        const r = owner.get(n);
        if (r !== undefined) counts.set(r, (counts.get(r) ?? 0) + 1);
      }
      if ((counts.get(mine) ?? 0) > 1) continue;
      let taker: number | undefined;
      for (const [r, n] of [...counts].sort((a, b) => a[0] - b[0])) {
        if (r !== mine && n >= 2 && (taker === undefined || n > (counts.get(taker) ?? 0))) taker = r;
      }
      if (taker === undefined) continue;
      owner.set(cell, taker);
      sizes.set(mine, (sizes.get(mine) ?? 0) - 1);
      sizes.set(taker, (sizes.get(taker) ?? 0) + 1);
      changed = true;
    }
    if (!changed) break;
  }
}

/** Seeds spread over the set: random cells, each at least a spacing away from the others where possible. */
function drawSeeds(lattice: Lattice, cells: readonly number[], count: number, random: Random): number[] {
  const area = cells.reduce((sum, c) => sum + lattice.cellAreaKm2(c), 0);
  let spacing = 0.8 * Math.sqrt(area / count);
  const seeds: number[] = [];
  let attempts = 0;
  while (seeds.length < count) {
    const cell = random.pick(cells);
    const far = seeds.every((s) => s !== cell && lattice.kmBetween(s, cell) >= spacing);
    if (far) seeds.push(cell);
    // Crowded shapes: relax the spacing rather than loop for ever.
    if (++attempts % 50 === 0) spacing *= 0.8;
  }
  return seeds;
}

/** Each region's cell nearest its area-weighted centroid (a cell of the region, so seeds stay distinct). */
function centroidSeeds(lattice: Lattice, owner: Map<number, number>, count: number): number[] {
  const sums = Array.from({ length: count }, () => ({ x: 0, y: 0, w: 0 }));
  for (const [cell, r] of owner) {
    const [x, y] = lattice.centre(cell);
    const w = lattice.cellAreaKm2(cell);
    const s = sums[r] as { x: number; y: number; w: number };
    s.x += x * w;
    s.y += y * w;
    s.w += w;
  }
  const best = sums.map(() => ({ cell: -1, d: Infinity }));
  for (const [cell, r] of owner) {
    const s = sums[r] as { x: number; y: number; w: number };
    const d = kmBetween(lattice.centre(cell), [s.x / s.w, s.y / s.w]);
    const b = best[r] as { cell: number; d: number };
    if (d < b.d || (d === b.d && cell < b.cell)) {
      b.cell = cell;
      b.d = d;
    }
  }
  return best.map((b) => b.cell);
}

function nearestCell(lattice: Lattice, cells: readonly number[], point: Position): number {
  let best = cells[0] ?? 0;
  let bestDistance = Infinity;
  for (const cell of cells) {
    const d = kmBetween(lattice.centre(cell), point);
    if (d < bestDistance) {
      best = cell;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Smooth random values in [1 − strength, 1 + strength]: random numbers on a coarse grid of lattice
 * indices, interpolated bilinearly, so a region's border bends over a few cells instead of zig-zagging
 * cell by cell.
 */
function valueNoise(lattice: Lattice, random: Random, period: number, strength: number): (cell: number) => number {
  const nx = Math.ceil(lattice.columns / period) + 2;
  const ny = Math.ceil(lattice.rows / period) + 2;
  const knots = Array.from({ length: nx * ny }, () => random.next());
  const cache = new Map<number, number>();
  return (cell) => {
    const hit = cache.get(cell);
    if (hit !== undefined) return hit;
    const u = lattice.column(cell) / period;
    const v = lattice.row(cell) / period;
    const i = Math.floor(u);
    const j = Math.floor(v);
    const fu = u - i;
    const fv = v - j;
    const k = (a: number, b: number) => knots[b * nx + a] ?? 0.5;
    const value = (1 - fv) * ((1 - fu) * k(i, j) + fu * k(i + 1, j)) + fv * ((1 - fu) * k(i, j + 1) + fu * k(i + 1, j + 1));
    const scaled = 1 - strength + 2 * strength * value;
    cache.set(cell, scaled);
    return scaled;
  };
}

/** A binary heap of (cost, cell, region), cheapest first; ties go to the earlier push, for determinism. */
class MinHeap {
  private readonly items: [number, number, number, number][] = [];
  private order = 0;

  push(cost: number, cell: number, region: number): void {
    const items = this.items;
    items.push([cost, cell, region, this.order++]);
    let k = items.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!less(items[k], items[parent])) break;
      [items[k], items[parent]] = [items[parent] as [number, number, number, number], items[k] as [number, number, number, number]];
      k = parent;
    }
  }

  pop(): [number, number, number] | undefined {
    const items = this.items;
    const top = items[0];
    if (!top) return undefined;
    const last = items.pop() as [number, number, number, number];
    if (items.length > 0) {
      items[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < items.length && less(items[l], items[m])) m = l;
        if (r < items.length && less(items[r], items[m])) m = r;
        if (m === k) break;
        [items[k], items[m]] = [items[m] as [number, number, number, number], items[k] as [number, number, number, number]];
        k = m;
      }
    }
    return [top[0], top[1], top[2]];
  }
}

const less = (a: [number, number, number, number] | undefined, b: [number, number, number, number] | undefined): boolean =>
  !!a && !!b && (a[0] < b[0] || (a[0] === b[0] && a[3] < b[3]));
