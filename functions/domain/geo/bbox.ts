/**
 * Bounding boxes of boundaries: the cheap first filter before any exact geometry test.
 */
import type { AreaGeometry } from '../city/schema.js';
import type { BBox, GeoPoint } from './types.js';

/** The box around every ring of the geometry (holes cannot reach outside the outer ring, so this is exact). */
export function bboxOf(geometry: AreaGeometry): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
    }
  }
  return [minX, minY, maxX, maxY];
}

/** The smallest box holding all the given boxes; undefined for none. */
export function unionBBox(boxes: Iterable<BBox>): BBox | undefined {
  let result: [number, number, number, number] | undefined;
  for (const [minX, minY, maxX, maxY] of boxes) {
    if (!result) {
      result = [minX, minY, maxX, maxY];
      continue;
    }
    if (minX < result[0]) result[0] = minX;
    if (minY < result[1]) result[1] = minY;
    if (maxX > result[2]) result[2] = maxX;
    if (maxY > result[3]) result[3] = maxY;
  }
  return result;
}

/** Closed test: a point on the edge of the box is inside it. */
export const bboxContains = (box: BBox, point: GeoPoint): boolean =>
  point.lon >= box[0] && point.lon <= box[2] && point.lat >= box[1] && point.lat <= box[3];

/** Whether two boxes share area; boxes that merely touch along an edge or at a corner do not. */
export const bboxesOverlapInArea = (a: BBox, b: BBox): boolean =>
  a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
