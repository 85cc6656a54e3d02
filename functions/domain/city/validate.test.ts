import { describe, expect, it } from 'vitest';
import { TINY_IDS, tinyCity, tinyGridId } from '../testing/tiny-city.js';
import { loadCityConfig } from './load.js';
import type { CityConfig } from './schema.js';

/** Loads a (possibly broken) copy of the tiny city through the whole pipeline, text included. */
const load = (mutate: (city: CityConfig) => void) => {
  const city = tinyCity();
  mutate(city);
  return loadCityConfig(JSON.stringify(city), 'json');
};

const problemsOf = (mutate: (city: CityConfig) => void) => {
  const result = load(mutate);
  return result.ok ? [] : result.problems;
};

const unit = (city: CityConfig, id: string) => {
  const found = city.units.find((u) => u.id === id);
  if (!found) throw new Error(`no unit ${id}`);
  return found;
};

describe('city validation', () => {
  it('accepts the tiny city', () => {
    const result = load(() => undefined);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('names an unknown unit in the responsibility list by its path', () => {
    const problems = problemsOf((city) => {
      const row = city.responsibilityList.versions[0]?.rows[0];
      if (row) row.ownerIds = ['no-such-bureau'];
    });
    expect(problems).toContainEqual({
      path: 'responsibilityList.versions[0].rows[0].ownerIds[0]',
      message: 'unknown unit or department "no-such-bureau"',
    });
  });

  it('refuses a unit with no superior', () => {
    const problems = problemsOf((city) => {
      delete unit(city, TINY_IDS.subdistricts.daxing).parentId;
    });
    expect(problems.map((p) => p.message)).toContain('subdistrict "daxing" has no superior');
  });

  it('refuses a superior at the wrong level', () => {
    const problems = problemsOf((city) => {
      unit(city, TINY_IDS.communities.tieta).parentId = TINY_IDS.city;
    });
    expect(problems.map((p) => p.message)).toContain('a community\'s superior must be a subdistrict, "kaifeng" is a city');
  });

  it('finds a cycle in the tree', () => {
    const problems = problemsOf((city) => {
      unit(city, TINY_IDS.districts.longting).parentId = TINY_IDS.subdistricts.daxing;
    });
    expect(problems.some((p) => p.message.startsWith('cycle in the org tree:'))).toBe(true);
  });

  it('refuses a category nobody owns', () => {
    const problems = problemsOf((city) => {
      for (const version of city.responsibilityList.versions) {
        version.rows = version.rows.filter((row) => row.categoryCode !== TINY_IDS.categories.litterBin);
      }
    });
    expect(problems).toContainEqual({
      path: 'responsibilityList.versions[0].rows',
      message: `category "${TINY_IDS.categories.litterBin}" is owned by nobody in version 1`,
    });
    expect(problems.filter((p) => p.message.includes('owned by nobody'))).toHaveLength(2);
  });

  it('refuses overlapping grids but not grids that share an edge', () => {
    const problems = problemsOf((city) => {
      const a = unit(city, tinyGridId(TINY_IDS.communities.tieta, 1));
      const b = unit(city, tinyGridId(TINY_IDS.communities.tieta, 2));
      b.boundary = structuredClone(a.boundary); // b now covers a's square exactly
    });
    const overlaps = problems.filter((p) => p.message.includes('overlaps'));
    expect(overlaps).toEqual([
      expect.objectContaining({ message: `grid "${tinyGridId('tieta', 1)}" overlaps grid "${tinyGridId('tieta', 2)}"` }),
    ]);
  });

  it('refuses a time limit of zero through the schema, with its path', () => {
    const problems = problemsOf((city) => {
      const category = city.categories[0];
      if (category) category.limits.routine.handle.amount = 0;
    });
    expect(problems).toEqual([{ path: 'categories[0].limits.routine.handle.amount', message: 'a time limit must be greater than zero' }]);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf((city) => {
      delete unit(city, TINY_IDS.subdistricts.daxing).parentId;
      const row = city.responsibilityList.versions[0]?.rows[0];
      if (row) row.coHandlerIds = ['ghost'];
      city.departments[0]!.supervisorId = 'nowhere';
      city.escalation.steps.reverse();
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^units\[\d+\]\.parentId$/),
        'responsibilityList.versions[0].rows[0].coHandlerIds[0]',
        'departments[0].supervisorId',
        expect.stringMatching(/^escalation\.steps\[\d+\]/),
      ]),
    );
  });

  it('refuses supervision that moves down the layers', () => {
    const problems = problemsOf((city) => {
      const last = city.escalation.steps.at(-1);
      if (last) last.supervisingLayer = 'community';
    });
    expect(problems.some((p) => p.message.startsWith('supervision cannot move down'))).toBe(true);
  });

  it('reports a file that is not JSON or YAML as such', () => {
    const json = loadCityConfig('{"units": [', 'json');
    expect(json.ok).toBe(false);
    expect(json.ok ? '' : json.problems[0]?.message).toMatch(/^not valid JSON/);
    const yaml = loadCityConfig('units: [\n', 'yaml');
    expect(yaml.ok ? '' : yaml.problems[0]?.message).toMatch(/^not valid YAML/);
  });

  it('reads the same city from YAML', async () => {
    const { stringify } = await import('yaml');
    const result = loadCityConfig(stringify(tinyCity()), 'yaml');
    expect(result.ok).toBe(true);
  });

  it('refuses users without the unit or scope their role needs', () => {
    const problems = problemsOf((city) => {
      city.users.push({ id: 'lost-dispatcher', name: 'Lost', role: 'dispatcher' });
      city.users.push({ id: 'lost-worker', name: 'Lost', role: 'gridWorker', unitId: TINY_IDS.communities.tieta });
    });
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['a dispatcher is scoped to a territory', 'a grid worker belongs to a grid, "tieta" is a community']),
    );
  });
});
