/**
 * Cases by receipt, newest first, on the receipt index (`gsi5`): one partition per UTC day, sorted by the
 * receipt instant. Unlike the other indexes it is not sparse, so closed cases stay listed.
 *
 * A range of days is read day by day from the newest. Busy days fill a page on their own, so days are
 * queried one at a time at first; each day that comes back short doubles how many of the following days
 * are queried together (up to 8), so a quiet 90-day range costs a few round trips rather than 91.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursor, type CaseProjection, type Page } from '../../ports/case-store.js';
import { decodeCursor, encodeCursor, type StoredKey } from './cursor.js';
import type { Item, StoreContext } from './dynamo.js';
import { sortableInstant } from './index-keys.js';
import { projectionOf } from './stored-text.js';
import { INDEX, receivedPk } from './table.js';

const MAX_LIMIT = 1000;
const MAX_PARALLEL_DAYS = 8;
const DAY_MS = 24 * 3600_000;
/** Sorts after `#<case id>` (ids are ASCII), so a case received at exactly `to` is inside the range. */
const AFTER_ANY_ID = '#\uffff';

const PK = `${INDEX.received}pk`;
const SK = `${INDEX.received}sk`;
const KEY_ATTRIBUTES = ['pk', 'sk', PK, SK] as const;

const previousDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);
const dayOfPk = (pk: string): string => pk.slice(receivedPk('').length);

interface DayPage {
  items: Item[];
  next?: StoredKey;
}

async function dayPage(ctx: StoreContext, day: string, bounds: { low: string; high: string }, limit: number, start: StoredKey | undefined): Promise<DayPage> {
  const result = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.table,
      IndexName: INDEX.received,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :low AND :high',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: { ':pk': receivedPk(day), ':low': bounds.low, ':high': bounds.high },
      ScanIndexForward: false,
      Limit: limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  const next = result.LastEvaluatedKey as StoredKey | undefined;
  return { items: result.Items ?? [], ...(next ? { next } : {}) };
}

/** The index keys of an item, which is where the next page starts when this item ends a page. */
const positionOf = (item: Item): StoredKey => Object.fromEntries(KEY_ATTRIBUTES.map((name) => [name, String(item[name])]));

export async function casesReceived(
  ctx: StoreContext,
  options: { from: string; to: string; limit?: number; cursor?: string },
): Promise<Page<CaseProjection>> {
  const limit = options.limit ?? ctx.pageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`a page limit is a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
  const from = sortableInstant(options.from);
  const to = sortableInstant(options.to);
  if (from > to) throw new RangeError(`the range starts (${options.from}) after it ends (${options.to})`);
  const bounds = { low: from, high: `${to}${AFTER_ANY_ID}` };
  const firstDay = from.slice(0, 10);

  let day = to.slice(0, 10);
  let start: StoredKey | undefined;
  if (options.cursor !== undefined) {
    start = decodeCursor(options.cursor, { attributes: KEY_ATTRIBUTES }).key;
    const pk = start?.[PK] ?? '';
    const sk = start?.[SK] ?? '';
    // DynamoDB refuses a start key outside the key condition; a cursor from another range is ours to refuse.
    if (!pk.startsWith(receivedPk('')) || sk < bounds.low || sk > bounds.high || dayOfPk(pk) !== sk.slice(0, 10)) {
      throw new InvalidCursor('a position outside the range asked for');
    }
    day = dayOfPk(pk);
  }

  const items: Item[] = [];
  let parallel = 1;
  while (day >= firstDay) {
    const days: string[] = [];
    for (let next = day; days.length < parallel && next >= firstDay; next = previousDay(next)) days.push(next);
    // One more than the page needs: DynamoDB answers a query that reaches its Limit with a next key even
    // when nothing follows, and the extra item tells whether a last page really is the last.
    const wanted = limit - items.length + 1;
    const pages = await Promise.all(days.map((each, i) => dayPage(ctx, each, bounds, wanted, i === 0 ? start : undefined)));

    let resumeAt: { day: string; start: StoredKey } | undefined;
    for (const [i, page] of pages.entries()) {
      const pageDay = days[i] as string;
      for (const [j, item] of page.items.entries()) {
        items.push(item);
        if (items.length < limit) continue;
        // Full. More may follow unless this was the last item of the last day of the range.
        const last = j === page.items.length - 1 && !page.next && pageDay === firstDay;
        return { items: items.map(projectionOf), ...(last ? {} : { cursor: encodeCursor({ key: positionOf(item) }) }) };
      }
      if (page.next) {
        // The day holds more than one response carries (DynamoDB's 1 MB): continue it before older days.
        resumeAt = { day: pageDay, start: page.next };
        break;
      }
    }
    if (resumeAt) {
      day = resumeAt.day;
      start = resumeAt.start;
      continue;
    }
    day = previousDay(days.at(-1) as string);
    start = undefined;
    parallel = Math.min(MAX_PARALLEL_DAYS, parallel * 2);
  }
  return { items: items.map(projectionOf) };
}
