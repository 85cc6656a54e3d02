/**
 * Intake claims: one item per claimed key (a channel's own id as `<channel>#<externalId>`, or an
 * Idempotency-Key), created once with `attribute_not_exists`, so racing retries of one intake all end up
 * with the case of whichever claimed first.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../../domain/case/events.js';
import { isConditionFailure, type StoreContext } from './dynamo.js';
import { intakeKey } from './table.js';

/** DynamoDB allows 2 KB for a partition key; the prefix and a multibyte key stay well inside this. */
const MAX_KEY_LENGTH = 512;

function checkKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw new RangeError(`an intake key has 1 to ${MAX_KEY_LENGTH} characters, not ${key.length}`);
}

async function holder(ctx: StoreContext, key: string): Promise<string | undefined> {
  const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: intakeKey(key), ProjectionExpression: 'caseId', ConsistentRead: true }));
  return Item?.caseId as string | undefined;
}

export async function claimIntake(ctx: StoreContext, key: string, caseId: string): Promise<{ claimed: true } | { claimed: false; caseId: string }> {
  checkKey(key);
  if (caseId.length === 0) throw new RangeError('a claim needs a case id');
  try {
    await ctx.doc.send(
      new PutCommand({ TableName: ctx.table, Item: { ...intakeKey(key), key, caseId }, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return { claimed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  // Claims are never deleted, so the item that refused us is there to read (strongly, it may be milliseconds old).
  const held = await holder(ctx, key);
  if (held === undefined) throw new Error(`intake key '${key}' is claimed but its claim cannot be read`);
  return held === caseId ? { claimed: true } : { claimed: false, caseId: held };
}

export async function findByExternalId(ctx: StoreContext, channel: Channel, externalId: string): Promise<string | undefined> {
  const key = `${channel}#${externalId}`;
  checkKey(key);
  return holder(ctx, key);
}
