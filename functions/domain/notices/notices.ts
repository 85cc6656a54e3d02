/**
 * The notices a batch of new case events calls for. Pure: the same events, state and city always give
 * the same notices with the same ids, so a retried workflow task rebuilds exactly what it failed to send.
 */
import type { CaseState } from '../case/case-state.js';
import type { CaseEvent, CaseEventOf } from '../case/events.js';
import type { Notice } from '../../ports/notifier.js';
import { directoryOf, type NoticeCity } from './directory.js';
import { caseFacts, type CaseWhat } from './facts.js';
import { rulesFor, type RuleContext } from './rules.js';
import type { NoticeOptions, NoticePlan } from './types.js';

const isReceived = (event: CaseEvent): event is CaseEventOf<'received'> => event.type === 'received';

/**
 * `events` are the events just appended, in order; `state` is the case after them. Each recipient hears of
 * each event once (the first rule that names it decides the wording), and every recipient a rule names
 * but nobody can reach is listed in `unreachable` with the reason.
 */
export function noticesFor(events: readonly CaseEvent[], state: CaseState, city: NoticeCity, options: NoticeOptions = {}): NoticePlan {
  const directory = directoryOf(city, options.units);
  const received = options.received ?? events.find(isReceived);
  const what: CaseWhat = received
    ? received.data
    : { categoryCode: state.categoryCode, territory: state.territory, ...(state.gridId ? { gridId: state.gridId } : {}) };
  const ctx: RuleContext = { state, directory, facts: caseFacts(state.id, what, directory), received, duplicates: options.duplicates ?? [] };

  const plan: NoticePlan = { notices: [], unreachable: [] };
  for (const event of events) {
    const seen = new Set<string>();
    for (const { topic, to, text } of rulesFor(event, ctx)) {
      for (const resolved of to) {
        const where = { caseId: event.caseId, eventSeq: event.seq, topic };
        if ('miss' in resolved) {
          plan.unreachable.push({ ...where, ...resolved.miss });
          continue;
        }
        const { recipient, target } = resolved;
        const key = `${recipient.kind}:${recipient.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (recipient.sms.length === 0 && recipient.email.length === 0) {
          plan.unreachable.push({
            ...where,
            target,
            recipient: { kind: recipient.kind, id: recipient.id },
            reason: 'noContact',
            detail: `${key} has no phone number or email address on record`,
          });
          continue;
        }
        const notice: Notice = {
          id: `${event.caseId}#${event.seq}#${key}`,
          ...where,
          recipient,
          subject: text.subject,
          body: text.body,
          createdAt: event.at,
        };
        plan.notices.push(notice);
      }
    }
  }
  return plan;
}
