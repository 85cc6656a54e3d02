/**
 * A cheap proof that two areas cannot overlap, run before the polygon clipper: most candidate pairs in
 * a tiled city are neighbours whose bounding boxes overlap but whose shapes only touch, and clipping each
 * such pair dominates the cost of an overlap check. If the convex hulls of two areas are separated (or
 * just touch) along some edge direction, their interiors are disjoint; otherwise the clipper decides.
 */
import type { AreaGeometry } from '../city/schema.js';

type Point = readonly [number, number];

/**
 * Projections may overlap by this much (degrees, about 0.1 mm) and still count as touching, so the two
 * copies of a shared edge, whose projections differ by rounding, read as touching; no tolerance a city
 * would set is anywhere near this small.
 */
const TOUCH_EPSILON_DEGREES = 1e-9;

/** The convex hull (counter-clockwise, Andrew's monotone chain) of every outer ring of the area. */
export function convexHull(geometry: AreaGeometry): Point[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const points: Point[] = polygons.flatMap((polygon) => polygon[0] ?? []);
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (points.length < 3) return points;
  const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const p of points) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as Point, lower[lower.length - 1] as Point, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as Point;
    while (upper.length >= 2 && cross(upper[upper.length - 2] as Point, upper[upper.length - 1] as Point, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Whether some edge direction of either hull separates the two hulls (touching counts as separated). */
export function hullsSeparated(a: readonly Point[], b: readonly Point[]): boolean {
  return hasSeparatingEdge(a, a, b) || hasSeparatingEdge(b, a, b);
}

function hasSeparatingEdge(edges: readonly Point[], a: readonly Point[], b: readonly Point[]): boolean {
  for (let i = 0; i < edges.length; i++) {
    const p = edges[i] as Point;
    const q = edges[(i + 1) % edges.length] as Point;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (length === 0) continue;
    const nx = -(q[1] - p[1]) / length;
    const ny = (q[0] - p[0]) / length;
    const [minA, maxA] = project(a, nx, ny);
    const [minB, maxB] = project(b, nx, ny);
    if (maxA <= minB + TOUCH_EPSILON_DEGREES || maxB <= minA + TOUCH_EPSILON_DEGREES) return true;
  }
  return false;
}

function project(points: readonly Point[], nx: number, ny: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const [x, y] of points) {
    const d = x * nx + y * ny;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return [min, max];
}
