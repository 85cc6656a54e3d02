/**
 * Appraisal rows: one item per (month, unit, case) holding that case's absolute counts for that unit and
 * month, partitioned by month so a period's appraisal is one query per month.
 *
 * `putAppraisal` replaces a case's whole contribution. The case item remembers which rows the case has
 * (`appraisal`: `<month>|<unitId>` → the counts as canonical JSON), so a replace writes only what changed
 * and deletes rows the case no longer contributes to, without scanning a month. Crash safety: the list
 * is first widened (changed rows marked pending), then the rows are written, then the list is narrowed to
 * the new set; a run that dies midway leaves a superset with pending marks, which the next run redoes.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CountDelta, UnitCounts } from '../../domain/appraisal/counts.js';
import { batchWrite, canonicalJson, queryAll, type StoreContext } from './dynamo.js';
import { appraisalRows, checkAppraisalMonths, splitAppraisalRowId } from '../../ports/case-store-checks.js';
import { appraisalKey, appraisalPk, caseKey } from './table.js';

/** Marks a row whose write may not have happened; never equal to canonical counts. */
const PENDING = '?';

async function setRowList(ctx: StoreContext, caseId: string, list: Record<string, string>): Promise<void> {
  const empty = Object.keys(list).length === 0;
  await ctx.doc.send(
    new UpdateCommand({
      TableName: ctx.table,
      Key: caseKey(caseId),
      UpdateExpression: empty ? 'REMOVE appraisal' : 'SET appraisal = :list',
      ...(empty ? {} : { ExpressionAttributeValues: { ':list': list } }),
    }),
  );
}

export async function putAppraisal(ctx: StoreContext, caseId: string, deltas: readonly CountDelta[]): Promise<void> {
  const rows = appraisalRows(deltas);
  const wanted = Object.fromEntries([...rows].map(([id, counts]) => [id, canonicalJson(counts)]));
  const { Item } = await ctx.doc.send(new GetCommand({ TableName: ctx.table, Key: caseKey(caseId), ProjectionExpression: 'appraisal', ConsistentRead: true }));
  const stored = (Item?.appraisal ?? {}) as Record<string, string>;
  const changed = Object.keys(wanted).filter((id) => stored[id] !== wanted[id]);
  const gone = Object.keys(stored).filter((id) => !(id in wanted));
  if (changed.length === 0 && gone.length === 0) return; // the usual refresh: nothing moved

  if (changed.length > 0) await setRowList(ctx, caseId, { ...stored, ...Object.fromEntries(changed.map((id) => [id, PENDING])) });
  await batchWrite(ctx, [
    ...changed.map((id) => {
      const [month, unitId] = splitAppraisalRowId(id);
      return { PutRequest: { Item: { ...appraisalKey(month, unitId, caseId), month, unitId, caseId, counts: rows.get(id) } } };
    }),
    ...gone.map((id) => {
      const [month, unitId] = splitAppraisalRowId(id);
      return { DeleteRequest: { Key: appraisalKey(month, unitId, caseId) } };
    }),
  ]);
  await setRowList(ctx, caseId, wanted);
}

/** Every row booked in the months, as the deltas `sumCounts` adds up. */
export async function appraisalDeltas(ctx: StoreContext, months: readonly string[]): Promise<CountDelta[]> {
  checkAppraisalMonths(months);
  const pages = await Promise.all(
    [...new Set(months)].map((month) =>
      queryAll(ctx, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': appraisalPk(month) },
        ProjectionExpression: '#unit, #month, #counts',
        ExpressionAttributeNames: { '#unit': 'unitId', '#month': 'month', '#counts': 'counts' },
      }),
    ),
  );
  return pages.flat().map((item) => ({ unitId: item.unitId as string, month: item.month as string, counts: item.counts as Partial<UnitCounts> }));
}
