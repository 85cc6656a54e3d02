/**
 * What `noticesFor` takes besides the events and returns: the notices to send, and every recipient a rule
 * named but nobody can reach, so a missing phone number shows up on a dashboard instead of in silence.
 */
import type { CaseEventOf } from '../case/events.js';
import type { Notice } from '../../ports/notifier.js';
import type { UnitLookup } from './directory.js';

export interface NoticeOptions {
  /**
   * The case's own `received` event. The reporter's contact and the address live only there (the state
   * keeps neither), so pass it whenever the new events do not include it; without it the place falls back
   * to the grid and a closing answer cannot reach the reporter (reported as unreachable).
   */
  received?: CaseEventOf<'received'>;
  /**
   * The `received` events of the cases merged into this one as duplicates (并单). When the master closes,
   * each of their reporters gets the answer too. Only cases still attached (`state.duplicateIds`) are told;
   * an attached duplicate whose event is missing here is reported as unreachable.
   */
  duplicates?: readonly CaseEventOf<'received'>[];
  /** The city's units by id as routing keeps them: the directory looks units up there (`directoryOf`). */
  units?: UnitLookup;
}

export type UnreachableReason =
  /** The recipient is known but has no phone number or email address on record. */
  | 'noContact'
  /** An id in the case (lead, co-handler, office) names nothing in the city configuration. */
  | 'unknownRecipient'
  /** The rule could not name anyone: no unit at that layer, no office of that role, no lead yet. */
  | 'unresolved';

export interface Unreachable {
  caseId: string;
  eventSeq: number;
  topic: string;
  /** What the rule asked for: a notify target (`unitHead`, `supervisionOffice`, ...), `lead`, `coHandler` or `reporter`. */
  target: string;
  /** Who it would have been, when that much is known. */
  recipient?: { kind: Notice['recipient']['kind']; id: string };
  reason: UnreachableReason;
  /** In plain English, for the operator who fixes the configuration. */
  detail: string;
}

export interface NoticePlan {
  notices: Notice[];
  unreachable: Unreachable[];
}
