/**
 * The current state of a case, derived only from its history: the store may cache it, but replaying the
 * events must always give the same answer, so nothing here reads configuration or the clock.
 */
import { RUNGS, type Duration, type Level, type RequestType, type Rung, type Urgency } from '../city/schema.js';
import { timeKindOf, type TimeKind } from '../calendar/types.js';
import { higherLayer, initialSupervisingLayer } from '../deadlines/supervising-layer.js';
import { CorruptHistory } from './errors.js';
import type { CaseEvent, CaseEventOf, CentreStep, Channel, Satisfaction, Stage, TerritoryLink } from './events.js';

/**
 * How long the current window of handling time is, for placing "share of the limit" reminders:
 * the configured limit, or for an extension the span the centre granted.
 */
export type ClockLength = { kind: 'limit'; limit: Duration } | { kind: 'span'; from: string; to: string };

/** The running handling clock: due instant, the window the ladder's shares refer to, the rungs already fired. */
export interface HandleClock {
  /** Where the current window starts counting (dispatch, rework, extension approval, resume). */
  from: string;
  dueAt: string;
  length: ClockLength;
  /** Absent only when an older `dispatched` event carried no limit; the rules then ask the configuration. */
  timeKind?: TimeKind;
  /** Ladder steps (indexes) fired in this window; a new window (new lead, rework) starts the ladder again. */
  firedSteps: number[];
}

export interface StepDeadline {
  step: CentreStep;
  startedAt: string;
  /** Absent when the event that opened the step carried no due instant; the rules compute it then. */
  dueAt?: string;
}

export type PendingRequest =
  | { kind: 'extension'; unitId: string; reason: string; requestedDueAt: string; at: string }
  | { kind: 'suspension'; unitId: string; reason: string; at: string };

export interface CaseCounters {
  returns: number;
  reworks: number;
  extensions: number;
  suspensions: number;
  escalations: number;
}

export interface CaseState {
  id: string;
  /** The number of events folded; the store appends only on this version (optimistic concurrency). */
  version: number;
  stage: Stage;
  receivedAt: string;
  updatedAt: string;
  channel: Channel;
  categoryCode: string;
  urgency: Urgency;
  requestType?: RequestType;
  gridId?: string;
  /** The territorial chain, lowest layer first; empty when intake only knew the grid (or nothing). */
  territory: TerritoryLink[];

  leadId?: string;
  coHandlerIds: string[];
  /** The centre fixed the lead by designation: no more returns. */
  designated: boolean;
  supervisingLayer: Level;

  dispatchedAt?: string;
  acceptedAt?: string;
  acceptDueAt?: string;
  acceptLimit?: Duration;
  handleDueAt?: string;
  handleLimit?: Duration;
  handleClock?: HandleClock;
  /** The centre's current step (routing decision, arbitration, request decision, verification, callback). */
  step?: StepDeadline;
  /** Whether the miss of the accept deadline / of the current step's deadline is already on record. */
  missed: { accept: boolean; step: boolean };

  pendingRequest?: PendingRequest;
  suspension?: { since: string; reason: string; remainingMs?: number; timeKind?: TimeKind; resumeAt?: string };
  /** Handling time the clock stood still for, summed over suspensions, in the clock's own kind of time. */
  pausedMs: number;

  counters: CaseCounters;
  escalation: { rung?: Rung; lastAt?: string };

  lastReturn?: { unitId: string; reason: string; legalBasis: string; at: string };
  lastResult?: { unitId: string; text: string; photoUrls: string[]; at: string };
  /** The callback since the last verification, if any. */
  lastCallback?: { answer: Satisfaction | 'noAnswer'; justified?: boolean; at: string };

  leader: { priority: 'normal' | 'raised'; officeIds: string[]; instructions: number };

  masterCaseId?: string;
  stageBeforeMerge?: Stage;
  duplicateIds: string[];

  closedAt?: string;
  answer?: string;
}

const rungRank = (rung: Rung): number => RUNGS.indexOf(rung);

