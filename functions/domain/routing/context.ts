/**
 * Everything routing looks up, built once per city configuration (at cold start, or when the city is
 * reloaded) so that routing a case is map lookups and one grid query.
 */
import type { Category, CityConfig, Department, Office, OrgUnit, ResponsibilityRow, ResponsibilityVersion } from '../city/schema.js';
import { GridIndex } from '../geo/grid-index.js';
import { indexUnits } from '../geo/territory.js';

export interface EffectiveVersion {
  readonly version: number;
  readonly effectiveFromMs: number;
  readonly rowsByCategory: ReadonlyMap<string, readonly ResponsibilityRow[]>;
  readonly source: ResponsibilityVersion;
}

export interface RoutingContext {
  readonly city: CityConfig;
  readonly grids: GridIndex;
  readonly unitsById: ReadonlyMap<string, OrgUnit>;
  /** The city-level unit's id (the first unit of level `city`), or the city's own id when it has none. */
  readonly cityUnitId: string;
  readonly departmentsById: ReadonlyMap<string, Department>;
  readonly officesById: ReadonlyMap<string, Office>;
  readonly categoriesByCode: ReadonlyMap<string, Category>;
  /** Ordered by when they take effect, then by version number. */
  readonly versions: readonly EffectiveVersion[];
}

/**
 * The units as routing reads them. A Lambda passes a lookup that decodes a unit when first asked for
 * (`functions/aws/units-on-demand.ts`), so that a cold start does not index thousands of units a request
 * never reads; anything else indexes the configuration's units (`unitLookupOf`).
 */
export interface UnitLookup {
  /** Every unit by id, answering as `indexUnits(city.units)` does. */
  readonly byId: ReadonlyMap<string, OrgUnit>;
  /** The id of the first unit of level `city`, if there is one. */
  readonly cityUnitId: string | undefined;
}

/** The lookup of a list of units: a map of all of them, and the city-level unit found by a scan. */
export const unitLookupOf = (units: readonly OrgUnit[]): UnitLookup => ({
  byId: indexUnits(units),
  cityUnitId: units.find((unit) => unit.level === 'city')?.id,
});

/**
 * Pass a prebuilt `grids` to share one index between routing and other readers of the same city, and a
 * prebuilt `units` lookup where the configuration's units should not be read all at once.
 */
export function createRoutingContext(city: CityConfig, grids: GridIndex = GridIndex.fromUnits(city.units), units: UnitLookup = unitLookupOf(city.units)): RoutingContext {
  return routingContextOf(city, () => grids, units);
}

/**
 * The routing context with its grid index asked of `grids` when routing first reads it: a Lambda that never
 * locates a point neither reads its grids nor bundles the index's code (`functions/aws/city.ts`).
 */
export function routingContextOf(city: CityConfig, grids: () => GridIndex, units: UnitLookup): RoutingContext {
  const versions = city.responsibilityList.versions
    .map((source): EffectiveVersion => {
      const rowsByCategory = new Map<string, ResponsibilityRow[]>();
      for (const row of source.rows) {
        const rows = rowsByCategory.get(row.categoryCode);
        if (rows) rows.push(row);
        else rowsByCategory.set(row.categoryCode, [row]);
      }
      return { version: source.version, effectiveFromMs: Date.parse(source.effectiveFrom), rowsByCategory, source };
    })
    .sort((a, b) => a.effectiveFromMs - b.effectiveFromMs || a.version - b.version);
  return {
    city,
    get grids() {
      return grids();
    },
    unitsById: units.byId,
    cityUnitId: units.cityUnitId ?? city.id,
    departmentsById: new Map(city.departments.map((department) => [department.id, department])),
    officesById: new Map(city.offices.map((office) => [office.id, office])),
    categoriesByCode: new Map(city.categories.map((category) => [category.code, category])),
    versions,
  };
}

/**
 * The version in effect at `receivedAt`: the one that took effect last at or before it. Two versions
 * taking effect at the same instant resolve to the higher version number, the later edit.
 */
export function versionAt(ctx: RoutingContext, receivedAt: number): EffectiveVersion | undefined {
  let current: EffectiveVersion | undefined;
  for (const candidate of ctx.versions) {
    if (candidate.effectiveFromMs > receivedAt) break;
    current = candidate;
  }
  return current;
}

/** Whether an id names something that can receive an order: a unit, a department or an office. */
export const isKnownHandler = (ctx: RoutingContext, id: string): boolean =>
  ctx.unitsById.has(id) || ctx.departmentsById.has(id) || ctx.officesById.has(id);
