/**
 * The vocabulary of a case: its stages, the actors who move it, and the immutable events it leaves.
 *
 * Every rule that looks back at a case (deadlines, appraisal, the timeline) reads these events, so they
 * carry the facts themselves (who, when, which unit, which deadline) rather than references to state
 * that may change later.
 */
import type { Duration, Level, NOTIFY_TARGETS, RequestType, Role, Rung, Urgency } from '../city/schema.js';
import type { TimeKind } from '../calendar/types.js';

export const CHANNELS = [
  'hotline', // 12345
  'grid', // a grid worker's report (网格通)
  'urbanManagement', // 数字城管 inspectors
  'web',
  'app',
  'wechat',
  'open311',
  'leaderInstruction', // 领导批示
  'media', // 网络舆情 / media
  'police110', // 110 ↔ 12345 linkage
] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAGES = [
  'received', // in the door, not yet routed
  'awaitingDispatch', // routing needs a dispatcher's decision
  'dispatched', // sent to the lead unit, waiting for acceptance (the clock already runs)
  'returned', // the unit sent it back with reason and legal basis; the centre must arbitrate
  'handling', // accepted and being handled
  'extensionRequested', // handling goes on; the centre must answer the request
  'suspended', // the clock is paused (挂起/缓办)
  'reported', // result reported, waiting for verification
  'callback', // verified; the citizen is being called back
  'closed',
  'mergedAsDuplicate', // closed with its master case
] as const;
export type Stage = (typeof STAGES)[number];

/** Open means supervision still runs for it. */
export const isOpenStage = (stage: Stage): boolean => stage !== 'closed' && stage !== 'mergedAsDuplicate';

export type ActorKind = Role | 'system';

export interface Actor {
  kind: ActorKind;
  /** A user id, or the name of the system component (e.g. `router`, `supervision`). */
  id: string;
  /** The unit or department the actor acts for, if any. */
  unitId?: string;
}

export type { GeoPoint } from '../geo/types.js';
import type { GeoPoint } from '../geo/types.js';

export type Satisfaction = 'satisfied' | 'basicallySatisfied' | 'unsatisfied';

/** A territorial unit the case lies in, with its layer; a chain lists them from the lowest layer up. */
export interface TerritoryLink {
  unitId: string;
  level: Level;
}

/** The centre's own steps, each with a limit in the city's `centreLimits`. */
export type CentreStep = 'dispatchDecision' | 'arbitration' | 'extensionDecision' | 'verification' | 'callback';

/** Deadlines whose passing is recorded as a `deadlineMissed` event (the handling limit has its ladder instead). */
export type WatchedDeadline = 'accept' | Exclude<CentreStep, 'callback'>;

export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

/** Event payloads by type. Times are ISO 8601 instants in UTC. */
export interface CaseEventData {
  received: {
    channel: Channel;
    categoryCode: string;
    urgency: Urgency;
    requestType?: RequestType;
    location?: GeoPoint;
    gridId?: string;
    address?: string;
    description: string;
    externalId?: string;
    /** Where intake located the case, lowest layer first (grid, community, ... city); supervision starts at the first. */
    territory?: TerritoryLink[];
    /**
     * How to reach whoever raised the case, as they gave it (a caller's phone, a web form's email), so the
     * answer leaves through the door the case came in by. Absent for the city's own finds (grid, inspectors).
     */
    reporter?: { name?: string; phone?: string; email?: string };
    /** Photos of the problem as the reporter sent them (http(s) URLs). */
    photoUrls?: string[];
    /** Answers to the category's fields, by field code (lists for multi-value fields). */
    attributes?: Record<string, string | string[]>;
  };
  routed: { leadId: string; coHandlerIds: string[]; responsibilityVersion: number; ownerRule: 'ownerFirst' | 'territoryFirst' };
  routingNeedsDecision: { reason: string; decisionDueAt?: string };
  dispatched: {
    leadId: string;
    coHandlerIds: string[];
    acceptDueAt: string;
    handleDueAt: string;
    /** The limits the deadlines were computed from, so later shifts and ladders need no configuration lookup. */
    acceptLimit?: Duration;
    handleLimit?: Duration;
  };
  accepted: { unitId: string };
  returned: { unitId: string; reason: string; legalBasis: string; arbitrationDueAt?: string };
  /** The centre settles a return: names the lead and co-handlers, or upholds the dispatch. */
  arbitrated: { leadId: string; coHandlerIds: string[]; upheld: boolean; designated: boolean };
  escalated: {
    rung: Rung;
    supervisingLayer: Level;
    unitId: string;
    card?: 'yellow' | 'red';
    dueAt: string;
    /** Index of the ladder step that fired (in the ladder for the case's urgency), so it never fires twice. */
    step?: number;
    notify?: NotifyTarget[];
  };
  extensionRequested: { unitId: string; reason: string; requestedDueAt: string; decisionDueAt?: string };
  extensionApproved: { previousDueAt: string; handleDueAt: string };
  /** Refuses the pending request: an extension, or (with `request: 'suspension'`) a suspension. */
  extensionRefused: { reason: string; request?: 'extension' | 'suspension' };
  suspensionRequested: { unitId: string; reason: string; decisionDueAt?: string };
  suspended: {
    reason: string;
    /** Handling time left when the clock stopped, in `timeKind`; pinned now so later calendar edits cannot change it. */
    remainingMs?: number;
    timeKind?: TimeKind;
    /** When the case should resume by itself (seasonal work), if known. */
    resumeAt?: string;
  };
  resumed: { handleDueAt: string; pausedMs?: number };
  progressNoted: { unitId: string; text: string };
  resultReported: { unitId: string; text: string; photoUrls: string[]; verificationDueAt?: string };
  verified: { passed: boolean; note?: string; callbackDueAt?: string };
  callbackRecorded: { answer: Satisfaction | 'noAnswer'; justified?: boolean; note?: string };
  reworkOrdered: { source: 'verification' | 'callback'; reason: string; handleDueAt: string; handleLimit?: Duration };
  closed: { answer: string };
  mergedAsDuplicate: { masterCaseId: string };
  unmerged: { masterCaseId: string };
  leaderInstructed: { officeId: string; text: string };
  /** A deadline without a ladder of its own passed with its step undone (recorded once, for the timeline and appraisal). */
  deadlineMissed: { deadline: WatchedDeadline; dueAt: string; unitId?: string };
  /** Recorded on the master case when another case is merged into it as a duplicate (并单). */
  duplicateAttached: { duplicateCaseId: string };
  duplicateDetached: { duplicateCaseId: string };
}

export type CaseEventType = keyof CaseEventData;

export type CaseEvent = {
  [T in CaseEventType]: {
    caseId: string;
    /** Position in the case's history, from 1; also the version of the case after the event. */
    seq: number;
    type: T;
    at: string;
    actor: Actor;
    /** Why, in the actor's words, where the action needs one. */
    reason?: string;
    data: CaseEventData[T];
  };
}[CaseEventType];

export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
