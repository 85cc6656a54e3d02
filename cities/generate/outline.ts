/**
 * The outline of a set of lattice cells as GeoJSON: the exact union of the cells, traced along lattice
 * edges so every lattice vertex on the border is kept (a neighbour's ring has the same vertices on the
 * shared stretch, which is what makes tilings exact).
 *
 * Rings run with the region on their left: outer rings counter-clockwise, holes clockwise (RFC 7946).
 * Where two cells of the set touch only at a corner, the walk decides so that no ring passes a vertex
 * twice: cells of two separate pieces stay apart (two polygons touching at a point), and a piece that
 * touches itself there keeps its outside and the hole it encloses apart (a hole touching its shell at a
 * point). Both are valid GeoJSON and the clipping library accepts them.
 */
import type { Lattice, Position } from './geometry.js';

export type AreaGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

interface Edge {
  from: number;
  to: number;
  /** The cell on the edge's left, i.e. inside the set. */
  cell: number;
  used: boolean;
}

export function traceCells(lattice: Lattice, cells: readonly number[]): AreaGeometry {
  if (cells.length === 0) throw new Error('cannot outline an empty set of cells');
  const inside = new Set(cells);
  const columns = lattice.columns;
  const rows = lattice.rows;
  const stride = columns + 1;
  const vertexId = (i: number, j: number) => j * stride + i;
  const has = (i: number, j: number) => i >= 0 && j >= 0 && i < columns && j < rows && inside.has(j * columns + i);

  const outgoing = new Map<number, Edge[]>();
  const edges: Edge[] = [];
  const add = (fi: number, fj: number, ti: number, tj: number, cell: number) => {
    const edge = { from: vertexId(fi, fj), to: vertexId(ti, tj), cell, used: false };
    edges.push(edge);
    const list = outgoing.get(edge.from);
    if (list) list.push(edge);
    else outgoing.set(edge.from, [edge]);
  };
  for (const cell of [...inside].sort((a, b) => a - b)) {
    const i = lattice.column(cell);
    const j = lattice.row(cell);
    if (!has(i, j - 1)) add(i, j, i + 1, j, cell);
    if (!has(i + 1, j)) add(i + 1, j, i + 1, j + 1, cell);
    if (!has(i, j + 1)) add(i + 1, j + 1, i, j + 1, cell);
    if (!has(i - 1, j)) add(i, j + 1, i, j, cell);
  }

  const piece = components(lattice, inside);
  const direction = (edge: Edge): [number, number] => [(edge.to % stride) - (edge.from % stride), Math.floor(edge.to / stride) - Math.floor(edge.from / stride)];
  const rings: { vertices: number[]; cell: number; doubleArea: number }[] = [];
  for (const first of edges) {
    if (first.used) continue;
    const vertices: number[] = [];
    let edge = first;
    for (;;) {
      edge.used = true;
      vertices.push(edge.from);
      const [dx, dy] = direction(edge);
      // Two ways on only where cells meet at a corner. Stay in the same piece (turning back round the same
      // cell if the other is another piece), and within it take the rightmost way, which follows the same
      // face of the outside: the hole a self-touching piece encloses gets its own ring.
      const here = piece.get(edge.cell);
      const options = (outgoing.get(edge.to) ?? []).filter((o) => piece.get(o.cell) === here);
      const next = [...options].sort((a, b) => turn(dx, dy, direction(a)) - turn(dx, dy, direction(b)))[0];
      if (!next) throw new Error('broken outline: a boundary edge leads nowhere');
      if (next === first) break;
      if (next.used) throw new Error('broken outline: the walk re-entered a used edge');
      edge = next;
    }
    rings.push({ vertices: canonical(vertices), cell: first.cell, doubleArea: doubleArea(vertices, stride) });
  }

  // Holes belong to the connected piece of the set whose cell lies on their left.
  const shells = rings.filter((r) => r.doubleArea > 0).sort((a, b) => (a.vertices[0] ?? 0) - (b.vertices[0] ?? 0));
  const holes = rings.filter((r) => r.doubleArea < 0).sort((a, b) => (a.vertices[0] ?? 0) - (b.vertices[0] ?? 0));
  const toPositions = (ids: number[]): Position[] => [...ids, ids[0] ?? 0].map((id) => lattice.vertex(id % stride, Math.floor(id / stride)));
  const polygons = shells.map((shell) => [
    toPositions(shell.vertices),
    ...holes.filter((h) => piece.get(h.cell) === piece.get(shell.cell)).map((h) => toPositions(h.vertices)),
  ]);
  if (shells.length !== new Set(piece.values()).size) throw new Error('broken outline: pieces and outer rings differ');
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] ?? [] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** Positive for a left turn, zero straight on, negative for a right turn (unit lattice steps). */
const turn = (dx: number, dy: number, [ex, ey]: [number, number]): number => dx * ey - dy * ex;

/** Starts the ring at its lowest-numbered vertex (south-west-most), so the output never depends on walk order. */
function canonical(vertices: number[]): number[] {
  let start = 0;
  vertices.forEach((v, k) => {
    if (v < (vertices[start] ?? Infinity)) start = k;
  });
  return [...vertices.slice(start), ...vertices.slice(0, start)];
}

/** Twice the signed area in lattice units: exact integers, so orientation is never in doubt. */
function doubleArea(vertices: number[], stride: number): number {
  let sum = 0;
  vertices.forEach((v, k) => {
    const w = vertices[(k + 1) % vertices.length] ?? 0;
    sum += (v % stride) * Math.floor(w / stride) - (w % stride) * Math.floor(v / stride);
  });
  return sum;
}

/** Edge-connected pieces of the set, each named by its smallest cell. */
function components(lattice: Lattice, inside: Set<number>): Map<number, number> {
  const piece = new Map<number, number>();
  for (const start of [...inside].sort((a, b) => a - b)) {
    if (piece.has(start)) continue;
    const stack = [start];
    piece.set(start, start);
    while (stack.length > 0) {
      const cell = stack.pop() as number;
      for (const n of lattice.neighbours(cell)) {
        if (inside.has(n) && !piece.has(n)) {
          piece.set(n, start);
          stack.push(n);
        }
      }
    }
  }
  return piece;
}
