/**
 * The read side of the native API: a unit's inbox by deadline, the warning and overdue board of a
 * supervising unit, and the appraisal league table for a month with its red and black lists.
 */
import * as z from 'zod/mini';
import type { CityContext } from '../../app/city-context.js';
import { appraiseCounts } from '../../domain/appraisal/appraise.js';
import { sumCounts } from '../../domain/appraisal/counts.js';
import { monthKeyOf, monthPeriod } from '../../domain/appraisal/period.js';
import { LEVELS } from '../../domain/city/schema.js';
import { territorialChain } from '../../domain/geo/territory.js';
import type { CaseProjection, CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';
import { httpHandler } from '../handler.js';
import { HttpProblem, fieldProblems } from '../problem.js';
import { described, validate } from '../validation.js';
import type { Principal } from '../principal.js';

export interface QueryDeps {
  store: CaseStore;
  city: CityContext;
  clock: Clock;
}

// Exported with descriptions so the OpenAPI document states the very rules the handlers apply (zod/mini,
// parsed through `validate`: ../validation.ts).
export const PageQuery = z.object({
  limit: described(z._default(z.coerce.number().check(z.int('must be a whole number'), z.gte(1, 'at least 1'), z.lte(100, 'at most 100')), 25), 'How many cases to return.'),
  cursor: described(z.optional(z.string().check(z.minLength(1))), 'The `cursor` of the previous page, to read the next one.'),
});
export const BoardQuery = z.extend(PageQuery, {
  status: described(z._default(z.enum(['warning', 'overdue']), 'overdue'), 'Cases close to their deadline (`warning`) or past it (`overdue`).'),
});
/** Units are ranked against their peers: the departments, or the territorial units of one layer. */
export const APPRAISAL_GROUPS = ['departments', ...LEVELS] as const;
export type AppraisalGroup = (typeof APPRAISAL_GROUPS)[number];

export const AppraisalQuery = z.object({
  group: described(
    z._default(z.enum(APPRAISAL_GROUPS), 'departments'),
    'Whose league table: the departments (the default; every department is listed), or the territorial units of one layer (those that led a case in the period). Units are ranked against their peers only.',
  ),
  month: described(
    z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'))),
    'The month to appraise, `YYYY-MM` in the city’s time zone; the current month when absent.',
  ),
});

const item = (projection: CaseProjection) => ({
  id: projection.state.id,
  stage: projection.state.stage,
  categoryCode: projection.state.categoryCode,
  leadId: projection.state.leadId,
  supervisingLayer: projection.state.supervisingLayer,
  supervisingUnitId: projection.supervisingUnitId,
  nextDueAt: projection.nextDueAt,
  boardStatus: projection.boardStatus,
  receivedAt: projection.state.receivedAt,
});

export function makeQueryHandlers(deps: QueryDeps) {
  const { routing } = deps.city;
  const { cityUnitId } = routing;

  /** Whether `unitId` (a territorial unit or a department) lies in the territory of `scopeId`. */
  const within = (unitId: string, scopeId: string | undefined): boolean => {
    if (scopeId === undefined || scopeId === cityUnitId) return true;
    const department = routing.departmentsById.get(unitId);
    const anchor = department ? department.supervisorId : unitId;
    return territorialChain(routing.unitsById, anchor).some((unit) => unit.id === scopeId);
  };

  const mayReadUnit = (principal: Principal, unitId: string): boolean => {
    switch (principal.role) {
      case 'admin':
        return true;
      case 'dispatcher':
      case 'supervisor':
        return within(unitId, principal.scopeUnitId);
      case 'unitHead':
        // A head also sees the units below their own (a street's head, its communities and grids).
        return principal.unitId === unitId || (routing.unitsById.has(unitId) && within(unitId, principal.unitId));
      case 'unitStaff':
        return principal.unitId === unitId;
      default:
        return false;
    }
  };

  const knownUnit = (unitId: string) => {
    if (!routing.unitsById.has(unitId) && !routing.departmentsById.has(unitId)) throw new HttpProblem(404, `there is no unit or department "${unitId}"`, { code: 'UnknownUnit' });
  };

  const inbox = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters, query }) {
      const unitId = pathParameters.unitId ?? '';
      knownUnit(unitId);
      if (!mayReadUnit(principal!, unitId)) throw new HttpProblem(403, `the inbox of ${unitId} is not yours to read`, { code: 'NotYourUnit' });
      const parsed = validate(PageQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const page = await deps.store.unitInbox(unitId, { limit: parsed.data.limit, ...(parsed.data.cursor ? { cursor: parsed.data.cursor } : {}) });
      return { body: { unitId, items: page.items.map(item), ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  });

  const board = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters, query }) {
      const unitId = pathParameters.unitId ?? '';
      knownUnit(unitId);
      const role = principal!.role;
      if (!(role === 'admin' || ((role === 'dispatcher' || role === 'supervisor') && within(unitId, principal!.scopeUnitId)))) {
        throw new HttpProblem(403, `the board of ${unitId} is for its dispatchers and supervisors`, { code: 'NotYourBoard' });
      }
      const parsed = validate(BoardQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const page = await deps.store.board(unitId, parsed.data.status, { limit: parsed.data.limit, ...(parsed.data.cursor ? { cursor: parsed.data.cursor } : {}) });
      return { body: { supervisingUnitId: unitId, status: parsed.data.status, items: page.items.map(item), ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  });

  const appraisal = httpHandler({
    auth: 'required',
    async run({ principal, query }) {
      if (!['admin', 'supervisor', 'dispatcher', 'unitHead'].includes(principal!.role)) {
        throw new HttpProblem(403, 'the league table is for supervisors, dispatchers and unit heads', { code: 'NotPermitted' });
      }
      const parsed = validate(AppraisalQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'bad query parameters', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      const { timeZone } = deps.city.city.calendar;
      const month = parsed.data.month ?? monthKeyOf(deps.clock.now(), timeZone);
      const [year, monthNumber] = month.split('-').map(Number) as [number, number];
      const period = monthPeriod(year, monthNumber, timeZone);
      // Open and overdue cases are stocks carried from every earlier month: read from the city's first
      // responsibility list on, when it started taking cases.
      const firstMonth = monthKeyOf(Math.min(...deps.city.city.responsibilityList.versions.map((v) => Date.parse(v.effectiveFrom))), timeZone);
      const months: string[] = [];
      for (let [y, m] = firstMonth.split('-').map(Number) as [number, number]; `${y}-${String(m).padStart(2, '0')}` <= month; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
        months.push(`${y}-${String(m).padStart(2, '0')}`);
      }
      const { group } = parsed.data;
      const inGroup = (unitId: string): boolean => (group === 'departments' ? routing.departmentsById.has(unitId) : routing.unitsById.get(unitId)?.level === group);
      // Only the group's totals are summed: the departments are a tenth of the units that lead cases.
      const counts = sumCounts((await deps.store.appraisalDeltas(months)).filter((delta) => inGroup(delta.unitId)), period);
      const unitIds = group === 'departments' ? deps.city.city.departments.map((d) => d.id) : [];
      return { body: { group, ...appraiseCounts(counts, deps.city.city.appraisal, { period, unitIds }) } };
    },
  });

  return { inbox, board, appraisal };
}
