/**
 * The AwaitChange and AnswerReporters steps run in functions built without the workflow
 * (`functions/aws/service-without-workflow.ts`): no Step Functions client, no permission to use one. That
 * holds only while they never reach for it, even when a wait is registered on the case, which a refresh
 * that woke the workflow would take and complete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../functions/app/case-service.js';
import { Supervision } from '../../functions/app/supervision.js';
import { withoutWorkflow } from '../../functions/aws/service-without-workflow.js';
import type { CaseCommand } from '../../functions/domain/case/commands.js';
import type { CaseStore } from '../../functions/ports/case-store.js';
import type { Workflow } from '../../functions/ports/workflow.js';
import { BUREAU, staff, startHarness, type Harness } from './harness.js';

describe('the steps that wait and answer, without the workflow', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it('bring the case up to date and announce it without ever calling the workflow', async () => {
    const caseId = await h.intake();
    const calls: string[] = [];
    const recording = new Proxy(withoutWorkflow, {
      get: (target, name: keyof Workflow) => (...args: never[]) => {
        calls.push(String(name));
        return (target[name] as (...args: never[]) => Promise<unknown>)(...args);
      },
    });
    const { store, outbox, clock, city, workflow } = h.platform;
    const warn = (message: string) => h.warnings.push(message);
    const service = new CaseService({ store, workflow: recording, clock, city, warn });
    const steps = new Supervision({ service, store, notifier: outbox, workflow: recording, warn });
    // A commit whose projection refresh was lost (a crash after the events were written): the case's wait
    // stays registered and its projection behind, so the steps below refresh it, and a refresh that woke the
    // workflow would take that wait and complete it.
    const actWithoutRefresh = async (command: CaseCommand) => {
      let lost = false;
      const crashing = new Proxy(store, {
        get: (target, name: keyof CaseStore) =>
          name === 'saveProjection' && !lost
            ? () => {
                lost = true;
                return Promise.reject(new Error('crashed before the projection was saved'));
              }
            : (target[name] as (...args: never[]) => unknown).bind(target),
      });
      const { state } = await new CaseService({ store: crashing, workflow, clock, city, warn }).act(caseId, command, staff(BUREAU));
      expect(h.warnings.splice(0)).toEqual([`case ${caseId}: projection refresh deferred to the workflow`]);
      return state;
    };

    // A retried AwaitChange, on the version the case is at.
    const accepted = await actWithoutRefresh({ type: 'accept' });
    await steps.awaitChange({
      caseId,
      generation: 1,
      loops: 0,
      startedAt: new Date(clock.now()).toISOString(),
      plan: { done: false, version: accepted.version, waitSeconds: 60, reason: 'checkIn', handOver: false },
      taskToken: 'a-retried-task-token',
    });
    expect((await store.getProjection(caseId))?.state.version).toBe(accepted.version);

    // AnswerReporters.
    const reported = await actWithoutRefresh({ type: 'reportResult', text: 'Replaced the bin', photoUrls: [] });
    await steps.finish({ caseId, generation: 1 });
    expect((await store.getProjection(caseId))?.state.version).toBe(reported.version);

    expect(calls).toEqual([]);
    expect(h.warnings).toEqual([]);
  });

  it('refuses by name whatever would need the workflow', async () => {
    await expect(withoutWorkflow.completeWait('token', { done: false, version: 1, waitSeconds: 1, reason: 'checkIn', handOver: false })).rejects.toThrow(
      /not built with the workflow, so it cannot complete a workflow's wait/,
    );
    await expect(withoutWorkflow.startSupervision('case-1')).rejects.toThrow(/cannot start a supervision/);
  });
});
