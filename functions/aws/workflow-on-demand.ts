/**
 * The workflow as the case service holds it in a function that commits to cases: loaded (Step Functions
 * client and all) only when a case starts or a wait completes, not at cold start. Functions that never do
 * either carry none (`service-without-workflow.ts`).
 */
import type { Workflow } from '../ports/workflow.js';

const load = async (): Promise<Workflow> => (await import('./workflow.js')).workflow();

export const workflowOnDemand: Workflow = {
  startSupervision: async (caseId, generation, epoch) => (await load()).startSupervision(caseId, generation, epoch),
  completeWait: async (taskToken, plan) => (await load()).completeWait(taskToken, plan),
  runningExecutionNames: async () => (await load()).runningExecutionNames(),
  executionStatus: async (caseId, generation, epoch) => (await load()).executionStatus(caseId, generation, epoch),
};
