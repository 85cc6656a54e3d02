/**
 * The read side: inboxes, boards, the open-case listing and the near query, all on the sparse indexes.
 * The indexes carry the projection (and nothing else), so a page is one query; only co-handler pointers
 * in an inbox, and the open listing (whose index carries digests), need their case items fetched.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { distance } from '@turf/distance';
import { isOpenStage, type GeoPoint } from '../../domain/case/events.js';
import { InvalidCursor, type BoardStatus, type CaseProjection, type Page } from '../../ports/case-store.js';
import { decodeCursor, encodeCursor, type StoredKey } from './cursor.js';
import { batchGet, queryAll, type Item, type StoreContext } from './dynamo.js';
import { coveringCells } from './geohash.js';
import { NEAR_PARTITION_PRECISION, NEAR_POINT_PRECISION } from './index-keys.js';
import { projectionOf, storedProjection } from './stored-text.js';
import { CO_PREFIX, INDEX, OPEN_SHARDS, boardPk, caseIdOfPk, caseKey, inboxPk, nearPk, openPk } from './table.js';

const MAX_LIMIT = 1000;

function pageLimit(ctx: StoreContext, limit: number | undefined): number {
  if (limit === undefined) return ctx.pageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`a page limit is a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
  return limit;
}

const keyAttributes = (index: string) => ['pk', 'sk', `${index}pk`, `${index}sk`] as const;

/** One page of one index partition, in sort-key order. */
async function indexPage(
  ctx: StoreContext,
  index: string,
  partition: string,
  limit: number,
  start: StoredKey | undefined,
): Promise<{ items: Item[]; next?: StoredKey }> {
  const result = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.table,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': `${index}pk` },
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const next = result.LastEvaluatedKey as StoredKey | undefined;
  return { items: result.Items ?? [], ...(next ? { next } : {}) };
}

function startKey(index: string, partition: string, cursor: string | undefined): StoredKey | undefined {
  if (cursor === undefined) return undefined;
  return decodeCursor(cursor, { attributes: keyAttributes(index), fixed: { [`${index}pk`]: partition } }).key;
}

export async function board(
  ctx: StoreContext,
  supervisingUnitId: string,
  status: BoardStatus,
  options: { limit?: number; cursor?: string } = {},
): Promise<Page<CaseProjection>> {
  if (status !== 'warning' && status !== 'overdue') throw new RangeError(`no board '${String(status)}'`);
  const partition = boardPk(supervisingUnitId, status);
  const { items, next } = await indexPage(ctx, INDEX.board, partition, pageLimit(ctx, options.limit), startKey(INDEX.board, partition, options.cursor));
  return { items: items.map(projectionOf), ...(next ? { cursor: encodeCursor({ key: next }) } : {}) };
}

/**
 * The lead's cases are their case items; co-handled ones are pointers, resolved against the case item
 * (strongly consistent) so a pointer a race left behind never shows a case the unit no longer works on.
 */
export async function unitInbox(ctx: StoreContext, unitId: string, options: { limit?: number; cursor?: string } = {}): Promise<Page<CaseProjection>> {
  const partition = inboxPk(unitId);
  const { items, next } = await indexPage(ctx, INDEX.inbox, partition, pageLimit(ctx, options.limit), startKey(INDEX.inbox, partition, options.cursor));
  const pointers = items.filter((item) => (item.sk as string).startsWith(CO_PREFIX));
  const resolved = new Map<string, CaseProjection>();
  if (pointers.length > 0) {
    const cases = await batchGet(ctx, pointers.map((item) => caseKey(caseIdOfPk(item.pk as string))), ['projection']);
    for (const found of cases) {
      const projection = storedProjection(found.projection);
      if (!projection) continue;
      const { state } = projection;
      if (isOpenStage(state.stage) && state.leadId !== unitId && state.coHandlerIds.includes(unitId)) resolved.set(state.id, projection);
    }
  }
  const page: CaseProjection[] = [];
  for (const item of items) {
    if (!(item.sk as string).startsWith(CO_PREFIX)) page.push(projectionOf(item));
    else {
      const projection = resolved.get(caseIdOfPk(item.pk as string));
      if (projection) page.push(projection);
    }
  }
  return { items: page, ...(next ? { cursor: encodeCursor({ key: next }) } : {}) };
}