function initialState(event: CaseEventOf<'received'>): CaseState {
  const { data } = event;
  return {
    id: event.caseId,
    version: 1,
    stage: 'received',
    receivedAt: event.at,
    updatedAt: event.at,
    channel: data.channel,
    categoryCode: data.categoryCode,
    urgency: data.urgency,
    ...(data.requestType ? { requestType: data.requestType } : {}),
    ...(data.gridId ? { gridId: data.gridId } : {}),
    territory: data.territory ? [...data.territory] : [],
    coHandlerIds: [],
    designated: false,
    supervisingLayer: initialSupervisingLayer(data.territory, data.gridId),
    missed: { accept: false, step: false },
    pausedMs: 0,
    counters: { returns: 0, reworks: 0, extensions: 0, suspensions: 0, escalations: 0 },
    escalation: {},
    // A case that comes in as a leader's instruction is a leader's matter from the start.
    leader: { priority: data.channel === 'leaderInstruction' ? 'raised' : 'normal', officeIds: [], instructions: 0 },
    duplicateIds: [],
  };
}

const withoutStep = (state: CaseState): CaseState => {
  const { step: _step, ...rest } = state;
  return { ...rest, missed: { ...state.missed, step: false } };
};

const openStep = (state: CaseState, step: CentreStep, at: string, dueAt: string | undefined): CaseState => ({
  ...state,
  step: { step, startedAt: at, ...(dueAt ? { dueAt } : {}) },
  missed: { ...state.missed, step: false },
});

const withoutPending = (state: CaseState): CaseState => {
  const { pendingRequest: _pending, ...rest } = state;
  return rest;
};

/** A fresh handling window from a configured limit (dispatch, rework); older events may lack the limit. */
function freshClock(at: string, dueAt: string, limit: Duration | undefined): HandleClock {
  return limit
    ? { from: at, dueAt, length: { kind: 'limit', limit }, timeKind: timeKindOf(limit.unit), firedSteps: [] }
    : { from: at, dueAt, length: { kind: 'span', from: at, to: dueAt }, firedSteps: [] };
}

