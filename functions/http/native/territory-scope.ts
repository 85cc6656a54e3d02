/**
 * Whose board is whose: a dispatcher or supervisor reads the boards of their territory and of the units in
 * it (the same rule as `GET /board/{unitId}` in queries.ts), and a case belongs to a board's scope when the
 * scope is the city, lies on the case's territorial chain, or is the department leading it.
 */
import type { CityContext } from '../../app/city-context.js';
import { territorialChain } from '../../domain/geo/territory.js';
import type { OpenCaseDigest } from '../../ports/case-store.js';
import { HttpProblem } from '../problem.js';
import type { Principal } from '../principal.js';

/** The city-level unit's id (or the city's own id), as routing found it once: not a scan of every unit per request. */
export const cityUnitIdOf = (city: CityContext): string => city.routing.cityUnitId;

export function makeTerritoryScope(city: CityContext) {
  const { routing } = city;
  const cityUnitId = cityUnitIdOf(city);

  /** Whether `unitId` (a territorial unit or a department) lies in the territory of `scopeId`. */
  const within = (unitId: string, scopeId: string | undefined): boolean => {
    if (scopeId === undefined || scopeId === cityUnitId) return true;
    const department = routing.departmentsById.get(unitId);
    const anchor = department ? department.supervisorId : unitId;
    return territorialChain(routing.unitsById, anchor).some((unit) => unit.id === scopeId);
  };

  /** 404 for an unknown unit, 403 for a board the caller may not read; the scope otherwise. */
  const boardScope = (principal: Principal, unitId: string): string => {
    if (!routing.unitsById.has(unitId) && !routing.departmentsById.has(unitId)) throw new HttpProblem(404, `there is no unit or department "${unitId}"`, { code: 'UnknownUnit' });
    const { role } = principal;
    if (!(role === 'admin' || ((role === 'dispatcher' || role === 'supervisor') && within(unitId, principal.scopeUnitId)))) {
      throw new HttpProblem(403, `the board of ${unitId} is for its dispatchers and supervisors`, { code: 'NotYourBoard' });
    }
    return unitId;
  };

  const inScope = (scopeId: string) => {
    if (scopeId === cityUnitId) return () => true;
    return (digest: OpenCaseDigest) => digest.territoryUnitIds.includes(scopeId) || digest.leadId === scopeId || digest.supervisingUnitId === scopeId;
  };

  return { cityUnitId, within, boardScope, inScope };
}
