/**
 * The lifecycle: `decide` turns a command on a case into the events to append, or refuses it with a typed
 * error. It never changes anything itself and never answers "nothing to do" to a move that does not apply:
 * a refused command throws, so a double click or a stale screen is told why.
 *
 * Order of checks: the command's type, the actor's kind, the stage, the actor's unit, then the data and
 * the rules of the step (limits, deadlines). Deadlines are computed here, on the city's calendar, and
 * written into the events, so the history alone says when everything was due.
 */
import type { Duration, StageLimits } from '../city/schema.js';
import { dueAfterResume, pausedBetween, remainingAt } from '../deadlines/clock-shifts.js';
import { caseLimits, handleTimeKind, pendingLadder, stepDueAt } from '../deadlines/case-clock.js';
import { categoryLimits, ladderFor, type CaseRulesContext } from '../deadlines/limits.js';
import { supervisingLayerAfter } from '../deadlines/supervising-layer.js';
import { needsCallback, type CaseState } from './case-state.js';
import type { CaseCommand, CommandOf, CommandType } from './commands.js';
import { DeadlinePassed, IllegalTransition, InvalidField, MissingField, NotPermitted, ReturnLimitReached, isDomainError, type DomainError } from './errors.js';
import type { Actor, CaseEventData, CaseEventType, Satisfaction, WatchedDeadline } from './events.js';
import {
  coHandlerIds,
  oneOf,
  optionalInstant,
  optionalLimits,
  optionalText,
  photoUrls,
  requireBoolean,
  requireId,
  requireInstant,
  requireText,
} from './fields.js';
import { newEvent, type NewCaseEvent } from './new-event.js';
import { COMMAND_TYPES, TRANSITIONS, isCommandType } from './transitions.js';

export { COMMAND_TYPES, TRANSITIONS, type Transition } from './transitions.js';

const iso = (ms: number): string => new Date(ms).toISOString();

interface Decision<C> {
  state: CaseState;
  command: C;
  actor: Actor;
  now: number;
  ctx: CaseRulesContext;
  /** Builds an event stamped with this decision's actor and time. */
  emit<T extends CaseEventType>(type: T, data: CaseEventData[T]): NewCaseEvent;
}

// ---------- shared rules ----------

function limitsForDispatch(state: CaseState, given: StageLimits | undefined, ctx: CaseRulesContext): StageLimits {
  if (given) return given;
  const configured = categoryLimits(ctx.city, state.categoryCode, state.urgency, state.requestType);
  if (!configured) throw new InvalidField('categoryCode', `'${state.categoryCode}' is no category of the city configuration`);
  return configured;
}

function dispatchedEvent(d: Decision<unknown>, leadId: string, coHandlers: string[], limits: StageLimits, handleDueAt?: string): NewCaseEvent {
  const { calendar } = d.ctx;
  return d.emit('dispatched', {
    leadId,
    coHandlerIds: coHandlers,
    acceptDueAt: iso(calendar.dueAt(d.now, limits.accept)),
    handleDueAt: handleDueAt ?? iso(calendar.dueAt(d.now, limits.handle)),
    acceptLimit: limits.accept,
    handleLimit: limits.handle,
  });
}

/**
 * After the centre settles a return the case goes out again. The lead it upheld keeps its handling
 * deadline (the time spent on a wrongful return is the unit's); a new lead gets the full limits from now.
 */
function redispatch(d: Decision<unknown>, leadId: string, coHandlers: string[]): NewCaseEvent {
  const limits = caseLimits(d.state, d.ctx);
  const keepsClock = leadId === d.state.leadId && d.state.handleDueAt !== undefined;
  return dispatchedEvent(d, leadId, coHandlers, limits, keepsClock ? d.state.handleDueAt : undefined);
}

const stepDue = (d: Decision<unknown>, limit: Duration): string => iso(d.ctx.calendar.dueAt(d.now, limit));

function checkBeforeHandleDue(d: Decision<unknown>, command: CommandType): void {
  const due = d.state.handleDueAt;
  if (due !== undefined && d.now >= Date.parse(due)) throw new DeadlinePassed(command, 'handleDueAt', due);
}

function returnsClosed(state: CaseState, maxReturns: number): boolean {
  return state.designated || state.counters.returns >= maxReturns;
}