function applyKnown(state: CaseState, event: CaseEvent): CaseState {
  const at = event.at;
  switch (event.type) {
    case 'received':
      throw new CorruptHistory(event.caseId, event.seq, 'a case is received only once, as its first event');
    case 'routed':
      return { ...state, leadId: event.data.leadId, coHandlerIds: [...event.data.coHandlerIds] };
    case 'routingNeedsDecision':
      return { ...openStep(state, 'dispatchDecision', at, event.data.decisionDueAt), stage: 'awaitingDispatch' };
    case 'dispatched': {
      const { data } = event;
      // The same lead with the same due date (a return the centre upheld) keeps its clock and fired rungs:
      // a wrongful return must not buy the unit a fresh ladder.
      const sameWindow = state.handleClock !== undefined && state.leadId === data.leadId && state.handleDueAt === data.handleDueAt;
      const next: CaseState = {
        ...withoutStep(withoutPending(state)),
        stage: 'dispatched',
        leadId: data.leadId,
        coHandlerIds: [...data.coHandlerIds],
        dispatchedAt: at,
        acceptDueAt: data.acceptDueAt,
        handleDueAt: data.handleDueAt,
        missed: { accept: false, step: false },
        handleClock: sameWindow && state.handleClock ? state.handleClock : freshClock(at, data.handleDueAt, data.handleLimit),
      };
      if (data.acceptLimit) next.acceptLimit = data.acceptLimit;
      if (data.handleLimit) next.handleLimit = data.handleLimit;
      const { acceptedAt: _acceptedAt, ...rest } = next;
      return rest;
    }
    case 'accepted':
      return { ...state, stage: 'handling', acceptedAt: at };
    case 'returned': {
      const { unitId, reason, legalBasis, arbitrationDueAt } = event.data;
      return {
        ...openStep(withoutPending(state), 'arbitration', at, arbitrationDueAt),
        stage: 'returned',
        counters: { ...state.counters, returns: state.counters.returns + 1 },
        lastReturn: { unitId, reason, legalBasis, at },
      };
    }
    case 'arbitrated':
      return {
        ...withoutStep(state),
        leadId: event.data.leadId,
        coHandlerIds: [...event.data.coHandlerIds],
        designated: state.designated || event.data.designated,
      };
    case 'escalated': {
      const { rung, supervisingLayer, step } = event.data;
      const reached = state.escalation.rung === undefined || rungRank(rung) > rungRank(state.escalation.rung) ? rung : state.escalation.rung;
      const clock = state.handleClock;
      return {
        ...state,
        supervisingLayer: higherLayer(state.supervisingLayer, supervisingLayer),
        counters: { ...state.counters, escalations: state.counters.escalations + 1 },
        escalation: { rung: reached, lastAt: at },
        ...(clock && step !== undefined && !clock.firedSteps.includes(step)
          ? { handleClock: { ...clock, firedSteps: [...clock.firedSteps, step] } }
          : {}),
      };
    }
    case 'extensionRequested': {
      const { unitId, reason, requestedDueAt, decisionDueAt } = event.data;
      return {
        ...openStep(state, 'extensionDecision', at, decisionDueAt),
        stage: 'extensionRequested',
        pendingRequest: { kind: 'extension', unitId, reason, requestedDueAt, at },
      };
    }
    case 'extensionApproved': {
      const { handleDueAt } = event.data;
      const clock = state.handleClock;
      return {
        ...withoutStep(withoutPending(state)),
        stage: 'handling',
        handleDueAt,
        counters: { ...state.counters, extensions: state.counters.extensions + 1 },
        // Shares of the limit now refer to the span granted, counted from the approval.
        handleClock: {
          from: at,
          dueAt: handleDueAt,
          length: { kind: 'span', from: at, to: handleDueAt },
          ...(clock?.timeKind ? { timeKind: clock.timeKind } : {}),
          firedSteps: clock ? [...clock.firedSteps] : [],
        },
      };
    }
    case 'extensionRefused':
      return { ...withoutStep(withoutPending(state)), stage: 'handling' };
    case 'suspensionRequested': {
      const { unitId, reason, decisionDueAt } = event.data;
      return {
        ...openStep(state, 'extensionDecision', at, decisionDueAt),
        stage: 'extensionRequested',
        pendingRequest: { kind: 'suspension', unitId, reason, at },
      };
    }
    case 'suspended': {
      const { reason, remainingMs, timeKind, resumeAt } = event.data;
      return {
        ...withoutStep(withoutPending(state)),
        stage: 'suspended',
        suspension: {
          since: at,
          reason,
          ...(remainingMs !== undefined ? { remainingMs } : {}),
          ...(timeKind ? { timeKind } : {}),
          ...(resumeAt ? { resumeAt } : {}),
        },
        counters: { ...state.counters, suspensions: state.counters.suspensions + 1 },
      };
    }
    case 'resumed': {
      const { handleDueAt, pausedMs } = event.data;
      const { suspension: _suspension, ...rest } = state;
      const clock = state.handleClock;
      return {
        ...rest,
        stage: 'handling',
        handleDueAt,
        pausedMs: state.pausedMs + Math.max(0, pausedMs ?? 0),
        ...(clock ? { handleClock: { ...clock, from: at, dueAt: handleDueAt } } : {}),
      };
    }
    case 'progressNoted':
      return state;
    case 'resultReported': {
      const { unitId, text, photoUrls, verificationDueAt } = event.data;
      return {
        ...openStep(withoutPending(state), 'verification', at, verificationDueAt),
        stage: 'reported',
        lastResult: { unitId, text, photoUrls: [...photoUrls], at },
      };
    }
    case 'verified': {
      const { lastCallback: _lastCallback, ...rest } = state;
      if (!event.data.passed) return withoutStep(rest);
      // Nobody to call back (a grid worker's own find): the case waits for closing, with no callback clock.
      if (!needsCallback(state)) return { ...withoutStep(rest), stage: 'callback' };
      return { ...openStep(rest, 'callback', at, event.data.callbackDueAt), stage: 'callback' };
    }
    case 'callbackRecorded': {
      const { answer, justified } = event.data;
      return { ...withoutStep(state), lastCallback: { answer, ...(justified !== undefined ? { justified } : {}), at } };
    }
    case 'reworkOrdered': {
      const { handleDueAt, handleLimit } = event.data;
      const { lastCallback: _lastCallback, ...rest } = withoutStep(state);
      const clock = freshClock(at, handleDueAt, handleLimit ?? state.handleLimit);
      const inheritedKind = state.handleClock?.timeKind;
      return {
        ...rest,
        stage: 'handling',
        handleDueAt,
        ...(handleLimit ? { handleLimit } : {}),
        // A rework is a fresh window: the ladder starts again (firedSteps empty) for the redone work.
        handleClock: clock.timeKind === undefined && inheritedKind ? { ...clock, timeKind: inheritedKind } : clock,
        counters: { ...state.counters, reworks: state.counters.reworks + 1 },
      };
    }
    case 'closed':
      return { ...withoutStep(withoutPending(state)), stage: 'closed', closedAt: at, answer: event.data.answer };
    case 'mergedAsDuplicate':
      return { ...state, stage: 'mergedAsDuplicate', stageBeforeMerge: state.stage, masterCaseId: event.data.masterCaseId };
    case 'unmerged': {
      const { masterCaseId: _master, stageBeforeMerge, ...rest } = state;
      return { ...rest, stage: stageBeforeMerge ?? 'received' };
    }
    case 'leaderInstructed': {
      const { officeId } = event.data;
      return {
        ...state,
        leader: {
          priority: 'raised',
          officeIds: state.leader.officeIds.includes(officeId) ? state.leader.officeIds : [...state.leader.officeIds, officeId],
          instructions: state.leader.instructions + 1,
        },
      };
    }
    case 'deadlineMissed':
      return { ...state, missed: event.data.deadline === 'accept' ? { ...state.missed, accept: true } : { ...state.missed, step: true } };
    case 'duplicateAttached': {
      const id = event.data.duplicateCaseId;
      return state.duplicateIds.includes(id) ? state : { ...state, duplicateIds: [...state.duplicateIds, id] };
    }
    case 'duplicateDetached':
      return { ...state, duplicateIds: state.duplicateIds.filter((id) => id !== event.data.duplicateCaseId) };
    default:
      // An event type written by newer code: it still counts towards the version, it just changes nothing here.
      return state;
  }
}

