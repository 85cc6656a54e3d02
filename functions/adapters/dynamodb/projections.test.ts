import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { WaitRegistration } from '../../ports/case-store.js';
import { freshStore, projection, useDynalite } from './dynalite.fixture.js';
import { caseKey } from './table.js';

const dynamo = useDynalite();
const wait = (version: number, taskToken = `token-${version}`): WaitRegistration => ({
  taskToken,
  version,
  until: '2026-03-03T01:00:00.000Z',
  registeredAt: '2026-03-02T01:00:00.000Z',
});

describe('the case projection', () => {
  it('keeps the newest projection and ignores older or equal ones', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.getProjection('c1')).toBeUndefined();
    expect(await store.saveProjection(projection('c1', { version: 2, leadId: 'a' }))).toEqual({ saved: true });
    expect(await store.saveProjection(projection('c1', { version: 1, leadId: 'old' }))).toEqual({ saved: false });
    expect(await store.saveProjection(projection('c1', { version: 2, leadId: 'same' }))).toEqual({ saved: false });
    expect((await store.getProjection('c1'))?.state.leadId).toBe('a');
    expect(await store.saveProjection(projection('c1', { version: 5, leadId: 'b' }, { boardStatus: 'warning', nextDueAt: '2026-03-03T01:00:00.000Z' }))).toEqual({
      saved: true,
    });
    expect(await store.getProjection('c1')).toEqual(projection('c1', { version: 5, leadId: 'b' }, { boardStatus: 'warning', nextDueAt: '2026-03-03T01:00:00.000Z' }));
  });

  it('registers a wait only on the stored version', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.registerWait('c1', wait(1))).toBe(false); // no projection yet
    await store.saveProjection(projection('c1', { version: 3 }));
    expect(await store.registerWait('c1', wait(2))).toBe(false);
    expect(await store.registerWait('c1', wait(4))).toBe(false);
    expect(await store.registerWait('c1', wait(3))).toBe(true);
    expect(await store.saveProjection(projection('c1', { version: 4 }), { takeWait: true })).toEqual({ saved: true, wait: wait(3) });
    expect(await store.registerWait('c1', wait(3, 'late'))).toBe(false); // planned on a version the case left
  });

  it('hands the wait to exactly one of many concurrent writers', async () => {
    const { store } = await freshStore(dynamo);
    await store.saveProjection(projection('c1', { version: 1 }));
    await store.registerWait('c1', wait(1));
    // Ten writers, two per version from 2 to 6, all taking the wait.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.saveProjection(projection('c1', { version: 2 + Math.floor(i / 2) }), { takeWait: true })),
    );
    const taken = results.filter((result) => result.wait);
    expect(taken).toEqual([{ saved: true, wait: wait(1) }]);
    expect((await store.getProjection('c1'))?.state.version).toBe(6);
  });

  it('does not take the wait when not asked to, nor when not newer, and keeps the notified seq', async () => {
    const { store, ctx } = await freshStore(dynamo);
    await store.saveProjection(projection('c1', { version: 1 }));
    await store.registerWait('c1', wait(1));
    await store.setNotifiedSeq('c1', 1);
    expect(await store.saveProjection(projection('c1', { version: 1 }), { takeWait: true })).toEqual({ saved: false });
    expect(await store.saveProjection(projection('c1', { version: 2 }))).toEqual({ saved: true });
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey('c1') }));
    expect(Item).toMatchObject({ version: 2, wait: wait(1), notifiedSeq: 1 });
    expect(await store.saveProjection(projection('c1', { version: 3 }), { takeWait: true })).toEqual({ saved: true, wait: wait(1) });
    expect(await store.saveProjection(projection('c1', { version: 4 }), { takeWait: true })).toEqual({ saved: true });
    expect(await store.getNotifiedSeq('c1')).toBe(1);
  });

  it('only raises the notified seq', async () => {
    const { store } = await freshStore(dynamo);
    expect(await store.getNotifiedSeq('c1')).toBe(0);
    await store.setNotifiedSeq('c1', 4);
    await store.setNotifiedSeq('c1', 2);
    await store.setNotifiedSeq('c1', 4);
    expect(await store.getNotifiedSeq('c1')).toBe(4);
    // A notified seq written before the first projection does not block it.
    expect(await store.saveProjection(projection('c1', { version: 1 }))).toEqual({ saved: true });
    await Promise.all([3, 9, 7, 5].map((seq) => store.setNotifiedSeq('c1', seq)));
    expect(await store.getNotifiedSeq('c1')).toBe(9);
  });

  it('keeps co-handler pointers in step with the projection, and never lets an older save remove a newer one', async () => {
    const { store, ctx } = await freshStore(dynamo);
    const pointers = async () => {
      const { Items } = await ctx.doc.send(
        new QueryCommand({
          TableName: ctx.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :co)',
          ExpressionAttributeValues: { ':pk': 'CASE#c1', ':co': 'CO#' },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map((item) => `${String(item.unitId)}@${String(item.version)}`).sort();
    };
    await store.saveProjection(projection('c1', { version: 2, leadId: 'lead', coHandlerIds: ['x', 'y', 'lead'] }));
    expect(await pointers()).toEqual(['x@2', 'y@2']);
    await store.saveProjection(projection('c1', { version: 3, leadId: 'lead', coHandlerIds: ['y', 'z'] }));
    expect(await pointers()).toEqual(['y@3', 'z@3']);
    // A late save of version 2 changes nothing: it is not newer.
    await store.saveProjection(projection('c1', { version: 2, leadId: 'lead', coHandlerIds: ['x'] }));
    expect(await pointers()).toEqual(['y@3', 'z@3']);
    await store.saveProjection(projection('c1', { version: 4, stage: 'closed', leadId: 'lead', coHandlerIds: ['y', 'z'] }));
    expect(await pointers()).toEqual([]);
  });
});
