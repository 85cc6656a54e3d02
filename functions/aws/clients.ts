/**
 * AWS SDK clients, one of each per process and only when a function uses it, each traced by X-Ray.
 * Region and credentials come from the Lambda environment.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { tracer } from './observability.js';

let dynamo: DynamoDBClient | undefined;
let sfn: SFNClient | undefined;
let sns: SNSClient | undefined;

export const dynamoClient = (): DynamoDBClient => (dynamo ??= tracer.captureAWSv3Client(new DynamoDBClient({})));
export const sfnClient = (): SFNClient => (sfn ??= tracer.captureAWSv3Client(new SFNClient({})));
export const snsClient = (): SNSClient => (sns ??= tracer.captureAWSv3Client(new SNSClient({})));
