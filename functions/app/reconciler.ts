/**
 * The reconciler: every open case must have a running supervision. Intake writes the case and then starts
 * its execution; a crash, a throttled StartExecution or a failed execution between or after those steps
 * would leave an open case that nobody watches. Run on a schedule, this finds such cases and starts them
 * again, so that no failure can lose one.
 *
 * Execution names carry the case's hand-over generation (`.g2`) and reopen epoch (`.r1`), and Step
 * Functions never reuses a name. So a restart must take the case's current epoch (from its history: one
 * per unmerge) and the generation after the last one started in that epoch; starting an old name again
 * would be refused and change nothing.
 */
import type { CaseStore } from '../ports/case-store.js';
import { parseExecutionName, type Workflow } from '../ports/workflow.js';

export interface ReconcileDeps {
  store: CaseStore;
  workflow: Workflow;
  warn?: (message: string, error: unknown) => void;
}

export interface Restart {
  caseId: string;
  generation: number;
  epoch: number;
  /** Why the case was unsupervised: its line had no execution yet, or the last one ended. */
  reason: 'neverStarted' | 'lastFailed' | 'lastSucceeded';
}

export interface ReconcileReport {
  openCases: number;
  running: number;
  /** Open cases not in the running listing whose line turned out to be running when looked at closely. */
  raced: number;
  restarted: Restart[];
  /** Cases whose restart failed (retried on the next run). */
  failed: string[];
}

/** Generations probed at most per case: a case hands over every 330 days, so this is centuries. */
const MAX_GENERATIONS = 1000;

/** How many reopenings (unmerges) the case has had: the epoch of its current line of executions. */
const epochOf = async (store: CaseStore, caseId: string): Promise<number> =>
  (await store.loadEvents(caseId)).filter((event) => event.type === 'unmerged').length;

export async function reconcile({ store, workflow, warn }: ReconcileDeps): Promise<ReconcileReport> {
  // One listing of the running executions first; only the cases missing from it are looked at one by one.
  const running = new Set<string>();
  for (const name of await workflow.runningExecutionNames()) {
    const parsed = parseExecutionName(name);
    if (parsed) running.add(parsed.caseId);
  }
  const report: ReconcileReport = { openCases: 0, running: 0, raced: 0, restarted: [], failed: [] };
  let cursor: string | undefined;
  do {
    const page = await store.listOpenCases(cursor);
    for (const projection of page.items) {
      const caseId = projection.state.id;
      report.openCases++;
      if (running.has(caseId)) {
        report.running++;
        continue;
      }
      try {
        const restart = await restartIfIdle(store, workflow, caseId);
        if (restart) report.restarted.push(restart);
        else report.raced++;
      } catch (error) {
        report.failed.push(caseId);
        warn?.(`reconciler: could not restart the supervision of case ${caseId}`, error);
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return report;
}

/**
 * Finds the last execution of the case's current line and, unless it runs, starts the next. A case that
 * started (or handed over) after the listing shows up running here and is left alone; two reconcilers
 * racing start the same name with the same input, which Step Functions answers with one execution.
 */
async function restartIfIdle(store: CaseStore, workflow: Workflow, caseId: string): Promise<Restart | undefined> {
  const epoch = await epochOf(store, caseId);
  let last: { generation: number; status: 'running' | 'succeeded' | 'failed' } | undefined;
  for (let generation = 1; generation <= MAX_GENERATIONS; generation++) {
    const status = await workflow.executionStatus(caseId, generation, epoch);
    if (status === 'absent') break;
    last = { generation, status };
  }
  if (last?.status === 'running') return undefined;
  const generation = (last?.generation ?? 0) + 1;
  await workflow.startSupervision(caseId, generation, epoch);
  return { caseId, generation, epoch, reason: !last ? 'neverStarted' : last.status === 'failed' ? 'lastFailed' : 'lastSucceeded' };
}
