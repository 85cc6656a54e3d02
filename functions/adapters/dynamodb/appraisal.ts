/**
 * Appraisal totals: one item per (month, unit) holding the sum of every case's counts for that unit and
 * month, partitioned by month. A period's appraisal reads months × units small items, however many cases
 * the city has taken in.
 *
 * Each case item keeps the rows it contributes (`appraisal`: `<month>|<unitId>` → the counts as canonical
 * JSON) and a revision (`appraisalRev`). `putAppraisal` moves a case from its rows to new ones by adding
 * the difference to the totals. Without transactions (dynalite has none) the move is an operation recorded
 * on the case item before anything is added, so no crash can count a case twice or lose it:
 * 1. claim: SET `appraisalOp` = {id, to, startedAt} if no operation is pending and the revision is the one
 *    read (two replaces of one case take turns: the second recomputes from the first one's result);
 * 2. apply: for each total the difference touches, ADD the change and the operation's id to the total's
 *    `ops` set, on condition that the set does not hold the id: a repeated apply counts once;
 * 3. finish: SET `appraisal` = to, revision + 1, REMOVE `appraisalOp`, if the operation is still this one
 *    with the same start time (a takeover changes it);
 * 4. tidy: the writer that claimed the operation DELETEs its id from the totals' `ops` sets (one left behind
 *    by a crash here, or by a takeover, is only a few bytes).
 * A replace that finds an operation pending waits for it, and gives up with `AppraisalBusy` after a few
 * seconds (the workflow's closing step retries that for longer than the takeover age). One older than the takeover age (longer than any
 * function runs, so its writer is gone) is finished by the replace that finds it; the takeover is itself
 * conditional on the operation's start time, so only one process ever works on an operation at a time.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COUNT_KEYS, type CountDelta, type UnitCounts } from '../../domain/appraisal/counts.js';
import { AppraisalBusy } from '../../ports/case-store.js';
import { appraisalRows, checkAppraisalMonths, rowsDifference, splitAppraisalRowId, totalAsDelta } from '../../ports/case-store-checks.js';
import { canonicalJson, isConditionFailure, queryAll, type StoreContext } from './dynamo.js';
import { appraisalPk, appraisalTotalKey, APPRAISAL_TOTAL_PREFIX, caseKey } from './table.js';

/** Lambda's longest run is 15 minutes: an operation older than this has no live writer. */
export const DEFAULT_TAKEOVER_MS = 16 * 60_000;
/** How long a replace waits for another one on the same case before it gives up (the caller retries). */
export const DEFAULT_MAX_WAIT_MS = 5_000;

export interface AppraisalOptions {
  /** After how long a pending replace has lost its writer and is finished by the next one. */
  takeoverMs: number;
  /** How long a replace waits for a pending one before it gives up. */
  maxWaitMs: number;
  /** Real time, not the platform's: an operation's age is about processes, not cases. */
  now: () => number;
}

interface PendingOperation {
  id: string;
  /** The rows the case moves to, as stored in `appraisal`. */
  to: Record<string, string>;
  /** The case version they were made from, kept as `appraisalOf` (absent when the caller gave none). */
  version?: number;
  startedAt: number;
}

type StoredRows = Record<string, string>;

const parsed = (rows: StoredRows): Map<string, Partial<UnitCounts>> => new Map(Object.entries(rows).map(([id, json]) => [id, JSON.parse(json) as Partial<UnitCounts>]));

const sameRows = (a: StoredRows, b: StoredRows): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => a[id] === b[id]);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One conditional update of the case item; false when the condition refused it (someone else moved first). */
async function updateCaseIf(ctx: StoreContext, caseId: string, update: string, condition: string, values: Record<string, unknown>): Promise<boolean> {
  try {
    await ctx.doc.send(new UpdateCommand({ TableName: ctx.table, Key: caseKey(caseId), UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeValues: values }));
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/** Exported for the tests of a stalled writer's late apply. */
export async function applyToTotal(ctx: StoreContext, id: string, change: Partial<UnitCounts>, operationId: string): Promise<void> {
  const [month, unitId] = splitAppraisalRowId(id);
  const entries = Object.entries(change);
  try {
    await ctx.doc.send(
      new UpdateCommand({
        TableName: ctx.table,
        Key: appraisalTotalKey(month, unitId),
        UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}, #ops :op SET #month = :month, #unit = :unit`,
        ConditionExpression: 'NOT contains(#ops, :id)',
        ExpressionAttributeNames: { '#ops': 'ops', '#month': 'month', '#unit': 'unitId', ...Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])) },
        ExpressionAttributeValues: { ':op': new Set([operationId]), ':id': operationId, ':month': month, ':unit': unitId, ...Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value])) },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // already added by an earlier attempt at this operation
  }
}

/**
 * Applies and finishes an operation as the process holding it (its `startedAt` is the one on the case item).
 * Only the writer that claimed an operation tidies its id away, and only once its finish went through: a
 * writer that took over a dead one's operation leaves the ids, since the first writer, if it was only
 * stalled, could still be applying, and the ids are what make its late applies count nothing.
 */
