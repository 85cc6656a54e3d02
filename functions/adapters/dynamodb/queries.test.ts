import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { InvalidCursor, type CaseStore } from '../../ports/case-store.js';
import { encodeCursor } from './cursor.js';
import { allPages, freshStore, ids, projection, useDynalite } from './dynalite.fixture.js';
import { OPEN_SHARDS, coHandlerKey, openShard } from './table.js';

const dynamo = useDynalite();
const due = (day: number) => `2026-03-${String(day).padStart(2, '0')}T01:00:00.000Z`;


/** Kaifeng, by the Tieta (Iron Pagoda). */
const TIETA = { lon: 114.3558, lat: 34.8066 };
/** A point `meters` north of the pagoda (a degree of latitude is 111.2 km on turf's sphere). */
const north = (meters: number) => ({ lon: TIETA.lon, lat: TIETA.lat + meters / 111_195 });

describe('inboxes', () => {
  it('lists a unit’s open cases nearest deadline first, page by page, with co-handled ones', async () => {
    const { store } = await freshStore(dynamo);
    // Saved out of order; one has no deadline, one is closed, one belongs to another unit.
    await store.saveProjection(projection('d', { leadId: 'unit-a', handleDueAt: due(9) }));
    await store.saveProjection(projection('b', { leadId: 'unit-a', handleDueAt: due(20) }, { nextDueAt: due(5) }));
    await store.saveProjection(projection('none', { leadId: 'unit-a' }));
    await store.saveProjection(projection('a', { leadId: 'unit-a', handleDueAt: due(3) }));
    await store.saveProjection(projection('shut', { leadId: 'unit-a', handleDueAt: due(1), stage: 'closed' }));
    await store.saveProjection(projection('other', { leadId: 'unit-b', handleDueAt: due(2) }));
    await store.saveProjection(projection('co', { leadId: 'unit-b', coHandlerIds: ['unit-a'], handleDueAt: due(7) }));
    // Timestamps with an offset are placed by the instant they name (02:00+08:00 on the 8th is the 7th, 18:00 UTC).
    await store.saveProjection(projection('offset', { leadId: 'unit-a', handleDueAt: '2026-03-08T02:00:00+08:00' }));

    const { pages, all } = await allPages((cursor) => store.unitInbox('unit-a', { limit: 2, ...(cursor ? { cursor } : {}) }));
    expect(all).toEqual(['a', 'b', 'co', 'offset', 'd', 'none']);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect((await store.unitInbox('unit-b')).items.map((item) => item.state.id)).toEqual(['other', 'co']);
  });

  it('drops a case from an inbox when it moves on', async () => {
    const { store } = await freshStore(dynamo);
    await store.saveProjection(projection('c1', { version: 1, leadId: 'unit-a', coHandlerIds: ['unit-c'], handleDueAt: due(3) }));
    await store.saveProjection(projection('c1', { version: 2, leadId: 'unit-b', coHandlerIds: [], handleDueAt: due(3) }));
    expect(ids((await store.unitInbox('unit-a')).items)).toEqual([]);
    expect(ids((await store.unitInbox('unit-c')).items)).toEqual([]);
    expect(ids((await store.unitInbox('unit-b')).items)).toEqual(['c1']);
  });

  it('never shows a case through a pointer a race left behind', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.saveProjection(projection('c1', { version: 3, leadId: 'unit-a', coHandlerIds: [], handleDueAt: due(3) }));
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.table,
        Item: { ...coHandlerKey('c1', 'unit-x'), caseId: 'c1', unitId: 'unit-x', version: 2, gsi1pk: 'UNIT#unit-x', gsi1sk: `${due(3)}#c1` },
      }),
    );
    expect(await store.unitInbox('unit-x')).toEqual({ items: [] });
    // The next save of the case clears it.
    await store.saveProjection(projection('c1', { version: 4, leadId: 'unit-a', coHandlerIds: [], handleDueAt: due(3) }));
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: coHandlerKey('c1', 'unit-x') }));
    expect(Item).toBeUndefined();
  });
});

describe('the boards', () => {
  it('lists the warning and the overdue board of a supervising unit by deadline', async () => {
    const { store } = await freshStore(dynamo);
    await store.saveProjection(projection('late-2', { leadId: 'u' }, { boardStatus: 'overdue', supervisingUnitId: 'daxing', nextDueAt: due(4) }));
    await store.saveProjection(projection('late-1', { leadId: 'u' }, { boardStatus: 'overdue', supervisingUnitId: 'daxing', nextDueAt: due(2) }));
    await store.saveProjection(projection('soon', { leadId: 'u' }, { boardStatus: 'warning', supervisingUnitId: 'daxing', nextDueAt: due(6) }));
    await store.saveProjection(projection('elsewhere', { leadId: 'u' }, { boardStatus: 'overdue', supervisingUnitId: 'longting', nextDueAt: due(1) }));
    await store.saveProjection(projection('calm', { leadId: 'u' }, { supervisingUnitId: 'daxing', nextDueAt: due(1) }));
    await store.saveProjection(projection('done', { leadId: 'u', stage: 'closed' }, { boardStatus: 'overdue', supervisingUnitId: 'daxing', nextDueAt: due(1) }));

    expect((await allPages((cursor) => store.board('daxing', 'overdue', { limit: 1, ...(cursor ? { cursor } : {}) }))).all).toEqual(['late-1', 'late-2']);
    expect(ids((await store.board('daxing', 'warning')).items)).toEqual(['soon']);
    // Off the board once the status clears.
    await store.saveProjection(projection('late-1', { leadId: 'u', version: 2 }, { supervisingUnitId: 'daxing', nextDueAt: due(2) }));
    expect(ids((await store.board('daxing', 'overdue')).items)).toEqual(['late-2']);
  });
});

