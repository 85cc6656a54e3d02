/**
 * Which rows of a responsibility-list version apply to a case. A row narrowed to an area is more specific
 * than a city-wide row, and a row narrowed to a smaller area (a street) more specific than one narrowed
 * to a larger one (its district): the most specific rows are the ones that decide.
 */
import { levelRank, type OrgUnit, type ResponsibilityRow } from '../city/schema.js';

/** City-wide rows rank below a row narrowed to the city unit itself, which names its area on purpose. */
const CITY_WIDE = -1;

/**
 * How specific a row is for a place, or undefined when it does not apply there. An empty `areaIds` is
 * read like an absent one (the whole city): that is what an emptied list in an editor means.
 */
export function rowSpecificity(row: ResponsibilityRow, chain: readonly OrgUnit[]): number | undefined {
  if (!row.areaIds || row.areaIds.length === 0) return CITY_WIDE;
  let best: number | undefined;
  for (const unit of chain) {
    if (!row.areaIds.includes(unit.id)) continue;
    const rank = levelRank(unit.level);
    if (best === undefined || rank > best) best = rank;
  }
  return best;
}

/** The applicable rows of the highest specificity, in list order; empty when none applies. */
export function mostSpecificRows(rows: readonly ResponsibilityRow[], chain: readonly OrgUnit[]): ResponsibilityRow[] {
  let best = Number.NEGATIVE_INFINITY;
  let winners: ResponsibilityRow[] = [];
  for (const row of rows) {
    const specificity = rowSpecificity(row, chain);
    if (specificity === undefined || specificity < best) continue;
    if (specificity > best) {
      best = specificity;
      winners = [];
    }
    winners.push(row);
  }
  return winners;
}

export const isAreaNarrowed = (row: ResponsibilityRow): boolean => (row.areaIds?.length ?? 0) > 0;