function reworkEvent(d: Decision<unknown>, source: 'verification' | 'callback', reason: string): NewCaseEvent {
  const handle = caseLimits(d.state, d.ctx).handle;
  return d.emit('reworkOrdered', { source, reason, handleDueAt: iso(d.ctx.calendar.dueAt(d.now, handle)), handleLimit: handle });
}

function pendingOf<K extends 'extension' | 'suspension'>(d: Decision<unknown>, kind: K, command: CommandType) {
  const pending = d.state.pendingRequest;
  if (!pending || pending.kind !== kind) {
    const detail = pending ? `the pending request is a${pending.kind === 'extension' ? 'n extension' : ' suspension'} request` : 'no request is pending';
    throw new IllegalTransition(d.state.stage, command, detail);
  }
  return pending as Extract<NonNullable<CaseState['pendingRequest']>, { kind: K }>;
}

// ---------- one rule per command ----------

type Handlers = { [C in CommandType]: (d: Decision<CommandOf<C>>) => NewCaseEvent[] };

const HANDLERS: Handlers = {
  route(d) {
    const decision = d.command.decision as CommandOf<'route'>['decision'] | undefined;
    if (decision === undefined || decision === null) {
      throw new MissingField('decision', 'the router must say where the case goes, or why a dispatcher must decide');
    }
    const kind = oneOf(decision.kind, ['routed', 'needsDecision'] as const, 'decision.kind', 'say whether the case was routed');
    if (kind === 'needsDecision') {
      const reason = requireText((decision as { reason?: unknown }).reason, 'decision.reason', 'the dispatcher needs to know why routing could not decide');
      return [d.emit('routingNeedsDecision', { reason, decisionDueAt: stepDue(d, d.ctx.city.centreLimits.dispatchDecision) })];
    }
    const routed = decision as Extract<typeof decision, { kind: 'routed' }>;
    const leadId = requireId(routed.leadId, 'decision.leadId', 'a routed case has a lead unit');
    const coHandlers = coHandlerIds(routed.coHandlerIds, leadId, 'decision.coHandlerIds');
    const version: unknown = routed.responsibilityVersion;
    if (version === undefined || version === null) throw new MissingField('decision.responsibilityVersion', 'the case keeps the responsibility-list version it was routed with');
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new InvalidField('decision.responsibilityVersion', 'must be a positive whole number');
    const ownerRule = oneOf(routed.ownerRule, ['ownerFirst', 'territoryFirst'] as const, 'decision.ownerRule', 'say which owner rule decided');
    const limits = limitsForDispatch(d.state, optionalLimits(routed.limits, 'decision.limits'), d.ctx);
    return [
      d.emit('routed', { leadId, coHandlerIds: coHandlers, responsibilityVersion: version, ownerRule }),
      dispatchedEvent(d, leadId, coHandlers, limits),
    ];
  },

  dispatch(d) {
    const leadId = requireId(d.command.leadId, 'leadId', 'name the unit that leads the case');
    const coHandlers = coHandlerIds(d.command.coHandlerIds, leadId);
    const limits = limitsForDispatch(d.state, optionalLimits(d.command.limits), d.ctx);
    return [dispatchedEvent(d, leadId, coHandlers, limits)];
  },

  accept(d) {
    return [d.emit('accepted', { unitId: d.state.leadId ?? '' })];
  },

  return(d) {
    const { state, ctx } = d;
    if (returnsClosed(state, ctx.city.maxReturns)) throw new ReturnLimitReached('return', state.counters.returns, ctx.city.maxReturns, state.designated);
    // The legal basis must reach the centre within the handling limit, not after it (a late return is a dodge).
    checkBeforeHandleDue(d, 'return');
    const reason = requireText(d.command.reason, 'reason', 'say why the case is not your unit’s');
    const legalBasis = requireText(d.command.legalBasis, 'legalBasis', 'a return must cite the law, regulation or responsibility-list entry that puts the case elsewhere');
    return [
      d.emit('returned', { unitId: state.leadId ?? '', reason, legalBasis, arbitrationDueAt: stepDue(d, ctx.city.centreLimits.arbitration) }),
    ];
  },

  arbitrate(d) {
    const { state, command, ctx } = d;
    if (state.counters.returns >= ctx.city.maxReturns) throw new ReturnLimitReached('arbitrate', state.counters.returns, ctx.city.maxReturns, state.designated);
    const uphold = command.uphold === undefined || command.uphold === null ? false : requireBoolean(command.uphold, 'uphold', '');
    const named = command.leadId !== undefined && command.leadId !== null;
    if (uphold && named) throw new InvalidField('uphold', 'either uphold the dispatch or name a new lead, not both');
    const leadId = uphold ? (state.lastReturn?.unitId ?? state.leadId ?? '') : requireId(command.leadId, 'leadId', 'name the lead unit, or uphold the dispatch');
    const coHandlers = command.coHandlerIds === undefined && uphold ? state.coHandlerIds.filter((id) => id !== leadId) : coHandlerIds(command.coHandlerIds, leadId);
    return [
      d.emit('arbitrated', { leadId, coHandlerIds: coHandlers, upheld: leadId === state.leadId, designated: false }),
      redispatch(d, leadId, coHandlers),
    ];
  },

  designate(d) {
    const leadId = requireId(d.command.leadId, 'leadId', 'name the unit the centre designates to lead');
    const coHandlers = coHandlerIds(d.command.coHandlerIds, leadId);
    return [
      d.emit('arbitrated', { leadId, coHandlerIds: coHandlers, upheld: leadId === d.state.leadId, designated: true }),
      redispatch(d, leadId, coHandlers),
    ];
  },

  requestExtension(d) {
    checkBeforeHandleDue(d, 'requestExtension');
    const reason = requireText(d.command.reason, 'reason', 'say why the case needs more time');
    const requested = requireInstant(d.command.requestedDueAt, 'requestedDueAt', 'ask for a new due date');
    const current = d.state.handleDueAt;
    if (current !== undefined && requested <= Date.parse(current)) {
      throw new InvalidField('requestedDueAt', `must be later than the current handling deadline ${current}`);
    }
    return [
      d.emit('extensionRequested', {
        unitId: d.state.leadId ?? '',
        reason,
        requestedDueAt: iso(requested),
        decisionDueAt: stepDue(d, d.ctx.city.centreLimits.extensionDecision),
      }),
    ];
  },

  approveExtension(d) {
    const pending = pendingOf(d, 'extension', 'approveExtension');
    const granted = optionalInstant(d.command.handleDueAt, 'handleDueAt') ?? Date.parse(pending.requestedDueAt);
    const previous = d.state.handleDueAt ?? pending.requestedDueAt;
    if (granted <= Date.parse(previous)) throw new InvalidField('handleDueAt', `must be later than the current handling deadline ${previous}`);
    return [d.emit('extensionApproved', { previousDueAt: previous, handleDueAt: iso(granted) })];
  },

  refuseExtension(d) {
    pendingOf(d, 'extension', 'refuseExtension');
    const reason = requireText(d.command.reason, 'reason', 'tell the unit why the extension is refused');
    return [d.emit('extensionRefused', { reason, request: 'extension' })];
  },

  requestSuspension(d) {
    checkBeforeHandleDue(d, 'requestSuspension');
    const reason = requireText(d.command.reason, 'reason', 'say why the case cannot go on now');
    return [
      d.emit('suspensionRequested', {
        unitId: d.state.leadId ?? '',
        reason,
        decisionDueAt: stepDue(d, d.ctx.city.centreLimits.extensionDecision),
      }),
    ];
  },

  suspend(d) {
    const { state, ctx, now } = d;
    const pending = state.stage === 'extensionRequested' ? pendingOf(d, 'suspension', 'suspend') : undefined;
    checkBeforeHandleDue(d, 'suspend');
    const reason = optionalText(d.command.reason, 'reason') ?? pending?.reason;
    if (reason === undefined) throw new MissingField('reason', 'say why the clock stops');
    const resumeAt = optionalInstant(d.command.resumeAt, 'resumeAt');
    if (resumeAt !== undefined && resumeAt <= now) throw new InvalidField('resumeAt', 'must be in the future');
    const timeKind = handleTimeKind(state, ctx);
    const remainingMs = state.handleDueAt === undefined ? 0 : remainingAt(ctx.calendar, now, Date.parse(state.handleDueAt), timeKind);
    return [d.emit('suspended', { reason, remainingMs, timeKind, ...(resumeAt !== undefined ? { resumeAt: iso(resumeAt) } : {}) })];
  },

  refuseSuspension(d) {
    pendingOf(d, 'suspension', 'refuseSuspension');
    const reason = requireText(d.command.reason, 'reason', 'tell the unit why the case cannot be suspended');
    return [d.emit('extensionRefused', { reason, request: 'suspension' })];
  },

  resume(d) {
    const { state, ctx, now, actor } = d;
    const suspension = state.suspension;
    if (actor.kind === 'system') {
      // The system only carries out a resumption the centre planned; any other is a dispatcher's call.
      if (!suspension?.resumeAt) throw new NotPermitted('resume', 'system', 'no resumption date was set; a dispatcher resumes this case');
      if (now < Date.parse(suspension.resumeAt)) throw new IllegalTransition(state.stage, 'resume', `the planned resumption is at ${suspension.resumeAt}`);
    }
    const since = suspension ? Date.parse(suspension.since) : now;
    const kind = suspension?.timeKind ?? handleTimeKind(state, ctx);
    const remaining =
      suspension?.remainingMs ?? (state.handleDueAt === undefined ? 0 : remainingAt(ctx.calendar, since, Date.parse(state.handleDueAt), kind));
    return [
      d.emit('resumed', {
        handleDueAt: iso(dueAfterResume(ctx.calendar, now, remaining, kind)),
        pausedMs: pausedBetween(ctx.calendar, since, now, kind),
      }),
    ];
  },

  noteProgress(d) {
    const text = requireText(d.command.text, 'text', 'say what progress was made');
    return [d.emit('progressNoted', { unitId: d.actor.unitId ?? '', text })];
  },

  reportResult(d) {
    const text = requireText(d.command.text, 'text', 'describe what was done; it is the basis of the answer to the citizen');
    const photos = photoUrls(d.command.photoUrls);
    return [
      d.emit('resultReported', {
        unitId: d.state.leadId ?? '',
        text,
        photoUrls: photos,
        verificationDueAt: stepDue(d, d.ctx.city.centreLimits.verification),
      }),
    ];
  },

  verify(d) {
    const passed = requireBoolean(d.command.passed, 'passed', 'say whether the result matches what was reported');
    if (passed) {
      const note = optionalText(d.command.note, 'note');
      const callbackDueAt = needsCallback(d.state) ? stepDue(d, d.ctx.city.centreLimits.callback) : undefined;
      return [d.emit('verified', { passed, ...(note ? { note } : {}), ...(callbackDueAt ? { callbackDueAt } : {}) })];
    }
    const note = requireText(d.command.note, 'note', 'say what the check found, so the unit knows what to redo');
    return [d.emit('verified', { passed, note }), reworkEvent(d, 'verification', note)];
  },

  recordCallback(d) {
    const { state, command, actor } = d;
    // A complaint the citizen rated themselves waits for the centre's judgement, which may then be recorded.
    const unjudged = state.lastCallback?.answer === 'unsatisfied' && state.lastCallback.justified === undefined;
    if (state.lastCallback && state.lastCallback.answer !== 'noAnswer' && !(unjudged && actor.kind === 'dispatcher')) {
      throw new IllegalTransition(state.stage, 'recordCallback', `the callback is already recorded (${state.lastCallback.answer})`);
    }
    const answer = oneOf<Satisfaction | 'noAnswer'>(command.answer, ['satisfied', 'basicallySatisfied', 'unsatisfied', 'noAnswer'], 'answer', 'record what the citizen said');
    if (actor.kind === 'system' && answer !== 'noAnswer') {
      throw new NotPermitted('recordCallback', 'system', 'the system can only record that nobody answered');
    }
    const note = optionalText(command.note, 'note');
    if (actor.kind === 'citizen') {
      // The citizen rates the handling; whether a complaint is justified (and so orders rework) is the centre's call.
      if (answer === 'noAnswer') throw new InvalidField('answer', 'rate the handling: satisfied, basicallySatisfied or unsatisfied');
      if (command.justified !== undefined && command.justified !== null) throw new InvalidField('justified', 'the centre judges whether a complaint is justified');
      if (answer === 'unsatisfied' && !note) throw new MissingField('note', 'say what is wrong, so the centre can judge it');
      return [d.emit('callbackRecorded', { answer, ...(note ? { note } : {}) })];
    }
    if (answer !== 'unsatisfied') {
      if (command.justified !== undefined && command.justified !== null) throw new InvalidField('justified', 'only an unsatisfied answer is judged justified or not');
      return [d.emit('callbackRecorded', { answer, ...(note ? { note } : {}) })];
    }
    const justified = requireBoolean(command.justified, 'justified', 'judge whether the complaint about the handling is justified; a justified one orders rework');
    if (!justified) return [d.emit('callbackRecorded', { answer, justified, ...(note ? { note } : {}) })];
    const reason = requireText(command.note, 'note', 'say why the citizen is unsatisfied, so the unit knows what to redo');
    return [d.emit('callbackRecorded', { answer, justified, note: reason }), reworkEvent(d, 'callback', reason)];
  },

  close(d) {
    const { state } = d;
    if (state.stage === 'callback' && needsCallback(state) && !state.lastCallback) {
      throw new IllegalTransition(state.stage, 'close', 'the citizen has not been called back yet; record the callback, or that nobody answered, first');
    }
    if (state.lastCallback?.answer === 'unsatisfied' && state.lastCallback.justified === undefined) {
      throw new IllegalTransition(state.stage, 'close', 'the citizen is unsatisfied: record whether the complaint is justified (recordCallback with justified) first');
    }
    const answer = requireText(d.command.answer, 'answer', 'the answer goes back to whoever raised the case');
    return [d.emit('closed', { answer })];
  },

  mergeAsDuplicate(d) {
    const { state } = d;
    const masterCaseId = requireId(d.command.masterCaseId, 'masterCaseId', 'name the case this one duplicates');
    if (masterCaseId === state.id) throw new InvalidField('masterCaseId', 'a case cannot duplicate itself');
    // One level only: a master with duplicates of its own would leave them pointing at a closed case.
    if (state.duplicateIds.length > 0) {
      throw new InvalidField('masterCaseId', `this case is the master of ${state.duplicateIds.join(', ')}; detach its duplicates first`);
    }
    return [d.emit('mergedAsDuplicate', { masterCaseId })];
  },

  unmerge(d) {
    return [d.emit('unmerged', { masterCaseId: d.state.masterCaseId ?? '' })];
  },

  attachDuplicate(d) {
    const duplicateCaseId = requireId(d.command.duplicateCaseId, 'duplicateCaseId', 'name the duplicate case');
    if (duplicateCaseId === d.state.id) throw new InvalidField('duplicateCaseId', 'a case cannot duplicate itself');
    if (d.state.duplicateIds.includes(duplicateCaseId)) throw new InvalidField('duplicateCaseId', `'${duplicateCaseId}' is already attached`);
    return [d.emit('duplicateAttached', { duplicateCaseId })];
  },

  detachDuplicate(d) {
    const duplicateCaseId = requireId(d.command.duplicateCaseId, 'duplicateCaseId', 'name the duplicate case');
    if (!d.state.duplicateIds.includes(duplicateCaseId)) throw new InvalidField('duplicateCaseId', `'${duplicateCaseId}' is not attached to this case`);
    return [d.emit('duplicateDetached', { duplicateCaseId })];
  },

  leaderInstruct(d) {
    const officeId = requireId(d.command.officeId, 'officeId', 'name the leader’s office, which will hear of every escalation');
    const text = requireText(d.command.text, 'text', 'record the instruction (批示) itself');
    return [d.emit('leaderInstructed', { officeId, text })];
  },

  escalate(d) {
    const { state, ctx, now, command } = d;
    const step: unknown = command.step;
    if (step === undefined || step === null) throw new MissingField('step', 'name the ladder step to fire');
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) throw new InvalidField('step', 'must be a ladder step index (0, 1, ...)');
    const steps = ladderFor(ctx.city.escalation, state.urgency);
    if (step >= steps.length) throw new InvalidField('step', `the ${state.urgency} ladder has ${steps.length} steps`);
    if (state.handleClock?.firedSteps.includes(step)) throw new InvalidField('step', `step ${step} (${steps[step]?.rung}) already fired for this deadline`);
    const milestone = pendingLadder(state, now, ctx).find((candidate) => candidate.step === step);
    if (!milestone) throw new InvalidField('step', `step ${step} is a reminder before expiry and the deadline has passed`);
    if (milestone.at > now) throw new InvalidField('step', `step ${step} (${milestone.rung}) is not due until ${iso(milestone.at)}`);
    return [
      d.emit('escalated', {
        rung: milestone.rung,
        supervisingLayer: supervisingLayerAfter(state.supervisingLayer, milestone),
        unitId: state.leadId ?? '',
        ...(milestone.card ? { card: milestone.card } : {}),
        dueAt: iso(milestone.dueAt),
        step,
        notify: milestone.notify,
      }),
    ];
  },

  noteDeadlineMissed(d) {
    const { state, ctx, now } = d;
    const deadline = oneOf<WatchedDeadline>(
      d.command.deadline,
      ['accept', 'dispatchDecision', 'arbitration', 'extensionDecision', 'verification'],
      'deadline',
      'name the deadline that passed',
    );
    let dueAt: number | undefined;
    if (deadline === 'accept') {
      if (state.stage !== 'dispatched' || !state.acceptDueAt) throw new InvalidField('deadline', 'the accept deadline runs only while the case waits for acceptance');
      if (state.missed.accept) throw new InvalidField('deadline', 'the missed accept deadline is already on record');
      dueAt = Date.parse(state.acceptDueAt);
    } else {
      if (state.step?.step !== deadline) throw new InvalidField('deadline', `the case is not waiting for '${deadline}'${state.step ? ` but for '${state.step.step}'` : ''}`);
      if (state.missed.step) throw new InvalidField('deadline', `the missed '${deadline}' deadline is already on record`);
      dueAt = stepDueAt(state, ctx);
    }
    if (dueAt === undefined) throw new InvalidField('deadline', `the case has no '${deadline}' deadline`);
    if (now < dueAt) throw new InvalidField('deadline', `'${deadline}' is not due until ${iso(dueAt)}`);
    return [
      d.emit('deadlineMissed', { deadline, dueAt: iso(dueAt), ...(deadline === 'accept' && state.leadId ? { unitId: state.leadId } : {}) }),
    ];
  },
};

