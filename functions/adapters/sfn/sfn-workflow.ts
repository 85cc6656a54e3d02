/**
 * The Workflow port on AWS Step Functions. Executions are named after the case, so a repeated start with
 * the same input answers with the running execution and a case can never get two supervisors.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ListExecutionsCommand,
  InvalidToken,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionName, supervisionInput, type ExecutionStatus, type SupervisionPlan, type Workflow } from '../../ports/workflow.js';

export interface SfnWorkflowSettings {
  client: SFNClient;
  /** The alias (or state machine) ARN new executions start on, so deploys never change a running case's definition. */
  stateMachineArn: string;
}

/**
 * `arn:aws:states:<region>:<account>:stateMachine:<name>[:<alias or version>]` → the unqualified state machine
 * ARN (executions are listed on it whatever alias started them) and the prefix of its execution ARNs.
 */
export function stateMachineArns(arn: string): { stateMachine: string; executionPrefix: string } {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[5] !== 'stateMachine') throw new RangeError(`not a state machine ARN: ${arn}`);
  const base = parts.slice(0, 7);
  return { stateMachine: base.join(':'), executionPrefix: [...base.slice(0, 5), 'execution', base[6]].join(':') + ':' };
}

// PENDING_REDRIVE is a failed execution that could be redriven: until someone does, nothing supervises the case.
const STATUS: Record<string, ExecutionStatus> = { RUNNING: 'running', SUCCEEDED: 'succeeded' };

export function createSfnWorkflow({ client, stateMachineArn }: SfnWorkflowSettings): Workflow {
  const arns = stateMachineArns(stateMachineArn);
  return {
    async startSupervision(caseId, generation = 1, epoch = 0) {
      try {
        await client.send(
          new StartExecutionCommand({
            stateMachineArn,
            name: executionName(caseId, generation, epoch),
            input: JSON.stringify(supervisionInput(caseId, generation, epoch)),
          }),
        );
      } catch (error) {
        // Same name with other input: an execution of this generation already ran; it is not an error to start twice.
        if (error instanceof ExecutionAlreadyExists) return;
        throw error;
      }
    },
    async completeWait(taskToken: string, plan: SupervisionPlan) {
      try {
        await client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(plan) }));
      } catch (error) {
        // The wait already timed out into its milestone step, which re-reads the case: nothing is lost.
        if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) return;
        throw error;
      }
    },
    async runningExecutionNames() {
      const names = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListExecutionsCommand({ stateMachineArn: arns.stateMachine, statusFilter: 'RUNNING', maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
        for (const execution of page.executions ?? []) if (execution.name) names.add(execution.name);
        nextToken = page.nextToken;
      } while (nextToken);
      return names;
    },
    async executionStatus(caseId, generation, epoch) {
      try {
        const execution = await client.send(new DescribeExecutionCommand({ executionArn: arns.executionPrefix + executionName(caseId, generation, epoch) }));
        // FAILED, TIMED_OUT and ABORTED all leave the case unsupervised.
        return STATUS[execution.status ?? ''] ?? 'failed';
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return 'absent';
        throw error;
      }
    },
  };
}
