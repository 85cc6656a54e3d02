/**
 * The supervision's hand-over: a long-lived case's execution ends and the next generation starts (Step
 * Functions ends an execution after a year). In a file of its own because the HandOver function needs the
 * workflow and nothing else: importing it from `Supervision` would load the lifecycle, the routing and the
 * notices into that function at every cold start (~50 KB).
 */
import type { Workflow } from '../ports/workflow.js';

export interface HandOverInput {
  caseId: string;
  generation: number;
  epoch?: number;
}

export async function handOver(workflow: Workflow, input: HandOverInput): Promise<{ caseId: string; generation: number; epoch: number }> {
  const epoch = input.epoch ?? 0;
  await workflow.startSupervision(input.caseId, input.generation + 1, epoch);
  return { caseId: input.caseId, generation: input.generation + 1, epoch };
}
