/**
 * The few DynamoDB mechanics every part of the store shares: the document client with the options the
 * stored shapes need, paging a query to its end, and batch reads and writes that retry what DynamoDB
 * leaves unprocessed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type NativeAttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

export type Item = Record<string, NativeAttributeValue>;

export interface StoreContext {
  doc: DynamoDBDocumentClient;
  table: string;
  /** Items per page for listings the caller gives no limit for. */
  pageSize: number;
  /** Unconditional writes of new items, grouped with other writers' (`GroupCommit`); absent: `batchWrite`. */
  writeNew?: (requests: readonly WriteRequest[]) => Promise<void>;
}

export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    // Optional fields of events and states are absent, never null; JSON drops undefined the same way, so a
    // stored record reads back equal to what was written.
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/** DynamoDB's refusal of a condition; matched by name so that two copies of the SDK still agree. */
export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Runs a query to its last page. */
export async function queryAll(ctx: StoreContext, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await ctx.doc.send(new QueryCommand({ ...input, TableName: ctx.table, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

const BATCH_GET = 100;
export const BATCH_WRITE = 25;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));

/** Reads items by key (strongly consistent), in chunks of 100, retrying unprocessed keys. Missing items are left out. */
export async function batchGet(ctx: StoreContext, keys: readonly Item[], projection?: readonly string[]): Promise<Item[]> {
  const found: Item[] = [];
  const names = projection ? Object.fromEntries(projection.map((name, i) => [`#a${i}`, name])) : undefined;
  for (let i = 0; i < keys.length; i += BATCH_GET) {
    let request: BatchGetCommandInput['RequestItems'] = {
      [ctx.table]: {
        Keys: keys.slice(i, i + BATCH_GET),
        ConsistentRead: true,
        ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
      },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const result: BatchGetCommandOutput = await ctx.doc.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[ctx.table] ?? []));
      request = result.UnprocessedKeys;
    }
  }
  return found;
}

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Rounds of a BatchWriteItem (the first and its resends of what DynamoDB left unprocessed) before giving up. */
const MAX_BATCH_ROUNDS = 8;

/**
 * A BatchWriteItem failed after part of it was written: `unwritten` are the requests not known to be in.
 * (A failure of the first round, when nothing was written, is thrown as DynamoDB's own error.)
 */
export class UnwrittenRequests extends Error {
  override readonly name = 'UnwrittenRequests';
  constructor(
    readonly unwritten: readonly WriteRequest[],
    rounds: number,
    options?: { cause?: unknown },
  ) {
    super(`${unwritten.length} write(s) of a batch were not written after ${rounds} round(s)`, options);
  }
}

/** One BatchWriteItem of at most 25 requests, sent again with what DynamoDB leaves unprocessed (at most 8 rounds). */
export async function writeBatch(ctx: StoreContext, requests: readonly WriteRequest[]): Promise<void> {
  if (requests.length > BATCH_WRITE) throw new RangeError(`a batch holds at most ${BATCH_WRITE} writes, not ${requests.length}`);
  let pending: WriteRequest[] = [...requests];
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_BATCH_ROUNDS) throw new UnwrittenRequests(pending, round);
    if (round > 0) await backoff(round);
    let result: BatchWriteCommandOutput;
    try {
      result = await ctx.doc.send(new BatchWriteCommand({ RequestItems: { [ctx.table]: pending } }));
    } catch (error) {
      if (round === 0) throw error;
      throw new UnwrittenRequests(pending, round + 1, { cause: error });
    }
    pending = result.UnprocessedItems?.[ctx.table] ?? [];
  }
}

/** Puts and deletes without conditions, in chunks of 25, retrying unprocessed requests. */
export async function batchWrite(ctx: StoreContext, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_WRITE) await writeBatch(ctx, requests.slice(i, i + BATCH_WRITE));
}

/** JSON with object keys sorted, so two records that differ only in key order (DynamoDB maps keep none) compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : field,
  );
}
