/**
 * The actions the caller may take on a case now, read from the lifecycle's own transition table: the stage,
 * the caller's role, and for a unit's actions whether the caller's unit leads or co-handles the case. A
 * client shows these and no others; the lifecycle still judges each action when it is taken (a verification
 * by a grid worker of another grid, a deadline in the past), so this is a menu, not a permission.
 * With them, by when: each running deadline of the case and the time left to it on the city's calendar,
 * which a browser cannot count without the city's working days and holidays.
 */
import type { CaseService } from '../../app/case-service.js';
import type { CityContext } from '../../app/city-context.js';
import { timeKindOf, type TimeKind } from '../../domain/calendar/types.js';
import type { CaseState } from '../../domain/case/case-state.js';
import { TRANSITIONS } from '../../domain/case/transitions.js';
import { httpHandler } from '../handler.js';
import type { Principal } from '../principal.js';
import { PERSON_ACTIONS } from './schemas.js';
import { cityUnitIdOf } from './territory-scope.js';
import { loadVisibleCase } from './case-view.js';

export function availableActions(principal: Principal, state: CaseState) {
  return PERSON_ACTIONS.filter((action) => {
    const transition = TRANSITIONS[action];
    if (!transition.from.includes(state.stage) || !transition.actors.includes(principal.role)) return false;
    if (transition.unit === 'lead') return principal.unitId !== undefined && state.leadId === principal.unitId;
    if (transition.unit === 'leadOrCoHandler') return principal.unitId !== undefined && (state.leadId === principal.unitId || state.coHandlerIds.includes(principal.unitId));
    return true;
  }).map((action) => ({ action, requires: [...TRANSITIONS[action].requires] }));
}

/** The case's running deadlines, each with the time left (negative once passed) in its own kind of time. */
export function runningDeadlines(state: CaseState, now: number, city: CityContext) {
  const timeLeft = (dueAt: string, kind: TimeKind) => ({ ms: city.calendar.between(now, Date.parse(dueAt), kind), kind });
  const deadlines: { name: 'accept' | 'handle' | 'step'; step?: string; dueAt: string; timeLeft: { ms: number; kind: TimeKind } }[] = [];
  if (state.stage === 'dispatched' && state.acceptDueAt) {
    deadlines.push({ name: 'accept', dueAt: state.acceptDueAt, timeLeft: timeLeft(state.acceptDueAt, state.acceptLimit ? timeKindOf(state.acceptLimit.unit) : 'working') });
  }
  // A suspended case's clock stands still: its old due instant no longer says when it runs out.
  if (state.handleDueAt && state.stage !== 'suspended' && ['dispatched', 'handling', 'extensionRequested'].includes(state.stage)) {
    deadlines.push({ name: 'handle', dueAt: state.handleDueAt, timeLeft: timeLeft(state.handleDueAt, state.handleClock?.timeKind ?? 'working') });
  }
  if (state.step?.dueAt) deadlines.push({ name: 'step', step: state.step.step, dueAt: state.step.dueAt, timeLeft: timeLeft(state.step.dueAt, 'working') });
  return deadlines;
}

export function makeCaseActionsHandler(deps: { service: CaseService; city: CityContext }) {
  const cityUnitId = cityUnitIdOf(deps.city);
  return httpHandler({
    auth: 'required',
    async run({ principal, pathParameters }) {
      const caseId = pathParameters.caseId ?? '';
      const loaded = await loadVisibleCase(deps.service, principal!, caseId, cityUnitId);
      const now = deps.service.deps.clock.now();
      return {
        body: {
          caseId,
          version: loaded.state.version,
          stage: loaded.state.stage,
          asOf: new Date(now).toISOString(),
          actions: availableActions(principal!, loaded.state),
          deadlines: runningDeadlines(loaded.state, now, deps.city),
        },
      };
    },
  });
}
