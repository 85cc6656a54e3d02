/**
 * Customer-managed keys besides the table's: one for every log group (execution data and request logs
 * carry case ids and what people wrote), one for every SNS topic (notices name places and people). Each
 * key policy lets in exactly the service that writes with it.
 */
import { Aws, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class PlatformKeys extends Construct {
  readonly logs: Key;
  readonly topics: Key;

  constructor(scope: Construct, id: string, props: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    const { region } = Stack.of(this);
    this.logs = new Key(this, 'Logs', { enableKeyRotation: true, description: 'Civic Loop log groups', removalPolicy: props.removalPolicy });
    // CloudWatch Logs encrypts with the key only for log groups of this account and region.
    this.logs.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${region}.${Aws.URL_SUFFIX}`)],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey'],
        resources: ['*'], // a key policy's resource is the key itself
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${region}:${Aws.ACCOUNT_ID}:log-group:*` } },
      }),
    );
    this.topics = new Key(this, 'Topics', { enableKeyRotation: true, description: 'Civic Loop SNS topics', removalPolicy: props.removalPolicy });
    // CloudWatch alarms publish to the (encrypted) alarm topic.
    this.topics.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
  }
}
