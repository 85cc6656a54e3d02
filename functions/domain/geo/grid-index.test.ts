import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AreaGeometry, OrgUnit } from '../city/schema.js';
import { syntheticGrids } from '../testing/synthetic-grids.js';
import { TINY_LATTICE, tinyCity } from '../testing/tiny-city.js';
import { bboxOf } from './bbox.js';
import { GridIndex } from './grid-index.js';

const city = tinyCity();
const grids = city.units.filter((unit): unit is OrgUnit & { boundary: AreaGeometry } => unit.level === 'grid' && unit.boundary !== undefined);
const index = GridIndex.fromUnits(city.units);
const { lons, lats } = TINY_LATTICE;
const lon = (i: number): number => lons[i] as number;
const lat = (j: number): number => lats[j] as number;
const mid = (a: number, b: number): number => (a + b) / 2;

const square = (west: number, south: number, east: number, north: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
});

describe('GridIndex over the tiny city', () => {
  it('indexes the 32 grids and nothing else', () => {
    expect(index.size).toBe(32);
    expect(index.unbounded).toEqual([]);
    expect(index.bbox).toEqual([lon(0), lat(0), lon(8), lat(4)]);
  });

  it('locates a point inside a grid', () => {
    expect(index.locate({ lon: mid(lon(0), lon(1)), lat: mid(lat(0), lat(1)) })).toBe('tieta-1');
    expect(index.locate({ lon: mid(lon(7), lon(8)), lat: mid(lat(3), lat(4)) })).toBe('gulou-community-4');
    expect(index.contains({ lon: mid(lon(3), lon(4)), lat: mid(lat(2), lat(3)) })).toBe(true);
  });

  it('finds nothing outside every grid', () => {
    for (const point of [
      { lon: 0, lat: 0 },
      { lon: lon(0) - 1e-9, lat: mid(lat(0), lat(1)) },
      { lon: mid(lon(0), lon(1)), lat: lat(4) + 1e-9 },
      { lon: Number.NaN, lat: 34.79 },
      { lon: Number.POSITIVE_INFINITY, lat: 34.79 },
    ]) {
      expect(index.locate(point)).toBeUndefined();
      expect(index.contains(point)).toBe(false);
      expect(index.locateAll(point)).toEqual([]);
    }
  });

  it('puts a point on an edge shared by two grids in the grid with the lower id', () => {
    const withinCommunity = { lon: lon(1), lat: mid(lat(0), lat(1)) };
    expect(index.locateAll(withinCommunity)).toEqual(['tieta-1', 'tieta-2']);
    expect(index.locate(withinCommunity)).toBe('tieta-1');

    const acrossCommunities = { lon: lon(2), lat: mid(lat(0), lat(1)) };
    expect(index.locateAll(acrossCommunities)).toEqual(['beimen-1', 'tieta-2']);
    expect(index.locate(acrossCommunities)).toBe('beimen-1');
  });

  it('puts a point on a corner shared by four grids in the grid with the lowest id', () => {
    const corner = { lon: lon(1), lat: lat(1) };
    expect(index.locateAll(corner)).toEqual(['tieta-1', 'tieta-2', 'tieta-3', 'tieta-4']);
    expect(index.locate(corner)).toBe('tieta-1');
  });

  it('counts the outer edge of the city as inside', () => {
    expect(index.locate({ lon: lon(0), lat: mid(lat(0), lat(1)) })).toBe('tieta-1');
    expect(index.contains({ lon: lon(8), lat: lat(4) })).toBe(true);
  });

  it('breaks ties the same way whatever order the grids are listed in', () => {
    const reversed = GridIndex.fromUnits([...city.units].reverse());
    for (const point of [{ lon: lon(2), lat: mid(lat(0), lat(1)) }, { lon: lon(4), lat: lat(2) }]) {
      expect(reversed.locate(point)).toBe(index.locate(point));
    }
  });
});

