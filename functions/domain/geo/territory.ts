/**
 * The territorial chain of a unit: the unit and every superior up to the city (网格 → 社区 → 街道 → 县区 → 市).
 * Routing reads the chain to find the unit that answers for a place at a given layer, and area-narrowed
 * responsibility rows match a case when one of their areas appears in it.
 */
import type { Level, OrgUnit } from '../city/schema.js';

/**
 * The unit itself first, then its parent, and so on up to the unit without a parent. Unknown ids give an
 * empty chain. A broken tree (a parent id that names nothing, or a cycle) ends the chain where it breaks
 * instead of throwing or looping: the configuration validator reports such trees, and a caller looking
 * for a level that is missing gets `undefined` from `unitAtLevel` and can say so.
 */
export function territorialChain(unitsById: ReadonlyMap<string, OrgUnit>, unitId: string): OrgUnit[] {
  const chain: OrgUnit[] = [];
  const seen = new Set<string>();
  let unit = unitsById.get(unitId);
  while (unit && !seen.has(unit.id)) {
    chain.push(unit);
    seen.add(unit.id);
    unit = unit.parentId === undefined ? undefined : unitsById.get(unit.parentId);
  }
  return chain;
}

/** The unit of the chain at the given level (the chain holds at most one per level in a valid tree). */
export const unitAtLevel = (chain: readonly OrgUnit[], level: Level): OrgUnit | undefined =>
  chain.find((unit) => unit.level === level);

/** An id → unit map, the shape `territorialChain` reads. */
export const indexUnits = (units: Iterable<OrgUnit>): Map<string, OrgUnit> =>
  new Map([...units].map((unit) => [unit.id, unit]));
