/**
 * Page cursors: base64url of JSON holding DynamoDB's LastEvaluatedKey (and, for the sharded listing, the
 * shard). Opaque to callers, but checked on the way back in: a cursor whose key belongs to another query
 * would silently return someone else's page, so it is refused with `InvalidCursor`.
 */
import { InvalidCursor } from '../../ports/case-store.js';

export type StoredKey = Record<string, string>;

export interface CursorBody {
  /** The shard of the open-case listing this page continues in. */
  shard?: number;
  /** Where the query stops; absent when the next page starts a shard from its beginning. */
  key?: StoredKey;
}

export function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const isStringRecord = (value: unknown): value is StoredKey =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((field) => typeof field === 'string');

/**
 * Reads a cursor back. `expect` names the key attributes the query's LastEvaluatedKey has and the values
 * fixed by the query (its partition), so a cursor from another query or another unit is refused.
 */
export function decodeCursor(cursor: string, expect: { attributes: readonly string[]; fixed?: StoredKey; shards?: number }): CursorBody {
  if (cursor.length === 0 || cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursor('not a base64url string of a sensible length');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('not a cursor this store handed out');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InvalidCursor('not a cursor this store handed out');
  const { shard, key } = body as { shard?: unknown; key?: unknown };
  const result: CursorBody = {};
  if (expect.shards !== undefined) {
    if (typeof shard !== 'number' || !Number.isInteger(shard) || shard < 0 || shard >= expect.shards) throw new InvalidCursor('no valid shard');
    result.shard = shard;
  } else if (shard !== undefined) {
    throw new InvalidCursor('a listing cursor given to another query');
  }
  if (key === undefined) {
    if (expect.shards === undefined) throw new InvalidCursor('no position');
    return result;
  }
  if (!isStringRecord(key)) throw new InvalidCursor('a malformed position');
  const names = Object.keys(key).sort();
  if (names.join() !== [...expect.attributes].sort().join()) throw new InvalidCursor('a position from another query');
  for (const [name, value] of Object.entries(expect.fixed ?? {})) {
    if (key[name] !== value) throw new InvalidCursor('a position from another query');
  }
  result.key = key;
  return result;
}
