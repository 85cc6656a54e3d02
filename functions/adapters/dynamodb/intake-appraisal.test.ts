import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { sumCounts, type CountDelta } from '../../domain/appraisal/counts.js';
import { applyToTotal } from './appraisal.js';
import { batchWrite } from './dynamo.js';
import { freshStore, projection, useDynalite } from './dynalite.fixture.js';
import { AppraisalBusy, type CaseStore } from '../../ports/case-store.js';
import { appraisalTotalKey, caseKey } from './table.js';

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

describe('appraisal totals', () => {
  const delta = (unitId: string, month: string, counts: CountDelta['counts']): CountDelta => ({ unitId, month, counts });
  const totals = async (store: CaseStore, months: string[]) =>
    Object.fromEntries((await store.appraisalDeltas(months)).map((row) => [`${row.month}|${row.unitId}`, row.counts]));

  it('keeps one total per unit and month: a replace moves the case from its old rows to the new ones', async () => {
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
    expect(await store.appraisalDeltas(['2026-03'])).toEqual([delta('unit-a', '2026-03', { dispatched: 1, due: 1, completed: 1, completedOnTime: 1, openPending: -1 })]);
    const both = await store.appraisalDeltas(['2026-02', '2026-03', '2026-02']);
    expect(both).toHaveLength(2);
    expect(sumCounts(both, { months: ['2026-02', '2026-03'] }).get('unit-a')).toMatchObject({ dispatched: 2, openPending: 0, due: 1, completed: 1 });
    expect(sumCounts(both, { months: ['2026-02', '2026-03'] }).has('unit-b')).toBe(false);
    // The projection was not touched by any of it.
    expect((await store.getProjection('c1'))?.state.id).toBe('c1');

    // A replay of the same set is one read; an empty set takes the case out of every total.
    dynamo.sent.length = 0;
    await store.putAppraisal('c1', [delta('unit-a', '2026-02', { openPending: 1, dispatched: 1 }), delta('unit-a', '2026-03', { completedOnTime: 1, completed: 1, due: 1, openPending: -1 })]);
    expect(dynamo.sent).toEqual(['GetItemCommand']);
    await store.putAppraisal('c1', [delta('unit-a', '2026-04', { dispatched: 0 })]);
    expect(await totals(store, ['2026-02', '2026-03', '2026-04'])).toEqual({ '2026-03|unit-a': { dispatched: 1 } });
  });

  it('keeps rows made from a later version of the case when an older refresh arrives late', async () => {
    const { store } = await freshStore(dynamo);
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1, due: 1 })], { version: 4 });
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1 })], { version: 3 });
    expect(await totals(store, ['2026-03'])).toEqual({ '2026-03|unit-a': { dispatched: 1, due: 1 } });
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1, due: 1, completed: 1 })], { version: 5 });
    expect(await totals(store, ['2026-03'])).toEqual({ '2026-03|unit-a': { dispatched: 1, due: 1, completed: 1 } });
  });

  it('finishes, once, a replace whose writer died halfway', async () => {
    const { store, ctx } = await freshStore(dynamo, { appraisal: { takeoverMs: 0 } });
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1 })]);
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey('c1') }));
    // As if a writer had claimed a move to {unit-a: due 1, unit-b: answered 1}, added unit-b's change, and died.
    const op = { id: '1-dead', startedAt: 1, to: { '2026-03|unit-a': '{"due":1}', '2026-03|unit-b': '{"answered":1}' } };
    await ctx.doc.send(new UpdateCommand({ TableName: ctx.table, Key: caseKey('c1'), UpdateExpression: 'SET appraisalOp = :op', ExpressionAttributeValues: { ':op': op } }));
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: appraisalTotalKey('2026-03', 'unit-b'),
        UpdateExpression: 'ADD answered :one, ops :op SET unitId = :unit, #month = :month',
        ExpressionAttributeNames: { '#month': 'month' },
        ExpressionAttributeValues: { ':one': 1, ':op': new Set(['1-dead']), ':unit': 'unit-b', ':month': '2026-03' },
      }),
    );
    expect(Item?.appraisalRev).toBe(1);
    // The next replace finishes the dead one (unit-b is not added twice), then makes its own move.
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { due: 1 }), delta('unit-b', '2026-03', { answered: 1, returned: 1 })]);
    expect(await totals(store, ['2026-03'])).toEqual({ '2026-03|unit-a': { due: 1 }, '2026-03|unit-b': { answered: 1, returned: 1 } });
    // The first writer was only stalled: its late applies of the operation count nothing, because the taker
    // left the operation's id on the totals.
    await applyToTotal(ctx, '2026-03|unit-a', { dispatched: -1, due: 1 }, '1-dead');
    await applyToTotal(ctx, '2026-03|unit-b', { answered: 1 }, '1-dead');
    expect(await totals(store, ['2026-03'])).toEqual({ '2026-03|unit-a': { due: 1 }, '2026-03|unit-b': { answered: 1, returned: 1 } });
    const after = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey('c1') }));
    expect(after.Item?.appraisalRev).toBe(3);
    expect(after.Item?.appraisalOp).toBeUndefined();
  });

  it('waits for a live writer instead of taking its replace over, and gives up with an error after a while', async () => {
    const { store, ctx } = await freshStore(dynamo, { appraisal: { maxWaitMs: 100 } });
    await store.putAppraisal('c1', [delta('unit-a', '2026-03', { dispatched: 1 })]);
    const op = { id: `${Date.now()}-live`, startedAt: Date.now(), to: {} };
    await ctx.doc.send(new UpdateCommand({ TableName: ctx.table, Key: caseKey('c1'), UpdateExpression: 'SET appraisalOp = :op', ExpressionAttributeValues: { ':op': op } }));
    await expect(store.putAppraisal('c1', [delta('unit-a', '2026-03', { due: 1 })])).rejects.toThrow(AppraisalBusy);
    expect(await totals(store, ['2026-03'])).toEqual({ '2026-03|unit-a': { dispatched: 1 } });
  });

  it('counts every case exactly once when replaces of one case and of many race', async () => {
    const { store, ctx } = await freshStore(dynamo);
    const sets = Array.from({ length: 8 }, (_, i) => [delta('unit-a', '2026-03', { dispatched: 1, due: i % 3 }), ...(i % 2 ? [delta('unit-b', '2026-03', { answered: i })] : [])]);
    await Promise.all([...sets.map((set) => store.putAppraisal('c1', set)), ...sets.map((set, i) => store.putAppraisal(`other-${i}`, set))]);
    // Whichever set of c1 won, the totals are exactly the sum of what each case item says it contributes.
    const expected = new Map<string, Record<string, number>>();
    for (const caseId of ['c1', ...sets.map((_, i) => `other-${i}`)]) {
      const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey(caseId) }));
      expect(Item?.appraisalOp).toBeUndefined();
      for (const [id, json] of Object.entries((Item?.appraisal ?? {}) as Record<string, string>)) {
        const sum = expected.get(id) ?? {};
        for (const [name, value] of Object.entries(JSON.parse(json) as Record<string, number>)) sum[name] = (sum[name] ?? 0) + value;
        expected.set(id, sum);
      }
    }
    expect(await totals(store, ['2026-03'])).toEqual(Object.fromEntries(expected));
  });

  it('ignores rows written before totals, pages through a month of more than 1 MB, and refuses a malformed month', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.putAppraisal('case-0', [delta('unit-0', '2026-05', { dispatched: 1 })]);
    // 120 totals of 10 kB written directly (each with a filler attribute the query does not return, but
    // DynamoDB counts towards its 1 MB page): the month takes two pages. A per-case row of the old layout
    // in the same partition is not a total.
    await batchWrite(ctx, [
      ...Array.from({ length: 120 }, (_, i) => ({
        PutRequest: { Item: { ...appraisalTotalKey('2026-05', `unit-${i + 1}`), unitId: `unit-${i + 1}`, month: '2026-05', due: 1, filler: 'x'.repeat(10_000) } },
      })),
      { PutRequest: { Item: { pk: 'APPR#2026-05', sk: 'UNIT#unit-0#CASE#old', unitId: 'unit-0', month: '2026-05', caseId: 'old', counts: { due: 5 } } } },
    ]);
    dynamo.sent.length = 0;
    const rows = await store.appraisalDeltas(['2026-05']);
    expect(rows).toHaveLength(121);
    expect(rows.every((row) => !('filler' in row.counts))).toBe(true);
    expect(rows.find((row) => row.unitId === 'unit-0')).toEqual(delta('unit-0', '2026-05', { dispatched: 1 }));
    expect(dynamo.sent.filter((name) => name === 'QueryCommand').length).toBeGreaterThan(1);
    await expect(store.appraisalDeltas(['2026-13'])).rejects.toThrow(/YYYY-MM/);
    await expect(store.putAppraisal('c1', [delta('u', '26-05', { due: 1 })])).rejects.toThrow(/YYYY-MM/);
    await expect(store.putAppraisal('c1', [delta('u', '2026-05', { pk: 1 } as CountDelta['counts'])])).rejects.toThrow(/'pk' is not an appraisal count/);
  });
});
