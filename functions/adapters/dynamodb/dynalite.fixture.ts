/**
 * A real DynamoDB API for the adapter's tests: an in-memory dynalite server on a free loopback port,
 * reached by the real SDK client. Each test gets a fresh table (creating one takes milliseconds), so
 * tests share the server but never data.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll } from 'vitest';
import type { CaseState } from '../../domain/case/case-state.js';
import type { CaseProjection, Page } from '../../ports/case-store.js';
import { createDynamoCaseStore, type DynamoCaseStoreOptions } from './case-store.js';
import { documentClient, type StoreContext } from './dynamo.js';
import { tableDefinition } from './table.js';

export interface TestDynamo {
  client: DynamoDBClient;
  /** Commands sent, by name, since the table was made (to see that pagination really happened). */
  sent: string[];
}

/** Starts dynalite for the calling test file and stops it after. */
export function useDynalite(): TestDynamo {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const harness = { sent: [] } as unknown as TestDynamo;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    harness.client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'local',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    harness.client.middlewareStack.add(
      (next, context) => (args) => {
        harness.sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
  });
  afterAll(async () => {
    harness.client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return harness;
}

let tables = 0;

/** A fresh table and a store on it; `ctx` reaches the raw items for assertions the port does not expose. */
export async function freshStore(dynamo: TestDynamo, options: Pick<DynamoCaseStoreOptions, 'pageSize' | 'appraisal'> = {}) {
  const tableName = `cases-${++tables}`;
  await dynamo.client.send(new CreateTableCommand(tableDefinition(tableName)));
  // dynalite makes a table ACTIVE on a timer, even with createTableMs 0: under load the first write could
  // otherwise find it missing.
  while ((await dynamo.client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  dynamo.sent.length = 0;
  const store = createDynamoCaseStore({ client: dynamo.client, tableName, ...options });
  const ctx: StoreContext = { doc: documentClient(dynamo.client), table: tableName, pageSize: options.pageSize ?? 100 };
  return { store, ctx, tableName };
}

/** A plausible case state; tests set what they query by. */
export function caseState(id: string, changes: Partial<CaseState> = {}): CaseState {
  return {
    id,
    version: 1,
    stage: 'handling',
    receivedAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    channel: 'hotline',
    categoryCode: 'S0102',
    urgency: 'routine',
    territory: [],
    coHandlerIds: [],
    designated: false,
    supervisingLayer: 'community',
    missed: { accept: false, step: false },
    pausedMs: 0,
    counters: { returns: 0, reworks: 0, extensions: 0, suspensions: 0, escalations: 0 },
    escalation: {},
    leader: { priority: 'normal', officeIds: [], instructions: 0 },
    duplicateIds: [],
    ...changes,
  };
}

export function projection(id: string, changes: Partial<CaseState> = {}, extra: Partial<Omit<CaseProjection, 'state'>> = {}): CaseProjection {
  return { state: caseState(id, changes), supervisingUnitId: 'tieta', ...extra };
}

export const ids = (items: readonly CaseProjection[]) => items.map((item) => item.state.id);

/** Follows a paged query to its end, keeping each page's ids. */
export async function allPages(next: (cursor?: string) => Promise<Page<CaseProjection>>): Promise<{ pages: string[][]; all: string[] }> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await next(cursor);
    pages.push(ids(page.items));
    cursor = page.cursor;
  } while (cursor);
  return { pages, all: pages.flat() };
}
