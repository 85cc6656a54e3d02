/**
 * Shapes shared by the geometry helpers. Coordinates are WGS84 longitude/latitude in degrees, the order
 * GeoJSON uses, so a boundary from the city configuration can be used as it is.
 */
import type { AreaGeometry } from '../city/schema.js';

/** A WGS84 point; case events carry their location in this shape. */
export interface GeoPoint {
  readonly lon: number;
  readonly lat: number;
}

/** `[minLon, minLat, maxLon, maxLat]`, the GeoJSON bbox order. */
export type BBox = readonly [number, number, number, number];

/** Anything with an id and a boundary: grid units, communities, or areas a city is still drawing. */
export interface Area {
  readonly id: string;
  readonly boundary: AreaGeometry;
}
