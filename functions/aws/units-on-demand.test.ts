/** The units of a runtime city decoded on demand answer exactly as the units decoded all at once. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, type OrgUnit } from '../domain/city/schema.js';
import { indexUnits, territorialChain } from '../domain/geo/territory.js';
import { createRoutingContext, unitLookupOf } from '../domain/routing/index.js';
import { tinyCity } from '../domain/testing/tiny-city.js';
import { toRuntimeJson } from './runtime-city.js';
import { unitColumnsOf, unitsOfColumns, type UnitColumns } from './unit-columns.js';
import { cityWithUnitsOnDemand, unitsOnDemandOf, UnitsOnDemand } from './units-on-demand.js';

const STAND_IN = Object.freeze({}) as ConstructorParameters<typeof UnitsOnDemand>[1];
const KINDS = ['city', 'urbanDistrict', 'street', 'community', 'grid'] as const;

/**
 * Units whose ids continue their parent's or not, with tails that begin one another ('a', 'ab', '') and
 * so make the walk down from the whole ids try several branches; parents before and after their children,
 * repeated ids, and cycles (which only a damaged file has: the reader must still answer and end).
 */
const unitLists = fc
  .array(
    fc.record({
      parent: fc.option(fc.nat(), { nil: undefined }),
      own: fc.stringMatching(/^[a-c-]{1,3}$/),
      tail: fc.constantFrom('', 'a', 'ab', 'b', '-a', '-ab'),
      continues: fc.boolean(),
      zh: fc.constantFrom('网', '格', '网格', ''),
      en: fc.constantFrom('G', ' 1', ''),
      level: fc.constantFrom(...LEVELS),
      kind: fc.option(fc.constantFrom(...KINDS), { nil: undefined }),
      head: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((specs) => {
    const units: OrgUnit[] = [];
    specs.forEach((spec, i) => {
      const parentAt = spec.parent === undefined || specs.length === 1 ? undefined : (i + 1 + (spec.parent % (specs.length - 1))) % specs.length;
      const before = parentAt !== undefined && parentAt < i ? units[parentAt] : undefined;
      units.push({
        id: before && spec.continues ? `${before.id}${spec.tail}` : spec.own,
        level: spec.level,
        name: { zh: before && spec.continues ? `${before.name.zh}${spec.zh}` : spec.zh, en: before ? `${before.name.en}${spec.en}` : spec.en },
        ...(parentAt !== undefined ? { parentAt } : {}),
        ...(spec.kind ? { kind: spec.kind } : {}),
        contacts: { email: [], sms: [] },
        ...(spec.head ? { head: { name: 'h' } } : {}),
      });
    });
    // Parents by id once every id is known (a parent may come later in the list).
    return units.map(({ parentAt, ...unit }: OrgUnit & { parentAt?: number }) => (parentAt === undefined ? unit : { ...unit, parentId: (units[parentAt] as OrgUnit).id }));
  });

/** The columns as a function reads them: through the runtime file's JSON. */
const columnsOf = (units: readonly OrgUnit[]): UnitColumns => JSON.parse(toRuntimeJson(unitColumnsOf(units))) as UnitColumns;

/** Every id worth asking: each unit's, what begins one and what continues one, and ids of nothing. */
const idsToAsk = (units: readonly OrgUnit[], extra: readonly string[]): string[] => [
  ...units.flatMap((unit) => [unit.id, unit.id.slice(0, -1), `${unit.id}a`, `${unit.id}-`]),
  ...extra,
  '',
  'nowhere',
];

describe('units on demand', () => {
  it('answer every id, chain and iteration exactly as the units decoded all at once, whatever was asked first', () => {
    fc.assert(
      fc.property(unitLists, fc.array(fc.stringMatching(/^[a-c-]{0,6}$/), { maxLength: 5 }), fc.boolean(), (units, extra, iterateFirst) => {
        const columns = columnsOf(units);
        let whole: OrgUnit[];
        try {
          whole = unitsOfColumns(columns, STAND_IN);
        } catch (error) {
          // Repeated ids can make a unit its own parent (parents are found by id): refused alike.
          expect(() => new UnitsOnDemand(columnsOf(units), STAND_IN)).toThrow((error as Error).message);
          return;
        }
        const expected = indexUnits(whole);
        const onDemand = new UnitsOnDemand(columnsOf(units), STAND_IN);
        if (iterateFirst) expect([...onDemand.values()]).toEqual([...expected.values()]);
        const asked = idsToAsk(units, extra);
        for (const id of asked) {
          expect(onDemand.get(id), id).toEqual(expected.get(id));
          expect(onDemand.has(id), id).toBe(expected.has(id));
          expect(territorialChain(onDemand, id), id).toEqual(territorialChain(expected, id));
        }
        expect(onDemand.firstOfLevel('city')?.id).toBe(whole.find((unit) => unit.level === 'city')?.id);
        expect(onDemand.idsInOrder()).toEqual(whole.map((unit) => unit.id));
        // Iteration: the same ids in the same order, the same units, and each unit the object a lookup gave.
        const byLookup = asked.map((id) => onDemand.get(id));
        expect([...onDemand.keys()]).toEqual([...expected.keys()]);
        expect([...onDemand.entries()]).toEqual([...expected.entries()]);
        expect([...onDemand]).toEqual([...expected]);
        expect(onDemand.size).toBe(expected.size);
        const seen: [string, OrgUnit][] = [];
        onDemand.forEach((unit, id, map) => {
          expect(map).toBe(onDemand);
          seen.push([id, unit]);
        });
        expect(seen).toEqual([...expected.entries()]);
        asked.forEach((id, i) => expect(onDemand.get(id)).toBe(byLookup[i]));
        const inOrder = onDemand.unitsInOrder();
        expect(inOrder).toEqual(whole);
        inOrder.forEach((unit, i) => {
          expect(unit).toBe(onDemand.unitAt(i));
          expect(Object.keys(unit)).toEqual(Object.keys(whole[i] as OrgUnit));
          expect(onDemand.idAt(i)).toBe(unit.id);
          expect(onDemand.levelAt(i)).toBe(unit.level);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('read the units of a real city as they were written, and route as the units in a list do', () => {
    const city = tinyCity();
    const onDemand = new UnitsOnDemand(columnsOf(city.units), STAND_IN);
    for (const unit of city.units) expect(territorialChain(onDemand, unit.id).map((u) => u.id)).toEqual(territorialChain(indexUnits(city.units), unit.id).map((u) => u.id));
    const lookup = unitLookupOf(city.units);
    const routing = createRoutingContext(city, undefined, { byId: onDemand, cityUnitId: onDemand.firstOfLevel('city')?.id });
    expect(routing.cityUnitId).toBe(createRoutingContext(city).cityUnitId);
    expect(routing.cityUnitId).toBe(lookup.cityUnitId);
    expect(createRoutingContext({ ...city, units: city.units.filter((unit) => unit.level !== 'city') }).cityUnitId).toBe(city.id);
  });

  it('give a city whose units are decoded whole when first read, and that keeps the units looked up before', () => {
    const city = tinyCity();
    const onDemand = new UnitsOnDemand(columnsOf(city.units), STAND_IN);
    const runtime = cityWithUnitsOnDemand({ ...city, units: [] }, onDemand);
    expect(unitsOnDemandOf(runtime)).toBe(onDemand);
    const grid = city.units.find((unit) => unit.level === 'grid')!;
    const early = onDemand.get(grid.id)!;
    expect(Object.keys(runtime)).toEqual(Object.keys(city));
    const units = runtime.units;
    expect(Object.getOwnPropertyDescriptor(runtime, 'units')).toMatchObject({ enumerable: true });
    expect(units.find((unit) => unit.id === grid.id)).toBe(early);
    expect(runtime.units).toBe(units);
    // Contacts attached now reach the units decoded already, and the others when they are.
    const fresh = new UnitsOnDemand(columnsOf(city.units), STAND_IN);
    const before = fresh.get(grid.id)!;
    fresh.attachContacts((unit, i) => (unit.contacts = { email: [`${i}@x.example`], sms: [] }));
    expect(before.contacts.email).toEqual([`${city.units.indexOf(grid)}@x.example`]);
    expect(fresh.unitsInOrder().map((unit) => unit.contacts.email[0])).toEqual(city.units.map((_, i) => `${i}@x.example`));
    // Other units in their place would answer with the contacts of whichever unit held the same place.
    expect(() => {
      runtime.units = [...units].reverse();
    }).toThrow(/a runtime city's units are the ones its file holds/);
    expect(runtime.units).toBe(units);
    expect(unitsOnDemandOf(runtime)).toBe(onDemand);
  });

  it('refuse columns that do not fit, with the errors of the reader of all the units', () => {
    const columns = columnsOf(tinyCity().units);
    const damaged: UnitColumns[] = [
      { ...columns, tails: '' },
      { ...columns, parent: columns.parent.map(() => 9999) },
      { ...columns, parent: columns.parent.map((p, i) => (i === columns.tails.search(/[^0]/) ? -1 : p)) },
      { ...columns, level: columns.level.replace(/./g, '~') },
    ];
    for (const bad of damaged) {
      let error: unknown;
      try {
        unitsOfColumns(bad, STAND_IN);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(Error);
      expect(() => new UnitsOnDemand(bad, STAND_IN)).toThrow((error as Error).message);
    }
  });
});
