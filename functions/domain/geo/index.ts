export { bboxContains, bboxesOverlapInArea, bboxOf, unionBBox } from './bbox.js';
export { GridIndex } from './grid-index.js';
export { DEFAULT_OVERLAP_TOLERANCE_M2, findOverlaps, type Overlap } from './overlaps.js';
export { indexUnits, territorialChain, unitAtLevel } from './territory.js';
export type { Area, BBox, GeoPoint } from './types.js';
