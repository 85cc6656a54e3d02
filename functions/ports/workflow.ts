/**
 * The supervision workflow as the rest of the platform sees it: one execution per case, named after the
 * case, started idempotently; and the completion of its current wait when someone acts on the case.
 */
export interface SupervisionPlan {
  /** The case is closed (or merged): the execution answers the reporter and ends. */
  done: boolean;
  /** The case version this plan was made on. */
  version: number;
  /** Seconds to wait before the next milestone, at least 1; the workflow's wait times out then. */
  waitSeconds: number;
  /** The instant of the next milestone (ISO), for people reading the execution history. */
  until?: string;
  /** Why it waits: the milestone's reason (escalation, acceptDue, stepDue, resumeDue) or `checkIn`. */
  reason: string;
  /** The workflow has run long enough and hands the case over to a fresh execution. */
  handOver: boolean;
}

export interface Workflow {
  /**
   * Starts supervising a case. `generation` 1 is named after the case id; later generations (hand-overs
   * before an execution's one-year limit) append `.g<n>`. Starting a running execution again is a no-op.
   */
  startSupervision(caseId: string, generation?: number): Promise<void>;
  /** Completes the workflow's wait with a new plan. A token that already completed or timed out is ignored. */
  completeWait(taskToken: string, plan: SupervisionPlan): Promise<void>;
}

export const executionName = (caseId: string, generation = 1): string => (generation <= 1 ? caseId : `${caseId}.g${generation}`);
