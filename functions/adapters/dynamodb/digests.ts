/**
 * Every open case as a digest, for the command board. The open index is read shard by shard in parallel,
 * and a projection expression keeps only the few nested fields the board needs: DynamoDB still reads (and
 * bills) whole index items, but the answer — and the time to unmarshal it — shrinks about tenfold, which is
 * what makes a board over 10,000 open cases one request.
 */
import type { OpenCaseDigest } from '../../ports/case-store.js';
import { queryAll, type Item, type StoreContext } from './dynamo.js';
import { INDEX, OPEN_SHARDS, openPk } from './table.js';

/** Paths under `projection`, each segment a placeholder (several are DynamoDB reserved words). */
const STATE_FIELDS = ['id', 'stage', 'categoryCode', 'leadId', 'supervisingLayer', 'territory', 'receivedAt', 'escalation'] as const;
const PROJECTION_FIELDS = ['supervisingUnitId', 'boardStatus', 'nextDueAt', 'location'] as const;

const names: Record<string, string> = { '#p': 'projection', '#s': 'state', '#hc': 'handleClock', '#tk': 'timeKind' };
const paths: string[] = ['#p.#s.#hc.#tk'];
for (const [i, field] of STATE_FIELDS.entries()) {
  names[`#s${i}`] = field;
  paths.push(`#p.#s.#s${i}`);
}
for (const [i, field] of PROJECTION_FIELDS.entries()) {
  names[`#f${i}`] = field;
  paths.push(`#p.#f${i}`);
}
const PROJECTION_EXPRESSION = paths.join(', ');

interface StoredDigest {
  supervisingUnitId: string;
  boardStatus?: OpenCaseDigest['boardStatus'];
  nextDueAt?: string;
  location?: OpenCaseDigest['location'];
  state: {
    id: string;
    stage: OpenCaseDigest['stage'];
    categoryCode: string;
    leadId?: string;
    supervisingLayer: OpenCaseDigest['supervisingLayer'];
    territory?: { unitId: string }[];
    receivedAt: string;
    escalation?: OpenCaseDigest['escalation'];
    handleClock?: { timeKind?: OpenCaseDigest['timeKind'] };
  };
}

export function digestOf(item: Item): OpenCaseDigest {
  const { state, ...rest } = item.projection as StoredDigest;
  const timeKind = state.handleClock?.timeKind;
  return {
    id: state.id,
    stage: state.stage,
    categoryCode: state.categoryCode,
    ...(state.leadId ? { leadId: state.leadId } : {}),
    supervisingLayer: state.supervisingLayer,
    supervisingUnitId: rest.supervisingUnitId,
    territoryUnitIds: (state.territory ?? []).map((link) => link.unitId),
    ...(rest.boardStatus ? { boardStatus: rest.boardStatus } : {}),
    ...(rest.nextDueAt ? { nextDueAt: rest.nextDueAt } : {}),
    ...(timeKind ? { timeKind } : {}),
    ...(rest.location ? { location: rest.location } : {}),
    receivedAt: state.receivedAt,
    escalation: state.escalation ?? {},
  };
}

export async function openCaseDigests(ctx: StoreContext): Promise<OpenCaseDigest[]> {
  const shards = await Promise.all(
    Array.from({ length: OPEN_SHARDS }, (_, shard) =>
      queryAll(ctx, {
        IndexName: INDEX.open,
        KeyConditionExpression: '#pk = :pk',
        ProjectionExpression: PROJECTION_EXPRESSION,
        ExpressionAttributeNames: { ...names, '#pk': `${INDEX.open}pk` },
        ExpressionAttributeValues: { ':pk': openPk(shard) },
      }),
    ),
  );
  return shards.flat().map(digestOf);
}