describe('the open-case listing', () => {
  it('pages through every open case across all shards, each once', async () => {
    const { store } = await freshStore(dynamo, { pageSize: 7 });
    const open = Array.from({ length: 40 }, (_, i) => `open-${i}`);
    await Promise.all(open.map((id) => store.saveProjection(projection(id))));
    await Promise.all(['closed-1', 'closed-2'].map((id) => store.saveProjection(projection(id, { stage: 'closed' }))));
    expect(new Set(open.map(openShard)).size).toBeGreaterThan(OPEN_SHARDS / 2); // the ids really spread

    const { pages, all } = await allPages((cursor) => store.listOpenCases(cursor));
    expect([...all].sort()).toEqual([...open].sort());
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
  });

  it('answers an empty table with one empty page', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.listOpenCases()).toEqual({ items: [] });
  });
});

describe('cases near a point', () => {
  const since = '2026-03-01T00:00:00.000Z';
  const near = (id: string, location: { lon: number; lat: number }, changes: Parameters<typeof projection>[1] = {}) =>
    projection(id, { categoryCode: 'S0102', ...changes }, { location });

  it('finds open cases of the category inside the radius, nearest first', async () => {
    const { store } = await freshStore(dynamo);
    await Promise.all([
      store.saveProjection(near('at-40m', north(40))),
      store.saveProjection(near('at-10m', north(10))),
      store.saveProjection(near('at-60m', north(60))),
      store.saveProjection(near('other-category', north(5), { categoryCode: 'B0101' })),
      store.saveProjection(near('closed', north(5), { stage: 'closed' })),
      store.saveProjection(near('merged', north(5), { stage: 'mergedAsDuplicate' })),
      store.saveProjection(near('too-old', north(5), { receivedAt: '2026-02-27T00:00:00.000Z' })),
      store.saveProjection(projection('no-place', { categoryCode: 'S0102' })),
    ]);
    expect(ids(await store.casesNear('S0102', TIETA, 50, since))).toEqual(['at-10m', 'at-40m']);
    expect(ids(await store.casesNear('S0102', TIETA, 100, since))).toEqual(['at-10m', 'at-40m', 'at-60m']);
    expect(ids(await store.casesNear('B0101', TIETA, 50, since))).toEqual(['other-category']);
    expect(ids(await store.casesNear('S0102', TIETA, 50, '2026-02-01T00:00:00.000Z'))).toEqual(['too-old', 'at-10m', 'at-40m']);
  });

  it('finds a case across a cell edge and within the largest radius a city may configure', async () => {
    const { store } = await freshStore(dynamo);
    // 114.3457031 is an edge of precision-5 and precision-7 geohash cells; these points sit 6 m either side.
    const west = { lon: 114.3457031 - 0.00007, lat: 34.8 };
    const east = { lon: 114.3457031 + 0.00007, lat: 34.8 };
    await store.saveProjection(near('east', east));
    await store.saveProjection(near('far', { lon: 114.3457031 + 0.05, lat: 34.8 })); // ~4.6 km east
    expect(ids(await store.casesNear('S0102', west, 20, since))).toEqual(['east']);
    expect(ids(await store.casesNear('S0102', west, 5000, since))).toEqual(['east', 'far']);
    await expect(store.casesNear('S0102', west, 50_000, since)).rejects.toThrow(/geohash cells/);
    await expect(store.casesNear('S0102', west, 0, since)).rejects.toThrow(RangeError);
    await expect(store.casesNear('S0102', west, 50, 'yesterday')).rejects.toThrow(/ISO instant/);
  });
});

describe('cursors', () => {
  const everyQuery = (store: CaseStore, cursor: string) => [
    store.unitInbox('unit-a', { cursor }),
    store.board('daxing', 'overdue', { cursor }),
    store.listOpenCases(cursor),
  ];

  it('refuses garbled, foreign and other-query cursors with InvalidCursor', async () => {
    const { store } = await freshStore(dynamo, { pageSize: 1 });
    await store.saveProjection(projection('a', { leadId: 'unit-a', handleDueAt: due(1) }));
    await store.saveProjection(projection('b', { leadId: 'unit-a', handleDueAt: due(2) }));
    const inboxCursor = (await store.unitInbox('unit-a')).cursor!;
    const listCursor = (await store.listOpenCases()).cursor!;
    for (const bad of ['', 'not base64!', encodeCursor({}), Buffer.from('[1,2]').toString('base64url'), Buffer.from('{"key":{"pk":1}}').toString('base64url')]) {
      for (const query of everyQuery(store, bad)) await expect(query).rejects.toBeInstanceOf(InvalidCursor);
    }
    await expect(store.unitInbox('unit-b', { cursor: inboxCursor })).rejects.toThrow(/another query/);
    await expect(store.board('daxing', 'overdue', { cursor: inboxCursor })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(store.listOpenCases(inboxCursor)).rejects.toBeInstanceOf(InvalidCursor);
    await expect(store.unitInbox('unit-a', { cursor: listCursor })).rejects.toBeInstanceOf(InvalidCursor);
    await expect(store.listOpenCases(encodeCursor({ shard: OPEN_SHARDS }))).rejects.toBeInstanceOf(InvalidCursor);
    await expect(store.unitInbox('unit-a', { limit: 0 })).rejects.toThrow(RangeError);
  });
});
