/**
 * The demo city's ground: one global lattice of jittered vertices. Every grid is a set of lattice cells,
 * every community and street the union of its grids' cells, and every outline is traced through every
 * lattice vertex on its border (outline.ts). Two neighbours therefore share their common edge vertex for
 * vertex (bitwise, since each vertex is computed and rounded once), so grids tile their community exactly
 * and never overlap.
 *
 * The lattice is denser in the old city than in the countryside (tensor-product spacing that ramps from
 * fine to coarse), which gives small urban grids and village-sized rural ones without a second lattice.
 */
import type { Random } from './random.js';

export type Position = [lon: number, lat: number];

/** Degrees in [lo, hi] get the fine spacing; it ramps linearly to the coarse one over `ramp` degrees. */
export interface AxisSpec {
  from: number;
  to: number;
  denseFrom: number;
  denseTo: number;
  fine: number;
  coarse: number;
  ramp: number;
}

const KM_PER_DEGREE_LAT = 110.574;
/**
 * Kilometres per degree of longitude at Kaifeng's latitude (111.32 × cos 34.65°), written out: the
 * generator uses only arithmetic IEEE 754 rounds exactly (+ − × ÷ √), never Math.cos, Math.hypot or **,
 * whose last bit may differ between JavaScript engines, so the file is the same byte for byte everywhere.
 */
const KM_PER_DEGREE_LON = 91.58;

/**
 * Each coordinate moves by less than a quarter of the smaller neighbouring spacing: every vertex then keeps
 * to its own band (so lattice lines never cross and blocks stay simple polygons), and no corner of a quad
 * can cross the diagonal of its neighbours (each is 1/√2 of a side away and can close at most 2 × ¼ × √2
 * of it), so every single-cell grid is convex.
 */
const JITTER_SHARE = 0.24;

/** Six decimals (about 0.1 m) everywhere, so a shared vertex is the same number in every ring. */
const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

function axisLines(spec: AxisSpec): number[] {
  const spacing = (at: number): number => {
    const distance = at < spec.denseFrom ? spec.denseFrom - at : at > spec.denseTo ? at - spec.denseTo : 0;
    const t = Math.min(1, distance / spec.ramp);
    return spec.fine + (spec.coarse - spec.fine) * t;
  };
  const lines: number[] = [];
  for (let at = spec.from; at < spec.to + spec.fine / 2; at += spacing(at)) lines.push(at);
  return lines;
}

export class Lattice {
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;

  constructor(x: AxisSpec, y: AxisSpec, random: Random) {
    this.xs = axisLines(x);
    this.ys = axisLines(y);
    const nx = this.xs.length;
    const ny = this.ys.length;
    this.lon = new Float64Array(nx * ny);
    this.lat = new Float64Array(nx * ny);
    // Row by row, column by column: the order fixes which random number each vertex gets.
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const dx = JITTER_SHARE * neighbourSpacing(this.xs, i) * (random.next() * 2 - 1);
        const dy = JITTER_SHARE * neighbourSpacing(this.ys, j) * (random.next() * 2 - 1);
        this.lon[j * nx + i] = round6((this.xs[i] ?? 0) + dx);
        this.lat[j * nx + i] = round6((this.ys[j] ?? 0) + dy);
      }
    }
  }

  get columns(): number {
    return this.xs.length - 1;
  }

  get rows(): number {
    return this.ys.length - 1;
  }

  vertex(i: number, j: number): Position {
    if (i < 0 || j < 0 || i >= this.xs.length || j >= this.ys.length) throw new Error(`no lattice vertex (${i}, ${j})`);
    const k = j * this.xs.length + i;
    return [this.lon[k] ?? 0, this.lat[k] ?? 0];
  }

  /** Cells are numbered row by row from the south-west: k = j × columns + i. */
  cell(i: number, j: number): number {
    return j * this.columns + i;
  }

  column(cell: number): number {
    return cell % this.columns;
  }

  row(cell: number): number {
    return Math.floor(cell / this.columns);
  }

  /** The cell's unjittered centre, in degrees. */
  centre(cell: number): Position {
    const i = this.column(cell);
    const j = this.row(cell);
    return [((this.xs[i] ?? 0) + (this.xs[i + 1] ?? 0)) / 2, ((this.ys[j] ?? 0) + (this.ys[j + 1] ?? 0)) / 2];
  }

  cellWidthKm(cell: number): number {
    const i = this.column(cell);
    return ((this.xs[i + 1] ?? 0) - (this.xs[i] ?? 0)) * KM_PER_DEGREE_LON;
  }

  cellHeightKm(cell: number): number {
    const j = this.row(cell);
    return ((this.ys[j + 1] ?? 0) - (this.ys[j] ?? 0)) * KM_PER_DEGREE_LAT;
  }

  cellAreaKm2(cell: number): number {
    return this.cellWidthKm(cell) * this.cellHeightKm(cell);
  }

  /** Distance between two cell centres in kilometres (flat-earth, fine at this scale). */
  kmBetween(a: number, b: number): number {
    return kmBetween(this.centre(a), this.centre(b));
  }

  /** The up to four cells sharing an edge with `cell`. */
  neighbours(cell: number): number[] {
    const i = this.column(cell);
    const j = this.row(cell);
    const out: number[] = [];
    if (i > 0) out.push(cell - 1);
    if (i < this.columns - 1) out.push(cell + 1);
    if (j > 0) out.push(cell - this.columns);
    if (j < this.rows - 1) out.push(cell + this.columns);
    return out;
  }
}

export function kmBetween(a: Position, b: Position): number {
  const dx = (a[0] - b[0]) * KM_PER_DEGREE_LON;
  const dy = (a[1] - b[1]) * KM_PER_DEGREE_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

function neighbourSpacing(lines: readonly number[], k: number): number {
  const before = k > 0 ? (lines[k] ?? 0) - (lines[k - 1] ?? 0) : Number.POSITIVE_INFINITY;
  const after = k < lines.length - 1 ? (lines[k + 1] ?? 0) - (lines[k] ?? 0) : Number.POSITIVE_INFINITY;
  return Math.min(before, after);
}
