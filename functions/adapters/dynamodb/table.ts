/**
 * The single table: its keys, its four sparse indexes and the full receipt index, and how each item type
 * is keyed. Both the local runtime (dynalite) and the CDK stack create the table from `tableDefinition`,
 * so the two cannot drift.
 *
 * Every key builder lives here so that `docs/data-model.md` has one file to be checked against.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const INDEX = {
  /** A unit's open cases by deadline (lead on the case item, co-handlers through pointer items). */
  inbox: 'gsi1',
  /** The warning and overdue boards per supervising unit, by deadline. */
  board: 'gsi2',
  /** Every open case, spread over `OPEN_SHARDS` partitions. */
  open: 'gsi3',
  /** Open cases per category and geohash cell, for duplicate detection. */
  near: 'gsi4',
  /** Every case, open or closed, by the UTC day and instant it was received (the Open311 request listing). */
  received: 'gsi5',
} as const;

/** The only non-key attribute the indexes carry: the queries answer with projections and nothing else (no task tokens). */
export const INDEXED_ATTRIBUTES = ['projection'] as const;
/**
 * The open index carries only each case's `digest` (the board's few fields, `OpenCaseDigest`): the board
 * reads every open case, and an index item a tenth of a projection's size makes that read several times
 * faster (measured on dynalite: 10,000 open cases in ~0.4 s instead of ~1 s) and cheaper on AWS. Listing
 * open cases in full reads their projections from the table by key.
 */
export const OPEN_INDEX_ATTRIBUTES = ['digest'] as const;

/**
 * Write sharding for the open-case index. A single `OPEN` partition would take every projection write of
 * the city (a GSI partition absorbs about 1,000 writes/s, and a throttled GSI throttles the table); ten
 * shards cost the rare full listing ten queries instead of one. The count is part of the data: changing it
 * means rewriting `gsi3pk` on every open case.
 */
export const OPEN_SHARDS = 10;

/** Zero-padded so the commits of a case sort by their first seq as strings. */
const SEQ_DIGITS = 9;
export const MAX_SEQ = 10 ** SEQ_DIGITS - 1;

const CASE_PREFIX = 'CASE#';
export const caseKey = (caseId: string) => ({ pk: `${CASE_PREFIX}${caseId}`, sk: 'CASE' });
/** The case an item on a case partition belongs to (index entries carry only keys and the projection). */
export const caseIdOfPk = (pk: string): string => pk.slice(CASE_PREFIX.length);
export const COMMIT_PREFIX = 'EVT#';
export const commitSk = (firstSeq: number): string => `${COMMIT_PREFIX}${String(firstSeq).padStart(SEQ_DIGITS, '0')}`;
export const commitKey = (caseId: string, firstSeq: number) => ({ pk: caseKey(caseId).pk, sk: commitSk(firstSeq) });
export const CO_PREFIX = 'CO#';
export const coHandlerKey = (caseId: string, unitId: string) => ({ pk: caseKey(caseId).pk, sk: `${CO_PREFIX}${unitId}` });
export const intakeKey = (key: string) => ({ pk: `INTAKE#${key}`, sk: 'INTAKE' });
export const appraisalPk = (month: string): string => `APPR#${month}`;
export const APPRAISAL_TOTAL_PREFIX = 'TOTAL#';
/** A unit's appraisal total for a month. (Rows per case, `UNIT#<unitId>#CASE#<caseId>`, were written before totals.) */
export const appraisalTotalKey = (month: string, unitId: string) => ({ pk: appraisalPk(month), sk: `${APPRAISAL_TOTAL_PREFIX}${unitId}` });

export const inboxPk = (unitId: string): string => `UNIT#${unitId}`;
export const boardPk = (supervisingUnitId: string, status: string): string => `BOARD#${supervisingUnitId}#${status}`;
export const openPk = (shard: number): string => `OPEN#${shard}`;
export const nearPk = (categoryCode: string, cell: string): string => `NEAR#${categoryCode}#${cell}`;
/** `day` is the UTC date (YYYY-MM-DD) of the receipt instant. */
export const receivedPk = (day: string): string => `RECV#${day}`;

/** FNV-1a over the UTF-16 code units: stable forever (the shard is stored), cheap, and well spread for ids. */
export function openShard(caseId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    hash ^= caseId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % OPEN_SHARDS;
}

const S = 'S' as const;
const gsi = (name: string) => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}pk`, KeyType: 'HASH' as const },
    { AttributeName: `${name}sk`, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: name === INDEX.open ? [...OPEN_INDEX_ATTRIBUTES] : [...INDEXED_ATTRIBUTES] },
});

/** The CreateTable input. On-demand billing: a city's load is spiky (morning hotline peaks) and small. */
export function tableDefinition(tableName: string): CreateTableCommandInput & { TableName: string } {
  const names = Object.values(INDEX);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: S },
      { AttributeName: 'sk', AttributeType: S },
      ...names.flatMap((name) => [
        { AttributeName: `${name}pk`, AttributeType: S },
        { AttributeName: `${name}sk`, AttributeType: S },
      ]),
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: names.map(gsi),
  };
}
