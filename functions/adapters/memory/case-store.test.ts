/**
 * The in-memory store against the DynamoDB adapter on dynalite: random histories of writes go through
 * both, every answer (or refusal) is compared as it happens, and then every query is followed page by page
 * and compared. A difference is a bug in one of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../domain/case/events.js';
import type { BoardStatus, CaseProjection, CaseStore, Page } from '../../ports/case-store.js';
import { freshStore, projection, useDynalite } from '../dynamodb/dynalite.fixture.js';
import { createMemoryCaseStore } from './case-store.js';

const dynamo = useDynalite();

const CASES = ['c0', 'c1', 'c2', 'c3', 'c4'];
const UNITS = ['u1', 'u2', 'u3'];
const SUPERVISORS = ['s1', 's2'];
const TIETA = { lon: 114.3558, lat: 34.8066 };
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T01:00:00.000Z`;

/** What a projection holds besides its id and version. */
const contentArb = fc.record({
  stage: fc.constantFrom('received', 'dispatched', 'handling', 'suspended', 'reported', 'closed', 'mergedAsDuplicate'),
  leadId: fc.option(fc.constantFrom(...UNITS), { nil: undefined }),
  coHandlerIds: fc.subarray(UNITS),
  handleDueAt: fc.option(fc.integer({ min: 3, max: 9 }).map(day), { nil: undefined }),
  nextDueAt: fc.option(fc.integer({ min: 3, max: 9 }).map(day), { nil: undefined }),
  boardStatus: fc.option(fc.constantFrom<BoardStatus>('warning', 'overdue'), { nil: undefined }),
  supervisingUnitId: fc.constantFrom(...SUPERVISORS),
  northMeters: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
  receivedDay: fc.integer({ min: 1, max: 3 }),
  categoryCode: fc.constantFrom('K1', 'K2'),
});
type Content = typeof contentArb extends fc.Arbitrary<infer T> ? T : never;
const VERSIONS = 4;

/**
 * A projection is a function of the case's history, so one version of a case always has the same one
 * (the port's contract): each (case, version) draws its content once, from `contents`.
 */
function projectionOf(contents: readonly Content[], id: string, version: number): CaseProjection {
  const p = contents[CASES.indexOf(id) * VERSIONS + version - 1] as Content;
  return projection(
    id,
    {
      version,
      stage: p.stage,
      ...(p.leadId ? { leadId: p.leadId } : {}),
      coHandlerIds: p.coHandlerIds,
      ...(p.handleDueAt ? { handleDueAt: p.handleDueAt } : {}),
      receivedAt: day(p.receivedDay),
      categoryCode: p.categoryCode,
    },
    {
      supervisingUnitId: p.supervisingUnitId,
      ...(p.nextDueAt ? { nextDueAt: p.nextDueAt } : {}),
      ...(p.boardStatus ? { boardStatus: p.boardStatus } : {}),
      ...(p.northMeters !== undefined ? { location: { lon: TIETA.lon, lat: TIETA.lat + p.northMeters / 111_195 } } : {}),
    },
  );
}

const noted = (caseId: string, seq: number, note: string): CaseEvent =>
  ({ caseId, seq, type: 'progressNoted', at: day(4), actor: { kind: 'unitStaff', id: 'staff-1' }, data: { note } }) as unknown as CaseEvent;

const operationArb = fc.oneof(
  fc.record({ op: fc.constant('save' as const), id: fc.constantFrom(...CASES), version: fc.integer({ min: 1, max: VERSIONS }), takeWait: fc.boolean() }),
  fc.record({ op: fc.constant('create' as const), id: fc.constantFrom(...CASES) }),
  fc.record({ op: fc.constant('wait' as const), id: fc.constantFrom(...CASES), version: fc.integer({ min: 1, max: 4 }), token: fc.constantFrom('t1', 't2') }),
  fc.record({ op: fc.constant('notified' as const), id: fc.constantFrom(...CASES), seq: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constant('claim' as const), key: fc.constantFrom('hotline#1', 'hotline#2', 'idem-1'), id: fc.constantFrom(...CASES) }),
  fc.record({ op: fc.constant('append' as const), id: fc.constantFrom(...CASES), after: fc.integer({ min: 0, max: 4 }), count: fc.integer({ min: 1, max: 2 }), note: fc.constantFrom('a', 'b') }),
  fc.record({
    op: fc.constant('appraisal' as const),
    id: fc.constantFrom(...CASES),
    deltas: fc.array(fc.record({ unitId: fc.constantFrom(...UNITS), month: fc.constantFrom('2026-03', '2026-04'), counts: fc.record({ dispatched: fc.integer({ min: -1, max: 2 }) }) }), { maxLength: 3 }),
    // Sometimes without a version, sometimes an older one than the rows in place.
    version: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  }),
);

type Operation = typeof operationArb extends fc.Arbitrary<infer T> ? T : never;

