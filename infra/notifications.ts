/**
 * Email topics, one per recipient with addresses in the city configuration (`functions/aws/topics.ts`
 * names them), each with that recipient's addresses subscribed, so a unit's people receive only their
 * unit's notices. SMS needs no topic: the SNS adapter texts each number directly.
 *
 * A real city has thousands of recipients (the demo city ~2,400) and CloudFormation allows 500 resources
 * per stack, so topics go into nested stacks of at most `perStack` recipients and 480 resources, in the city
 * file's order: a unit added at the end goes to the last nested stack, and nothing else moves.
 *
 * Every topic is encrypted with the platform's topic key and refuses publishing without TLS.
 */
import { NestedStack, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { TopicSpec } from '../functions/aws/topics.js';

/** Below CloudFormation's 500 resources per stack, with room for the nested stack's own parameters. */
const MAX_RESOURCES = 480;

export interface NoticeTopicsProps {
  /** Topic names are `<prefix><suffix>`. */
  prefix: string;
  topics: readonly TopicSpec[];
  key: IKey;
  perStack: number;
}

export class NoticeTopics extends Construct {
  readonly stacks: NestedStack[] = [];
  /** The ARN prefix the functions complete with a topic's suffix. */
  readonly arnPrefix: string;

  constructor(scope: Construct, id: string, props: NoticeTopicsProps) {
    super(scope, id);
    if (!Number.isInteger(props.perStack) || props.perStack < 1) throw new RangeError('topicsPerNestedStack must be a whole number of at least 1');
    const { partition, region, account } = Stack.of(this);
    this.arnPrefix = `arn:${partition}:sns:${region}:${account}:${props.prefix}`;
    let stack: NestedStack | undefined;
    let topics = 0;
    let resources = 0;
    for (const spec of props.topics) {
      const cost = 2 + spec.emails.length; // the topic, its TLS policy, its subscriptions
      if (!stack || topics >= props.perStack || resources + cost > MAX_RESOURCES) {
        stack = new NestedStack(this, `Topics${this.stacks.length + 1}`, { description: `Civic Loop email topics, part ${this.stacks.length + 1}` });
        this.stacks.push(stack);
        topics = 0;
        resources = 0;
      }
      topics++;
      resources += cost;
      const topic = new Topic(stack, spec.suffix, {
        topicName: `${props.prefix}${spec.suffix}`,
        displayName: `Civic Loop ${spec.kind} ${spec.id}`.slice(0, 100),
        masterKey: props.key,
        enforceSSL: true,
      });
      for (const email of spec.emails) new Subscription(stack, `${spec.suffix}-${email}`, { topic, protocol: SubscriptionProtocol.EMAIL, endpoint: email });
    }
  }
}
