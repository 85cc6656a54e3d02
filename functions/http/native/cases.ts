/**
 * The native API for cases: intake (one door in), people's actions on a case, and a case with its
 * timeline. Thin: requests are checked at the door, the CaseService does the work, errors become problems.
 */
import { isCommandType } from '../../domain/case/transitions.js';
import type { CaseCommand } from '../../domain/case/commands.js';
import { route } from '../../domain/routing/route.js';
import { httpHandler } from '../handler.js';
import { HttpProblem, fieldProblems } from '../problem.js';
import { actorOf } from '../principal.js';
import { validate } from '../validation.js';
import { caseView, cityUnitIdOf, makeGetCaseHandler, type NativeDeps } from './case-view.js';
import { ActionBody, IntakeBody, PERSON_ACTIONS } from './schemas.js';
import { maySee } from './visibility.js';

export type { NativeDeps } from './case-view.js';

/** Every handler of the cases API, for a server that serves them all (the local runtime). */
export function makeCaseHandlers(deps: NativeDeps) {
  return { intake: makeIntakeHandler(deps), act: makeActHandler(deps), getCase: makeGetCaseHandler(deps) };
}

/**
 * `POST /cases`. Each Lambda builds its own handler alone, and bundles only what that handler uses: intake
 * has no use for the actions' schemas or the case view, acting none for routing.
 */
export function makeIntakeHandler(deps: NativeDeps) {
  return httpHandler<unknown>({
    auth: 'required',
    jsonBody: true,
    async run({ body, principal, event }) {
      const parsed = validate(IntakeBody, body);
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
}

/** `POST /cases/{caseId}/actions/{action}`. */
export function makeActHandler(deps: NativeDeps) {
  const cityUnitId = cityUnitIdOf(deps.city);
  return httpHandler<unknown>({
    auth: 'required',
    jsonBody: true,
    async run({ body, principal, pathParameters }) {
      const caseId = pathParameters.caseId ?? '';
      const action = pathParameters.action ?? '';
      if (!isCommandType(action) || !PERSON_ACTIONS.includes(action)) {
        throw new HttpProblem(404, `there is no action "${action}"; actions: ${PERSON_ACTIONS.join(', ')}`, { code: 'UnknownAction' });
      }
      const parsed = validate(ActionBody, body);
      if (!parsed.success) throw new HttpProblem(422, 'the action body must be a JSON object of its fields', { code: 'InvalidAction', errors: fieldProblems('body', parsed.error) });
      const loaded = await deps.service.load(caseId);
      if (!maySee(principal!, loaded.state, loaded.events, cityUnitId)) throw new HttpProblem(403, `case ${caseId} is not yours to act on`, { code: 'NotYourCase' });
      const command = { ...parsed.data, type: action } as CaseCommand;
      const { events } = await deps.service.act(caseId, command, actorOf(principal!));
      const all = await deps.service.deps.store.loadEvents(caseId);
      return { body: { ...caseView(principal!, all, deps), appended: events.map((event) => event.seq) } };
    },
  });
}
