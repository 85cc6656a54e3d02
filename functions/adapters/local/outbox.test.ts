import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../ports/notifier.js';
import { Outbox, type OutboxChange } from './outbox.js';

const notice = (caseId: string, seq: number, recipientId: string): Notice => ({
  id: `${caseId}#${seq}#unit:${recipientId}`,
  caseId,
  eventSeq: seq,
  topic: 'dispatched',
  recipient: { kind: 'unit', id: recipientId, sms: ['+8613900000311'], email: [] },
  subject: { zh: '【派单】', en: '[New order]' },
  body: { zh: '正文', en: 'Body' },
  createdAt: '2026-09-14T01:00:00.000Z',
});

/** A clock the test moves by hand. */
function clock(start = Date.parse('2026-09-14T01:00:00Z')) {
  let now = start;
  return { now: () => now, tick: (ms: number) => (now += ms) };
}

describe('in memory', () => {
  it('records every notice in order and lists them by case, recipient and time', async () => {
    const time = clock();
    const outbox = await Outbox.open({ now: time.now });
    await outbox.send([notice('case-1', 3, 'bureau'), notice('case-1', 3, 'daxing')]);
    time.tick(60_000);
    await outbox.send([notice('case-2', 2, 'bureau')]);

    expect(outbox.size).toBe(3);
    expect(outbox.list().map((e) => [e.position, e.notice.id, e.recordedAt])).toEqual([
      [1, 'case-1#3#unit:bureau', '2026-09-14T01:00:00.000Z'],
      [2, 'case-1#3#unit:daxing', '2026-09-14T01:00:00.000Z'],
      [3, 'case-2#2#unit:bureau', '2026-09-14T01:01:00.000Z'],
    ]);
    expect(outbox.list({ caseId: 'case-1' }).map((e) => e.position)).toEqual([1, 2]);
    expect(outbox.list({ recipientId: 'bureau' }).map((e) => e.position)).toEqual([1, 3]);
    expect(outbox.list({ recipientId: 'bureau', caseId: 'case-2' }).map((e) => e.position)).toEqual([3]);
    expect(outbox.list({ since: '2026-09-14T01:00:00.000Z' }).map((e) => e.position)).toEqual([3]);
    expect(() => outbox.list({ since: 'yesterday' })).toThrow(RangeError);
  });

  it('keeps a redelivered notice and marks it, as SMS would deliver it twice', async () => {
    const outbox = await Outbox.open();
    await outbox.send([notice('case-1', 3, 'bureau')]);
    await outbox.send([notice('case-1', 3, 'bureau'), notice('case-1', 3, 'bureau')]);
    expect(outbox.list().map((e) => e.redelivery)).toEqual([false, true, true]);
  });

  it('records a copy: changing the sent object later changes nothing', async () => {
    const outbox = await Outbox.open();
    const sent = notice('case-1', 3, 'bureau');
    await outbox.send([sent]);
    sent.body.zh = 'changed';
    expect(outbox.list()[0]?.notice.body.zh).toBe('正文');
  });

  it('numbers entries uniquely when sends overlap', async () => {
    const outbox = await Outbox.open();
    await Promise.all(Array.from({ length: 10 }, (_, i) => outbox.send([notice(`case-${i}`, 2, 'a'), notice(`case-${i}`, 2, 'b')])));
    expect(outbox.list().map((e) => e.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('clears, and numbers from 1 again', async () => {
    const outbox = await Outbox.open();
    await outbox.send([notice('case-1', 3, 'bureau')]);
    await outbox.clear();
    expect(outbox.list()).toEqual([]);
    await outbox.send([notice('case-1', 3, 'bureau')]);
    expect(outbox.list()).toMatchObject([{ position: 1, redelivery: false }]);
  });
});

describe('live views', () => {
  it('tells subscribers of each notice and of a clear, until they unsubscribe', async () => {
    const outbox = await Outbox.open();
    const changes: OutboxChange[] = [];
    const stop = outbox.subscribe((change) => changes.push(change));
    await outbox.send([notice('case-1', 3, 'bureau')]);
    await outbox.clear();
    stop();
    await outbox.send([notice('case-1', 4, 'bureau')]);
    expect(changes.map((c) => (c.type === 'recorded' ? c.entry.notice.id : c.type))).toEqual(['case-1#3#unit:bureau', 'cleared']);
  });

  it('does not fail a delivery because a view threw', async () => {
    const onListenerError = vi.fn();
    const outbox = await Outbox.open({ onListenerError });
    const later: string[] = [];
    outbox.subscribe(() => {
      throw new Error('view broke');
    });
    outbox.subscribe((change) => later.push(change.type));
    await expect(outbox.send([notice('case-1', 3, 'bureau')])).resolves.toBeUndefined();
    expect(outbox.size).toBe(1);
    expect(later).toEqual(['recorded']);
    expect(onListenerError).toHaveBeenCalledWith(expect.objectContaining({ message: 'view broke' }));
  });
});

describe('with a file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory, appends one JSON line per notice and loads them after a restart', async () => {
    const file = join(dir, 'nested', 'outbox.jsonl');
    const first = await Outbox.open({ file });
    await first.send([notice('case-1', 3, 'bureau'), notice('case-1', 3, 'daxing')]);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { notice: Notice }).notice.id)).toEqual(['case-1#3#unit:bureau', 'case-1#3#unit:daxing']);

    const restarted = await Outbox.open({ file });
    expect(restarted.list()).toEqual(first.list());
    // What was sent before the restart still counts: sending it again is a redelivery.
    await restarted.send([notice('case-1', 3, 'bureau')]);
    expect(restarted.list().map((e) => [e.position, e.redelivery])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('skips a torn last line, says which, and starts the next entry on a line of its own', async () => {
    const file = join(dir, 'outbox.jsonl');
    const good = JSON.stringify({ position: 1, recordedAt: '2026-09-14T01:00:00.000Z', redelivery: false, notice: notice('case-1', 3, 'bureau') });
    await writeFile(file, `${good}\n{"position":2,"recor`, 'utf8');
    const outbox = await Outbox.open({ file });
    expect(outbox.size).toBe(1);
    expect(outbox.damagedLines).toEqual([2]);
    await outbox.send([notice('case-2', 2, 'bureau')]);
    const reloaded = await Outbox.open({ file });
    expect(reloaded.list().map((e) => [e.position, e.notice.id])).toEqual([
      [1, 'case-1#3#unit:bureau'],
      [2, 'case-2#2#unit:bureau'],
    ]);
    expect(reloaded.damagedLines).toEqual([2]);
  });

  it('empties the file on clear', async () => {
    const file = join(dir, 'outbox.jsonl');
    const outbox = await Outbox.open({ file });
    await outbox.send([notice('case-1', 3, 'bureau')]);
    await outbox.clear();
    expect(await readFile(file, 'utf8')).toBe('');
    expect((await Outbox.open({ file })).size).toBe(0);
  });

  it('fails the send, recording nothing, when the file cannot be written', async () => {
    const file = join(dir, 'outbox.jsonl');
    const outbox = await Outbox.open({ file });
    // The path turns into a directory: every append fails, as a full or read-only disk would.
    await mkdir(file);
    const changes: OutboxChange[] = [];
    outbox.subscribe((change) => changes.push(change));
    await expect(outbox.send([notice('case-1', 3, 'bureau')])).rejects.toThrow();
    expect(outbox.size).toBe(0);
    expect(changes).toEqual([]);
    // The queue is not stuck behind the failure.
    await expect(outbox.clear()).rejects.toThrow();
  });

  it('refuses to open a path it cannot read', async () => {
    await expect(Outbox.open({ file: dir })).rejects.toThrow(/EISDIR/);
  });
});
