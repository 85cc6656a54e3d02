/**
 * Which grid a point lies in. Grids are the smallest territorial unit and every located case is routed
 * from the grid it falls in, so this runs on every intake: a packed R-tree (flatbush) over the grids'
 * bounding boxes narrows thousands of grids to the few whose box holds the point, and only those get
 * the exact point-in-polygon test.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { AreaGeometry, OrgUnit } from '../city/schema.js';
import { bboxOf, unionBBox } from './bbox.js';
import type { Area, BBox, GeoPoint } from './types.js';

/**
 * A built index in a form that can be stored (the CDK app writes it beside each bundle): the grids' ids in
 * index order, the grids without a boundary, and flatbush's packed tree, which holds every grid's box.
 * `GridIndex.fromPrepared` turns it back into the same index without touching a polygon.
 */
export interface PreparedGridIndex {
  ids: readonly string[];
  /**
   * minX, minY, maxX, maxY of grid i at 4i..4i+3. Optional when there is a tree: the tree's leaves are
   * the same boxes, so a stored index need not repeat them (and a cold start need not parse them).
   */
  boxes?: readonly number[];
  unbounded: readonly string[];
  /** flatbush's `data` (absent for an empty index). */
  tree: ArrayBufferLike | undefined;
}

export class GridIndex {
  /** Absent when there is nothing to index: flatbush refuses zero items. */
  private readonly tree: Flatbush | undefined;
  private readonly ids: readonly string[];
  private readonly geometryOf: (i: number) => AreaGeometry;
  /** Each grid's box, in index order: given when built, else read from the tree when first asked for. */
  private boxList: readonly BBox[] | undefined;
  private boxesById: ReadonlyMap<string, BBox> | undefined;

  /** The box around every indexed grid (the city's extent); undefined for an empty index. */
  readonly bbox: BBox | undefined;
  /**
   * Grid units that could not be indexed because they have no boundary. Points are never located in
   * them; the configuration validator reports them, the index just does not hide them.
   */
  readonly unbounded: readonly string[];

  private constructor(ids: readonly string[], boxes: readonly BBox[] | undefined, tree: Flatbush | undefined, geometryOf: (i: number) => AreaGeometry, unbounded: readonly string[]) {
    this.ids = ids;
    this.geometryOf = geometryOf;
    this.boxList = boxes;
    // The tree's root box is the union of its leaves' boxes (min and max of the same numbers, so the same
    // box to the bit): a prepared index knows the city's extent without a box per grid.
    this.bbox = boxes ? unionBBox(boxes) : tree && [tree.minX, tree.minY, tree.maxX, tree.maxY];
    this.unbounded = unbounded;
    this.tree = tree;
  }

  private static build(areas: readonly Area[], unbounded: readonly string[]): GridIndex {
    const boxes = areas.map((area) => bboxOf(area.boundary));
    let tree: Flatbush | undefined;
    if (areas.length > 0) {
      tree = new Flatbush(areas.length);
      for (const [minX, minY, maxX, maxY] of boxes) tree.add(minX, minY, maxX, maxY);
      tree.finish();
    }
    const geometries = areas.map((area) => area.boundary);
    // Flatbush only hands back indices it was given, so the lookup cannot miss.
    return new GridIndex(areas.map((area) => area.id), boxes, tree, (i) => geometries[i] as AreaGeometry, unbounded);
  }

  /** Indexes the grid-level units of a city (other levels are ignored). */
  static fromUnits(units: Iterable<OrgUnit>): GridIndex {
    const areas: Area[] = [];
    const unbounded: string[] = [];
    for (const unit of units) {
      if (unit.level !== 'grid') continue;
      if (unit.boundary) areas.push({ id: unit.id, boundary: unit.boundary });
      else unbounded.push(unit.id);
    }
    return GridIndex.build(areas, unbounded);
  }

  /** Indexes arbitrary areas (e.g. communities, or grids a city is still drawing). */
  static fromAreas(areas: Iterable<Area>): GridIndex {
    return GridIndex.build([...areas], []);
  }

