import { distance } from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { bounds, cellDegrees, circleBounds, coveringCells, decodeCell, encode, hashOf, neighbours } from './geohash.js';

describe('geohash', () => {
  it('encodes the published examples', () => {
    expect(encode(57.64911, 10.40744, 11)).toBe('u4pruydqqvj'); // Wikipedia's example
    expect(encode(42.6, -5.6, 5)).toBe('ezs42');
    expect(encode(37.8324, 112.5584, 9)).toBe('ww8p1r4t8');
    expect(encode(-25.382708, -49.265506, 8)).toBe('6gkzwgjz');
    expect(encode(0, 0, 1)).toBe('s');
    expect(encode(90, 180, 3)).toBe('zzz');
    expect(encode(-90, -180, 3)).toBe('000');
  });

  it('decodes to the cell that holds the point, and is a prefix code', () => {
    for (const [lat, lon] of [
      [34.8066, 114.3558],
      [-33.8688, 151.2093],
      [51.5007, -0.1246],
    ] as const) {
      const hash = encode(lat, lon, 9);
      const box = bounds(hash);
      expect(lat).toBeGreaterThanOrEqual(box.minLat);
      expect(lat).toBeLessThan(box.maxLat);
      expect(lon).toBeGreaterThanOrEqual(box.minLon);
      expect(lon).toBeLessThan(box.maxLon);
      expect(encode(lat, lon, 5)).toBe(hash.slice(0, 5));
      expect(hashOf(decodeCell(hash))).toBe(hash);
    }
    expect(() => decodeCell('abc')).toThrow(/not a geohash/);
    expect(() => encode(91, 0, 5)).toThrow(RangeError);
  });

  it('finds the 8 neighbours, each sharing an edge or a corner with the cell', () => {
    const hash = encode(34.8066, 114.3558, 6);
    const centre = bounds(hash);
    const found = neighbours(hash);
    expect(new Set(found).size).toBe(8);
    for (const neighbour of found) {
      const box = bounds(neighbour);
      const touches =
        (Math.abs(box.maxLat - centre.minLat) < 1e-9 || Math.abs(box.minLat - centre.maxLat) < 1e-9 || Math.abs(box.minLat - centre.minLat) < 1e-9) &&
        (Math.abs(box.maxLon - centre.minLon) < 1e-9 || Math.abs(box.minLon - centre.maxLon) < 1e-9 || Math.abs(box.minLon - centre.minLon) < 1e-9);
      expect(touches, neighbour).toBe(true);
    }
    // The example in ngeohash's README.
    expect(neighbours('dqcjq').sort()).toEqual(['dqcjw', 'dqcjx', 'dqcjr', 'dqcjp', 'dqcjn', 'dqcjj', 'dqcjm', 'dqcjt'].sort());
  });

  it('wraps across the antimeridian and stops at the poles', () => {
    const east = encode(0.1, 179.99, 4);
    expect(neighbours(east)).toContain(encode(0.1, -179.99, 4));
    expect(neighbours(encode(89.99, 10, 3))).toHaveLength(5);
  });

  it('covers a circle: every point within the radius lies in a covering cell', () => {
    const centre = { lat: 34.8066, lon: 114.3558 };
    for (const radius of [5, 50, 500, 5000]) {
      const { precision, cells } = coveringCells(centre.lat, centre.lon, radius, { minPrecision: 5, maxPrecision: 9, maxCells: 9, limit: 36 });
      expect(cells.length).toBeLessThanOrEqual(radius === 5000 ? 36 : 9);
      const set = new Set(cells);
      for (let bearing = 0; bearing < 360; bearing += 15) {
        // A point just inside the circle in each direction, on turf's sphere.
        const dLat = (radius * 0.999 * Math.cos((bearing * Math.PI) / 180)) / 111_195;
        const dLon = (radius * 0.999 * Math.sin((bearing * Math.PI) / 180)) / (111_195 * Math.cos((centre.lat * Math.PI) / 180));
        const point = { lat: centre.lat + dLat, lon: centre.lon + dLon };
        if (distance([centre.lon, centre.lat], [point.lon, point.lat], { units: 'meters' }) > radius) continue;
        expect(set.has(encode(point.lat, point.lon, precision)), `${radius} m, bearing ${bearing}`).toBe(true);
      }
    }
  });

  it('picks a precision whose cells exceed the radius for small circles, and refuses huge ones', () => {
    const { precision } = coveringCells(34.8, 114.35, 50, { minPrecision: 5, maxPrecision: 9, maxCells: 9, limit: 36 });
    const [dLat, dLon] = cellDegrees(precision);
    expect(Math.min(dLat * 111_195, dLon * 111_195 * Math.cos((34.8 * Math.PI) / 180))).toBeGreaterThan(50);
    expect(() => coveringCells(34.8, 114.35, 100_000, { minPrecision: 5, maxPrecision: 9, maxCells: 9, limit: 36 })).toThrow(/geohash cells/);
    expect(circleBounds(89.9, 0, 50_000)).toMatchObject({ minLon: -180, maxLon: 180 });
  });
});
