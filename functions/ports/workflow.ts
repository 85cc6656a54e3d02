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
   * before an execution's one-year limit) append `.g<n>`. `epoch` counts reopenings of a case whose
   * supervision had ended (a duplicate unmerged): each epoch starts a fresh line of names (`.r<n>`), since
   * Step Functions never reuses an execution name. Starting a running execution again is a no-op.
   */
  startSupervision(caseId: string, generation?: number, epoch?: number): Promise<void>;
  /** Completes the workflow's wait with a new plan. A token that already completed or timed out is ignored. */
  completeWait(taskToken: string, plan: SupervisionPlan): Promise<void>;
  /** The names of every execution running now: one listing, so the reconciler need not ask case by case. */
  runningExecutionNames(): Promise<Set<string>>;
  /** How the execution of that name went; `absent` when none was ever started under it. */
  executionStatus(caseId: string, generation: number, epoch: number): Promise<ExecutionStatus>;
}

/** `failed` covers every way an execution ends without success: failed, timed out, aborted. */
export type ExecutionStatus = 'running' | 'succeeded' | 'failed' | 'absent';

/** The parts of an execution name (`executionName`'s inverse); undefined for a name it cannot have made. */
export function parseExecutionName(name: string): { caseId: string; generation: number; epoch: number } | undefined {
  const match = /^([^.]+)(?:\.r([1-9]\d*))?(?:\.g([2-9]|[1-9]\d+))?$/.exec(name);
  if (!match?.[1]) return undefined;
  return { caseId: match[1], epoch: match[2] ? Number(match[2]) : 0, generation: match[3] ? Number(match[3]) : 1 };
}

export function executionName(caseId: string, generation = 1, epoch = 0): string {
  const line = epoch > 0 ? `${caseId}.r${epoch}` : caseId;
  return generation <= 1 ? line : `${line}.g${generation}`;
}

/** The execution's input: the state machine reads all three from its first state on. */
export const supervisionInput = (caseId: string, generation = 1, epoch = 0) => ({ caseId, generation, epoch });
