/**
 * Duplicate detection at intake: a second report of the same category within the city's radius and window
 * of an open case is merged into it by the workflow before any unit gets a second order; closing the master
 * answers both reporters. A report farther away, or of another category, is a case of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_IDS } from '../../functions/domain/testing/tiny-city.js';
import { BUREAU, DISPATCHER, gridWorker, staff, startHarness, type Harness } from './harness.js';

describe('duplicate detection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00', duplicates: true });
  });
  afterAll(async () => h.stop());

  it('merges a near, recent report of the same category into the open case, and answers both reporters', async () => {
    const master = await h.intake({ location: { lon: 114.3025, lat: 34.7825 } });
    await h.advanceTo('2026-12-01T10:30:00');
    // About 20 m away, an hour and a half later: the same broken bin.
    const second = await h.intake({ location: { lon: 114.3027, lat: 34.7826 }, reporter: { phone: '+8613800000009' } });
    const merged = await h.state(second);
    expect([merged.stage, merged.masterCaseId]).toEqual(['mergedAsDuplicate', master]);
    expect((await h.state(master)).duplicateIds).toEqual([second]);
    expect(h.sent(second).map((n) => n.topic)).toEqual([]); // no unit got a second order

    // 200 m away is another problem; so is another category at the same spot.
    const farther = await h.intake({ location: { lon: 114.3047, lat: 34.7826 } });
    const otherKind = await h.intake({ location: { lon: 114.3025, lat: 34.7825 }, categoryCode: TINY_IDS.categories.illegalConstruction, description: 'A shed built on the pavement' });
    expect((await h.state(farther)).stage).toBe('dispatched');
    expect((await h.state(otherKind)).stage).toBe('dispatched');

    await h.act(master, { type: 'accept' }, staff(BUREAU));
    await h.act(master, { type: 'reportResult', text: 'Replaced' }, staff(BUREAU));
    await h.act(master, { type: 'verify', passed: true }, gridWorker((await h.state(master)).gridId!));
    await h.act(master, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
    await h.act(master, { type: 'close', answer: 'The bin was replaced.' }, DISPATCHER);
    const answers = h.outbox(master).filter((entry) => entry.notice.topic.startsWith('closed'));
    expect(answers.map((entry) => entry.notice.recipient.sms[0]).sort()).toEqual(['+8613800000001', '+8613800000009']);
  });
});
