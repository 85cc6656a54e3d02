import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshStore, projection, useDynalite } from './dynalite.fixture.js';
import { caseKey, INDEX, openPk, openShard } from './table.js';

const dynamo = useDynalite();

describe('open case digests', () => {
  it('lists every open case of every shard, with only the board’s fields, and none that are closed', async () => {
    const { store } = await freshStore(dynamo, { pageSize: 2 });
    const territory = [
      { level: 'community' as const, unitId: 'tieta' },
      { level: 'subdistrict' as const, unitId: 'beishudian' },
    ];
    const handleClock = { from: '2026-03-02T01:00:00.000Z', dueAt: '2026-03-09T10:00:00.000Z', length: { kind: 'span' as const, from: 'a', to: 'b' }, timeKind: 'working' as const, firedSteps: [0] };
    await store.saveProjection(
      projection('full', { leadId: 'unit-a', territory, escalation: { rung: 'urge', lastAt: '2026-03-05T02:00:00.000Z' }, handleClock }, {
        boardStatus: 'warning',
        nextDueAt: '2026-03-09T10:00:00.000Z',
        location: { lon: 114.35, lat: 34.8 },
        supervisingUnitId: 'beishudian',
      }),
    );
    // Enough bare cases that every shard holds some.
    for (let i = 0; i < 40; i++) await store.saveProjection(projection(`c${i}`));
    await store.saveProjection(projection('shut', { stage: 'closed' }));

    const digests = await store.openCaseDigests();
    expect(digests.map((digest) => digest.id).sort()).toEqual(['full', ...Array.from({ length: 40 }, (_, i) => `c${i}`)].sort());
    expect(digests.find((digest) => digest.id === 'full')).toEqual({
      id: 'full',
      stage: 'handling',
      categoryCode: 'S0102',
      leadId: 'unit-a',
      supervisingLayer: 'community',
      supervisingUnitId: 'beishudian',
      territoryUnitIds: ['tieta', 'beishudian'],
      boardStatus: 'warning',
      nextDueAt: '2026-03-09T10:00:00.000Z',
      timeKind: 'working',
      location: { lon: 114.35, lat: 34.8 },
      receivedAt: '2026-03-02T01:00:00.000Z',
      escalation: { rung: 'urge', lastAt: '2026-03-05T02:00:00.000Z' },
    });
    expect(digests.find((digest) => digest.id === 'c1')).toEqual({
      id: 'c1', stage: 'handling', categoryCode: 'S0102', supervisingLayer: 'community', supervisingUnitId: 'tieta', territoryUnitIds: [], receivedAt: '2026-03-02T01:00:00.000Z', escalation: {},
    });
  });

  it('keeps only the digest on the open index, drops it when the case closes, and reads a case saved before digests from its projection', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.saveProjection(projection('open-one'));
    await store.saveProjection(projection('older'));
    const onIndex = async (id: string) =>
      (
        await ctx.doc.send(
          new QueryCommand({ TableName: ctx.table, IndexName: INDEX.open, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': `${INDEX.open}pk` }, ExpressionAttributeValues: { ':pk': openPk(openShard(id)) } }),
        )
      ).Items?.find((item) => item.pk === caseKey(id).pk);
    const item = await onIndex('open-one');
    expect(JSON.parse(item?.digest as string)).toMatchObject({ id: 'open-one', stage: 'handling' });
    expect(item).not.toHaveProperty('projection');
    // As a case item written before digests existed, and one whose digest is a map (as first written).
    await ctx.doc.send(new UpdateCommand({ TableName: ctx.table, Key: caseKey('older'), UpdateExpression: 'REMOVE digest' }));
    await store.saveProjection(projection('as-a-map'));
    await ctx.doc.send(
      new UpdateCommand({ TableName: ctx.table, Key: caseKey('as-a-map'), UpdateExpression: 'SET digest = :map', ExpressionAttributeValues: { ':map': JSON.parse((await onIndex('as-a-map'))?.digest as string) as Record<string, unknown> } }),
    );
    const digests = await store.openCaseDigests();
    expect(digests.map((digest) => digest.id).sort()).toEqual(['as-a-map', 'older', 'open-one']);
    expect(digests.find((digest) => digest.id === 'as-a-map')).toMatchObject({ id: 'as-a-map', stage: 'handling', supervisingUnitId: 'tieta' });
    expect((await store.listOpenCases()).items.map((listed) => listed.state.id).sort()).toEqual(['as-a-map', 'older', 'open-one']);

    await store.saveProjection(projection('open-one', { stage: 'closed', version: 2 }));
    expect(await onIndex('open-one')).toBeUndefined();
    expect((await store.openCaseDigests()).map((digest) => digest.id).sort()).toEqual(['as-a-map', 'older']);
  });

  it('answers an empty list for a city with no open case', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.openCaseDigests()).toEqual([]);
  });
});
