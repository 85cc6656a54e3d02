/**
 * Who hears of what. One rule per event type that tells anyone; every other event (routed, accepted,
 * progress, results, callbacks, merges) is on the case's timeline and nobody is messaged about it.
 */
import type { Level, LocalizedText, NOTIFY_TARGETS } from '../city/schema.js';
import type { CaseState } from '../case/case-state.js';
import type { CaseEvent, CaseEventOf } from '../case/events.js';
import { ladderFor } from '../deadlines/limits.js';
import * as centre from './centre-texts.js';
import type { Directory } from './directory.js';
import type { NoticeText } from './draft.js';
import { caseFacts, type CaseFacts } from './facts.js';
import {
  commandCentre,
  hasLeader,
  headRecipient,
  leaderOffices,
  officeAbove,
  partyRecipient,
  supervisingUnit,
  unitAtLayer,
  type Resolved,
} from './recipients.js';
import { closedToDuplicateReporter, closedToReporter } from './reporter-texts.js';
import { reporterRecipient } from './reporter.js';
import * as unit from './unit-texts.js';

/** One text to a group of recipients under one topic. */
export interface Outgoing {
  topic: string;
  to: Resolved[];
  text: NoticeText;
}

export interface RuleContext {
  state: CaseState;
  directory: Directory;
  facts: CaseFacts;
  received: CaseEventOf<'received'> | undefined;
  duplicates: readonly CaseEventOf<'received'>[];
}

const nameOf = (ctx: RuleContext, id: string): LocalizedText => ctx.directory.party(id)?.name ?? { zh: id, en: id };

const LAYER_NAMES: Record<Level, LocalizedText> = {
  city: { zh: '市级', en: 'city level' },
  district: { zh: '县区级', en: 'district level' },
  subdistrict: { zh: '乡镇街道级', en: 'subdistrict level' },
  community: { zh: '村社区级', en: 'community level' },
  grid: { zh: '网格', en: 'grid level' },
};

type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

function escalationTargets(event: CaseEventOf<'escalated'>, ctx: RuleContext): readonly NotifyTarget[] {
  if (event.data.notify && event.data.notify.length > 0) return event.data.notify;
  // Older events did not record whom the rung notifies: read the ladder step that fired.
  const step = event.data.step === undefined ? undefined : ladderFor(ctx.directory.city.escalation, ctx.state.urgency)[event.data.step];
  return step?.notify ?? ['unit'];
}

function escalated(event: CaseEventOf<'escalated'>, ctx: RuleContext): Outgoing[] {
  const { state, directory } = ctx;
  const layer = event.data.supervisingLayer;
  const leadId = event.data.unitId || state.leadId;
  const to: Resolved[] = [];
  for (const target of escalationTargets(event, ctx)) {
    switch (target) {
      case 'unit':
        to.push(partyRecipient(directory, leadId, target));
        break;
      case 'unitHead':
        to.push(headRecipient(directory, leadId, target));
        break;
      case 'coHandlers':
        to.push(...state.coHandlerIds.map((id) => partyRecipient(directory, id, target)));
        break;
      case 'supervisingUnit':
        to.push(...supervisingUnit(state, directory, layer, target));
        break;
      case 'leaderOffice':
        to.push(...leaderOffices(state, directory, layer, target));
        break;
      case 'supervisionOffice':
      case 'commandCentre':
        to.push(officeAbove(state, directory, layer, target, target));
        break;
    }
  }
  // A leader's instruction puts the leader's office on every rung, whatever the ladder says.
  if (hasLeader(state)) to.push(...leaderOffices(state, directory, layer));
  const text = unit.escalated(ctx.facts, event.data, {
    ...(leadId ? { lead: nameOf(ctx, leadId) } : {}),
    supervisor: unitAtLayer(state, directory, layer)?.name ?? LAYER_NAMES[layer],
    leader: hasLeader(state),
  });
  return [{ topic: `escalated.${event.data.rung}`, to, text }];
}

function closed(event: CaseEventOf<'closed'>, ctx: RuleContext): Outgoing[] {
  const { answer } = event.data;
  const out: Outgoing[] = [];
  if (ctx.received) {
    const reporter = reporterRecipient(ctx.received, 'reporter');
    const name = ctx.received.data.reporter?.name;
    if (reporter) out.push({ topic: 'closed', to: [reporter], text: closedToReporter(ctx.facts, answer, name) });
  } else {
    out.push({
      topic: 'closed',
      to: [{ miss: { target: 'reporter', recipient: { kind: 'reporter', id: event.caseId }, reason: 'unresolved', detail: `the received event of ${event.caseId} was not given` } }],
      text: closedToReporter(ctx.facts, answer, undefined),
    });
  }
  for (const duplicateId of ctx.state.duplicateIds) {
    const received = ctx.duplicates.find((candidate) => candidate.caseId === duplicateId);
    const facts = received ? caseFacts(duplicateId, received.data, ctx.directory) : { ...ctx.facts, caseId: duplicateId };
    const name = received?.data.reporter?.name;
    const to: Resolved | undefined = received
      ? reporterRecipient(received, 'duplicateReporter')
      : {
          miss: {
            target: 'duplicateReporter',
            recipient: { kind: 'reporter', id: duplicateId },
            reason: 'unresolved',
            detail: `the received event of duplicate ${duplicateId} was not given`,
          },
        };
    if (to) out.push({ topic: 'closed.duplicate', to: [to], text: closedToDuplicateReporter(facts, answer, name, event.caseId) });
  }
  return out;
}

