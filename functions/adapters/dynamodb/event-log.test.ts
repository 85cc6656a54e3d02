import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../domain/case/case-state.js';
import { CorruptHistory } from '../../domain/case/errors.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { newEvent, stampEvents } from '../../domain/case/new-event.js';
import { VersionConflict } from '../../ports/case-store.js';
import { freshStore, useDynalite } from './dynalite.fixture.js';
import { commitKey } from './table.js';

const dynamo = useDynalite();
const citizen = { kind: 'citizen', id: 'citizen-1' } as const;
const staff = { kind: 'unitStaff', id: 'staff-1', unitId: 'longting-urban-management' } as const;

const received = (caseId: string): CaseEvent[] =>
  stampEvents(caseId, 0, [
    newEvent('received', { channel: 'hotline', categoryCode: 'S0102', urgency: 'routine', description: 'Rubbish at the north gate', externalId: undefined }, citizen, '2026-03-02T01:00:00.000Z'),
  ]);

/** `count` progress notes after `version`, each `size` characters long. */
const notes = (caseId: string, version: number, count: number, size = 20): CaseEvent[] =>
  stampEvents(
    caseId,
    version,
    Array.from({ length: count }, (_, i) => newEvent('progressNoted', { unitId: staff.unitId, text: `${version + i + 1}:`.padEnd(size, 'x') }, staff, '2026-03-02T02:00:00.000Z')),
  );

describe('the event history', () => {
  it('appends commits and loads them back in order, across pages of more than 1 MB', async () => {
    const { store } = await freshStore(dynamo);
    await store.appendEvents('c1', 0, received('c1'));
    let version = 1;
    // 30 commits of 4 events of 10 kB: 1.2 MB, more than one Query page.
    for (let commit = 0; commit < 30; commit++) {
      await store.appendEvents('c1', version, notes('c1', version, 4, 10_000));
      version += 4;
    }
    dynamo.sent.length = 0;
    const events = await store.loadEvents('c1');
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
    expect(dynamo.sent.filter((name) => name === 'QueryCommand').length).toBeGreaterThan(1);
    expect(foldEvents(events).version).toBe(121);
    // Optional fields left undefined are simply absent, as JSON would have them.
    expect(events[0]).not.toHaveProperty('data.externalId');
  });

  it('answers an unknown case with no events', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.loadEvents('nobody')).toEqual([]);
  });

  it('lets exactly one of two concurrent appends on a version in; the loser wrote nothing', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.appendEvents('c1', 0, received('c1'));
    const mine = notes('c1', 1, 2);
    const theirs = notes('c1', 1, 3).map((event) => ({ ...event, at: '2026-03-02T03:00:00.000Z' }));
    const results = await Promise.allSettled([store.appendEvents('c1', 1, mine), store.appendEvents('c1', 1, theirs)]);
    const won = results.findIndex((result) => result.status === 'fulfilled');
    const lost = results.find((result) => result.status === 'rejected');
    expect(won).toBeGreaterThanOrEqual(0);
    expect(lost?.reason).toBeInstanceOf(VersionConflict);
    expect(lost?.reason).toMatchObject({ caseId: 'c1', expectedVersion: 1 });
    const winner = won === 0 ? mine : theirs;
    expect(await store.loadEvents('c1')).toEqual([...received('c1'), ...winner]);
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: commitKey('c1', 4) }));
    expect(Item).toBeUndefined(); // nothing of the loser's three events landed
  });

  it('answers a retry of the very same commit as success, and a different one as a conflict', async () => {
    const { store } = await freshStore(dynamo);
    await store.appendEvents('c1', 0, received('c1'));
    const commit = notes('c1', 1, 2);
    await store.appendEvents('c1', 1, commit);
    await store.appendEvents('c1', 1, structuredClone(commit));
    await store.appendEvents('c1', 0, received('c1'));
    await expect(store.appendEvents('c1', 1, notes('c1', 1, 2, 30))).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.appendEvents('c1', 0, received('c1').map((event) => ({ ...event, at: '2026-03-02T01:00:01.000Z' })))).rejects.toBeInstanceOf(VersionConflict);
    expect((await store.loadEvents('c1')).length).toBe(3);
  });

  it('refuses a version the case never had: past its end, or inside a commit', async () => {
    const { store } = await freshStore(dynamo);
    await store.appendEvents('c1', 0, received('c1'));
    await store.appendEvents('c1', 1, notes('c1', 1, 3)); // versions 1 and 4 exist, 2 and 3 never did
    await expect(store.appendEvents('c1', 6, notes('c1', 6, 1))).rejects.toThrow(/has no version 6 \(its history ends at 4\)/);
    await expect(store.appendEvents('c1', 2, notes('c1', 2, 1))).rejects.toBeInstanceOf(VersionConflict);
    await expect(store.appendEvents('c2', 3, notes('c2', 3, 1))).rejects.toThrow(/has no version 3/);
    expect((await store.loadEvents('c1')).length).toBe(4);
  });

  it('refuses commits whose seqs do not follow the version, and empty ones', async () => {
    const { store } = await freshStore(dynamo);
    await expect(store.appendEvents('c1', 0, [])).rejects.toThrow(/nothing to append/);
    await expect(store.appendEvents('c1', 1, received('c1'))).rejects.toThrow(/has seq 1; appending after version 1 it must be 2/);
    const gap = notes('c1', 0, 3).filter((event) => event.seq !== 2);
    await expect(store.appendEvents('c1', 0, gap)).rejects.toThrow(/must be 2/);
    await expect(store.appendEvents('c2', 0, received('c1'))).rejects.toThrow(/belongs to case c1/);
    await expect(store.appendEvents('c1', -1, received('c1'))).rejects.toThrow(RangeError);
  });

  it('reports a stored history that does not replay', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.appendEvents('c1', 0, received('c1'));
    // A commit written behind the store's back, leaving a hole at seq 2.
    await ctx.doc.send(new PutCommand({ TableName: ctx.table, Item: { ...commitKey('c1', 3), lastSeq: 3, events: notes('c1', 2, 1) } }));
    await expect(store.loadEvents('c1')).rejects.toBeInstanceOf(CorruptHistory);
    const { Items } = await ctx.doc.send(new QueryCommand({ TableName: ctx.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'CASE#c1' } }));
    expect(Items?.map((item) => String(item.sk))).toEqual(['EVT#000000001', 'EVT#000000003']);
  });
});
