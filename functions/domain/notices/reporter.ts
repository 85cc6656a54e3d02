/**
 * How to reach whoever raised a case: through the contact they left, preferring the channel they came by.
 * The contacts are alternatives, so nobody gets the same answer twice.
 */
import { needsCallback } from '../case/case-state.js';
import type { CaseEventOf, Channel } from '../case/events.js';
import type { NoticeChannel } from '../../ports/notifier.js';
import type { Resolved } from './recipients.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Channels where people write rather than call: email is their preferred door out, when they left an address. */
const WRITTEN: ReadonlySet<Channel> = new Set<Channel>(['web', 'open311']);

/**
 * The reporter of the case `received` opened, or `undefined` when the city itself found the case (a grid
 * worker, an inspector, the media desk) and left no contact: there is nobody to answer then.
 */
export function reporterRecipient(received: CaseEventOf<'received'>, target: string): Resolved | undefined {
  const { channel, reporter } = received.data;
  const id = received.caseId;
  // Spaces and dashes as people write them (+86 138-0000-0001) are dropped; a number without its country
  // code cannot be made E.164 here (the city configuration has no country), so it is reported instead.
  const phone = reporter?.phone?.replace(/[\s-]/g, '');
  const email = reporter?.email?.trim();
  const validPhone = phone && E164.test(phone) ? phone : undefined;
  const validEmail = email && EMAIL.test(email) ? email : undefined;
  const miss = (detail: string): Resolved => ({ miss: { target, recipient: { kind: 'reporter', id }, reason: 'noContact', detail } });

  if (!validPhone && !validEmail) {
    // A channel adapter may pass on a malformed contact; sending to it would fail on every retry. Say so instead.
    if (phone || email) return miss(`the reporter of ${id} left no usable contact (the phone must be E.164, the email an address)`);
    return needsCallback({ channel }) ? miss(`the reporter of ${id} left no phone number or email address`) : undefined;
  }
  const name = reporter?.name?.trim();
  // Both contacts go along as alternatives: the adapter uses the preferred one if it can reach it (SNS
  // mails only confirmed topic subscribers, so it texts a web reporter who also left a phone number).
  const alternatives: NoticeChannel[] = WRITTEN.has(channel) ? ['email', 'sms'] : ['sms', 'email'];
  return {
    target,
    recipient: {
      kind: 'reporter',
      id,
      ...(name ? { name: { zh: name, en: name } } : {}),
      sms: validPhone ? [validPhone] : [],
      email: validEmail ? [validEmail] : [],
      alternatives: alternatives.filter((c) => (c === 'sms' ? validPhone : validEmail) !== undefined),
    },
  };
}
