/**
 * A restart of the local runtime mid-flight loses no case: with dynalite and the outbox on disk, cases in
 * every open stage are left waiting, the platform stops, and a new one on the same data folder (and a clock
 * at the same instant) supervises every open case again — each next milestone fires on time, no notice is
 * sent twice, and cases still close.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUREAU, DISPATCHER, gridWorker, kaifeng, last, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

const START = '2026-12-01T09:00:00';
const STOPPED_AT = '2026-12-01T09:50:00';

describe('a restart of the local runtime', () => {
  let dataDir: string;
  let h: Harness | undefined;
  const STAGES = ['dispatched', 'handling', 'returned', 'reported', 'suspended', 'callback', 'closed'] as const;
  const cases = {} as Record<(typeof STAGES)[number], string>;
  /** Arbitrated after the supervision died but before the store went down: its order was never announced. */
  let orphan = '';
  let sentBefore = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'civic-loop-restart-'));
    const first = await startHarness({ start: START, dataDir });
    for (const stage of STAGES) cases[stage] = await first.intake();
    orphan = await first.intake();
    const grid = (await first.state(cases.handling)).gridId!;
    await first.advanceTo('2026-12-01T09:30:00');
    for (const caseId of [cases.handling, cases.reported, cases.suspended, cases.callback, cases.closed]) await first.act(caseId, { type: 'accept' }, staff(BUREAU));
    for (const caseId of [cases.returned, orphan]) await first.act(caseId, { type: 'return', reason: 'Not ours', legalBasis: '职责清单 第12条' }, staff(BUREAU));
    for (const caseId of [cases.reported, cases.callback, cases.closed]) await first.act(caseId, { type: 'reportResult', text: 'Bin replaced' }, staff(BUREAU));
    for (const caseId of [cases.callback, cases.closed]) await first.act(caseId, { type: 'verify', passed: true }, gridWorker(grid));
    await first.act(cases.closed, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await first.act(cases.closed, { type: 'close', answer: 'Replaced.' }, DISPATCHER);
    const resumeAt = new Date(kaifeng('2026-12-03T09:00:00')).toISOString();
    await first.act(cases.suspended, { type: 'suspend', reason: 'Road works', resumeAt }, DISPATCHER);
    await first.advanceTo(STOPPED_AT);
    for (const [stage, caseId] of Object.entries(cases)) expect(await first.stage(caseId), stage).toBe(stage);
    // The executions die first (as in a crash); a dispatcher's decision still reaches the store.
    await first.platform.workflow.stop();
    await first.platform.service.act(orphan, { type: 'arbitrate', uphold: true }, DISPATCHER);
    sentBefore = first.platform.outbox.size;
    expect(noticesOf(first.sent(orphan), last(await first.events(orphan), 'dispatched').seq)).toEqual([]);
    await first.stop();
  });
  afterAll(async () => {
    await h?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes every open case from the store, and no other', async () => {
    h = await startHarness({ start: STOPPED_AT, dataDir });
    expect(h.platform.resumed).toBe(7);
    for (const [stage, caseId] of Object.entries(cases)) {
      expect(await h.stage(caseId), stage).toBe(stage);
      expect(h.platform.workflow.execution(caseId)?.status, stage).toBe(stage === 'closed' ? undefined : 'running');
    }
    // Every resumed execution is waiting again; the outbox kept what was sent, and nothing was sent twice.
    expect(h.platform.workflow.waiting).toBe(7);
    expect(h.platform.outbox.list().filter((e) => e.redelivery)).toEqual([]);
    // The only new notice is the order nobody announced before the crash: the resumed workflow sends it.
    const redispatch = last(await h.events(orphan), 'dispatched');
    expect(h.platform.outbox.size).toBe(sentBefore + 1);
    expect(noticesOf(h.sent(orphan), redispatch.seq)).toEqual([`dispatched → unit:${BUREAU}`]);
    expect(local(redispatch.data.acceptDueAt)).toBe('2026-12-01T10:50:00');
  });

  it('fires each case’s next milestone on time after the restart', async () => {
    const r = h!;
    await r.advanceTo('2026-12-04T11:18:00');

    const accept = only(await r.events(cases.dispatched), 'deadlineMissed');
    expect([accept.data.deadline, local(accept.at)]).toEqual(['accept', '2026-12-01T10:00:00']);
    expect(noticesOf(r.sent(cases.dispatched), accept.seq)).toEqual(['deadlineMissed.accept → office:longting-command-centre', `deadlineMissed.accept → unit:${BUREAU}`]);

    const orphanMiss = only(await r.events(orphan), 'deadlineMissed');
    expect([orphanMiss.data.deadline, local(orphanMiss.at)]).toEqual(['accept', '2026-12-01T10:50:00']);

    const reminder = only(await r.events(cases.handling), 'escalated');
    expect([reminder.data.rung, local(reminder.at), reminder.data.supervisingLayer]).toEqual(['reminder', '2026-12-04T11:18:00', 'community']);
    expect(noticesOf(r.sent(cases.handling), reminder.seq)).toEqual([`escalated.reminder → unit:${BUREAU}`]);

    const arbitration = only(await r.events(cases.returned), 'deadlineMissed');
    expect([arbitration.data.deadline, local(arbitration.at)]).toEqual(['arbitration', '2026-12-02T18:00:00']);

    const verification = only(await r.events(cases.reported), 'deadlineMissed');
    expect([verification.data.deadline, local(verification.at)]).toEqual(['verification', '2026-12-02T18:00:00']);

    const resumed = only(await r.events(cases.suspended), 'resumed');
    expect([resumed.actor.kind, local(resumed.at)]).toEqual(['system', '2026-12-03T09:00:00']);

    const callback = only(await r.events(cases.callback), 'callbackRecorded');
    expect([callback.data.answer, local(callback.at)]).toEqual(['noAnswer', '2026-12-03T18:00:00']);

    expect(r.platform.outbox.list().filter((e) => e.redelivery)).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('still closes a resumed case and answers its reporter', async () => {
    const r = h!;
    await r.act(cases.callback, { type: 'close', answer: 'Replaced; we could not reach you.' }, DISPATCHER);
    const closed = last(await r.events(cases.callback), 'closed');
    expect(noticesOf(r.sent(cases.callback), closed.seq)).toEqual([`closed → reporter:${cases.callback}`]);
    const execution = r.platform.workflow.execution(cases.callback)!;
    await execution.done;
    expect(execution.status).toBe('succeeded');
    // The closed case's answer went out once, before the restart.
    expect(r.sent(cases.closed).filter((n) => n.topic === 'closed')).toHaveLength(1);
  });
});
