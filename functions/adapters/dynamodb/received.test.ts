import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { InvalidCursor, type CaseProjection } from '../../ports/case-store.js';
import { encodeCursor } from './cursor.js';
import { allPages, freshStore, ids, projection, useDynalite } from './dynalite.fixture.js';
import { caseKey } from './table.js';

const dynamo = useDynalite();


/** A case received at a UTC instant. */
const receivedAt = (id: string, at: string, stage: CaseProjection['state']['stage'] = 'handling') => projection(id, { receivedAt: at, stage });

describe('cases by receipt', () => {
  it('lists open and closed cases in the range, newest first, across days', async () => {
    const { store } = await freshStore(dynamo);
    await Promise.all([
      store.saveProjection(receivedAt('before', '2026-02-28T23:59:59.999Z')),
      store.saveProjection(receivedAt('first', '2026-03-01T00:00:00.000Z')), // exactly `from`
      store.saveProjection(receivedAt('closed', '2026-03-01T12:00:00.000Z', 'closed')),
      store.saveProjection(receivedAt('merged', '2026-03-03T08:00:00.000Z', 'mergedAsDuplicate')),
      store.saveProjection(receivedAt('same-a', '2026-03-05T10:00:00.000Z')),
      store.saveProjection(receivedAt('same-b', '2026-03-05T10:00:00.000Z')),
      // Written with an offset: 02:00 in Kaifeng on the 10th is 18:00 UTC on the 9th.
      store.saveProjection(receivedAt('offset', '2026-03-10T02:00:00+08:00')),
      store.saveProjection(receivedAt('last', '2026-03-10T00:00:00.000Z')), // exactly `to`
      store.saveProjection(receivedAt('after', '2026-03-10T00:00:00.001Z')),
    ]);
    const range = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' };
    const { items, cursor } = await store.casesReceived(range);
    expect(ids(items)).toEqual(['last', 'offset', 'same-b', 'same-a', 'merged', 'closed', 'first']);
    expect(cursor).toBeUndefined();
    // The bounds may be given with an offset; they name instants.
    expect(ids((await store.casesReceived({ from: '2026-03-05T18:00:00+08:00', to: '2026-03-10T07:00:00+08:00' })).items)).toEqual(['offset', 'same-b', 'same-a']);
  });

  it('keeps a case listed under its receipt day through every later save, closing included', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.saveProjection(projection('c1', { version: 1, receivedAt: '2026-03-02T01:00:00.000Z' }));
    await store.saveProjection(projection('c1', { version: 2, receivedAt: '2026-03-02T01:00:00.000Z', stage: 'closed', updatedAt: '2026-04-20T01:00:00.000Z' }));
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey('c1') }));
    expect(Item).toMatchObject({ gsi5pk: 'RECV#2026-03-02', gsi5sk: '2026-03-02T01:00:00.000Z#c1' });
    expect(Item?.gsi3pk).toBeUndefined(); // it did leave the open listing
    const { items } = await store.casesReceived({ from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' });
    expect(items.map((item) => [item.state.id, item.state.stage])).toEqual([['c1', 'closed']]);
  });

  it('pages through a busy range, each case once, in order, with short and long pages', async () => {
    const { store } = await freshStore(dynamo, { pageSize: 7 });
    // 45 cases over 90 days with gaps of quiet days, several on some days.
    const cases = Array.from({ length: 45 }, (_, i) => {
      const day = 1 + ((i * 7) % 90);
      const at = new Date(Date.UTC(2026, 0, day, i % 24, i)).toISOString();
      return { id: `c${String(i).padStart(2, '0')}`, at };
    });
    await Promise.all(cases.map(({ id, at }) => store.saveProjection(receivedAt(id, at))));
    const newestFirst = [...cases].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1)).map((each) => each.id);
    const range = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

    const byDefault = await allPages((cursor) => store.casesReceived({ ...range, ...(cursor ? { cursor } : {}) }));
    expect(byDefault.all).toEqual(newestFirst);
    expect(byDefault.pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);

    for (const limit of [1, 3, 45, 1000]) {
      const paged = await allPages((cursor) => store.casesReceived({ ...range, limit, ...(cursor ? { cursor } : {}) }));
      expect(paged.all).toEqual(newestFirst);
      // A page that ends on the range's very last case says so: no empty page after it.
      expect(paged.pages.at(-1)?.length).toBeGreaterThan(0);
    }
  });

  it('answers a quiet range with one empty page in few round trips', async () => {
    const { store } = await freshStore(dynamo);
    dynamo.sent.length = 0;
    expect(await store.casesReceived({ from: '2026-01-01T00:00:00Z', to: '2026-03-31T23:59:59Z' })).toEqual({ items: [] });
    // 90 days, queried 1, 2, 4, 8, 8, … at a time: every day once, in 14 rounds rather than 90.
    expect(dynamo.sent.filter((name) => name === 'QueryCommand')).toHaveLength(90);
  });

  it('refuses bad ranges, limits and cursors', async () => {
    const { store } = await freshStore(dynamo, { pageSize: 1 });
    await store.saveProjection(receivedAt('a', '2026-03-02T01:00:00.000Z'));
    await store.saveProjection(receivedAt('b', '2026-03-03T01:00:00.000Z'));
    const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-05T00:00:00Z' };
    const { cursor } = await store.casesReceived(range);
    expect(cursor).toBeDefined();
    expect(ids((await store.casesReceived({ ...range, cursor: cursor! })).items)).toEqual(['a']);

    await expect(store.casesReceived({ from: range.to, to: range.from })).rejects.toThrow(RangeError);
    await expect(store.casesReceived({ from: 'yesterday', to: range.to })).rejects.toThrow(/ISO instant/);
    await expect(store.casesReceived({ ...range, limit: 0 })).rejects.toThrow(RangeError);
    await expect(store.casesReceived({ ...range, limit: 1001 })).rejects.toThrow(RangeError);
    // A cursor from this query but another range, from another query, or garbled.
    await expect(store.casesReceived({ from: '2026-03-04T00:00:00Z', to: range.to, cursor: cursor! })).rejects.toBeInstanceOf(InvalidCursor);
    const inboxCursor = encodeCursor({ key: { pk: 'CASE#a', sk: 'CASE', gsi1pk: 'UNIT#u', gsi1sk: 'x' } });
    for (const bad of [inboxCursor, 'not base64!', encodeCursor({ shard: 1 })]) {
      await expect(store.casesReceived({ ...range, cursor: bad })).rejects.toBeInstanceOf(InvalidCursor);
    }
  });
});
