/**
 * Messages to people: departments and territorial units by SMS and email, offices, and the reporter.
 * What to say and to whom is decided in the domain (`domain/notices`); adapters only deliver.
 */
import type { LocalizedText } from '../domain/city/schema.js';

export type NoticeChannel = 'sms' | 'email';

export interface Recipient {
  /** Who, in platform terms: a unit, a department, an office, or the case's reporter. */
  kind: 'unit' | 'unitHead' | 'office' | 'reporter';
  /** The unit's, department's or office's id; for `unitHead` the unit's id; for `reporter` the id of the case they raised. */
  id: string;
  /** For people reading an outbox or a delivery log; adapters address by `id`, `sms` and `email` only. */
  name?: LocalizedText;
  /** E.164 phone numbers. */
  sms: string[];
  /**
   * Email addresses. An adapter that cannot mail an arbitrary address (SNS delivers email only to confirmed
   * topic subscriptions) reads this as "this recipient is to be mailed" and looks up where itself.
   */
  email: string[];
  /**
   * Set when the contacts are alternatives, best first (a reporter's phone or email): deliver on the first
   * of these channels the adapter can reach, and on that one only. Absent: deliver on every contact.
   */
  alternatives?: NoticeChannel[];
}

export interface Notice {
  /**
   * Unique per case event and recipient, so a redelivery can be recognised:
   * `<caseId>#<seq>#<recipient kind>:<recipient id>`.
   */
  id: string;
  caseId: string;
  eventSeq: number;
  /** What happened, e.g. `dispatched`, `dispatched.coHandler`, `escalated.urge`, `deadlineMissed.accept`, `closed`. */
  topic: string;
  recipient: Recipient;
  /** One line; may hold any Unicode (an adapter with a stricter subject rule derives its own from `en`). */
  subject: LocalizedText;
  /** Plain text (no HTML, nothing escaped), complete on its own: SMS adapters send only the body. */
  body: LocalizedText;
  /** The instant of the case event the notice is about, so building notices again gives the same notices. */
  createdAt: string;
}

export interface Notifier {
  /** Delivers every notice or throws; a retry may deliver some twice (SMS and email are at-least-once). */
  send(notices: readonly Notice[]): Promise<void>;
}