// ---------- the entry point ----------

function checkAllowed(type: CommandType, actor: Actor, state: CaseState): void {
  const rule = TRANSITIONS[type];
  if (!rule.actors.includes(actor.kind)) {
    throw new NotPermitted(type, actor.kind, `only ${rule.actors.join(' or ')} may`);
  }
  if (!rule.from.includes(state.stage)) throw new IllegalTransition(state.stage, type);
  if (!rule.unit) return;
  if (!actor.unitId) throw new NotPermitted(type, actor.kind, 'the actor acts for no unit');
  const isLead = actor.unitId === state.leadId;
  if (rule.unit === 'lead' && !isLead) {
    throw new NotPermitted(type, actor.kind, `unit '${actor.unitId}' is not the lead unit${state.leadId ? ` ('${state.leadId}')` : ''}`);
  }
  if (rule.unit === 'leadOrCoHandler' && !isLead && !state.coHandlerIds.includes(actor.unitId)) {
    throw new NotPermitted(type, actor.kind, `unit '${actor.unitId}' neither leads nor co-handles the case`);
  }
}

/**
 * The events a command produces on a case, in order. Throws a `DomainError` when the command does not
 * apply. `now` is epoch ms from the Clock port. Stamp the result with `stampEvents(state.id, state.version, …)`.
 */
