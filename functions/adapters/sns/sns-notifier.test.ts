import type { PublishCommand, PublishCommandInput, PublishCommandOutput, SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import type { Notice, Recipient } from '../../ports/notifier.js';
import { NoticeDeliveryError } from './delivery-error.js';
import { SnsNotifier, type SnsPublisher } from './sns-notifier.js';

/** Records every command; can hold calls open to measure concurrency, and fail chosen ones. */
class FakeSns implements SnsPublisher {
  readonly inputs: PublishCommandInput[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly failWith: (input: PublishCommandInput) => Error | undefined = () => undefined) {}

  async send(command: PublishCommand): Promise<PublishCommandOutput> {
    this.inputs.push(command.input);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    // Let every other worker run before this call completes, so overlapping calls are really in flight.
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight -= 1;
    const error = this.failWith(command.input);
    if (error) throw error;
    return { MessageId: `message-${this.inputs.length}`, $metadata: {} };
  }
}

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

const recipient = (overrides: Partial<Recipient> = {}): Recipient => ({
  kind: 'unit',
  id: 'longting-urban-management',
  sms: ['+8613900000311'],
  email: ['paidan@cgj.longting.example.cn'],
  ...overrides,
});

const notice = (id = 'case-1#3#unit:longting-urban-management', to: Recipient = recipient()): Notice => ({
  id,
  caseId: 'case-1',
  eventSeq: 3,
  topic: 'dispatched',
  recipient: to,
  subject: { zh: '【派单】case-1 暴露垃圾：请于 2026-09-14 10:01 前签收', en: '[New order] case-1 Exposed rubbish: accept by 2026-09-14 10:01' },
  body: { zh: '贵单位收到新派单。\n案件编号：case-1', en: 'Your unit has a new order.\nCase: case-1' },
  createdAt: '2026-09-14T01:01:00.000Z',
});

const TOPIC = 'arn:aws:sns:ap-east-1:123456789012:civic-loop-unit-longting-urban-management';
const topicArnFor = (r: Recipient): string | undefined => (r.kind === 'reporter' ? undefined : `arn:aws:sns:ap-east-1:123456789012:civic-loop-${r.kind === 'unitHead' ? 'head' : r.kind}-${r.id}`);

describe('publish requests', () => {
  it('texts each number directly as a transactional SMS, in Chinese by default', async () => {
    const sns = new FakeSns();
    await new SnsNotifier({ client: sns, topicArnFor }).send([notice('n1', recipient({ sms: ['+8613900000311', '+8613900000312', '+8613900000311'], email: [] }))]);
    const sms = (phone: string): PublishCommandInput => ({
      PhoneNumber: phone,
      Message: '贵单位收到新派单。\n案件编号：case-1',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
    // A number listed twice is texted once.
    expect(sns.inputs).toEqual([sms('+8613900000311'), sms('+8613900000312')]);
  });

  it('adds the sender ID and origination number when the city has them, and texts English when asked', async () => {
    const sns = new FakeSns();
    const notifier = new SnsNotifier({ client: sns, topicArnFor, sms: { senderId: 'CivicLoop', originationNumber: '+12065550100', language: 'en' } });
    await notifier.send([notice('n1', recipient({ email: [] }))]);
    expect(sns.inputs).toEqual([
      {
        PhoneNumber: '+8613900000311',
        Message: 'Your unit has a new order.\nCase: case-1',
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'CivicLoop' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+12065550100' },
        },
      },
    ]);
  });

  it('mails through the recipient’s own topic with an ASCII subject, a bilingual body and the case attributes', async () => {
    const sns = new FakeSns();
    const asked: Recipient[] = [];
    await new SnsNotifier({
      client: sns,
      topicArnFor: (r) => {
        asked.push(r);
        return TOPIC;
      },
    }).send([notice('case-1#3#unit:longting-urban-management', recipient({ sms: [] }))]);
    expect(asked).toEqual([recipient({ sms: [] })]);
    expect(sns.inputs).toEqual([
      {
        TopicArn: TOPIC,
        Subject: '[New order] case-1 Exposed rubbish: accept by 2026-09-14 10:01',
        Message: [
          '【派单】case-1 暴露垃圾：请于 2026-09-14 10:01 前签收',
          '',
          '贵单位收到新派单。\n案件编号：case-1',
          '',
          '----------------------------------------',
          '',
          '[New order] case-1 Exposed rubbish: accept by 2026-09-14 10:01',
          '',
          'Your unit has a new order.\nCase: case-1',
          '',
          '通知编号 / Notice ID: case-1#3#unit:longting-urban-management',
        ].join('\n'),
        MessageAttributes: {
          caseId: { DataType: 'String', StringValue: 'case-1' },
          topic: { DataType: 'String', StringValue: 'dispatched' },
          recipientId: { DataType: 'String', StringValue: 'longting-urban-management' },
        },
      },
    ]);
  });

  it('sends a recipient with phones and addresses one SMS per phone and one email', async () => {
    const sns = new FakeSns();
    await new SnsNotifier({ client: sns, topicArnFor }).send([notice('n1', recipient({ sms: ['+8613900000311', '+8613900000312'] }))]);
    expect(sns.inputs.map((input) => input.PhoneNumber ?? input.TopicArn)).toEqual([
      '+8613900000311',
      '+8613900000312',
      'arn:aws:sns:ap-east-1:123456789012:civic-loop-unit-longting-urban-management',
    ]);
  });

  it('makes no call for no notices', async () => {
    const sns = new FakeSns();
    await new SnsNotifier({ client: sns, topicArnFor }).send([]);
    expect(sns.inputs).toEqual([]);
  });

  it('accepts the real SNSClient as its client', () => {
    const fits = (client: SNSClient): SnsPublisher => client;
    expect(fits).toBeTypeOf('function');
  });
});

describe('alternatives (a reporter’s phone or email)', () => {
  const reporter = (alternatives: Recipient['alternatives'], sms = ['+8613800000001']): Recipient => ({
    kind: 'reporter',
    id: 'case-1',
    sms,
    email: ['zhang@example.cn'],
    alternatives,
  });

  it('uses the first channel it can reach, and only that one', async () => {
    const mailable = new FakeSns();
    await new SnsNotifier({ client: mailable, topicArnFor: () => TOPIC }).send([notice('r', reporter(['email', 'sms']))]);
    expect(mailable.inputs.map((input) => input.TopicArn ?? input.PhoneNumber)).toEqual([TOPIC]);

    // Reporters have no topic: the phone they also left is texted instead.
    const texted = new FakeSns();
    await new SnsNotifier({ client: texted, topicArnFor }).send([notice('r', reporter(['email', 'sms']))]);
    expect(texted.inputs.map((input) => input.TopicArn ?? input.PhoneNumber)).toEqual(['+8613800000001']);
  });

  it('fails as not retryable when none of them can be reached', async () => {
    const sns = new FakeSns();
    const error = (await new SnsNotifier({ client: sns, topicArnFor }).send([notice('r', reporter(['email'], []))]).catch((e: unknown) => e)) as NoticeDeliveryError;
    expect(sns.inputs).toEqual([]);
    expect(error.name).toBe('NoticeDeliveryRejected');
    expect(error.failures).toEqual([
      { noticeId: 'r', channel: 'email', target: 'reporter:case-1', error: 'MissingTopic: no way to reach reporter:case-1: no phone number and no email topic', retryable: false },
    ]);
  });
});

describe('concurrency', () => {
  it('keeps at most the configured number of publishes in flight, and sends them all', async () => {
    const sns = new FakeSns();
    const phones = Array.from({ length: 20 }, (_, i) => `+86139000004${String(i).padStart(2, '0')}`);
    await new SnsNotifier({ client: sns, topicArnFor, concurrency: 3 }).send([notice('n1', recipient({ sms: phones }))]);
    expect(sns.inputs).toHaveLength(21);
    expect(sns.maxInFlight).toBe(3);
  });

  it('defaults to 8', async () => {
    const sns = new FakeSns();
    const phones = Array.from({ length: 30 }, (_, i) => `+86139000004${String(i).padStart(2, '0')}`);
    await new SnsNotifier({ client: sns, topicArnFor }).send([notice('n1', recipient({ sms: phones, email: [] }))]);
    expect(sns.maxInFlight).toBe(8);
  });

  it('refuses a bound below 1', () => {
    expect(() => new SnsNotifier({ client: new FakeSns(), topicArnFor, concurrency: 0 })).toThrow(RangeError);
  });
});

describe('failures', () => {
  it('tries every delivery, then throws one error naming each failed notice, with phone numbers masked', async () => {
    const sns = new FakeSns((input) => {
      if (input.PhoneNumber === '+8613900000312') return awsError('ThrottlingException', 'Rate exceeded');
      if (input.TopicArn?.endsWith('office-kaifeng-command-centre')) return awsError('InternalErrorException', 'Try again');
      return undefined;
    });
    const notices = [
      notice('case-1#3#unit:a', recipient({ id: 'a', sms: ['+8613900000311', '+8613900000312'], email: [] })),
      notice('case-1#3#office:kaifeng-command-centre', recipient({ kind: 'office', id: 'kaifeng-command-centre', sms: ['+8613900000401'] })),
      notice('case-1#3#unit:b', recipient({ id: 'b', sms: ['+8613900000321'], email: [] })),
    ];
    const error = await new SnsNotifier({ client: sns, topicArnFor, concurrency: 2 }).send(notices).catch((e: unknown) => e);
    expect(sns.inputs).toHaveLength(5);
    expect(error).toBeInstanceOf(NoticeDeliveryError);
    const failure = error as NoticeDeliveryError;
    expect(failure.name).toBe('NoticeDeliveryFailed');
    expect(failure.retryable).toBe(true);
    expect(failure.attempted).toBe(5);
    expect(failure.failedNoticeIds).toEqual(['case-1#3#unit:a', 'case-1#3#office:kaifeng-command-centre']);
    expect(failure.failures).toEqual([
      { noticeId: 'case-1#3#unit:a', channel: 'sms', target: '+86139****0312', error: 'ThrottlingException: Rate exceeded', retryable: true },
      {
        noticeId: 'case-1#3#office:kaifeng-command-centre',
        channel: 'email',
        target: 'arn:aws:sns:ap-east-1:123456789012:civic-loop-office-kaifeng-command-centre',
        error: 'InternalErrorException: Try again',
        retryable: true,
      },
    ]);
    expect(failure.message).toBe(
      '2 of 5 deliveries failed, for notices case-1#3#unit:a, case-1#3#office:kaifeng-command-centre: ' +
        'case-1#3#unit:a sms +86139****0312: ThrottlingException: Rate exceeded; ' +
        'case-1#3#office:kaifeng-command-centre email arn:aws:sns:ap-east-1:123456789012:civic-loop-office-kaifeng-command-centre: InternalErrorException: Try again',
    );
    expect(failure.message).not.toContain('+8613900000312');
  });

  it('names a batch that no retry can fix differently: a bad number, a reporter mailed without a topic', async () => {
    const sns = new FakeSns((input) => (input.PhoneNumber === '+8600' ? awsError('InvalidParameterException', 'Invalid parameter: PhoneNumber') : undefined));
    const notices = [
      notice('case-1#9#reporter:case-1', recipient({ kind: 'reporter', id: 'case-1', sms: [], email: ['zhang@example.cn'] })),
      notice('case-1#9#unit:a', recipient({ id: 'a', sms: ['+8600', '+8613900000311'], email: [] })),
    ];
    const error = (await new SnsNotifier({ client: sns, topicArnFor }).send(notices).catch((e: unknown) => e)) as NoticeDeliveryError;
    expect(error.name).toBe('NoticeDeliveryRejected');
    expect(error.retryable).toBe(false);
    expect(error.failures.map((f) => [f.noticeId, f.channel, f.target, f.retryable])).toEqual([
      ['case-1#9#reporter:case-1', 'email', 'reporter:case-1', false],
      ['case-1#9#unit:a', 'sms', '****', false],
    ]);
    expect(error.failures[0]?.error).toBe('MissingTopic: no email topic for reporter:case-1');
    // The good number was still texted.
    expect(sns.inputs.map((input) => input.PhoneNumber)).toEqual(['+8600', '+8613900000311']);
  });

  it('refuses SMS settings SNS would reject on every message', () => {
    for (const senderId of ['ab', '123456', 'Civic Loop', 'TooLongSenderId']) {
      expect(() => new SnsNotifier({ client: new FakeSns(), topicArnFor, sms: { senderId } })).toThrow(RangeError);
    }
    expect(() => new SnsNotifier({ client: new FakeSns(), topicArnFor, sms: { originationNumber: '13800000000' } })).toThrow(RangeError);
  });
});
