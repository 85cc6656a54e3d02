/**
 * The native API for cases: intake (one door in), people's actions on a case, and a case with its
 * timeline. Thin: requests are checked at the door, the CaseService does the work, errors become problems.
 */
import type { CaseService } from '../../app/case-service.js';
import type { CityContext } from '../../app/city-context.js';
import { foldEvents } from '../../domain/case/case-state.js';
import { isCommandType } from '../../domain/case/transitions.js';
import type { CaseCommand } from '../../domain/case/commands.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { route } from '../../domain/routing/route.js';
import { httpHandler } from '../handler.js';
import { HttpProblem, fieldProblems } from '../problem.js';
import { actorOf, type Principal } from '../principal.js';
import { ActionBody, IntakeBody, PERSON_ACTIONS } from './schemas.js';
import { maySee, reporterFor } from './visibility.js';

export interface NativeDeps {
  service: CaseService;
  city: CityContext;
}

const cityUnitIdOf = (city: CityContext): string => city.city.units.find((unit) => unit.level === 'city')?.id ?? city.city.id;

function caseView(principal: Principal, events: readonly CaseEvent[], deps: NativeDeps) {
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

export function makeCaseHandlers(deps: NativeDeps) {
  const cityUnitId = cityUnitIdOf(deps.city);

  const intake = httpHandler<unknown>({
    auth: 'required',
    jsonBody: true,
    async run({ body, principal, event }) {
      const parsed = IntakeBody.safeParse(body);
      if (!parsed.success) throw new HttpProblem(422, 'the case cannot be taken in as sent', { code: 'InvalidCase', errors: fieldProblems('body', parsed.error) });
      const input = parsed.data;
      if (input.location && !deps.city.grids.locate(input.location)) {
        throw new HttpProblem(422, 'the location is outside the city', {
          code: 'OutsideCity',
          errors: [
            { field: 'body/location/lon', reason: 'outside every grid of the city' },
            { field: 'body/location/lat', reason: 'outside every grid of the city' },
          ],
        });
      }
      const idempotencyKey = event.headers['idempotency-key'];
      if (idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
        throw new HttpProblem(400, 'the Idempotency-Key header must be 8 to 128 letters, digits, dots, colons, dashes or underscores', {
          code: 'InvalidIdempotencyKey',
          errors: [{ field: 'header/idempotency-key', reason: 'invalid format' }],
        });
      }
      const actor = actorOf(principal!);
      const result = await deps.service.intake(input, actor, idempotencyKey ? { idempotencyKey: `${actor.id}#${idempotencyKey}` } : {});
      const now = deps.service.deps.clock.now();
      const routing = route(
        {
          categoryCode: input.categoryCode,
          receivedAt: Date.parse(result.state.receivedAt),
          urgency: result.state.urgency,
          ...(input.requestType ? { requestType: input.requestType } : {}),
          ...(result.state.gridId ? { gridId: result.state.gridId } : input.location ? { location: input.location } : {}),
        },
        deps.city.routing,
      );
      const expected =
        routing.kind === 'routed'
          ? {
              routing: { kind: 'routed', leadId: routing.leadId, coHandlerIds: routing.coHandlerIds, responsibilityVersion: routing.responsibilityVersion },
              expectedDeadline: new Date(deps.city.calendar.dueAt(Date.parse(result.state.receivedAt) || now, routing.limits.limits.handle)).toISOString(),
            }
          : { routing: { kind: 'needsDecision', reason: routing.reason } };
      return {
        status: result.created ? 201 : 200,
        headers: { location: `/cases/${result.caseId}` },
        body: { caseId: result.caseId, created: result.created, stage: result.state.stage, ...expected },
      };
    },
  });

  const act = httpHandler<unknown>({
    auth: 'required',
    jsonBody: true,
    async run({ body, principal, pathParameters }) {
      const caseId = pathParameters.caseId ?? '';
      const action = pathParameters.action ?? '';
      if (!isCommandType(action) || !PERSON_ACTIONS.includes(action)) {
        throw new HttpProblem(404, `there is no action "${action}"; actions: ${PERSON_ACTIONS.join(', ')}`, { code: 'UnknownAction' });
      }
      const parsed = ActionBody.safeParse(body);
      if (!parsed.success) throw new HttpProblem(422, 'the action body must be a JSON object of its fields', { code: 'InvalidAction', errors: fieldProblems('body', parsed.error) });
      const loaded = await deps.service.load(caseId);
      if (!maySee(principal!, loaded.state, loaded.events, cityUnitId)) throw new HttpProblem(403, `case ${caseId} is not yours to act on`, { code: 'NotYourCase' });
      const command = { ...parsed.data, type: action } as CaseCommand;
      const { events } = await deps.service.act(caseId, command, actorOf(principal!));
      const all = await deps.service.deps.store.loadEvents(caseId);
      return { body: { ...caseView(principal!, all, deps), appended: events.map((event) => event.seq) } };
    },
  });

  const getCase = httpHandler({
    auth: 'required',
    async run({ principal, pathParameters }) {
      const caseId = pathParameters.caseId ?? '';
      const loaded = await deps.service.load(caseId);
      if (!maySee(principal!, loaded.state, loaded.events, cityUnitId)) throw new HttpProblem(403, `case ${caseId} is not visible to you`, { code: 'NotYourCase' });
      return { body: caseView(principal!, loaded.events, deps) };
    },
  });

  return { intake, act, getCase };
}