describe('GridIndex on other shapes', () => {
  it('prefers a grid whose interior holds the point over a lower id that only has it on its edge', () => {
    const overlapping = GridIndex.fromAreas([
      { id: 'a', boundary: square(1, 0, 3, 2) },
      { id: 'z', boundary: square(0, 0, 2, 2) },
    ]);
    expect(overlapping.locateAll({ lon: 1, lat: 1 })).toEqual(['a', 'z']);
    expect(overlapping.locate({ lon: 1, lat: 1 })).toBe('z');
  });

  it('handles multipolygons and holes', () => {
    const withHole: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]],
      ],
    };
    const twoIslands: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]], [[[12, 0], [13, 0], [13, 1], [12, 1], [12, 0]]]],
    };
    const shapes = GridIndex.fromAreas([
      { id: 'ring', boundary: withHole },
      { id: 'islands', boundary: twoIslands },
    ]);
    expect(shapes.locate({ lon: 0.5, lat: 0.5 })).toBe('ring');
    expect(shapes.locate({ lon: 2, lat: 2 })).toBeUndefined();
    expect(shapes.locate({ lon: 12.5, lat: 0.5 })).toBe('islands');
    expect(shapes.locate({ lon: 11.5, lat: 0.5 })).toBeUndefined();
  });

  it('lists grid units without a boundary instead of hiding them', () => {
    const units: OrgUnit[] = [
      { id: 'g1', level: 'grid', name: { zh: '一', en: 'One' }, contacts: { email: [], sms: [] }, boundary: square(0, 0, 1, 1) },
      { id: 'g2', level: 'grid', name: { zh: '二', en: 'Two' }, contacts: { email: [], sms: [] } },
      { id: 'c1', level: 'community', name: { zh: '社区', en: 'C' }, contacts: { email: [], sms: [] }, boundary: square(0, 0, 9, 9) },
    ];
    const partial = GridIndex.fromUnits(units);
    expect(partial.size).toBe(1);
    expect(partial.unbounded).toEqual(['g2']);
    expect(partial.locate({ lon: 5, lat: 5 })).toBeUndefined();
  });

  it('answers "nowhere" when it holds no grid at all', () => {
    const empty = GridIndex.fromAreas([]);
    expect(empty.size).toBe(0);
    expect(empty.bbox).toBeUndefined();
    expect(empty.locate({ lon: 114.3, lat: 34.8 })).toBeUndefined();
    expect(empty.contains({ lon: 114.3, lat: 34.8 })).toBe(false);
  });

  // Speed is measured by `npm run bench`; here the index must agree with a plain scan on a city-sized set.
  it('agrees with a scan over every grid on 6,000 skewed grids', () => {
    const areas = syntheticGrids({ cols: 100, rows: 60, jitter: 0.2, seed: 11 });
    const big = GridIndex.fromAreas(areas);
    const [minX, minY, maxX, maxY] = big.bbox ?? [0, 0, 0, 0];
    const points = Array.from({ length: 2_000 }, (_, i) => ({
      lon: minX + (((i * 7919) % 100_003) / 100_003) * (maxX - minX),
      lat: minY + (((i * 104_729) % 100_019) / 100_019) * (maxY - minY),
    }));
    for (const point of points) {
      const scanned = areas
        .filter((area) => booleanPointInPolygon([point.lon, point.lat], area.boundary))
        .map((area) => area.id)
        .sort();
      expect(big.locateAll(point)).toEqual(scanned);
      expect(big.locate(point)).toBeDefined();
    }
  });
});

