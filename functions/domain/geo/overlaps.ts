/**
 * Areas that overlap: two grids (or communities) claiming the same ground would make the owner of a
 * place ambiguous, so the city validator refuses them. Neighbours share edges by design, so only
 * interiors count, and only beyond a tolerance that absorbs digitising noise.
 */
import { area } from '@turf/area';
import { feature, featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import Flatbush from 'flatbush';
import { bboxOf, bboxesOverlapInArea } from './bbox.js';
import { convexHull, hullsSeparated } from './separation.js';
import type { Area } from './types.js';

export interface Overlap {
  /** The lower of the two ids (code-unit order), so each pair is reported once and in a fixed order. */
  readonly a: string;
  readonly b: string;
  /** Geodesic area of the shared interior in m²; NaN when the geometry could not be intersected. */
  readonly areaM2: number;
  /** Set when the polygon clipper failed on the pair (self-intersecting rings and the like). */
  readonly error?: string;
}

/** One square metre: far below any real grid, far above floating-point slivers along shared edges. */
export const DEFAULT_OVERLAP_TOLERANCE_M2 = 1;

/**
 * Pairs whose interiors share more than `toleranceM2` square metres, sorted by `a` then `b`. Candidate
 * pairs come from an R-tree over bounding boxes; pairs whose boxes or convex hulls only touch are skipped
 * before any clipping, which is what keeps a tiled city (thousands of edge-sharing neighbours) fast.
 */
export function findOverlaps(areas: readonly Area[], toleranceM2: number = DEFAULT_OVERLAP_TOLERANCE_M2): Overlap[] {
  if (areas.length < 2) return [];
  const boxes = areas.map((item) => bboxOf(item.boundary));
  const tree = new Flatbush(areas.length);
  for (const [minX, minY, maxX, maxY] of boxes) tree.add(minX, minY, maxX, maxY);
  tree.finish();

  const features = areas.map((item) => feature(item.boundary));
  const hulls = areas.map((item) => convexHull(item.boundary));
  const overlaps: Overlap[] = [];
  boxes.forEach((box, i) => {
    for (const j of tree.search(box[0], box[1], box[2], box[3])) {
      // Each unordered pair once; flatbush also returns the box itself.
      if (j <= i) continue;
      const other = boxes[j];
      if (!other || !bboxesOverlapInArea(box, other)) continue;
      if (hullsSeparated(hulls[i] ?? [], hulls[j] ?? [])) continue;
      // Both indices come from the arrays built above, so neither lookup can miss.
      const [first, second] = [areas[i], areas[j]] as [Area, Area];
      const pair = [features[i], features[j]] as [PolygonFeature, PolygonFeature];
      const [a, b] = first.id < second.id ? [first.id, second.id] : [second.id, first.id];
      try {
        const shared = intersect(featureCollection(pair));
        const areaM2 = shared ? area(shared) : 0;
        if (areaM2 > toleranceM2) overlaps.push({ a, b, areaM2 });
      } catch (error) {
        overlaps.push({ a, b, areaM2: Number.NaN, error: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  return overlaps.sort((x, y) => (x.a === y.a ? compare(x.b, y.b) : compare(x.a, y.a)));
}

type PolygonFeature = ReturnType<typeof feature<Area['boundary']>>;

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
