/**
 * Many grids at once, for benchmarks and scale tests: a lattice of quadrilaterals that tile a rectangle
 * exactly. With `jitter` the inner lattice points move (deterministically, by `seed`), so the quads are no
 * longer axis-aligned, their bounding boxes overlap their neighbours', and the exact geometry tests really
 * run, as they would on a surveyed city.
 */
import type { Area } from '../geo/types.js';

export interface SyntheticGridOptions {
  cols: number;
  rows: number;
  /** South-west corner, lon/lat degrees. */
  origin?: { lon: number; lat: number };
  /** Lattice spacing in degrees (0.002° is about 200 m, a typical urban grid). */
  step?: number;
  /** How far inner lattice points may move, as a share of `step`; below 0.25 every quad stays simple. */
  jitter?: number;
  seed?: number;
}

export function syntheticGrids(options: SyntheticGridOptions): Area[] {
  const { cols, rows, origin = { lon: 114.2, lat: 34.7 }, step = 0.002, jitter = 0, seed = 1 } = options;
  const random = mulberry32(seed);
  // One shared vertex array: neighbouring quads reuse the very same numbers, so they tile exactly.
  const vertices: [number, number][][] = [];
  for (let i = 0; i <= cols; i++) {
    const column: [number, number][] = [];
    for (let j = 0; j <= rows; j++) {
      const inner = i > 0 && i < cols && j > 0 && j < rows;
      const dx = inner ? (random() * 2 - 1) * jitter * step : 0;
      const dy = inner ? (random() * 2 - 1) * jitter * step : 0;
      column.push([round6(origin.lon + i * step + dx), round6(origin.lat + j * step + dy)]);
    }
    vertices.push(column);
  }
  const at = (i: number, j: number): [number, number] => vertices[i]?.[j] ?? [Number.NaN, Number.NaN];
  const areas: Area[] = [];
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rows; j++) {
      areas.push({
        id: `g-${i}-${j}`,
        boundary: { type: 'Polygon', coordinates: [[at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1), at(i, j)]] },
      });
    }
  }
  return areas;
}

const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/** A tiny seeded generator: benchmarks must measure the same city every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