describe('GridIndex properties', () => {
  // Exact edges and corners come up often (0 and 1), so shared-boundary ties are exercised every run.
  const share = fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true }));

  it('locates a point inside a grid in that grid, or in a neighbour only when it is exactly on an edge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: grids.length - 1 }), share, share, (g, u, v) => {
        const grid = grids[g] as (typeof grids)[number];
        const [minX, minY, maxX, maxY] = bboxOf(grid.boundary);
        const point = { lon: Math.min(maxX, minX + u * (maxX - minX)), lat: Math.min(maxY, minY + v * (maxY - minY)) };
        const found = index.locate(point);
        if (found === grid.id) return;
        const position = [point.lon, point.lat];
        expect(found).toBeDefined();
        expect(booleanPointInPolygon(position, grid.boundary, { ignoreBoundary: true })).toBe(false);
        const other = grids.find((unit) => unit.id === found);
        expect(other && booleanPointInPolygon(position, other.boundary)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('locates nothing outside the city bounding box', () => {
    const [minX, minY, maxX, maxY] = index.bbox ?? [0, 0, 0, 0];
    const anyLon = fc.double({ min: -180, max: 180, noNaN: true });
    const anyLat = fc.double({ min: -90, max: 90, noNaN: true });
    const outside = fc.oneof(
      fc.record({ lon: fc.double({ min: -180, max: minX, maxExcluded: true, noNaN: true }), lat: anyLat }),
      fc.record({ lon: fc.double({ min: maxX, max: 180, minExcluded: true, noNaN: true }), lat: anyLat }),
      fc.record({ lon: anyLon, lat: fc.double({ min: -90, max: minY, maxExcluded: true, noNaN: true }) }),
      fc.record({ lon: anyLon, lat: fc.double({ min: maxY, max: 90, minExcluded: true, noNaN: true }) }),
    );
    fc.assert(
      fc.property(outside, (point) => {
        expect(index.locate(point)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('GridIndex.fromPrepared', () => {
  const roundTrip = (built: GridIndex, geometries: readonly AreaGeometry[]): { index: GridIndex; asked: number[] } => {
    // Stored and read back as the runtime grids file does: JSON for the ids, the tree's bytes in a fresh buffer.
    const prepared = built.prepared();
    expect(prepared.boxes).toBeUndefined();
    const stored = JSON.parse(JSON.stringify({ ids: prepared.ids, unbounded: prepared.unbounded })) as { ids: string[]; unbounded: string[] };
    const tree = prepared.tree === undefined ? undefined : new Uint8Array(new Uint8Array(prepared.tree)).buffer;
    const asked: number[] = [];
    const index = GridIndex.fromPrepared({ ...stored, tree }, (i) => {
      asked.push(i);
      return geometries[i] as AreaGeometry;
    });
    return { index, asked };
  };

  it('answers as the index it was prepared from, over the tiny city and a jittered lattice', () => {
    const areas = syntheticGrids({ cols: 30, rows: 20, jitter: 0.2, seed: 5 });
    for (const [built, geometries] of [
      [index, grids.map((unit) => unit.boundary)],
      [GridIndex.fromAreas(areas), areas.map((area) => area.boundary)],
    ] as const) {
      const { index: again } = roundTrip(built, geometries);
      expect(again.size).toBe(built.size);
      expect(again.bbox).toEqual(built.bbox);
      expect(again.unbounded).toEqual(built.unbounded);
      const box = built.bbox!;
      for (let i = 0; i < 400; i++) {
        const point = { lon: box[0] - 0.001 + ((box[2] - box[0] + 0.002) * ((i * 37) % 101)) / 100, lat: box[1] - 0.001 + ((box[3] - box[1] + 0.002) * ((i * 53) % 103)) / 102 };
        expect(again.locate(point)).toBe(built.locate(point));
        expect(again.locateAll(point)).toEqual(built.locateAll(point));
        expect(again.contains(point)).toBe(built.contains(point));
      }
      for (const id of built.prepared().ids) expect(again.bboxOfGrid(id)).toEqual(built.bboxOfGrid(id));
    }
  });

  it('reads a boundary only for grids whose box holds the point', () => {
    const { index: again, asked } = roundTrip(index, grids.map((unit) => unit.boundary));
    expect(asked).toEqual([]);
    expect(again.bbox).toEqual(index.bbox);
    expect(again.locate({ lon: mid(lon(0), lon(1)), lat: mid(lat(0), lat(1)) })).toBe('tieta-1');
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThan(grids.length);
  });

  it('keeps the grids without a boundary, and an empty index stays empty', () => {
    const withHole = GridIndex.fromUnits([...city.units.filter((unit) => unit.level === 'grid').map((unit, i) => (i === 0 ? { ...unit, boundary: undefined } : unit))]);
    const { index: again } = roundTrip(withHole, grids.slice(1).map((unit) => unit.boundary));
    expect(again.unbounded).toEqual([grids[0]!.id]);
    expect(again.size).toBe(grids.length - 1);
    const { index: none } = roundTrip(GridIndex.fromAreas([]), []);
    expect(none.size).toBe(0);
    expect(none.bbox).toBeUndefined();
    expect(none.locate({ lon: lon(0), lat: lat(0) })).toBeUndefined();
  });

  it('takes the grids\' boxes from the tree, the same as those it was built from', () => {
    const rectangle = fc
      .tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }))
      .map(([west, south, w, h]) => square(west, south, west + w, south + h));
    fc.assert(
      fc.property(fc.array(rectangle, { minLength: 1, maxLength: 80 }), (squares) => {
        const built = GridIndex.fromAreas(squares.map((boundary, i) => ({ id: `g${i}`, boundary })));
        const { index: again, asked } = roundTrip(built, squares);
        expect(again.bbox).toEqual(built.bbox);
        for (let i = 0; i < squares.length; i++) expect(again.bboxOfGrid(`g${i}`)).toEqual(bboxOf(squares[i]!));
        expect(asked).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses parts that do not fit together', () => {
    const prepared = { ...index.prepared(), boxes: grids.flatMap((unit) => bboxOf(unit.boundary)) };
    expect(() => GridIndex.fromPrepared(prepared, () => grids[0]!.boundary)).not.toThrow();
    expect(() => GridIndex.fromPrepared({ ...prepared, boxes: prepared.boxes.slice(4) }, () => grids[0]!.boundary)).toThrow(/do not match/);
    expect(() => GridIndex.fromPrepared({ ...prepared, ids: prepared.ids.slice(1), boxes: prepared.boxes.slice(4) }, () => grids[0]!.boundary)).toThrow(/holds 32 grids/);
    expect(() => GridIndex.fromPrepared({ ...prepared, boxes: undefined, tree: undefined }, () => grids[0]!.boundary)).toThrow(/do not match/);
  });
});
