/**
 * A case with its timeline as a person may see it (`GET /cases/{caseId}`, and the answer to an action).
 * Apart from `cases.ts` so that the function showing a case does not load the request schemas of intake
 * and actions, nor zod with them (~130 KB, ~35 ms of its cold start): it checks no body.
 */
import type { CaseService, LoadedCase } from '../../app/case-service.js';
import type { CityContext } from '../../app/city-context.js';
import { foldEvents } from '../../domain/case/case-state.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { httpHandler } from '../handler.js';
import { HttpProblem } from '../problem.js';
import type { Principal } from '../principal.js';
import { cityUnitIdOf } from './territory-scope.js';
import { maySee, reporterFor } from './visibility.js';

export interface NativeDeps {
  service: CaseService;
  city: CityContext;
}

export { cityUnitIdOf };

/** The case, if the caller may see it: 404 when there is none (from `load`), 403 when it is not theirs to see. */
export async function loadVisibleCase(service: CaseService, principal: Principal, caseId: string, cityUnitId: string): Promise<LoadedCase> {
  const loaded = await service.load(caseId);
  if (!maySee(principal, loaded.state, loaded.events, cityUnitId)) throw new HttpProblem(403, `case ${caseId} is not visible to you`, { code: 'NotYourCase' });
  return loaded;
}

export function caseView(principal: Principal, events: readonly CaseEvent[], deps: NativeDeps) {
  const state = foldEvents(events);
  const received = events.find((event): event is Extract<CaseEvent, { type: 'received' }> => event.type === 'received');
  const isOwn = received?.actor.id === principal.userId;
  const category = deps.city.routing.categoriesByCode.get(state.categoryCode);
  const nameOf = (id: string | undefined) =>
    id === undefined ? undefined : (deps.city.routing.departmentsById.get(id)?.name ?? deps.city.routing.unitsById.get(id)?.name ?? deps.city.routing.officesById.get(id)?.name);
  return {
    id: state.id,
    version: state.version,
    stage: state.stage,
    channel: state.channel,
    category: { code: state.categoryCode, name: category?.name },
    urgency: state.urgency,
    ...(state.requestType ? { requestType: state.requestType } : {}),
    description: received?.data.description,
    ...(received?.data.address ? { address: received.data.address } : {}),
    ...(received?.data.location ? { location: received.data.location } : {}),
    ...(state.gridId ? { gridId: state.gridId } : {}),
    ...(received?.data.reporter ? { reporter: reporterFor(principal, received.data.reporter, isOwn) } : {}),
    ...(received?.data.photoUrls ? { photoUrls: received.data.photoUrls } : {}),
    ...(received?.data.attributes ? { attributes: received.data.attributes } : {}),
    lead: state.leadId ? { id: state.leadId, name: nameOf(state.leadId) } : undefined,
    coHandlers: state.coHandlerIds.map((id) => ({ id, name: nameOf(id) })),
    supervisingLayer: state.supervisingLayer,
    deadlines: {
      ...(state.acceptDueAt ? { acceptDueAt: state.acceptDueAt } : {}),
      ...(state.handleDueAt ? { handleDueAt: state.handleDueAt } : {}),
      ...(state.step?.dueAt ? { stepDueAt: state.step.dueAt, step: state.step.step } : {}),
    },
    counters: state.counters,
    receivedAt: state.receivedAt,
    updatedAt: state.updatedAt,
    timeline: events.map((event) => ({
      seq: event.seq,
      type: event.type,
      at: event.at,
      actor: event.actor,
      ...(event.reason ? { reason: event.reason } : {}),
      data: event.type === 'received' && event.data.reporter ? { ...event.data, reporter: reporterFor(principal, event.data.reporter, isOwn) } : event.data,
    })),
  };
}

/** `GET /cases/{caseId}`: the case and its timeline, to whoever may see it. */
export function makeGetCaseHandler(deps: NativeDeps) {
  const cityUnitId = cityUnitIdOf(deps.city);
  return httpHandler({
    auth: 'required',
    async run({ principal, pathParameters }) {
      const caseId = pathParameters.caseId ?? '';
      const loaded = await loadVisibleCase(deps.service, principal!, caseId, cityUnitId);
      return { body: caseView(principal!, loaded.events, deps) };
    },
  });
}
