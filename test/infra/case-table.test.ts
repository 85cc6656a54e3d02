import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/adapters/dynamodb/table.js';
import { CivicLoopStack } from '../../infra/app.js';

describe('the cases table in the synthesized template', () => {
  const template = Template.fromStack(new CivicLoopStack(new App(), 'Test', { env: { region: 'ap-southeast-1', account: '123456789012' } }));

  it('has the keys and every index the DynamoDB adapter queries, as the local runtime creates them', () => {
    const local = tableDefinition('civic-loop-cases');
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Match.arrayWith(
        (local.GlobalSecondaryIndexes ?? []).map((index) =>
          Match.objectLike({ IndexName: index.IndexName, Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['projection'] } }),
        ),
      ),
    });
    const table = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'))[0] as { Properties: { GlobalSecondaryIndexes: unknown[] } };
    expect(table.Properties.GlobalSecondaryIndexes).toHaveLength(local.GlobalSecondaryIndexes?.length ?? 0);
  });

  it('is safe by default: point-in-time recovery, deletion protection, a customer-managed key, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true })],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});
