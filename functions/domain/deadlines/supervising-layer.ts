/**
 * Which layer of the five (city → district → subdistrict → community → grid) watches a case.
 *
 * Supervision starts as close to the ground as the case is located ("小事不出村(社区)") and climbs one
 * ladder rung at a time; it never drops back, because a case a district has been told to supervise stays
 * on the district's board even after a rework or an extension.
 */
import { LEVELS, levelRank, type LadderStep, type Level } from '../city/schema.js';
import type { TerritoryLink } from '../case/events.js';

/** The higher (closer to the city) of two layers. */
export const higherLayer = (a: Level, b: Level): Level => (levelRank(a) <= levelRank(b) ? a : b);

/**
 * The lowest layer of the case's territorial chain; a case with only a grid id starts at the grid, and a
 * case located nowhere (a phone consultation without an address) is watched by the city centre that took it.
 */
export function initialSupervisingLayer(territory: readonly TerritoryLink[] | undefined, gridId: string | undefined): Level {
  if (territory && territory.length > 0) {
    return territory.reduce<Level>((lowest, link) => (levelRank(link.level) > levelRank(lowest) ? link.level : lowest), 'city');
  }
  return gridId ? 'grid' : LEVELS[0];
}

/** The layer after a rung fires: the rung's layer if it is higher, else unchanged. */
export const supervisingLayerAfter = (current: Level, step: Pick<LadderStep, 'supervisingLayer'>): Level =>
  higherLayer(current, step.supervisingLayer);
