/**
 * The Notifier on AWS: SMS and email through Amazon SNS.
 *
 * Each unit's people must get only that unit's orders. Two designs give that with SNS: one topic for all,
 * with a subscription filter policy per subscriber on a `recipientId` attribute, or one topic per recipient.
 * Filter policies do not scale to a city: SNS allows 200 filter policies per topic by default (raised only
 * on request, account-wide), and a city has thousands of units, departments and offices (the demo city
 * alone has about 8,000 territorial units). So the CDK stack creates a topic per recipient with that
 * recipient's email subscriptions, and this adapter publishes to it, found by `topicArnFor`.
 *
 * SMS needs no topic: Publish with `PhoneNumber` texts one number directly, so a unit's duty phones and
 * its head's mobile are texted one by one. (Where SNS cannot send SMS, such as mainland China, another
 * adapter implements the same port.)
 */
import { PublishCommand, type PublishCommandInput, type PublishCommandOutput } from '@aws-sdk/client-sns';
import type { Notice, NoticeChannel, Notifier, Recipient } from '../../ports/notifier.js';
import { settleBounded } from './bounded.js';
import { NoticeDeliveryError, isPermanent, maskPhone, type DeliveryFailure } from './delivery-error.js';
import { checkSmsSettings, emailInput, smsInput, type SmsSettings } from './publish-inputs.js';

/** The one call the adapter makes; an `SNSClient` fits, and so does a fake in tests. */
export interface SnsPublisher {
  send(command: PublishCommand): Promise<PublishCommandOutput>;
}

export interface SnsNotifierSettings {
  client: SnsPublisher;
  /**
   * The email topic of a recipient (a unit, department, office, or a head), as the CDK stack named it;
   * `undefined` when it has none. Reporters have no topic (SNS mails only confirmed subscribers): one who
   * left a phone number is texted instead; one who left only an email address cannot be reached here, and
   * the notice fails as not retryable (that needs an email-capable adapter, such as SES).
   */
  topicArnFor(recipient: Recipient): string | undefined;
  sms?: SmsSettings;
  /** Publish calls in flight at once; default 8. */
  concurrency?: number;
}

interface Delivery {
  notice: Notice;
  channel: NoticeChannel;
  /** Shown in errors: the masked phone number or the topic ARN. */
  target: string;
  input?: PublishCommandInput;
  /** Known before sending: this delivery cannot be made. */
  problem?: string;
}

const DEFAULT_CONCURRENCY = 8;

export class SnsNotifier implements Notifier {
  private readonly concurrency: number;

  constructor(private readonly settings: SnsNotifierSettings) {
    checkSmsSettings(settings.sms ?? {});
    this.concurrency = settings.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError(`concurrency must be at least 1, not ${this.concurrency}`);
  }

  /** Every SMS and email of the notices, in parallel up to the bound; throws one error naming every failure. */
  async send(notices: readonly Notice[]): Promise<void> {
    const deliveries = notices.flatMap((notice) => this.deliveriesOf(notice));
    const results = await settleBounded(deliveries, this.concurrency, async (delivery) => {
      if (delivery.problem !== undefined || delivery.input === undefined) throw new MissingTopic(delivery.problem ?? 'nothing to publish');
      return this.settings.client.send(new PublishCommand(delivery.input));
    });
    const failures: DeliveryFailure[] = [];
    results.forEach((result, index) => {
      const delivery = deliveries[index];
      if (result.status === 'fulfilled' || !delivery) return;
      const error: unknown = result.reason;
      failures.push({
        noticeId: delivery.notice.id,
        channel: delivery.channel,
        target: delivery.target,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        retryable: !(error instanceof MissingTopic) && !isPermanent(error),
      });
    });
    if (failures.length > 0) throw new NoticeDeliveryError(failures, deliveries.length);
  }

  private deliveriesOf(notice: Notice): Delivery[] {
    const { recipient } = notice;
    const who = `${recipient.kind}:${recipient.id}`;
    if (recipient.alternatives) {
      // Alternatives (a reporter's phone or email): the first this adapter can reach, and only that one.
      for (const channel of recipient.alternatives) {
        const deliveries = channel === 'sms' ? this.smsOf(notice) : this.emailOf(notice);
        if (deliveries.length > 0 && deliveries.every((delivery) => delivery.problem === undefined)) return deliveries;
      }
      return [{ notice, channel: recipient.alternatives[0] ?? 'email', target: who, problem: `no way to reach ${who}: no phone number and no email topic` }];
    }
    return [...this.smsOf(notice), ...this.emailOf(notice)];
  }

  private smsOf(notice: Notice): Delivery[] {
    const sms = this.settings.sms ?? {};
    return [...new Set(notice.recipient.sms)].map((phone) => ({ notice, channel: 'sms', target: maskPhone(phone), input: smsInput(notice, phone, sms) }));
  }

  /** One publish to the recipient's topic, which fans out to its confirmed subscriptions. */
  private emailOf(notice: Notice): Delivery[] {
    if (notice.recipient.email.length === 0) return [];
    const topicArn = this.settings.topicArnFor(notice.recipient);
    const who = `${notice.recipient.kind}:${notice.recipient.id}`;
    return [
      topicArn
        ? { notice, channel: 'email', target: topicArn, input: emailInput(notice, topicArn) }
        : { notice, channel: 'email', target: who, problem: `no email topic for ${who}` },
    ];
  }
}

/** A recipient to be mailed without a topic: a configuration gap no retry closes. */
class MissingTopic extends Error {
  override readonly name = 'MissingTopic';
}