/** Applies one event to the state; `state` is undefined only for the first event, which must be `received`. */
export function applyEvent(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (state === undefined) {
    if (event.type !== 'received') throw new CorruptHistory(event.caseId, event.seq, `the first event must be 'received', not '${event.type}'`);
    if (event.seq !== 1) throw new CorruptHistory(event.caseId, event.seq, 'the first event must have seq 1');
    return initialState(event);
  }
  if (event.caseId !== state.id) throw new CorruptHistory(state.id, event.seq, `the event belongs to case '${event.caseId}'`);
  if (event.seq !== state.version + 1) throw new CorruptHistory(state.id, event.seq, `expected seq ${state.version + 1}`);
  return { ...applyKnown(state, event), version: event.seq, updatedAt: event.at };
}

/** Replays a whole history. */
export function foldEvents(events: readonly CaseEvent[]): CaseState {
  let state: CaseState | undefined;
  for (const event of events) state = applyEvent(state, event);
  if (state === undefined) throw new CorruptHistory('(unknown)', 0, 'a case history starts with its received event and cannot be empty');
  return state;
}

/** Channels with nobody to call back: the case was found by the city's own people. */
const NO_CALLER_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['grid', 'urbanManagement', 'media']);

export const needsCallback = (state: Pick<CaseState, 'channel'>): boolean => !NO_CALLER_CHANNELS.has(state.channel);
