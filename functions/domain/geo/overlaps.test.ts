import { describe, expect, it } from 'vitest';
import type { AreaGeometry } from '../city/schema.js';
import { syntheticGrids } from '../testing/synthetic-grids.js';
import { tinyCity } from '../testing/tiny-city.js';
import { findOverlaps } from './overlaps.js';
import { convexHull, hullsSeparated } from './separation.js';
import type { Area } from './types.js';

const square = (id: string, west: number, south: number, east: number, north: number): Area => ({
  id,
  boundary: { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
});

const areasAt = (level: 'grid' | 'community'): Area[] =>
  tinyCity().units.flatMap((unit) => (unit.level === level && unit.boundary ? [{ id: unit.id, boundary: unit.boundary }] : []));

describe('findOverlaps', () => {
  it('reports two areas whose interiors overlap, once, lower id first, with the shared area', () => {
    // 0.01° squares near Kaifeng, overlapping by half: 0.005° × 0.01° is about 457 m × 1,110 m, some 51 ha.
    const overlaps = findOverlaps([square('zeta', 114.3, 34.8, 114.31, 34.81), square('alpha', 114.305, 34.8, 114.315, 34.81)]);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]?.a).toBe('alpha');
    expect(overlaps[0]?.b).toBe('zeta');
    expect(overlaps[0]?.areaM2).toBeGreaterThan(490_000);
    expect(overlaps[0]?.areaM2).toBeLessThan(525_000);
  });

  it('finds an area nested inside another', () => {
    const overlaps = findOverlaps([square('outer', 114.3, 34.8, 114.32, 34.82), square('inner', 114.305, 34.805, 114.306, 34.806)]);
    expect(overlaps.map(({ a, b }) => [a, b])).toEqual([['inner', 'outer']]);
  });

  it('does not count a shared edge or a shared corner as overlap', () => {
    const areas = [
      square('a', 114.3, 34.8, 114.31, 34.81),
      square('b', 114.31, 34.8, 114.32, 34.81),
      square('c', 114.32, 34.81, 114.33, 34.82),
    ];
    expect(findOverlaps(areas)).toEqual([]);
  });

  it('ignores overlaps within the tolerance and reports them beyond it', () => {
    // A sliver 0.00001° (about 1 m) wide along a 0.01° (1.1 km) edge: some 1,000 m².
    const areas = [square('a', 114.3, 34.8, 114.31, 34.81), square('b', 114.30999, 34.8, 114.32, 34.81)];
    expect(findOverlaps(areas, 5_000)).toEqual([]);
    expect(findOverlaps(areas, 100)).toHaveLength(1);
  });

  it('finds none among the tiny city grids or its communities', () => {
    expect(findOverlaps(areasAt('grid'))).toEqual([]);
    expect(findOverlaps(areasAt('community'))).toEqual([]);
  });

  it('finds none in a tiling of skewed quads, and finds the one planted among them', () => {
    const tiles = syntheticGrids({ cols: 30, rows: 30, jitter: 0.2, seed: 5 });
    expect(findOverlaps(tiles)).toEqual([]);
    const planted = square('planted', 114.2101, 34.7101, 114.2111, 34.7111);
    const found = findOverlaps([...tiles, planted]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(({ b }) => b === 'planted')).toBe(true);
  });

  it('has nothing to compare with fewer than two areas', () => {
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps([square('a', 0, 0, 1, 1)])).toEqual([]);
  });
});

describe('hull separation', () => {
  const geometry = (area: Area): AreaGeometry => area.boundary;

  it('separates shapes that only touch, and not shapes that overlap', () => {
    const a = convexHull(geometry(square('a', 0, 0, 1, 1)));
    expect(hullsSeparated(a, convexHull(geometry(square('b', 1, 0, 2, 1))))).toBe(true);
    expect(hullsSeparated(a, convexHull(geometry(square('c', 1, 1, 2, 2))))).toBe(true);
    expect(hullsSeparated(a, convexHull(geometry(square('d', 0.5, 0.5, 2, 2))))).toBe(false);
  });

  it('drops collinear and repeated points from the hull', () => {
    const hull = convexHull({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] });
    expect(hull).toHaveLength(4);
  });
});
