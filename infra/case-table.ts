/**
 * The cases table on AWS, built from the same `tableDefinition` the local runtime creates on dynalite, so
 * the keys and indexes the adapter queries exist in both. Safe by default: point-in-time recovery, deletion
 * protection, a customer-managed KMS key, and retained on stack deletion.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { tableDefinition } from '../functions/adapters/dynamodb/table.js';

export interface CaseTableProps {
  tableName?: string;
  removalPolicy?: RemovalPolicy;
}

export class CaseTable extends Construct {
  readonly table: TableV2;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: CaseTableProps = {}) {
    super(scope, id);
    const definition = tableDefinition(props.tableName ?? 'civic-loop-cases');
    const attribute = (name: string) => ({ name, type: AttributeType.STRING });
    this.key = new Key(this, 'Key', { enableKeyRotation: true, description: 'Civic Loop cases table' });
    this.table = new TableV2(this, 'Table', {
      partitionKey: attribute('pk'),
      sortKey: attribute('sk'),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      globalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) => ({
        indexName: index.IndexName!,
        partitionKey: attribute(index.KeySchema![0]!.AttributeName!),
        sortKey: attribute(index.KeySchema![1]!.AttributeName!),
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [],
      })),
    });
  }
}