export function decide(state: CaseState, command: CaseCommand, actor: Actor, now: number, ctx: CaseRulesContext): NewCaseEvent[] {
  if (!Number.isFinite(now)) throw new RangeError(`now must be epoch milliseconds, not ${now}`);
  if (typeof command !== 'object' || command === null) throw new MissingField('command', 'send a command object with a type');
  const type: unknown = (command as { type?: unknown }).type;
  if (type === undefined || type === null) throw new MissingField('type', `name the command (${COMMAND_TYPES.join(', ')})`);
  if (!isCommandType(type)) throw new InvalidField('type', `must be one of ${COMMAND_TYPES.join(', ')}`);
  if (typeof actor !== 'object' || actor === null || typeof actor.kind !== 'string') throw new MissingField('actor', 'every command has an actor');
  checkAllowed(type, actor, state);
  const at = iso(now);
  const emit = <T extends CaseEventType>(eventType: T, data: CaseEventData[T]): NewCaseEvent => newEvent(eventType, data, actor, at);
  const handler = HANDLERS[type] as (d: Decision<CaseCommand>) => NewCaseEvent[];
  return handler({ state, command, actor, now, ctx, emit });
}

export type DecideResult = { ok: true; events: NewCaseEvent[] } | { ok: false; error: DomainError };

/** `decide` for callers that branch on the outcome rather than catch (HTTP handlers, workflow tasks). */
export function tryDecide(...args: Parameters<typeof decide>): DecideResult {
  try {
    return { ok: true, events: decide(...args) };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, error };
    throw error;
  }
}