/** The outgoing groups for one new event; `state` is the state after all the new events. */
export function rulesFor(event: CaseEvent, ctx: RuleContext): Outgoing[] {
  const { state, directory, facts } = ctx;
  const lead = (): Resolved => partyRecipient(directory, state.leadId, 'lead');
  const centreNow = (): Resolved => commandCentre(state, directory);
  switch (event.type) {
    case 'dispatched': {
      const { data } = event;
      const coHandlers = data.coHandlerIds.map((id) => nameOf(ctx, id));
      return [
        { topic: 'dispatched', to: [partyRecipient(directory, data.leadId, 'lead')], text: unit.dispatchedToLead(facts, data, coHandlers, hasLeader(state)) },
        {
          topic: 'dispatched.coHandler',
          to: data.coHandlerIds.map((id) => partyRecipient(directory, id, 'coHandler')),
          text: unit.dispatchedToCoHandler(facts, data, nameOf(ctx, data.leadId)),
        },
      ];
    }
    case 'escalated':
      return escalated(event, ctx);
    case 'returned':
      return [{ topic: 'returned', to: [centreNow()], text: centre.returned(facts, event.data, nameOf(ctx, event.data.unitId)) }];
    case 'routingNeedsDecision':
      return [{ topic: 'routingNeedsDecision', to: [centreNow()], text: centre.routingNeedsDecision(facts, event.data) }];
    case 'deadlineMissed': {
      const { data } = event;
      const unitId = data.deadline === 'accept' ? (data.unitId ?? state.leadId) : undefined;
      const to = [centreNow(), ...(unitId ? [partyRecipient(directory, unitId, 'lead')] : [])];
      return [{ topic: `deadlineMissed.${data.deadline}`, to, text: centre.deadlineMissed(facts, data, unitId ? nameOf(ctx, unitId) : undefined) }];
    }
    case 'extensionRequested': {
      const more = { unit: nameOf(ctx, event.data.unitId), ...(state.handleDueAt ? { currentDueAt: state.handleDueAt } : {}) };
      return [{ topic: 'extensionRequested', to: [centreNow()], text: centre.extensionRequested(facts, event.data, more) }];
    }
    case 'suspensionRequested': {
      const more = { unit: nameOf(ctx, event.data.unitId), ...(state.handleDueAt ? { currentDueAt: state.handleDueAt } : {}) };
      return [{ topic: 'suspensionRequested', to: [centreNow()], text: centre.suspensionRequested(facts, event.data, more) }];
    }
    case 'extensionApproved':
      return [{ topic: 'extensionApproved', to: [lead()], text: unit.extensionApproved(facts, event.data) }];
    case 'extensionRefused': {
      const topic = event.data.request === 'suspension' ? 'suspensionRefused' : 'extensionRefused';
      return [{ topic, to: [lead()], text: unit.extensionRefused(facts, event.data, state.handleDueAt) }];
    }
    case 'reworkOrdered':
      return [{ topic: 'reworkOrdered', to: [lead()], text: unit.reworkOrdered(facts, event.data) }];
    // The unit must know its clock stopped, and above all its new deadline when the clock runs again.
    case 'suspended':
      return [{ topic: 'suspended', to: [lead()], text: unit.suspended(facts, event.data) }];
    case 'resumed':
      return [{ topic: 'resumed', to: [lead()], text: unit.resumed(facts, event.data) }];
    case 'leaderInstructed': {
      const office = partyRecipient(directory, event.data.officeId, 'leaderOffice', 'office');
      // Before dispatch there is no lead to tell; the order will say the case has an instruction.
      const to = state.leadId ? [lead(), office] : [office];
      const more = {
        office: nameOf(ctx, event.data.officeId),
        ...(state.leadId ? { lead: nameOf(ctx, state.leadId) } : {}),
        ...(state.handleDueAt ? { handleDueAt: state.handleDueAt } : {}),
      };
      return [{ topic: 'leaderInstructed', to, text: unit.leaderInstructed(facts, event.data, more) }];
    }
    case 'closed':
      return closed(event, ctx);
    default:
      return [];
  }
}
