/**
 * Long-lived cases: an execution hands its case to a fresh one (generation 2, 3, ...) before its history or
 * its age matters — after `maxLoops` timeouts, or when it nears Step Functions' one-year limit — and the new
 * generation keeps supervising: the ladder goes on, people's actions still reach the workflow, nothing is
 * announced twice. A case overdue for a year leaves a history far below the 25,000-event limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionRecord } from '../../local/local-workflow.js';
import { BUREAU, DAY_MS, DISPATCHER, gridWorker, kaifeng, local, staff, startHarness, type Harness } from './harness.js';

const YEAR_MS = 365 * DAY_MS;

const generations = (h: Harness, caseId: string): ExecutionRecord[] =>
  h.platform.workflow.allExecutions.filter((e) => e.caseId === caseId).sort((a, b) => a.generation - b.generation);

const statesOf = (execution: ExecutionRecord): string[] => execution.history.filter((e) => e.type === 'StateEntered').map((e) => e.state ?? '');

describe('hand-over to a fresh execution', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00', maxLoops: 3 });
  });
  afterAll(async () => h.stop());

  it('hands a long-ignored case to generation 2, which keeps climbing the ladder and hears people act', async () => {
    const caseId = await h.intake();
    // Three milestones: the missed acceptance, the reminder, the urge; then the third loop hands over.
    await h.advanceTo('2026-12-04T18:00:00');
    const first = h.platform.workflow.execution(caseId, 1)!;
    await first.done;
    expect(first.status).toBe('succeeded');
    expect(statesOf(first).slice(-2)).toEqual(['HandOver', 'HandedOver']);
    const second = h.platform.workflow.execution(caseId, 2)!;
    expect(second.name).toBe(`${caseId}.g2`);
    expect(second.status).toBe('running');
    expect(statesOf(second)).toEqual(['RouteCase', 'NextStep', 'AwaitChange']);
    expect((await h.eventsOf(caseId, 'escalated')).map((e) => e.data.rung)).toEqual(['reminder', 'urge']);

    // Generation 2 fires the next rung on time.
    await h.advanceTo('2026-12-08T18:00:00');
    const supervise = (await h.eventsOf(caseId, 'escalated')).at(-1)!;
    expect([supervise.data.rung, local(supervise.at), supervise.data.supervisingLayer]).toEqual(['supervise', '2026-12-08T18:00:00', 'district']);
    expect(statesOf(second)).toContain('ApplyMilestone');

    // A person's action completes generation 2's wait (its token is the one in the case record now).
    await h.advanceTo('2026-12-09T09:00:00');
    const before = second.history.length;
    await h.act(caseId, { type: 'accept' }, staff(BUREAU));
    expect(statesOf(second).slice(-2)).toEqual(['NextStep', 'AwaitChange']);
    expect(second.history.length).toBeGreaterThan(before);
    expect(second.history.slice(before).map((e) => e.state)).not.toContain('ApplyMilestone');

    // listed and interview: two more loops, the third hands over again, to generation 3.
    await h.advanceTo('2026-12-25T18:00:00');
    expect((await h.eventsOf(caseId, 'escalated')).map((e) => e.data.rung)).toEqual(['reminder', 'urge', 'supervise', 'listed', 'interview']);
    await second.done;
    expect(second.status).toBe('succeeded');
    expect(h.platform.workflow.execution(caseId, 3)?.status).toBe('running');

    // Each rung was announced once, whichever generation applied it.
    expect(h.platform.outbox.list({ caseId }).filter((e) => e.redelivery)).toEqual([]);
    expect(h.sent(caseId).filter((n) => n.topic === 'escalated.urge')).toHaveLength(2); // the unit and its head

    // The generation that is running when the case closes answers the reporter and ends.
    await h.act(caseId, { type: 'reportResult', text: 'Bin replaced at last' }, staff(BUREAU));
    await h.act(caseId, { type: 'verify', passed: true }, gridWorker((await h.state(caseId)).gridId!));
    await h.act(caseId, { type: 'recordCallback', answer: 'basicallySatisfied' }, DISPATCHER);
    await h.act(caseId, { type: 'close', answer: 'Replaced.' }, DISPATCHER);
    const last = generations(h, caseId).at(-1)!;
    await last.done;
    expect([last.status, statesOf(last).at(-1)]).toEqual(['succeeded', 'Closed']);
    expect(generations(h, caseId).every((e) => e.status === 'succeeded')).toBe(true);
    expect(h.sent(caseId).filter((n) => n.topic === 'closed')).toEqual([{ seq: (await h.state(caseId)).version, topic: 'closed', to: `reporter:${caseId}` }]);
  });
});

describe('a case overdue for a whole year', () => {
  it('keeps a short history and hands over before any execution is a year old', async () => {
    const h = await startHarness({ start: '2026-12-01T09:00:00' });
    try {
      const caseId = await h.intake();
      await h.advanceTo('2026-12-01T09:30:00');
      await h.act(caseId, { type: 'accept' }, staff(BUREAU));
      // Nobody does anything for more than a year; the clock moves a week at a time.
      const end = kaifeng('2027-12-31T18:00:00');
      for (let at = h.clock.now() + 7 * DAY_MS; at < end; at += 7 * DAY_MS) await h.advanceTo(local(at));
      await h.advanceTo(local(end));

      expect((await h.eventsOf(caseId, 'escalated')).map((e) => e.data.rung)).toEqual(['reminder', 'urge', 'supervise', 'listed', 'interview']);
      const runs = generations(h, caseId);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.slice(0, -1).every((e) => e.status === 'succeeded')).toBe(true);
      expect(runs.at(-1)!.status).toBe('running');
      // No execution outlived Step Functions' one-year limit on the platform's clock.
      for (const run of runs) expect((run.endedAt ?? h.clock.now()) - run.startedAt, run.name).toBeLessThan(YEAR_MS);
      const events = runs.reduce((sum, run) => sum + run.history.length, 0);
      expect(events).toBeLessThan(2_500); // the hard limit is 25,000 per execution
      const transitions = runs.reduce((sum, run) => sum + run.transitions, 0);
      expect(transitions).toBeLessThan(500);
    } finally {
      await h.stop();
    }
  });
});

describe('an execution woken often by people', () => {
  it('also hands over by age, though its waits never time out', async () => {
    const h = await startHarness({ start: '2026-12-01T09:00:00', maxExecutionDays: 20 });
    try {
      const caseId = await h.intake();
      await h.advanceTo('2026-12-01T09:30:00');
      await h.act(caseId, { type: 'accept' }, staff(BUREAU));
      await h.act(caseId, { type: 'requestSuspension', reason: 'Waiting for a new bin' }, staff(BUREAU));
      await h.act(caseId, { type: 'suspend', reason: 'Waiting for a new bin' }, DISPATCHER);
      // Suspended without a date: only the weekly check-in would time out, and progress notes come sooner.
      for (let day = 5; day <= 40; day += 5) {
        await h.advanceTo(local(kaifeng('2026-12-01T10:00:00') + day * DAY_MS));
        await h.act(caseId, { type: 'noteProgress', text: `Day ${day}: still waiting` }, staff(BUREAU));
      }
      const runs = generations(h, caseId);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      for (const run of runs) expect((run.endedAt ?? h.clock.now()) - run.startedAt, run.name).toBeLessThan(28 * DAY_MS);
      expect(runs.at(-1)!.status).toBe('running');
      expect((await h.state(caseId)).stage).toBe('suspended');
    } finally {
      await h.stop();
    }
  });
});
