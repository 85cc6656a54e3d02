/**
 * The callback (回访): a justified complaint orders rework; an unjustified one does not; a citizen nobody
 * reaches within the callback limit is recorded by the workflow as "no answer" — never as satisfied — and
 * the case can still close, with the answer sent to the reporter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumCounts } from '../../functions/domain/appraisal/counts.js';
import { BUREAU, DAY_MS, DISPATCHER, gridWorker, kaifeng, last, local, noticesOf, only, staff, startHarness, type Harness } from './harness.js';

describe('callbacks', () => {
  let h: Harness;
  let complained: string;
  let unjustified: string;
  let silent: string;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    complained = await h.intake();
    unjustified = await h.intake({ reporter: { name: 'Li Si', phone: '+8613800000002' } });
    silent = await h.intake({ reporter: { name: 'Wang Wu', phone: '+8613800000003' } });
    await h.advanceTo('2026-12-01T09:30:00');
    const grid = (await h.state(complained)).gridId!;
    for (const caseId of [complained, unjustified, silent]) {
      await h.act(caseId, { type: 'accept' }, staff(BUREAU));
      await h.act(caseId, { type: 'reportResult', text: 'Bin replaced' }, staff(BUREAU));
      await h.act(caseId, { type: 'verify', passed: true }, gridWorker(grid));
    }
  });
  afterAll(async () => h.stop());

  it('orders rework on a justified complaint, with a new limit, and closes after the redone work', async () => {
    await h.advanceTo('2026-12-01T15:00:00');
    await expect(h.platform.service.act(complained, { type: 'recordCallback', answer: 'unsatisfied' }, DISPATCHER)).rejects.toMatchObject({
      name: 'MissingField',
      field: 'justified',
    });
    await h.act(complained, { type: 'recordCallback', answer: 'unsatisfied', justified: true, note: 'The new bin has no lid' }, DISPATCHER);
    const events = await h.events(complained);
    const callback = only(events, 'callbackRecorded');
    const rework = only(events, 'reworkOrdered');
    expect(callback.data).toEqual({ answer: 'unsatisfied', justified: true, note: 'The new bin has no lid' });
    expect(rework.data).toMatchObject({ source: 'callback', reason: 'The new bin has no lid' });
    expect(local(rework.data.handleDueAt)).toBe('2026-12-04T18:00:00');
    expect(noticesOf(h.sent(complained), rework.seq)).toEqual([`reworkOrdered → unit:${BUREAU}`]);
    const state = await h.state(complained);
    expect([state.stage, state.counters.reworks]).toEqual(['handling', 1]);

    await h.act(complained, { type: 'reportResult', text: 'Lid fitted' }, staff(BUREAU));
    await h.act(complained, { type: 'verify', passed: true }, gridWorker(state.gridId!));
    await h.act(complained, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await h.act(complained, { type: 'close', answer: 'A lid was fitted to the new bin.' }, DISPATCHER);
    expect((await h.events(complained)).filter((e) => e.type === 'callbackRecorded').map((e) => e.type === 'callbackRecorded' && e.data.answer)).toEqual([
      'unsatisfied',
      'satisfied',
    ]);
    expect((await h.state(complained)).stage).toBe('closed');
  });

  it('records an unjustified complaint without rework, and the case closes', async () => {
    await h.act(unjustified, { type: 'recordCallback', answer: 'unsatisfied', justified: false, note: 'Wants a bigger bin' }, DISPATCHER);
    await h.act(unjustified, { type: 'close', answer: 'The bin is the standard size.' }, DISPATCHER);
    const events = await h.events(unjustified);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['callbackRecorded', 'closed']);
    expect(events.map((e) => e.type)).not.toContain('reworkOrdered');
    expect((await h.state(unjustified)).counters.reworks).toBe(0);
  });

  it('records "no answer" at the callback limit, and the case can still close', async () => {
    const verified = only(await h.events(silent), 'verified');
    expect(local(verified.data.callbackDueAt!)).toBe('2026-12-03T18:00:00'); // two working days, from the next one
    // Closing before anyone has been called back is refused.
    await expect(h.platform.service.act(silent, { type: 'close', answer: 'Done' }, DISPATCHER)).rejects.toMatchObject({ name: 'IllegalTransition' });

    await h.advanceTo('2026-12-03T17:59:00');
    expect((await h.events(silent)).map((e) => e.type)).not.toContain('callbackRecorded');
    await h.advanceTo('2026-12-03T18:00:00');
    const callback = only(await h.events(silent), 'callbackRecorded');
    expect(callback.actor).toEqual({ kind: 'system', id: 'supervision' });
    expect(local(callback.at)).toBe('2026-12-03T18:00:00');
    expect(callback.data.answer).toBe('noAnswer');
    const state = await h.state(silent);
    expect([state.stage, state.lastCallback?.answer]).toEqual(['callback', 'noAnswer']);
    // Recorded once: afterwards the workflow only checks in weekly.
    expect(h.clock.waiting).toEqual([kaifeng('2026-12-03T18:00:00') + 7 * DAY_MS]);

    // "No answer" counts as no answer in the appraisal, not as satisfied.
    const counts = sumCounts(await h.platform.store.appraisalDeltas(['2026-12']), { months: ['2026-12'] }).get(BUREAU)!;
    expect({ noAnswer: counts.noAnswer, satisfied: counts.satisfied, unsatisfied: counts.unsatisfied }).toEqual({ noAnswer: 1, satisfied: 1, unsatisfied: 2 });

    await h.advanceTo('2026-12-04T09:00:00');
    await h.act(silent, { type: 'close', answer: 'The bin was replaced; we could not reach you by phone.' }, DISPATCHER);
    const events = await h.events(silent);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['callbackRecorded', 'closed']);
    expect(noticesOf(h.sent(silent), last(events, 'closed').seq)).toEqual([`closed → reporter:${silent}`]);
    expect(h.outbox(silent).at(-1)!.notice.recipient.sms).toEqual(['+8613800000003']);
    for (const caseId of [complained, unjustified, silent]) {
      const execution = h.platform.workflow.execution(caseId)!;
      await execution.done;
      expect(execution.status).toBe('succeeded');
    }
  });
});
