/**
 * The supervision workflow on Step Functions. New executions start on the alias (STATE_MACHINE_ALIAS_ARN),
 * so a deploy never changes the definition a running case follows.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { createSfnWorkflow } from '../adapters/sfn/sfn-workflow.js';
import type { Workflow } from '../ports/workflow.js';
import { readEnv } from './env.js';
import { tracer } from './observability.js';
import { once } from './once.js';

export const workflow = once((): Workflow => createSfnWorkflow({ client: tracer.captureAWSv3Client(new SFNClient({})), stateMachineArn: readEnv(['STATE_MACHINE_ALIAS_ARN']).STATE_MACHINE_ALIAS_ARN }));
