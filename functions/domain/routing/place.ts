/**
 * Where a case is, as routing needs it: its grid and the grid's territorial chain. A grid named by a
 * person wins over a location (see `RouteInput.gridId`); a case with neither is "unplaced", which is
 * fine for rows that need no territory (a single owner, a hotline question).
 */
import type { OrgUnit } from '../city/schema.js';
import { territorialChain } from '../geo/territory.js';
import type { RoutingContext } from './context.js';
import type { DecisionCode, RouteInput } from './types.js';

export type Placement =
  | { kind: 'placed'; gridId: string; chain: readonly OrgUnit[] }
  | { kind: 'unplaced' }
  | { kind: 'failed'; code: DecisionCode; reason: string };

export function placeCase(input: Pick<RouteInput, 'gridId' | 'location'>, ctx: RoutingContext): Placement {
  if (input.gridId !== undefined) {
    const unit = ctx.unitsById.get(input.gridId);
    if (unit?.level !== 'grid') {
      const what = unit ? `a ${unit.level}, not a grid` : 'not a unit of this city';
      return { kind: 'failed', code: 'unknownGrid', reason: `The case names grid ${input.gridId}, which is ${what}.` };
    }
    return { kind: 'placed', gridId: unit.id, chain: territorialChain(ctx.unitsById, unit.id) };
  }
  if (input.location !== undefined) {
    const { lon, lat } = input.location;
    const gridId = ctx.grids.locate(input.location);
    if (gridId === undefined) {
      return { kind: 'failed', code: 'outsideGrids', reason: `The location (lon ${lon}, lat ${lat}) lies outside every grid of the city.` };
    }
    return { kind: 'placed', gridId, chain: territorialChain(ctx.unitsById, gridId) };
  }
  return { kind: 'unplaced' };
}
