import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { sumCounts, type CountDelta } from '../../domain/appraisal/counts.js';
import { batchWrite } from './dynamo.js';
import { freshStore, projection, useDynalite } from './dynalite.fixture.js';
import { appraisalKey } from './table.js';

const dynamo = useDynalite();

describe('intake claims', () => {
  it('lets one of ten concurrent claims win and tells every one the same case', async () => {
    const { store } = await freshStore(dynamo);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.claimIntake('hotline#CALL-20260302-0001', `case-${i}`)));
    const winners = results.flatMap((result, i) => (result.claimed ? [`case-${i}`] : []));
    expect(winners).toHaveLength(1);
    const holder = winners[0];
    expect(results.filter((result) => !result.claimed)).toEqual(Array.from({ length: 9 }, () => ({ claimed: false, caseId: holder })));
    expect(await store.findByExternalId('hotline', 'CALL-20260302-0001')).toBe(holder);
    // The holder claiming again (its own retry) is told the claim is its own.
    expect(await store.claimIntake('hotline#CALL-20260302-0001', holder!)).toEqual({ claimed: true });
  });

  it('finds nothing for an unclaimed id, and keeps channels apart', async () => {
    const { store } = await freshStore(dynamo);
    await store.claimIntake('open311#42', 'case-a');
    expect(await store.findByExternalId('web', '42')).toBeUndefined();
    expect(await store.findByExternalId('open311', '42')).toBe('case-a');
    await expect(store.claimIntake('', 'case-a')).rejects.toThrow(RangeError);
  });
});

describe('appraisal rows', () => {
  const delta = (unitId: string, month: string, counts: CountDelta['counts']): CountDelta => ({ unitId, month, counts });

  it('replaces a case’s rows: changed ones rewritten, vanished ones deleted, others’ untouched', async () => {
    const { store } = await freshStore(dynamo);
    await store.saveProjection(projection('c1'));
    await store.putAppraisal('c1', [
      delta('unit-a', '2026-02', { dispatched: 1, openPending: 1 }),
      delta('unit-a', '2026-03', { openPending: -1, due: 1, completed: 1 }),
      delta('unit-b', '2026-03', { returned: 1, answered: 1 }),
    ]);
    await store.putAppraisal('c2', [delta('unit-a', '2026-03', { dispatched: 1 })]);
    // The case's history moved on: unit-b's return was withdrawn and March's row changed.
    await store.putAppraisal('c1', [
      delta('unit-a', '2026-02', { dispatched: 1, openPending: 1 }),
      delta('unit-a', '2026-03', { openPending: -1, due: 1 }),
      delta('unit-a', '2026-03', { completed: 1, completedOnTime: 1 }), // two deltas of one row add up
    ]);
    const march = await store.appraisalDeltas(['2026-03']);
    expect(march).toHaveLength(2);
    expect(march).toEqual(
      expect.arrayContaining([delta('unit-a', '2026-03', { openPending: -1, due: 1, completed: 1, completedOnTime: 1 }), delta('unit-a', '2026-03', { dispatched: 1 })]),
    );
    const both = await store.appraisalDeltas(['2026-02', '2026-03', '2026-02']);
    expect(sumCounts(both, { months: ['2026-02', '2026-03'] }).get('unit-a')).toMatchObject({ dispatched: 2, openPending: 0, due: 1, completed: 1 });
    expect(sumCounts(both, { months: ['2026-02', '2026-03'] }).has('unit-b')).toBe(false);
    // The projection was not touched by any of it.
    expect((await store.getProjection('c1'))?.state.id).toBe('c1');

    // A replay of the same set writes nothing; an empty set removes every row of the case.
    dynamo.sent.length = 0;
    await store.putAppraisal('c1', [delta('unit-a', '2026-02', { openPending: 1, dispatched: 1 }), delta('unit-a', '2026-03', { completedOnTime: 1, completed: 1, due: 1, openPending: -1 })]);
    expect(dynamo.sent).toEqual(['GetItemCommand']);
    await store.putAppraisal('c1', [delta('unit-a', '2026-04', { dispatched: 0 })]);
    expect(await store.appraisalDeltas(['2026-02', '2026-03', '2026-04'])).toEqual([delta('unit-a', '2026-03', { dispatched: 1 })]);
  });

  it('redoes a replace that died halfway', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1 })]);
    // As if a run had widened the list and died before writing its row.
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: { pk: 'CASE#c1', sk: 'CASE' },
        UpdateExpression: 'SET appraisal = :list',
        ExpressionAttributeValues: { ':list': { '2026-03|unit-a': '{"dispatched":1}', '2026-03|unit-b': '?' } },
      }),
    );
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1 }), delta('unit-b', '2026-03', { answered: 1 })]);
    const rows = await ctx.doc.send(new QueryCommand({ TableName: ctx.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'APPR#2026-03' } }));
    expect(rows.Items?.map((item) => String(item.sk))).toEqual(['UNIT#unit-a#CASE#c1', 'UNIT#unit-b#CASE#c1']);
  });

  it('pages through a month of more than 1 MB, and refuses a malformed month', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.putAppraisal('case-0', [delta('unit-0', '2026-05', { dispatched: 1 })]);
    // 120 rows of 10 kB written directly (each with a filler attribute the query does not return, but
    // DynamoDB counts towards its 1 MB page): the month takes two pages.
    await batchWrite(
      ctx,
      Array.from({ length: 120 }, (_, i) => ({
        PutRequest: {
          Item: { ...appraisalKey('2026-05', `unit-${i}`, `case-${i + 1}`), unitId: `unit-${i}`, month: '2026-05', caseId: `case-${i + 1}`, counts: { due: 1 }, filler: 'x'.repeat(10_000) },
        },
      })),
    );
    dynamo.sent.length = 0;
    const rows = await store.appraisalDeltas(['2026-05']);
    expect(rows).toHaveLength(121);
    expect(rows.every((row) => !('filler' in row))).toBe(true);
    expect(dynamo.sent.filter((name) => name === 'QueryCommand').length).toBeGreaterThan(1);
    await expect(store.appraisalDeltas(['2026-13'])).rejects.toThrow(/YYYY-MM/);
    await expect(store.putAppraisal('c1', [delta('u', '26-05', { due: 1 })])).rejects.toThrow(/YYYY-MM/);
  });
});