/** Walks the shards in order, filling the page from as many as it takes; the cursor names shard and position. */
export async function listOpenCases(ctx: StoreContext, cursor?: string): Promise<Page<CaseProjection>> {
  let shard = 0;
  let start: StoredKey | undefined;
  if (cursor !== undefined) {
    const body = decodeCursor(cursor, { attributes: keyAttributes(INDEX.open), shards: OPEN_SHARDS });
    shard = body.shard ?? 0;
    start = body.key;
    if (start && start[`${INDEX.open}pk`] !== openPk(shard)) throw new InvalidCursor('a position from another shard');
  }
  const items: CaseProjection[] = [];
  while (shard < OPEN_SHARDS) {
    const page = await indexPage(ctx, INDEX.open, openPk(shard), ctx.pageSize - items.length, start);
    // The open index carries digests only: the projections are read from the case items, in index order.
    const ids = page.items.map((item) => caseIdOfPk(item.pk as string));
    const found = new Map((await batchGet(ctx, ids.map(caseKey), ['pk', 'projection'])).map((item) => [caseIdOfPk(item.pk as string), item]));
    for (const id of ids) {
      const item = found.get(id);
      // The index lags the table a little: a case closed since is no longer listed.
      const projection = storedProjection(item?.projection);
      if (projection && isOpenStage(projection.state.stage)) items.push(projection);
    }
    start = page.next;
    if (!start) shard++;
    if (items.length >= ctx.pageSize) break;
  }
  if (shard >= OPEN_SHARDS) return { items };
  return { items, cursor: encodeCursor(start ? { shard, key: start } : { shard }) };
}

/** More cells than this is refused: too many queries for one duplicate check. The 5 km a city may configure needs at most ~25. */
const MAX_NEAR_CELLS = 36;

/**
 * Open cases of a category within a radius, nearest first. The index is keyed by category and a coarse
 * cell (precision 5) and sorted by the point's fine geohash, so the query picks the finest precision whose
 * cells covering the circle number at most 9 — the cell and its neighbours when a cell exceeds the radius —
 * queries each by prefix, and keeps what the exact distance and `since` allow.
 */
export async function casesNear(ctx: StoreContext, categoryCode: string, point: GeoPoint, radiusMeters: number, since: string): Promise<CaseProjection[]> {
  if (!(radiusMeters > 0) || !Number.isFinite(radiusMeters)) throw new RangeError(`a radius is a positive number of metres, not ${radiusMeters}`);
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs)) throw new RangeError(`since must be an ISO instant, not '${since}'`);
  const { cells } = coveringCells(point.lat, point.lon, radiusMeters, {
    minPrecision: NEAR_PARTITION_PRECISION,
    maxPrecision: NEAR_POINT_PRECISION,
    maxCells: 9,
    limit: MAX_NEAR_CELLS,
  });
  const pages = await Promise.all(
    cells.map((cell) =>
      queryAll(ctx, {
        IndexName: INDEX.near,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :cell)',
        ExpressionAttributeNames: { '#pk': `${INDEX.near}pk`, '#sk': `${INDEX.near}sk` },
        ExpressionAttributeValues: { ':pk': nearPk(categoryCode, cell.slice(0, NEAR_PARTITION_PRECISION)), ':cell': cell },
      }),
    ),
  );
  const found = new Map<string, { projection: CaseProjection; meters: number }>();
  for (const item of pages.flat()) {
    const projection = projectionOf(item);
    const { location, state } = projection;
    if (!location || Date.parse(state.receivedAt) < sinceMs) continue;
    const meters = distance([point.lon, point.lat], [location.lon, location.lat], { units: 'meters' });
    if (meters <= radiusMeters) found.set(state.id, { projection, meters });
  }
  return [...found.values()].sort((a, b) => a.meters - b.meters).map((entry) => entry.projection);
}
