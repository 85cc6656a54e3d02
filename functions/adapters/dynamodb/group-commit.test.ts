/**
 * Group commit: writers that arrive while batches are on their way share the next one, no batch breaks
 * DynamoDB's rules (25 items, no key twice), every writer's items are written exactly when its promise
 * resolves, and a bad item fails only its own writer. The batching is checked against a recording
 * DynamoDB (any arrival order, any unprocessed leftovers); the end-to-end cases against dynalite.
 */
import type { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projection, freshStore, useDynalite } from './dynalite.fixture.js';
import { batchGet, type StoreContext, type WriteRequest } from './dynamo.js';
import { GroupCommit } from './group-commit.js';

const put = (pk: string, sk = 'X', extra: Record<string, unknown> = {}): WriteRequest => ({ PutRequest: { Item: { pk, sk, ...extra } } });

type Outcome = 'ok' | 'unprocessed' | 'throw';

/**
 * A table that records each BatchWriteItem and answers each as told: written, written but for its last
 * request (left unprocessed), or refused with an error (nothing written).
 */
function recordingContext(outcome: (send: number) => Outcome) {
  const batches: WriteRequest[][] = [];
  /** `<pk>|<writer>` of every put that went in. */
  const written = new Set<string>();
  let inFlight = 0;
  let maxInFlight = 0;
  const ctx = {
    table: 't',
    pageSize: 100,
    doc: {
      send: async (command: BatchWriteCommand) => {
        const requests = command.input.RequestItems?.t ?? [];
        const index = batches.push(requests) - 1;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 1));
          const told = outcome(index);
          if (told === 'throw') throw new Error(`send ${index} refused`);
          const left = told === 'unprocessed' && requests.length > 1 ? requests.slice(-1) : [];
          for (const request of requests.slice(0, requests.length - left.length)) written.add(`${String(request.PutRequest?.Item?.pk)}|${String(request.PutRequest?.Item?.w)}`);
          return { UnprocessedItems: left.length > 0 ? { t: left } : {} };
        } finally {
          inFlight--;
        }
      },
    },
  } as unknown as StoreContext;
  return { ctx, batches, written, maxInFlight: () => maxInFlight };
}

describe('group commit', () => {
  it('shares batches under load, within 25 items and never a key twice, and settles each writer as its items went in or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 25 }), key: fc.integer({ min: 0, max: 30 }), delay: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        fc.func(fc.constantFrom<Outcome>('ok', 'ok', 'unprocessed', 'throw')),
        async (writers, maxInFlight, outcome) => {
          const table = recordingContext((send) => outcome(send));
          const commit = new GroupCommit(table.ctx, maxInFlight);
          const results = await Promise.all(
            writers.map(async ({ size, key, delay }, w) => {
              await new Promise((resolve) => setTimeout(resolve, delay));
              // The first item's key may repeat another writer's; the rest are the writer's own.
              const requests = Array.from({ length: size }, (_, i) => put(i === 0 ? `shared-${key}` : `w${w}-${i}`, 'X', { w }));
              const settled = await commit.write(requests).then(
                () => 'resolved' as const,
                () => 'rejected' as const,
              );
              // Resolved: every one of its items went in (as it settled, before any later writer's).
              if (settled === 'resolved') for (const request of requests) expect(table.written).toContain(`${String(request.PutRequest?.Item?.pk)}|${w}`);
              return settled;
            }),
          );
          expect(table.maxInFlight()).toBeLessThanOrEqual(maxInFlight);
          for (const batch of table.batches) {
            expect(batch.length).toBeLessThanOrEqual(25);
            const keys = batch.map((request) => String(request.PutRequest?.Item?.pk));
            expect(new Set(keys).size).toBe(keys.length);
          }
          // Only a refused send fails a writer.
          if (table.batches.every((_, send) => outcome(send) !== 'throw')) expect(results.every((result) => result === 'resolved')).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('sends a lone writer at once, and merges the writers that arrive while a batch is out', async () => {
    const table = recordingContext(() => 'ok');
    const commit = new GroupCommit(table.ctx, 1);
    await commit.write([put('a'), put('a', 'Y')]);
    expect(table.batches).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve)); // its slot is given back after its writer is answered
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.write([put(`b${i}`), put(`b${i}`, 'Y')])));
    // The first goes alone; the other nine wait for it and leave together.
    expect(table.batches.slice(1).map((batch) => batch.length)).toEqual([2, 18]);
  });
});

describe('group commit on dynalite', () => {
  const dynamo = useDynalite();

  it('writes a burst of new cases in fewer batches than cases, each readable', async () => {
    const { store } = await freshStore(dynamo);
    const ids = Array.from({ length: 40 }, (_, i) => `case-gc-${i}`);
    await Promise.all(
      ids.map((id) => {
        // The store checks the commit's shape (one case, seq from 1, the projection's version), not its meaning.
        const first = { seq: 1, caseId: id, type: 'received', at: projection(id).state.receivedAt } as never;
        return store.createCase([first], projection(id));
      }),
    );
    expect(dynamo.sent.filter((name) => name === 'BatchWriteItemCommand').length).toBeLessThan(ids.length);
    for (const id of ids) expect((await store.getProjection(id))?.state.id).toBe(id);
  });

  it('fails only the writer whose item DynamoDB refuses', async () => {
    const { ctx } = await freshStore(dynamo);
    const commit = new GroupCommit(ctx, 1);
    const tooLarge = 'x'.repeat(410 * 1024);
    const results = await Promise.allSettled([
      commit.write([put('first')]),
      commit.write([put('good-1')]),
      commit.write([put('bad', 'X', { body: tooLarge })]),
      commit.write([put('good-2')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const found = await batchGet(ctx, ['first', 'good-1', 'good-2', 'bad'].map((pk) => ({ pk, sk: 'X' })));
    expect(found.map((item) => String(item.pk)).sort()).toEqual(['first', 'good-1', 'good-2']);
  });
});
