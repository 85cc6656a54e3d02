/**
 * Notices as SNS Publish requests. SMS goes straight to each phone number (Publish with PhoneNumber); email
 * goes to the recipient's own topic, whose confirmed subscriptions are that unit's addresses.
 *
 * Limits checked against the SNS API reference (Publish) and developer guide ("Publishing to a mobile phone"):
 * - Subject: used as the email subject; no line breaks or control characters, fewer than 100 characters.
 *   SNS replaces a subject with non-printable or non-ASCII characters by an error text, so only printable
 *   ASCII is sent (the English subject, with typographic characters folded to ASCII).
 * - PhoneNumber: E.164. An SMS holds 140 bytes (70 UCS-2 characters for Chinese); longer texts go as several
 *   parts, and one Publish takes at most 1,600 bytes.
 * - SMS settings per message through reserved MessageAttributes: `AWS.SNS.SMS.SMSType` (Transactional for
 *   time-critical messages), `AWS.SNS.SMS.SenderID` (3-11 letters and digits, at least one letter; shown
 *   only where the country supports sender IDs), `AWS.MM.SMS.OriginationNumber` (a number the account owns).
 */
import type { MessageAttributeValue, PublishCommandInput } from '@aws-sdk/client-sns';
import type { Notice } from '../../ports/notifier.js';

export interface SmsSettings {
  senderId?: string;
  originationNumber?: string;
  /** The language of the SMS text; defaults to Chinese. Email always carries both. */
  language?: 'zh' | 'en';
}

const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** Refuses settings SNS would reject on every message, at start-up rather than at the first escalation. */
export function checkSmsSettings(settings: SmsSettings): void {
  if (settings.senderId !== undefined && !SENDER_ID.test(settings.senderId)) {
    throw new RangeError(`SMS sender ID '${settings.senderId}' must be 3-11 letters and digits with at least one letter`);
  }
  if (settings.originationNumber !== undefined && !E164.test(settings.originationNumber)) {
    throw new RangeError(`SMS origination number '${settings.originationNumber}' must be an E.164 number such as +8613800000000`);
  }
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/** Fewer than 100 characters: the Publish limit. */
export const SUBJECT_MAX = 99;

const FOLDS: readonly [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u2033]/g, '"'],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u3010\uFF3B]/g, '['],
  [/[\u3011\uFF3D]/g, ']'],
];

/**
 * An email subject SNS will keep: printable ASCII, one line, at most 99 characters, starting with a
 * letter, digit or punctuation mark. Accents are dropped (é → e); other non-ASCII text is removed.
 */
export function asciiSubject(subject: string, fallback: string): string {
  let ascii = subject.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  for (const [pattern, replacement] of FOLDS) ascii = ascii.replace(pattern, replacement);
  ascii = ascii.replace(/[^\x21-\x7E]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  // Brackets and colons alone say nothing: an all-Chinese subject gets the fallback instead.
  if (!/[A-Za-z0-9]/.test(ascii)) ascii = fallback;
  return ascii.length <= SUBJECT_MAX ? ascii : `${ascii.slice(0, SUBJECT_MAX - 3).trimEnd()}...`;
}

/** The email text: Chinese first, then English, then the notice id for anyone tracing a message. */
export function emailMessage(notice: Notice): string {
  return [
    notice.subject.zh,
    '',
    notice.body.zh,
    '',
    '----------------------------------------',
    '',
    notice.subject.en,
    '',
    notice.body.en,
    '',
    `通知编号 / Notice ID: ${notice.id}`,
  ].join('\n');
}

/**
 * Text past SNS's 1,600-byte Publish limit would be refused, so a long text is cut with an ellipsis: the
 * SMS is the alert, the email and the case record carry the whole text. Chinese counts 2 bytes a character
 * (UCS-2); plain ASCII is budgeted at 1 byte, less a margin for characters GSM encodes in two septets.
 */
export function smsMessage(notice: Notice, language: 'zh' | 'en'): string {
  const body = notice.body[language];
  // eslint-disable-next-line no-control-regex -- testing for the ASCII range is the point
  const limit = /^[\x00-\x7F]*$/.test(body) ? 1_400 : 800;
  return body.length <= limit ? body : `${body.slice(0, limit - 1)}…`;
}

export function smsInput(notice: Notice, phoneNumber: string, settings: SmsSettings): PublishCommandInput {
  const attributes: Record<string, MessageAttributeValue> = { 'AWS.SNS.SMS.SMSType': text('Transactional') };
  if (settings.senderId) attributes['AWS.SNS.SMS.SenderID'] = text(settings.senderId);
  if (settings.originationNumber) attributes['AWS.MM.SMS.OriginationNumber'] = text(settings.originationNumber);
  return { PhoneNumber: phoneNumber, Message: smsMessage(notice, settings.language ?? 'zh'), MessageAttributes: attributes };
}

export function emailInput(notice: Notice, topicArn: string): PublishCommandInput {
  return {
    TopicArn: topicArn,
    Subject: asciiSubject(notice.subject.en, `Civic Loop notice for case ${notice.caseId}`),
    Message: emailMessage(notice),
    // For delivery logs and, should a subscriber ever need one, a filter; the topic already picks the unit.
    MessageAttributes: { caseId: text(notice.caseId), topic: text(notice.topic), recipientId: text(notice.recipient.id) },
  };
}
