import { describe, expect, it } from 'vitest';
import { Lattice, type AxisSpec, type Position } from './geometry.js';
import { traceCells } from './outline.js';
import { createRandom } from './random.js';

// A plain 5 × 5 lattice with no jitter (a random source that always answers the middle).
const AXIS: AxisSpec = { from: 0, to: 0.5, denseFrom: 0, denseTo: 0, fine: 0.1, coarse: 0.1, ramp: 1 };
const still = { ...createRandom(1), next: () => 0.5 };
const lattice = new Lattice(AXIS, AXIS, still);
const cells = (...ij: [number, number][]) => ij.map(([i, j]) => lattice.cell(i, j));
const twiceArea = (ring: Position[]) => ring.slice(1).reduce((s, p, k) => s + (ring[k]?.[0] ?? 0) * p[1] - p[0] * (ring[k]?.[1] ?? 0), 0);
const repeats = (ring: Position[]) => ring.length - 1 - new Set(ring.slice(0, -1).map((p) => p.join(','))).size;

describe('traceCells', () => {
  it('outlines a block through every lattice vertex on its border, counter-clockwise from the south-west', () => {
    const g = traceCells(lattice, cells([1, 1], [2, 1], [1, 2], [2, 2]));
    expect(g.type).toBe('Polygon');
    const ring = g.coordinates[0] as Position[];
    expect(ring).toHaveLength(9);
    expect(ring[0]).toEqual([0.1, 0.1]);
    expect(ring[1]).toEqual([0.2, 0.1]);
    expect(ring.at(-1)).toEqual(ring[0]);
    expect(twiceArea(ring)).toBeGreaterThan(0);
  });

  it('keeps a hole as a clockwise inner ring', () => {
    const ringOfCells = cells([1, 1], [2, 1], [3, 1], [1, 2], [3, 2], [1, 3], [2, 3], [3, 3]);
    const g = traceCells(lattice, ringOfCells);
    expect(g.type).toBe('Polygon');
    expect(g.coordinates).toHaveLength(2);
    const [outer, hole] = g.coordinates as Position[][];
    expect(twiceArea(outer as Position[])).toBeGreaterThan(0);
    expect(twiceArea(hole as Position[])).toBeLessThan(0);
  });

  it('splits cells that touch only at a corner into two polygons', () => {
    const g = traceCells(lattice, cells([1, 1], [2, 2]));
    expect(g.type).toBe('MultiPolygon');
    expect(g.coordinates).toHaveLength(2);
  });

  it('never passes a vertex twice where a piece touches itself at a corner', () => {
    // A loop whose cells (1,1) and (2,2) meet only at the corner (2,2); the cell (1,2) it encloses is a hole
    // that touches the outer ring at that corner.
    const loop = cells([1, 1], [0, 1], [0, 2], [0, 3], [1, 3], [2, 3], [3, 3], [3, 2], [2, 2]);
    const g = traceCells(lattice, loop);
    expect(g.type).toBe('Polygon');
    expect(g.coordinates).toHaveLength(2);
    for (const ring of g.coordinates as Position[][]) expect(repeats(ring)).toBe(0);
    expect(g.coordinates[1]).toHaveLength(5);
  });

  it('outlines any set of cells exactly, without a repeated vertex (500 random sets)', () => {
    const random = createRandom(42);
    for (let round = 0; round < 500; round++) {
      const set = Array.from({ length: lattice.columns * lattice.rows }, (_, c) => c).filter(() => random.next() < 0.55);
      if (set.length === 0) continue;
      const g = traceCells(lattice, set);
      const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      const rings = polygons.flat();
      for (const ring of rings) expect(repeats(ring)).toBe(0);
      // Outer rings add, holes (clockwise) subtract: together exactly the cells' area (0.01 each, ×2).
      const area = rings.reduce((sum, ring) => sum + twiceArea(ring), 0);
      expect(area).toBeCloseTo(set.length * 0.02, 9);
      polygons.forEach((polygon) => polygon.forEach((ring, k) => expect(twiceArea(ring) > 0).toBe(k === 0)));
    }
  });
});