async function finish(ctx: StoreContext, caseId: string, operation: PendingOperation, stored: StoredRows, revision: number, tidy: boolean): Promise<void> {
  const difference = rowsDifference(parsed(stored), parsed(operation.to));
  for (const [id, change] of difference) await applyToTotal(ctx, id, change, operation.id);
  const empty = Object.keys(operation.to).length === 0;
  const finished = await updateCaseIf(
    ctx,
    caseId,
    `${empty ? 'REMOVE appraisal, appraisalOp SET' : 'REMOVE appraisalOp SET appraisal = :to,'} appraisalRev = :rev${operation.version === undefined ? '' : ', appraisalOf = :of'}`,
    // The start time too: a stalled writer whose operation was taken over must not finish it under the taker.
    'appraisalOp.id = :id AND appraisalOp.startedAt = :started',
    {
      ':rev': revision + 1,
      ':id': operation.id,
      ':started': operation.startedAt,
      ...(empty ? {} : { ':to': operation.to }),
      ...(operation.version === undefined ? {} : { ':of': operation.version }),
    },
  );
  if (!finished || !tidy) return;
  await Promise.all(
    [...difference.keys()].map((id) => {
      const [month, unitId] = splitAppraisalRowId(id);
      return ctx.doc.send(
        new UpdateCommand({ TableName: ctx.table, Key: appraisalTotalKey(month, unitId), UpdateExpression: 'DELETE #ops :op', ExpressionAttributeNames: { '#ops': 'ops' }, ExpressionAttributeValues: { ':op': new Set([operation.id]) } }),
      );
    }),
  );
}

export async function putAppraisal(ctx: StoreContext, options: AppraisalOptions, caseId: string, deltas: readonly CountDelta[], version?: number): Promise<void> {
  const wanted = Object.fromEntries([...appraisalRows(deltas)].map(([id, counts]) => [id, canonicalJson(counts)]));
  const waitStarted = options.now();
  for (let attempt = 0; ; attempt++) {
    const { Item } = await ctx.doc.send(
      new GetCommand({ TableName: ctx.table, Key: caseKey(caseId), ProjectionExpression: 'appraisal, appraisalRev, appraisalOp, appraisalOf', ConsistentRead: true }),
    );
    const revision = typeof Item?.appraisalRev === 'number' ? Item.appraisalRev : 0;
    // Rows written before totals existed (no revision) were never added to any total.
    const stored = revision > 0 ? ((Item?.appraisal ?? {}) as StoredRows) : {};
    const pending = Item?.appraisalOp as PendingOperation | undefined;

    if (pending) {
      if (options.now() - pending.startedAt < options.takeoverMs) {
        if (options.now() - waitStarted > options.maxWaitMs) throw new AppraisalBusy(caseId);
        await sleep(Math.min(200, 10 * 2 ** attempt));
        continue;
      }
      const takenOver = { ...pending, startedAt: options.now() };
      const condition = 'appraisalOp.id = :id AND appraisalOp.startedAt = :then';
      // Refused when another process took it over first: start again from what it left.
      if (await updateCaseIf(ctx, caseId, 'SET appraisalOp.startedAt = :now', condition, { ':now': takenOver.startedAt, ':id': pending.id, ':then': pending.startedAt })) {
        await finish(ctx, caseId, takenOver, stored, revision, false);
      }
      continue;
    }

    // Rows from a later version are in place: this (slow) refresh of an older history is out of date. The
    // claim below is conditional on the revision read, so a later version finishing meanwhile is seen too.
    if (version !== undefined && typeof Item?.appraisalOf === 'number' && Item.appraisalOf > version) return;
    if (sameRows(stored, wanted) && revision > 0) return; // the usual refresh: nothing moved
    if (Object.keys(wanted).length === 0 && revision === 0) return; // never counted, still counts for nothing
    const operation: PendingOperation = { id: `${options.now()}-${randomUUID()}`, to: wanted, ...(version === undefined ? {} : { version }), startedAt: options.now() };
    const claimed = await updateCaseIf(
      ctx,
      caseId,
      'SET appraisalOp = :op',
      `attribute_not_exists(appraisalOp) AND ${revision === 0 ? 'attribute_not_exists(appraisalRev)' : 'appraisalRev = :rev'}`,
      { ':op': operation, ...(revision === 0 ? {} : { ':rev': revision }) },
    );
    if (!claimed) continue; // another replace of this case got in first: start again from its result
    await finish(ctx, caseId, operation, stored, revision, true);
    return;
  }
}

/** The (month, unit) totals of the months, as the deltas `sumCounts` adds up. */
export async function appraisalDeltas(ctx: StoreContext, months: readonly string[]): Promise<CountDelta[]> {
  checkAppraisalMonths(months);
  const names = Object.fromEntries(COUNT_KEYS.map((name, i) => [`#c${i}`, name]));
  const pages = await Promise.all(
    [...new Set(months)].map((month) =>
      queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :total)',
        ExpressionAttributeValues: { ':pk': appraisalPk(month), ':total': APPRAISAL_TOTAL_PREFIX },
        ProjectionExpression: ['#unit', ...Object.keys(names)].join(', '),
        ExpressionAttributeNames: { '#unit': 'unitId', ...names },
      }).then((items) => items.map((item) => totalAsDelta(month, item.unitId as string, item))),
    ),
  );
  return pages.flat().filter((delta): delta is CountDelta => delta !== undefined);
}
