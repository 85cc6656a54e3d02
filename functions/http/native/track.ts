/**
 * Citizens follow their case without an account: its id (unguessable, from the receipt or SMS) plus the
 * last four digits of the phone they gave. A wrong pair is answered exactly like an unknown case, so the
 * endpoint tells nobody whether a case exists. At callback the citizen rates the handling here.
 */
import * as z from 'zod/mini';
import type { CaseService } from '../../app/case-service.js';
import type { CityContext } from '../../app/city-context.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { CaseNotFound } from '../../app/case-service.js';
import { httpHandler } from '../handler.js';
import { HttpProblem, fieldProblems } from '../problem.js';
import { validate } from '../validation.js';

export interface TrackDeps {
  service: CaseService;
  city: CityContext;
}

// zod/mini, parsed through `validate` (../validation.ts); what a citizen sees (`TrackView`) is described
// with the other answers, in openapi/case-shapes.ts.
export const PhoneCheck = z.string().check(z.regex(/^\d{4}$/, 'the last four digits of the phone number you gave'));
export const RatingBody = z.strictObject({
  phone: PhoneCheck,
  answer: z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied']),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
});

export const TrackQuery = z.object({ phone: PhoneCheck });

const PLAIN_STATUS: Record<string, string> = {
  received: 'received',
  awaitingDispatch: 'received',
  dispatched: 'sent to the responsible unit',
  returned: 'being reassigned by the command centre',
  handling: 'being handled',
  extensionRequested: 'being handled',
  suspended: 'on hold',
  reported: 'being checked',
  callback: 'waiting for your rating',
  closed: 'closed',
  mergedAsDuplicate: 'joined to an earlier report of the same problem',
};

export function makeTrackHandlers(deps: TrackDeps) {
  /** The case, if the phone check matches its reporter; otherwise the same 404 as for no case at all. */
  async function checked(caseId: string, phone: string) {
    const notFound = new HttpProblem(404, 'no case with that id and phone number', { code: 'CaseNotFound' });
    try {
      const loaded = await deps.service.load(caseId);
      const received = loaded.events.find((event): event is Extract<CaseEvent, { type: 'received' }> => event.type === 'received');
      const digits = received?.data.reporter?.phone?.replace(/\D/g, '') ?? '';
      if (digits.length < 4 || !digits.endsWith(phone)) throw notFound;
      return { ...loaded, received: received! };
    } catch (error) {
      if (error instanceof CaseNotFound) throw notFound;
      throw error;
    }
  }

  const view = ({ state, events }: Awaited<ReturnType<typeof checked>>) => {
    const closed = [...events].reverse().find((event) => event.type === 'closed');
    return {
      id: state.id,
      status: PLAIN_STATUS[state.stage] ?? state.stage,
      stage: state.stage,
      category: deps.city.routing.categoriesByCode.get(state.categoryCode)?.name,
      receivedAt: state.receivedAt,
      ...(state.handleDueAt && state.stage !== 'closed' ? { expectedBy: state.handleDueAt } : {}),
      ...(state.masterCaseId ? { joinedTo: state.masterCaseId } : {}),
      ...(closed?.type === 'closed' ? { answer: closed.data.answer, closedAt: closed.at } : {}),
      canRate: state.stage === 'callback' && !state.lastCallback,
    };
  };

  const follow = httpHandler({
    auth: 'none',
    async run({ pathParameters, query }) {
      const parsed = validate(TrackQuery, query);
      if (!parsed.success) throw new HttpProblem(400, 'give the last four digits of your phone number as ?phone=', { code: 'InvalidQuery', errors: fieldProblems('query', parsed.error) });
      return { body: view(await checked(pathParameters.caseId ?? '', parsed.data.phone)) };
    },
  });

  const rate = httpHandler<unknown>({
    auth: 'none',
    jsonBody: true,
    async run({ pathParameters, body }) {
      const parsed = validate(RatingBody, body);
      if (!parsed.success) throw new HttpProblem(422, 'the rating cannot be taken as sent', { code: 'InvalidRating', errors: fieldProblems('body', parsed.error) });
      const caseId = pathParameters.caseId ?? '';
      const loaded = await checked(caseId, parsed.data.phone);
      const reporter = loaded.received.actor.kind === 'citizen' ? loaded.received.actor.id : `reporter-of-${caseId}`;
      await deps.service.act(caseId, { type: 'recordCallback', answer: parsed.data.answer, ...(parsed.data.note ? { note: parsed.data.note } : {}) }, { kind: 'citizen', id: reporter });
      return { body: view(await checked(caseId, parsed.data.phone)) };
    },
  });

  return { follow, rate };
}
