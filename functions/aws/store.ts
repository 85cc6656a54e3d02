/** The case store on the DynamoDB table named by TABLE_NAME, through a traced client. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoCaseStore } from '../adapters/dynamodb/index.js';
import type { CaseStore } from '../ports/case-store.js';
import { readEnv } from './env.js';
import { tracer } from './observability.js';
import { once } from './once.js';

export const store = once((): CaseStore => createDynamoCaseStore({ client: tracer.captureAWSv3Client(new DynamoDBClient({})), tableName: readEnv(['TABLE_NAME']).TABLE_NAME }));