  /**
   * The index `prepared()` described, without computing a box or building the tree again. `geometryOf(i)`
   * gives the boundary of grid `ids[i]`; it is asked only for the grids whose box holds a point being
   * located, so a caller may read boundaries on demand (once each: the index does not cache them).
   */
  static fromPrepared(prepared: PreparedGridIndex, geometryOf: (i: number) => AreaGeometry): GridIndex {
    const { ids, boxes: flat } = prepared;
    if ((flat !== undefined && flat.length !== ids.length * 4) || (ids.length > 0) !== (prepared.tree !== undefined)) throw new Error('GridIndex.fromPrepared: boxes, ids and tree do not match');
    const boxes: BBox[] | undefined = flat && ids.map((_, i) => [flat[4 * i] as number, flat[4 * i + 1] as number, flat[4 * i + 2] as number, flat[4 * i + 3] as number]);
    const tree = prepared.tree === undefined ? undefined : Flatbush.from(prepared.tree);
    if (tree && tree.numItems !== ids.length) throw new Error(`GridIndex.fromPrepared: the tree holds ${tree.numItems} grids, not ${ids.length}`);
    return new GridIndex(ids, boxes, tree, geometryOf, prepared.unbounded);
  }

  /** What `fromPrepared` needs to make this index again (the boundaries apart), the boxes only in the tree. */
  prepared(): PreparedGridIndex {
    return { ids: [...this.ids], unbounded: [...this.unbounded], tree: this.tree?.data };
  }

  /** Each grid's box in index order, as given or from the tree's leaves (each leaf holds one grid's box). */
  private boxesInOrder(): readonly BBox[] {
    if (this.boxList) return this.boxList;
    const boxes = new Array<BBox>(this.ids.length);
    const tree = this.tree;
    // A search for the whole extent meets every leaf once, with its box; the filter keeps none.
    if (tree) tree.search(tree.minX, tree.minY, tree.maxX, tree.maxY, (i, minX, minY, maxX, maxY) => ((boxes[i] = [minX, minY, maxX, maxY]), false));
    this.boxList = boxes;
    return boxes;
  }

  /** How many grids the index holds. */
  get size(): number {
    return this.ids.length;
  }

  /** The bounding box of one indexed grid. */
  bboxOfGrid(id: string): BBox | undefined {
    this.boxesById ??= new Map(this.boxesInOrder().map((box, i) => [this.ids[i] as string, box]));
    return this.boxesById.get(id);
  }

  /**
   * The grid the point lies in, boundary included. A point on an edge shared by several grids (or in
   * grids that overlap, which a valid city does not have) goes to a grid whose interior holds it if
   * there is one, else to the lowest id: a fixed rule, so the same point always routes the same way
   * whatever order the configuration lists the grids in.
   */
  locate(point: GeoPoint): string | undefined {
    const hits = this.hits(point);
    if (hits.length <= 1) return hits[0] === undefined ? undefined : this.ids[hits[0]];
    const position: [number, number] = [point.lon, point.lat];
    const interior = hits.filter((i) => booleanPointInPolygon(position, this.geometryAt(i), { ignoreBoundary: true }));
    return this.lowestId(interior.length > 0 ? interior : hits);
  }

  /** Every grid whose area, boundary included, holds the point, sorted by id. */
  locateAll(point: GeoPoint): string[] {
    return this.hits(point)
      .map((i) => this.ids[i] as string)
      .sort(compareIds);
  }

  /** Whether the point lies in any grid (boundary included). */
  contains(point: GeoPoint): boolean {
    if (!this.tree || !isFinitePoint(point)) return false;
    const position: [number, number] = [point.lon, point.lat];
    return this.tree.collides(point.lon, point.lat, point.lon, point.lat, (i) =>
      booleanPointInPolygon(position, this.geometryAt(i)),
    );
  }

  private hits(point: GeoPoint): number[] {
    if (!this.tree || !isFinitePoint(point)) return [];
    const position: [number, number] = [point.lon, point.lat];
    return this.tree.search(point.lon, point.lat, point.lon, point.lat, (i) =>
      booleanPointInPolygon(position, this.geometryAt(i)),
    );
  }

  private geometryAt(i: number): AreaGeometry {
    return this.geometryOf(i);
  }

  private lowestId(indices: readonly number[]): string | undefined {
    let best: string | undefined;
    for (const i of indices) {
      const id = this.ids[i] as string;
      if (best === undefined || compareIds(id, best) < 0) best = id;
    }
    return best;
  }
}

/** Code-unit order, not locale order: the tie-break must not depend on the machine's locale. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// A bad coordinate (NaN from a failed geocode, say) must mean "nowhere", never reach the polygon test.
const isFinitePoint = (point: GeoPoint): boolean => Number.isFinite(point.lon) && Number.isFinite(point.lat);
