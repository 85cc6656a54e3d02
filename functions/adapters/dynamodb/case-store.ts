/**
 * `CaseStore` on one DynamoDB table. The same adapter runs on AWS and, through an endpoint override, on
 * dynalite locally; it uses no transactions, TTL, streams or ReturnValuesOnConditionCheckFailure, which
 * dynalite lacks. See docs/data-model.md for the items, the indexes and the access patterns.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CaseStore } from '../../ports/case-store.js';
import { appraisalDeltas, DEFAULT_MAX_WAIT_MS, DEFAULT_TAKEOVER_MS, putAppraisal, type AppraisalOptions } from './appraisal.js';
import { openCaseDigests } from './digests.js';
import { documentClient, type StoreContext } from './dynamo.js';
import { appendEvents, createCase, loadEvents } from './event-log.js';
import { GroupCommit } from './group-commit.js';
import { claimIntake, findByExternalId } from './intake.js';
import { getNotifiedSeq, getProjection, registerWait, saveProjection, setNotifiedSeq } from './projections.js';
import { board, casesNear, listOpenCases, unitInbox } from './queries.js';
import { casesReceived } from './received.js';

export interface DynamoCaseStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Items per page when the caller sets no limit (and for `listOpenCases`); default 100. */
  pageSize?: number;
  /**
   * Appraisal replaces: after how long a pending one is taken to have lost its writer and is finished by
   * the next (default 16 minutes, past Lambda's longest run), and how long the next waits for it first
   * (default 5 s). Tests shorten both.
   */
  appraisal?: Partial<Pick<AppraisalOptions, 'takeoverMs' | 'maxWaitMs'>>;
  /** New cases' batches on their way at once before others wait to share the next (default 2, `GroupCommit`). */
  groupCommitBatches?: number;
}

export function createDynamoCaseStore(options: DynamoCaseStoreOptions): CaseStore {
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new RangeError(`pageSize is a whole number from 1 to 1000, not ${pageSize}`);
  const ctx: StoreContext = { doc: documentClient(options.client), table: options.tableName, pageSize };
  const newItems = new GroupCommit(ctx, options.groupCommitBatches);
  ctx.writeNew = (requests) => newItems.write(requests);
  const appraisal: AppraisalOptions = {
    takeoverMs: options.appraisal?.takeoverMs ?? DEFAULT_TAKEOVER_MS,
    maxWaitMs: options.appraisal?.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
    now: Date.now,
  };
  return {
    loadEvents: (caseId) => loadEvents(ctx, caseId),
    appendEvents: (caseId, expectedVersion, events) => appendEvents(ctx, caseId, expectedVersion, events),
    createCase: (events, projection) => createCase(ctx, events, projection),
    saveProjection: (projection, saveOptions) => saveProjection(ctx, projection, saveOptions),
    getProjection: (caseId) => getProjection(ctx, caseId),
    registerWait: (caseId, wait) => registerWait(ctx, caseId, wait),
    getNotifiedSeq: (caseId) => getNotifiedSeq(ctx, caseId),
    setNotifiedSeq: (caseId, seq) => setNotifiedSeq(ctx, caseId, seq),
    claimIntake: (key, caseId) => claimIntake(ctx, key, caseId),
    listOpenCases: (cursor) => listOpenCases(ctx, cursor),
    openCaseDigests: () => openCaseDigests(ctx),
    unitInbox: (unitId, pageOptions) => unitInbox(ctx, unitId, pageOptions),
    board: (supervisingUnitId, status, pageOptions) => board(ctx, supervisingUnitId, status, pageOptions),
    casesNear: (categoryCode, point, radiusMeters, since) => casesNear(ctx, categoryCode, point, radiusMeters, since),
    casesReceived: (rangeOptions) => casesReceived(ctx, rangeOptions),
    findByExternalId: (channel, externalId) => findByExternalId(ctx, channel, externalId),
    putAppraisal: (caseId, deltas, putOptions) => putAppraisal(ctx, appraisal, caseId, deltas, putOptions?.version),
    appraisalDeltas: (months) => appraisalDeltas(ctx, months),
  };
}
