/**
 * The committed demo city: it must load, look like Kaifeng's five layers, route every category, and be
 * exactly what the generator makes (so nobody hand-edits the 4 MB file and loses the change next run).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CityConfig, LEVELS, levelRank, PLATFORMS, type AreaGeometry } from '../functions/domain/city/schema.js';
import { buildKaifengDemo } from './generate/build.js';

const text = readFileSync(new URL('./kaifeng-demo.json', import.meta.url), 'utf8');
const city = CityConfig.parse(JSON.parse(text));
const unitsAt = (level: string) => city.units.filter((u) => u.level === level);

describe('the Kaifeng demo city', () => {
  it('says it is a demo', () => {
    expect(city.id).toBe('kaifeng-demo');
    expect(city.demo).toBe(true);
    expect(city.name.en).toMatch(/demo/i);
  });

  it('has the nine county-level units of Kaifeng under the city', () => {
    const districts = unitsAt('district').map((u) => [u.name.zh, u.name.en, u.kind]);
    expect(districts).toEqual([
      ['龙亭区', 'Longting District', 'urbanDistrict'],
      ['顺河回族区', 'Shunhe Hui District', 'urbanDistrict'],
      ['鼓楼区', 'Gulou District', 'urbanDistrict'],
      ['禹王台区', 'Yuwangtai District', 'urbanDistrict'],
      ['祥符区', 'Xiangfu District', 'urbanDistrict'],
      ['兰考县', 'Lankao County', 'county'],
      ['杞县', 'Qi County', 'county'],
      ['通许县', 'Tongxu County', 'county'],
      ['尉氏县', 'Weishi County', 'county'],
    ]);
    expect(unitsAt('city')).toHaveLength(1);
  });

  it('has at least 5,000 grids, each with a boundary', () => {
    const grids = unitsAt('grid');
    expect(grids.length).toBeGreaterThanOrEqual(5000);
    expect(grids.every((g) => g.boundary !== undefined)).toBe(true);
    expect(unitsAt('community').every((c) => c.boundary !== undefined)).toBe(true);
  });

  it('puts every unit one level below its parent', () => {
    const byId = new Map(city.units.map((u) => [u.id, u]));
    const misplaced = city.units.filter((u) => {
      if (u.level === 'city') return u.parentId !== undefined;
      const parent = u.parentId === undefined ? undefined : byId.get(u.parentId);
      return parent?.level !== LEVELS[levelRank(u.level) - 1];
    });
    expect(misplaced.map((u) => u.id)).toEqual([]);
  });

  it('draws each community as exactly the union of its grids', () => {
    // Shared edges cancel (they run both ways); what is left must be the community's own outline.
    const edges = (geometry: AreaGeometry) =>
      (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()).flatMap((ring) =>
        ring.slice(1).map((to, k) => `${ring[k]?.join(',')}>${to.join(',')}`),
      );
    const reverse = (edge: string) => edge.split('>').reverse().join('>');
    const open = new Map<string, Set<string>>();
    for (const grid of unitsAt('grid')) {
      const left = open.get(grid.parentId ?? '') ?? new Set<string>();
      for (const edge of edges(grid.boundary as AreaGeometry)) {
        if (left.has(reverse(edge))) left.delete(reverse(edge));
        else left.add(edge);
      }
      open.set(grid.parentId ?? '', left);
    }
    const mismatched = unitsAt('community').filter((c) => {
      const own = edges(c.boundary as AreaGeometry);
      const left = open.get(c.id) ?? new Set<string>();
      return own.length !== left.size || own.some((e) => !left.has(e));
    });
    expect(mismatched.map((c) => c.id)).toEqual([]);
  });

  it('has at least 25 departments on all four platforms and at least 60 categories', () => {
    expect(city.departments.length).toBeGreaterThanOrEqual(25);
    expect(new Set(city.departments.map((d) => d.platform))).toEqual(new Set(PLATFORMS));
    expect(city.categories.length).toBeGreaterThanOrEqual(60);
    expect(new Set(city.categories.map((c) => c.kind))).toEqual(new Set(['component', 'event', 'hotline']));
  });

  it('gives every category a row in every version of the responsibility list', () => {
    expect(city.responsibilityList.versions.length).toBeGreaterThanOrEqual(2);
    for (const version of city.responsibilityList.versions) {
      const covered = new Set(version.rows.map((r) => r.categoryCode));
      expect(city.categories.filter((c) => !covered.has(c.code)).map((c) => c.code), `version ${version.version}`).toEqual([]);
    }
  });

  it('uses every id once', () => {
    const ids = [...city.units, ...city.departments, ...city.offices].map((x) => x.id);
    expect(ids.length - new Set(ids).size).toBe(0);
    expect(city.users.length - new Set(city.users.map((u) => u.id)).size).toBe(0);
    expect(city.categories.length - new Set(city.categories.map((c) => c.code)).size).toBe(0);
  });

  it('has a demo user for every role', () => {
    expect(new Set(city.users.map((u) => u.role))).toEqual(new Set(['citizen', 'gridWorker', 'unitStaff', 'unitHead', 'dispatcher', 'supervisor', 'admin']));
  });

  it('is exactly what the generator makes (run `npm run generate-city` after changing cities/generate)', () => {
    const { json } = buildKaifengDemo();
    if (json !== text) {
      // Name the first differing line rather than diff 4 MB.
      const ours = json.split('\n');
      const theirs = text.split('\n');
      const line = ours.findIndex((l, k) => l !== theirs[k]);
      expect.fail(`cities/kaifeng-demo.json differs from the generator at line ${line + 1}: regenerate it`);
    }
  });
});
