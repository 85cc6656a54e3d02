/**
 * What people and the system ask of a case. Commands are requests, checked by `decide`; only the events it
 * returns are facts. Instants are ISO 8601 strings, as in events; every field may arrive malformed from the
 * outside, which `decide` reports with the field's name.
 */
import type { OwnerRule, StageLimits } from '../city/schema.js';
import type { Satisfaction, WatchedDeadline } from './events.js';

export interface RoutedDecision {
  kind: 'routed';
  leadId: string;
  coHandlerIds?: string[];
  responsibilityVersion: number;
  ownerRule: OwnerRule;
  /** The responsibility row's own limits, when it has them; otherwise the category's apply. */
  limits?: StageLimits;
}

export interface UndecidedRouting {
  kind: 'needsDecision';
  reason: string;
}

/** The router's outcome for a new case: a lead unit from the responsibility list, or a question for a dispatcher. */
export interface RouteCommand {
  type: 'route';
  decision: RoutedDecision | UndecidedRouting;
}

/** A dispatcher (or the system, for cases routed by hand elsewhere) sends the case to its lead unit. */
export interface DispatchCommand {
  type: 'dispatch';
  leadId: string;
  coHandlerIds?: string[];
  limits?: StageLimits;
}

export interface AcceptCommand {
  type: 'accept';
}

/** 退单: the lead unit says the case is not theirs, and on what legal basis. */
export interface ReturnCommand {
  type: 'return';
  reason: string;
  legalBasis: string;
}

/** 确权: the centre settles a return by upholding the dispatch or naming the lead and co-handlers. */
export interface ArbitrateCommand {
  type: 'arbitrate';
  uphold?: boolean;
  leadId?: string;
  coHandlerIds?: string[];
}

/** The centre fixes the lead for good (责任主体唯一); no further returns. Required once returns hit the limit. */
export interface DesignateCommand {
  type: 'designate';
  leadId: string;
  coHandlerIds?: string[];
}

export interface RequestExtensionCommand {
  type: 'requestExtension';
  reason: string;
  requestedDueAt: string;
}

/** Approves the pending extension; the centre may grant a date other than the one requested. */
export interface ApproveExtensionCommand {
  type: 'approveExtension';
  handleDueAt?: string;
}

export interface RefuseExtensionCommand {
  type: 'refuseExtension';
  reason: string;
}

export interface RequestSuspensionCommand {
  type: 'requestSuspension';
  reason: string;
}

/** 挂起/缓办: stops the handling clock, on the unit's request or on the centre's own initiative. */
export interface SuspendCommand {
  type: 'suspend';
  reason: string;
  resumeAt?: string;
}

export interface RefuseSuspensionCommand {
  type: 'refuseSuspension';
  reason: string;
}

export interface ResumeCommand {
  type: 'resume';
}

export interface NoteProgressCommand {
  type: 'noteProgress';
  text: string;
}

export interface ReportResultCommand {
  type: 'reportResult';
  text: string;
  photoUrls?: string[];
}

/** 核查: on-site check of the reported result; a failed check sends the case back for rework. */
export interface VerifyCommand {
  type: 'verify';
  passed: boolean;
  note?: string;
}

/**
 * 回访: the citizen's answer. An unsatisfied answer needs the centre's judgement (`justified`): a justified
 * complaint about the handling orders rework, an unjustified one (asking for what the law does not give) does not.
 */
export interface RecordCallbackCommand {
  type: 'recordCallback';
  answer: Satisfaction | 'noAnswer';
  justified?: boolean;
  note?: string;
}

/** 结案, with the answer that goes out through the one door to whoever raised the case. */
export interface CloseCommand {
  type: 'close';
  answer: string;
}

export interface MergeAsDuplicateCommand {
  type: 'mergeAsDuplicate';
  masterCaseId: string;
}

export interface UnmergeCommand {
  type: 'unmerge';
}

/** The master's side of a merge: issued on the master case after `mergeAsDuplicate` on the duplicate. */
export interface AttachDuplicateCommand {
  type: 'attachDuplicate';
  duplicateCaseId: string;
}

export interface DetachDuplicateCommand {
  type: 'detachDuplicate';
  duplicateCaseId: string;
}

/** 领导批示: a leader's instruction on the case; priority rises and the leader's office hears of every rung. */
export interface LeaderInstructCommand {
  type: 'leaderInstruct';
  officeId: string;
  text: string;
}

/** Fires a ladder step that is due; `step` indexes the ladder for the case's urgency. */
export interface EscalateCommand {
  type: 'escalate';
  step: number;
}

/** Records that a deadline without a ladder (acceptance, the centre's steps) passed undone. */
export interface NoteDeadlineMissedCommand {
  type: 'noteDeadlineMissed';
  deadline: WatchedDeadline;
}

export type CaseCommand =
  | RouteCommand
  | DispatchCommand
  | AcceptCommand
  | ReturnCommand
  | ArbitrateCommand
  | DesignateCommand
  | RequestExtensionCommand
  | ApproveExtensionCommand
  | RefuseExtensionCommand
  | RequestSuspensionCommand
  | SuspendCommand
  | RefuseSuspensionCommand
  | ResumeCommand
  | NoteProgressCommand
  | ReportResultCommand
  | VerifyCommand
  | RecordCallbackCommand
  | CloseCommand
  | MergeAsDuplicateCommand
  | UnmergeCommand
  | AttachDuplicateCommand
  | DetachDuplicateCommand
  | LeaderInstructCommand
  | EscalateCommand
  | NoteDeadlineMissedCommand;

export type CommandType = CaseCommand['type'];
export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;
