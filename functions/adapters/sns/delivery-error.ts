/**
 * One error for a batch that partly failed, naming every notice that did not go out, so the workflow task
 * fails as a whole and its retry sends the batch again (notices are at-least-once; the ids let a reader
 * spot the repeats). The error's name tells the state machine's Retry whether retrying can help.
 */
import type { NoticeChannel } from '../../ports/notifier.js';

export interface DeliveryFailure {
  noticeId: string;
  channel: NoticeChannel;
  /** The topic ARN, or the phone number with its middle digits masked (error messages end up in logs). */
  target: string;
  error: string;
  /** False when sending the same request again cannot succeed (bad number, missing topic, no permission). */
  retryable: boolean;
}

/** SNS errors that come back the same on every retry of the same request. */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'NotFoundException',
  'AuthorizationErrorException',
  'InvalidSecurityException',
  'ValidationException',
]);

export const isPermanent = (error: unknown): boolean => error instanceof Error && PERMANENT.has(error.name);

export const maskPhone = (phone: string): string => (phone.length > 8 ? `${phone.slice(0, 6)}****${phone.slice(-4)}` : '****');

/** Error details kept in the message; beyond this many, a count (Step Functions caps an error's cause). */
const LISTED = 20;

export class NoticeDeliveryError extends Error {
  /** Every notice id with at least one failed delivery, in the order given. */
  readonly failedNoticeIds: string[];
  readonly retryable: boolean;

  constructor(
    readonly failures: readonly DeliveryFailure[],
    readonly attempted: number,
  ) {
    const failedNoticeIds = [...new Set(failures.map((failure) => failure.noticeId))];
    const details = failures.slice(0, LISTED).map((f) => `${f.noticeId} ${f.channel} ${f.target}: ${f.error}`);
    if (failures.length > LISTED) details.push(`and ${failures.length - LISTED} more`);
    super(
      `${failures.length} of ${attempted} deliveries failed, for notices ${failedNoticeIds.join(', ')}: ${details.join('; ')}`,
    );
    this.failedNoticeIds = failedNoticeIds;
    this.retryable = failures.some((failure) => failure.retryable);
    // Step Functions matches Retry and Catch on the error name.
    this.name = this.retryable ? 'NoticeDeliveryFailed' : 'NoticeDeliveryRejected';
  }
}
