/**
 * The event history: one item per commit (the events of one decision), keyed by the commit's first seq.
 *
 * Why no transactions are needed: every writer derives the first seq of its commit from the history it
 * read (version + 1), and a version a writer can read is always the end of a commit. So two writers that
 * read the same version put the same key, and `attribute_not_exists(pk)` lets exactly one of them in; the
 * loser wrote nothing. A commit is one item, hence all or nothing. The same code is correct on dynalite,
 * which has no TransactWriteItems.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CorruptHistory } from '../../domain/case/errors.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { VersionConflict, type CaseProjection } from '../../ports/case-store.js';
import { checkCommit, checkNewCase } from '../../ports/case-store-checks.js';
import { digestAttribute } from './digests.js';
import { batchWrite, canonicalJson, isConditionFailure, queryAll, type StoreContext } from './dynamo.js';
import { indexAttributes } from './index-keys.js';
import { eventsText, projectionText, storedEvents } from './stored-text.js';
import { COMMIT_PREFIX, MAX_SEQ, caseKey, commitKey, commitSk } from './table.js';

export async function loadEvents(ctx: StoreContext, caseId: string): Promise<CaseEvent[]> {
  const commits = await queryAll(ctx, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': COMMIT_PREFIX },
    ProjectionExpression: '#events',
    ExpressionAttributeNames: { '#events': 'events' },
    // The decider must see the commit it (or a racing writer) just made, or it decides on a stale version.
    ConsistentRead: true,
  });
  const events = commits.flatMap((commit) => {
    const stored = storedEvents(commit.events);
    if (!stored) throw new CorruptHistory(caseId, 0, 'a stored commit holds no events');
    return stored;
  });
  events.forEach((event, i) => {
    if (event.seq !== i + 1) throw new CorruptHistory(caseId, event.seq, `the stored history has seq ${event.seq} at position ${i + 1}`);
  });
  return events;
}

/**
 * Refuses a version the case never had as a commit boundary. Collision on the commit key only protects
 * writers at a real boundary; a made-up version past the end would leave a gap, one inside a commit would
 * duplicate seqs. One small consistent read per append buys a history that always replays.
 */
async function checkPredecessor(ctx: StoreContext, caseId: string, expectedVersion: number): Promise<void> {
  if (expectedVersion === 0) return; // the first commit collides with any existing history on EVT#000000001
  const { Items } = await ctx.doc.send(
    new QueryCommand({
      TableName: ctx.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :upTo',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':first': commitSk(1), ':upTo': commitSk(expectedVersion) },
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression: 'lastSeq',
      ConsistentRead: true,
    }),
  );
  const lastSeq = Items?.[0]?.lastSeq as number | undefined;
  if (lastSeq === expectedVersion) return;
  // Inside a commit: the caller's version was never a state of the case; re-reading gives a real one.
  if (lastSeq !== undefined && lastSeq > expectedVersion) throw new VersionConflict(caseId, expectedVersion);
  throw new RangeError(`case ${caseId} has no version ${expectedVersion} (its history ends at ${lastSeq ?? 0}); nothing was written`);
}

/**
 * A new case in one BatchWriteItem (shared with other new cases under load, see `GroupCommit`): its first
 * commit and its case item (what `saveProjection` would write on a new item). Unconditional, which is safe
 * only because the caller guarantees the id is its own (see `CaseStore.createCase`); it halves the round
 * trips of the busiest write, intake.
 */
const withDigest = (projection: CaseProjection, indexed: Partial<Record<string, string>>) => {
  const digest = digestAttribute(projection, indexed);
  return digest ? { digest } : {};
};

export async function createCase(ctx: StoreContext, events: readonly CaseEvent[], projection: CaseProjection): Promise<void> {
  const caseId = projection.state.id;
  checkNewCase(events, projection, MAX_SEQ);
  const indexed = Object.fromEntries(Object.entries(indexAttributes(projection)).filter(([, value]) => value !== undefined));
  const requests = [
    { PutRequest: { Item: { ...commitKey(caseId, 1), caseId, firstSeq: 1, lastSeq: events.length, events: eventsText(events) } } },
    { PutRequest: { Item: { ...caseKey(caseId), projection: projectionText(projection), version: projection.state.version, ...indexed, ...withDigest(projection, indexed) } } },
  ];
  await (ctx.writeNew ? ctx.writeNew(requests) : batchWrite(ctx, requests));
}

export async function appendEvents(ctx: StoreContext, caseId: string, expectedVersion: number, events: readonly CaseEvent[]): Promise<void> {
  checkCommit(caseId, expectedVersion, events, MAX_SEQ);
  await checkPredecessor(ctx, caseId, expectedVersion);
  const key = commitKey(caseId, expectedVersion + 1);
  try {
    await ctx.doc.send(
      new PutCommand({
        TableName: ctx.table,
        Item: { ...key, caseId, firstSeq: expectedVersion + 1, lastSeq: expectedVersion + events.length, events: eventsText(events) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // A retried handler re-sends its own commit: the same events mean it already succeeded.
    const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: key, ConsistentRead: true }));
    // Both sides through JSON: undefined fields vanish in either, exactly as DynamoDB stored them.
    if (Item && canonicalJson(storedEvents(Item.events)) === canonicalJson(JSON.parse(eventsText(events)))) return;
    throw new VersionConflict(caseId, expectedVersion);
  }
}
