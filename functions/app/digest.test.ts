/**
 * The daily digest on the local platform: the supervision office hears of the cases on the boards it
 * serves, with counts and the nearest deadlines first, once per office; a quiet day sends nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUREAU, staff, startHarness, type Harness } from '../../test/workflow/harness.js';
import { TINY_IDS } from '../domain/testing/tiny-city.js';
import { sendDailyDigest } from './digest.js';

describe('the daily digest', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.stop());

  const send = (harness: Harness) =>
    sendDailyDigest({ store: harness.platform.store, notifier: harness.platform.outbox, city: harness.platform.city, clock: harness.clock });

  it('sends nothing while no case is on a board', async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    await h.intake();
    const report = await send(h);
    expect(report).toMatchObject({ day: '2026-12-01', cases: 0, notices: [], unserved: [] });
  });

  it('tells the supervision office of the overdue and warning cases, most urgent first', async () => {
    h = await startHarness({ start: '2026-12-01T09:00:00' });
    const late = await h.intake();
    await h.advanceTo('2026-12-01T09:30:00');
    await h.act(late, { type: 'accept' }, staff(BUREAU));
    const later = await h.intake();
    await h.act(later, { type: 'accept' }, staff(BUREAU));
    // Past the first case's handling deadline (12-04 18:00, then urged: overdue); the second is reminded (warning).
    await h.advanceTo('2026-12-04T18:30:00');
    const before = h.platform.outbox.list().length;

    const report = await send(h);
    expect(report.day).toBe('2026-12-04');
    expect(report.cases).toBe(2);
    expect(report.notices.map((n) => `${n.topic} → ${n.recipient.kind}:${n.recipient.id}`)).toEqual([`digest.daily → office:${TINY_IDS.offices.supervisionOffice}`]);
    const [notice] = report.notices;
    expect(notice?.id).toBe(`digest:2026-12-04#0#office:${TINY_IDS.offices.supervisionOffice}`);
    expect(notice?.body.en.split('\n')[0]).toMatch(/^Supervision digest for 2026-12-04: \d overdue, \d near their deadline\.$/);
    const lines = notice?.body.en.split('\n').slice(1) ?? [];
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain(late);
    expect(lines.join('\n')).toContain(later);
    // Delivered through the notifier (the outbox locally, SNS on AWS).
    expect(h.platform.outbox.list().slice(before).map((entry) => entry.notice.topic)).toEqual(['digest.daily']);
  });
});
