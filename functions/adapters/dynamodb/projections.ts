/**
 * The case item: the projection the queries read, its version, the workflow's wait registration and the
 * notified seq — one item, so that each of them changes with a single conditional write and the wait can
 * be taken in the very write that makes it stale.
 */
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseProjection, WaitRegistration } from '../../ports/case-store.js';
import { digestAttribute } from './digests.js';
import { isConditionFailure, queryAll, type StoreContext } from './dynamo.js';
import { INDEX_ATTRIBUTES, inboxCoHandlers, indexAttributes, listedDue } from './index-keys.js';
import { projectionText, storedProjection } from './stored-text.js';
import { CO_PREFIX, INDEX, caseKey, coHandlerKey, inboxPk } from './table.js';

export async function saveProjection(
  ctx: StoreContext,
  projection: CaseProjection,
  options: { takeWait?: boolean } = {},
): Promise<{ saved: boolean; wait?: WaitRegistration }> {
  const { id, version } = projection.state;
  if (!Number.isInteger(version) || version < 1) throw new RangeError(`case ${id}: a projection's version must be ≥ 1, not ${version}`);
  const indexed = indexAttributes(projection);
  const names: Record<string, string> = { '#projection': 'projection', '#version': 'version' };
  const values: Record<string, unknown> = { ':projection': projectionText(projection), ':version': version };
  const sets = ['#projection = :projection', '#version = :version'];
  const removes: string[] = [];
  for (const attribute of INDEX_ATTRIBUTES) {
    names[`#${attribute}`] = attribute;
    const value = indexed[attribute];
    if (value === undefined) removes.push(`#${attribute}`);
    else {
      sets.push(`#${attribute} = :${attribute}`);
      values[`:${attribute}`] = value;
    }
  }
  names['#digest'] = 'digest';
  const digest = digestAttribute(projection, indexed);
  if (digest) {
    sets.push('#digest = :digest');
    values[':digest'] = digest;
  } else removes.push('#digest');
  if (options.takeWait) {
    names['#wait'] = 'wait';
    removes.push('#wait');
  }
  let taken: WaitRegistration | undefined;
  let previousCoHandlers: string[] | undefined;
  try {
    const { Attributes } = await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: caseKey(id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        // Only newer: the wait and the notified seq are left alone, they are not ours to overwrite.
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        // On success ALL_OLD works on dynalite too; it is how the wait is handed to exactly one writer, and
        // it tells a case's first save (nothing to clear) from the others.
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (options.takeWait) taken = Attributes?.wait as WaitRegistration | undefined;
    // A case's first save has no pointers to clear; later saves look, since a save that died half-way
    // may have left one behind.
    if (!Attributes) previousCoHandlers = [];
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Not newer. A retry of a save that died before its pointers were written completes them; a newer
    // save owns them.
    if ((await storedVersion(ctx, id)) === version) await syncCoHandlers(ctx, projection);
    return { saved: false };
  }
  try {
    await syncCoHandlers(ctx, projection, previousCoHandlers);
  } catch (error) {
    // The wait is out of the item now: losing it would strand the workflow until its timeout, so it wins.
    // Any later save of this version (the retry path above) or a newer one writes the pointers.
    if (!taken) throw error;
  }
  return taken ? { saved: true, wait: taken } : { saved: true };
}

async function storedVersion(ctx: StoreContext, caseId: string): Promise<number | undefined> {
  const { Item } = await ctx.doc.send(
    new GetCommand({ TableName: ctx.table, Key: caseKey(caseId), ProjectionExpression: '#version', ExpressionAttributeNames: { '#version': 'version' }, ConsistentRead: true }),
  );
  return Item?.version as number | undefined;
}

/**
 * Co-handlers (协办) need the case in their inbox too, but an index key holds one unit: each co-handler gets
 * a pointer item on the case's partition, indexed like the lead's case item. Pointers carry the version
 * that wrote them and are only overwritten or deleted by the same or a newer version, so a slow older save
 * can never remove a pointer a newer one needs. It can leave a stale one behind; `unitInbox` checks each
 * pointer against the case item, and the next save removes it.
 */
/** Brings the co-handler pointers in line with the projection; `known` skips the query when they are known. */
async function syncCoHandlers(ctx: StoreContext, projection: CaseProjection, known?: readonly string[]): Promise<void> {
  const { id, version } = projection.state;
  const wanted = new Set(inboxCoHandlers(projection));
  const existing =
    known?.map((unitId) => ({ unitId })) ??
    (await queryAll(ctx, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': caseKey(id).pk, ':prefix': CO_PREFIX },
      ProjectionExpression: 'unitId',
      ConsistentRead: true,
    }));
  const stale = existing.map((item) => item.unitId as string).filter((unitId) => !wanted.has(unitId));
  const due = `${listedDue(projection)}#${id}`;
  const quietly = async (write: Promise<unknown>) => {
    try {
      await write;
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // a newer save got there first
    }
  };
  await Promise.all([
    ...[...wanted].map((unitId) =>
      quietly(
        ctx.doc.send(
          new PutCommand({
            TableName: ctx.table,
            Item: { ...coHandlerKey(id, unitId), caseId: id, unitId, version, [`${INDEX.inbox}pk`]: inboxPk(unitId), [`${INDEX.inbox}sk`]: due },
            ConditionExpression: 'attribute_not_exists(pk) OR #version <= :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': version },
          }),
        ),
      ),
    ),
    ...stale.map((unitId) =>
      quietly(
        ctx.doc.send(
          new DeleteCommand({
            TableName: ctx.table,
            Key: coHandlerKey(id, unitId),
            ConditionExpression: '#version <= :version',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': version },
          }),
        ),
      ),
    ),
  ]);
}

export async function getProjection(ctx: StoreContext, caseId: string): Promise<CaseProjection | undefined> {
  const { Item } = await ctx.doc.send(
    new GetCommand({ TableName: ctx.table, Key: caseKey(caseId), ProjectionExpression: '#projection', ExpressionAttributeNames: { '#projection': 'projection' }, ConsistentRead: true }),
  );
  return storedProjection(Item?.projection);
}

export async function registerWait(ctx: StoreContext, caseId: string, wait: WaitRegistration): Promise<boolean> {
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: caseKey(caseId),
        UpdateExpression: 'SET #wait = :wait',
        // Also false for a case with no projection yet: there is nothing the wait could be about.
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#wait': 'wait', '#version': 'version' },
        ExpressionAttributeValues: { ':wait': wait, ':version': wait.version },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getNotifiedSeq(ctx: StoreContext, caseId: string): Promise<number> {
  const { Item } = await ctx.doc.send(
    new GetCommand({ TableName: ctx.table, Key: caseKey(caseId), ProjectionExpression: 'notifiedSeq', ConsistentRead: true }),
  );
  return (Item?.notifiedSeq as number | undefined) ?? 0;
}

export async function setNotifiedSeq(ctx: StoreContext, caseId: string, seq: number): Promise<void> {
  if (!Number.isInteger(seq) || seq < 0) throw new RangeError(`a notified seq is a whole number ≥ 0, not ${seq}`);
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: caseKey(caseId),
        UpdateExpression: 'SET notifiedSeq = :seq',
        ConditionExpression: 'attribute_not_exists(notifiedSeq) OR notifiedSeq < :seq',
        ExpressionAttributeValues: { ':seq': seq },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // already as high or higher: never lowered
  }
}