/** What a call answered, or the kind of error it threw: the two stores must agree on both. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await call() };
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
}

function apply(store: CaseStore, operation: Operation, contents: readonly Content[], touched: ReadonlySet<string>): Promise<unknown> {
  switch (operation.op) {
    case 'save':
      return outcome(() => store.saveProjection(projectionOf(contents, operation.id, operation.version), { takeWait: operation.takeWait }));
    case 'create':
      // Only for an id nothing has touched (the port's precondition): otherwise both stores skip it.
      if (touched.has(operation.id)) return Promise.resolve('skipped');
      return outcome(() => store.createCase([noted(operation.id, 1, 'created')], projectionOf(contents, operation.id, 1)));
    case 'wait':
      return outcome(() => store.registerWait(operation.id, { taskToken: operation.token, version: operation.version, registeredAt: day(4) }));
    case 'notified':
      return outcome(async () => {
        await store.setNotifiedSeq(operation.id, operation.seq);
        return store.getNotifiedSeq(operation.id);
      });
    case 'claim':
      return outcome(() => store.claimIntake(operation.key, operation.id));
    case 'append':
      return outcome(() =>
        store.appendEvents(
          operation.id,
          operation.after,
          Array.from({ length: operation.count }, (_, i) => noted(operation.id, operation.after + 1 + i, operation.note)),
        ),
      );
    case 'appraisal':
      return outcome(() => store.putAppraisal(operation.id, operation.deltas, operation.version === undefined ? {} : { version: operation.version }));
  }
}

async function everything(next: (cursor?: string) => Promise<Page<CaseProjection>>): Promise<CaseProjection[]> {
  const all: CaseProjection[] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

async function readAll(store: CaseStore) {
  const byId = <T extends { id?: string; state?: { id: string } }>(items: T[]) => [...items].sort((a, b) => ((a.id ?? a.state?.id ?? '') < (b.id ?? b.state?.id ?? '') ? -1 : 1));
  return {
    events: await Promise.all(CASES.map((id) => store.loadEvents(id))),
    projections: await Promise.all(CASES.map((id) => store.getProjection(id))),
    inboxes: await Promise.all(UNITS.map((unit) => everything((cursor) => store.unitInbox(unit, { limit: 2, ...(cursor ? { cursor } : {}) })))),
    boards: await Promise.all(
      SUPERVISORS.flatMap((unit) => (['warning', 'overdue'] as const).map((status) => everything((cursor) => store.board(unit, status, { limit: 2, ...(cursor ? { cursor } : {}) })))),
    ),
    // The open listing's order is the store's own (shards); what it holds is the contract.
    open: byId(await everything((cursor) => store.listOpenCases(cursor))),
    digests: byId(await store.openCaseDigests()),
    received: await everything((cursor) => store.casesReceived({ from: day(1), to: day(2), limit: 2, ...(cursor ? { cursor } : {}) })),
    near: await store.casesNear('K1', TIETA, 500, day(2)),
    external: await Promise.all(['1', '2'].map((id) => store.findByExternalId('hotline', id))),
    appraisal: (await store.appraisalDeltas(['2026-03', '2026-04'])).map(({ unitId, month, counts }) => JSON.stringify({ unitId, month, counts })).sort(),
  };
}

describe('the in-memory case store', () => {
  it('answers every write and every query exactly as the DynamoDB adapter does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contentArb, { minLength: CASES.length * VERSIONS, maxLength: CASES.length * VERSIONS }), fc.array(operationArb, { minLength: 1, maxLength: 25 }), async (contents, operations) => {
        const { store: dynamoStore } = await freshStore(dynamo, { pageSize: 3 });
        const memoryStore = createMemoryCaseStore({ pageSize: 3 });
        const touched = new Set<string>();
        for (const operation of operations) {
          expect(await apply(memoryStore, operation, contents, touched), JSON.stringify(operation)).toEqual(await apply(dynamoStore, operation, contents, touched));
          if ('id' in operation) touched.add(operation.id);
        }
        expect(await readAll(memoryStore)).toEqual(await readAll(dynamoStore));
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('hands out copies: changing what it returned changes nothing stored', async () => {
    const store = createMemoryCaseStore();
    const saved = projection('c0', { leadId: 'u1' });
    await store.saveProjection(saved);
    saved.state.leadId = 'u2';
    const read = await store.getProjection('c0');
    read!.state.stage = 'closed';
    expect((await store.getProjection('c0'))?.state).toMatchObject({ leadId: 'u1', stage: 'handling' });
  });

  it('refuses a cursor from another query', async () => {
    const store = createMemoryCaseStore({ pageSize: 1 });
    await store.saveProjection(projection('c0', { leadId: 'u1' }));
    await store.saveProjection(projection('c1', { leadId: 'u1' }));
    const { cursor } = await store.unitInbox('u1');
    await expect(store.unitInbox('u2', { cursor: cursor! })).rejects.toThrow(/another query/);
    await expect(store.unitInbox('u1', { cursor: 'garbage' })).rejects.toThrow(/not a cursor/);
  });
});
