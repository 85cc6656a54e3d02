/**
 * The Workflow port on AWS Step Functions. Executions are named after the case, so a repeated start with
 * the same input answers with the running execution and a case can never get two supervisors.
 */
import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionName, supervisionInput, type SupervisionPlan, type Workflow } from '../../ports/workflow.js';

export interface SfnWorkflowSettings {
  client: SFNClient;
  /** The alias (or state machine) ARN new executions start on, so deploys never change a running case's definition. */
  stateMachineArn: string;
}

export function createSfnWorkflow({ client, stateMachineArn }: SfnWorkflowSettings): Workflow {
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
  };
}
