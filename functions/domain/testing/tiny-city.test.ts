import { area } from '@turf/area';
import { describe, expect, it } from 'vitest';
import { CityConfig, LEVELS, ROLES, RUNGS } from '../city/schema.js';
import { bboxOf } from '../geo/bbox.js';
import { findOverlaps } from '../geo/overlaps.js';
import { territorialChain, indexUnits } from '../geo/territory.js';
import { syntheticGrids } from './synthetic-grids.js';
import { TINY_IDS, tinyCity } from './tiny-city.js';

const city = tinyCity();
const unitsById = indexUnits(city.units);
const at = (level: (typeof LEVELS)[number]) => city.units.filter((unit) => unit.level === level);

describe('the tiny city', () => {
  it('parses as it is, and comes fresh from every call', () => {
    expect(CityConfig.safeParse(city).success).toBe(true);
    const other = tinyCity();
    other.units.pop();
    expect(tinyCity().units).toHaveLength(city.units.length);
  });

  it('has 1 city, 2 districts, 4 subdistricts, 8 communities and 32 grids, each under the layer above', () => {
    expect(LEVELS.map((level) => at(level).length)).toEqual([1, 2, 4, 8, 32]);
    for (const unit of city.units) {
      expect(territorialChain(unitsById, unit.id).map((u) => u.level)).toEqual(LEVELS.slice(0, LEVELS.indexOf(unit.level) + 1).reverse());
    }
    expect(new Set(city.units.map((unit) => unit.id)).size).toBe(city.units.length);
  });

  it('tiles each community exactly with its four grids', () => {
    for (const community of at('community')) {
      if (!community.boundary) throw new Error(`${community.id} has no boundary`);
      const [minX, minY, maxX, maxY] = bboxOf(community.boundary);
      const grids = at('grid').filter((grid) => grid.parentId === community.id);
      expect(grids).toHaveLength(4);
      let gridArea = 0;
      for (const grid of grids) {
        if (!grid.boundary) throw new Error(`${grid.id} has no boundary`);
        const [gMinX, gMinY, gMaxX, gMaxY] = bboxOf(grid.boundary);
        expect(gMinX >= minX && gMinY >= minY && gMaxX <= maxX && gMaxY <= maxY).toBe(true);
        gridArea += area(grid.boundary);
      }
      expect(gridArea).toBeCloseTo(area(community.boundary), 0);
    }
    const grids = at('grid').flatMap((grid) => (grid.boundary ? [{ id: grid.id, boundary: grid.boundary }] : []));
    expect(findOverlaps(grids, 0)).toEqual([]);
  });

  it('names only things that exist', () => {
    const handlers = new Set([...city.units, ...city.departments, ...city.offices].map((item) => item.id));
    const codes = new Set(city.categories.map((category) => category.code));
    for (const version of city.responsibilityList.versions) {
      for (const row of version.rows) {
        expect(codes.has(row.categoryCode)).toBe(true);
        for (const id of [...row.ownerIds, ...row.coHandlerIds, ...(row.areaIds ?? [])]) expect(handlers.has(id), id).toBe(true);
      }
    }
    for (const department of city.departments) expect(unitsById.has(department.supervisorId)).toBe(true);
    for (const office of city.offices) expect(unitsById.has(office.unitId)).toBe(true);
    for (const user of city.users) {
      for (const id of [user.unitId, user.scopeUnitId]) if (id !== undefined) expect(handlers.has(id), id).toBe(true);
    }
  });

  it('covers every category in every version, and version 2 changes exactly one row', () => {
    const [first, second] = city.responsibilityList.versions;
    for (const version of [first, second]) {
      const covered = new Set(version?.rows.map((row) => row.categoryCode));
      expect([...covered].sort()).toEqual(city.categories.map((category) => category.code).sort());
    }
    const changed = second?.rows.filter((row, i) => JSON.stringify(row) !== JSON.stringify(first?.rows[i])) ?? [];
    expect(changed.map((row) => row.categoryCode)).toEqual([TINY_IDS.categories.litterBin]);
    expect(Date.parse(second?.effectiveFrom ?? '')).toBeGreaterThan(Date.parse(first?.effectiveFrom ?? ''));
  });

  it('has every rung of the ladder in order, a user for every role, and departments on several platforms', () => {
    expect(city.escalation.steps.map((step) => step.rung)).toEqual([...RUNGS]);
    expect(new Set(city.users.map((user) => user.role))).toEqual(new Set(ROLES));
    expect(new Set(city.departments.map((department) => department.platform)).size).toBeGreaterThanOrEqual(3);
    expect(city.offices.some((office) => office.role === 'commandCentre' && office.unitId === TINY_IDS.city)).toBe(true);
  });
});

describe('syntheticGrids', () => {
  it('tiles a rectangle with as many quads as asked, the same ones for the same seed', () => {
    const grids = syntheticGrids({ cols: 5, rows: 4, jitter: 0.2, seed: 9 });
    expect(grids).toHaveLength(20);
    expect(syntheticGrids({ cols: 5, rows: 4, jitter: 0.2, seed: 9 })).toEqual(grids);
    expect(findOverlaps(grids, 0)).toEqual([]);
  });
});
