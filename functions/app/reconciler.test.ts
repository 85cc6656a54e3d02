/**
 * The reconciler on the local platform (dynalite, the deployed ASL on the local engine): open cases whose
 * supervision never started, failed, or stopped are started again under the right name, with hand-over
 * generations and reopen epochs; cases that are supervised are left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LITTER_BIN, startHarness, type Harness } from '../../test/workflow/harness.js';
import type { CaseEvent } from '../domain/case/events.js';
import type { CaseStore } from '../ports/case-store.js';
import type { ExecutionStatus, SupervisionPlan, Workflow } from '../ports/workflow.js';
import { CaseService } from './case-service.js';
import { reconcile } from './reconciler.js';

describe('the reconciler on the local platform', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  it('leaves supervised cases alone', async () => {
    h = await startHarness();
    await h.intake();
    await h.intake();
    const report = await reconcile({ store: h.platform.store, workflow: h.platform.workflow });
    expect(report).toMatchObject({ openCases: 2, running: 2, raced: 0, restarted: [], failed: [] });
  });

  it('starts a case whose intake died between writing it and starting its execution', async () => {
    h = await startHarness();
    // The case service needs only these two of the workflow; the start is refused, as a throttled StartExecution would be.
    const workflow = h.platform.workflow;
    const lost = { completeWait: (token: string, plan: SupervisionPlan) => workflow.completeWait(token, plan), startSupervision: () => Promise.reject(new Error('throttled')) } as unknown as Workflow;
    const lossy = new CaseService({ ...h.platform.service.deps, workflow: lost });
    await expect(lossy.intake(LITTER_BIN, { kind: 'citizen', id: 'citizen-1' })).rejects.toThrow('throttled');
    const [caseId] = (await h.platform.store.listOpenCases()).items.map((p) => p.state.id);
    expect(caseId).toBeDefined();
    expect(h.platform.workflow.execution(caseId!)).toBeUndefined();

    const report = await reconcile({ store: h.platform.store, workflow: h.platform.workflow });
    expect(report.restarted).toEqual([{ caseId, generation: 1, epoch: 0, reason: 'neverStarted' }]);
    await h.settle();
    // The restarted execution routed the case, as intake's would have.
    expect(await h.stage(caseId!)).toBe('dispatched');
    expect(h.platform.workflow.execution(caseId!)?.status).toBe('running');
  });

  it('restarts after the last generation of a handed-over case, never reusing a name', async () => {
    h = await startHarness({ maxLoops: 1 });
    const caseId = await h.intake();
    // Each milestone is one loop: with maxLoops 1 the case hands over at each, to .g2, .g3, ...
    await h.advanceTo('2026-12-10T09:00:00');
    const generations = h.platform.workflow.allExecutions.filter((e) => e.caseId === caseId).map((e) => e.generation);
    const last = Math.max(...generations);
    expect(last).toBeGreaterThan(1);
    expect((await reconcile({ store: h.platform.store, workflow: h.platform.workflow })).restarted).toEqual([]);

    // A stopped process (or a failed execution on AWS) leaves the case unsupervised.
    await h.platform.workflow.stop();
    const report = await reconcile({ store: h.platform.store, workflow: h.platform.workflow });
    expect(report.restarted).toEqual([{ caseId, generation: last + 1, epoch: 0, reason: 'lastFailed' }]);
    await h.settle();
    expect(h.platform.workflow.execution(caseId, last + 1)?.status).toBe('running');
  });
});

describe('the reconciler and reopen epochs', () => {
  /** A case reopened once (an unmerged duplicate): its current line is `.r1`, whatever ran under the plain id. */
  const reopened: CaseEvent[] = [{ type: 'received' }, { type: 'mergedAsDuplicate' }, { type: 'unmerged' }] as unknown as CaseEvent[];

  const fakes = (statuses: Record<string, ExecutionStatus>) => {
    const started: string[] = [];
    const store = {
      listOpenCases: () => Promise.resolve({ items: [{ state: { id: 'c1' } }] }),
      loadEvents: () => Promise.resolve(reopened),
    } as unknown as CaseStore;
    const workflow = {
      runningExecutionNames: () => Promise.resolve(new Set(Object.entries(statuses).filter(([, s]) => s === 'running').map(([n]) => n))),
      executionStatus: (caseId: string, generation: number, epoch: number) => {
        const name = `${caseId}${epoch ? `.r${epoch}` : ''}${generation > 1 ? `.g${generation}` : ''}`;
        return Promise.resolve(statuses[name] ?? 'absent');
      },
      startSupervision: (caseId: string, generation: number, epoch: number) => {
        started.push(`${caseId} g${generation} r${epoch}`);
        return Promise.resolve();
      },
    } as unknown as Workflow;
    return { store, workflow, started };
  };

  it('starts the first execution of the new line when the reopening start was lost', async () => {
    const { store, workflow, started } = fakes({ c1: 'succeeded' });
    const report = await reconcile({ store, workflow });
    expect(started).toEqual(['c1 g1 r1']);
    expect(report.restarted[0]).toMatchObject({ generation: 1, epoch: 1, reason: 'neverStarted' });
  });

  it('continues the reopened line after its last generation', async () => {
    const { store, workflow, started } = fakes({ c1: 'succeeded', 'c1.r1': 'succeeded', 'c1.r1.g2': 'failed' });
    await reconcile({ store, workflow });
    expect(started).toEqual(['c1 g3 r1']);
  });

  it('sees a line that started after the listing as running and starts nothing', async () => {
    const { store, workflow, started } = fakes({ 'c1.r1': 'succeeded' });
    // Listed before the hand-over: nothing running; looked at closely, .g2 runs.
    (workflow as { executionStatus: unknown }).executionStatus = (_: string, generation: number) => Promise.resolve(generation === 1 ? 'succeeded' : generation === 2 ? 'running' : 'absent');
    const report = await reconcile({ store, workflow });
    expect(started).toEqual([]);
    expect(report.raced).toBe(1);
  });

  it('reports a restart that fails and goes on with the others', async () => {
    const { store, workflow } = fakes({});
    (workflow as { startSupervision: unknown }).startSupervision = () => Promise.reject(new Error('throttled'));
    const warnings: string[] = [];
    const report = await reconcile({ store, workflow, warn: (message) => warnings.push(message) });
    expect(report.failed).toEqual(['c1']);
    expect(warnings[0]).toContain('c1');
  });
});
