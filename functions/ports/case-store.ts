/**
 * Where cases live. The event history is the truth: a case's state is its events folded. The store also
 * keeps a projection of each case (its current stage, unit, layer, deadlines) for the queries people run —
 * inboxes, boards, duplicates, appraisal — and for the supervision workflow's wait registration.
 */
import type { CountDelta } from '../domain/appraisal/counts.js';
import type { CaseState } from '../domain/case/case-state.js';
import type { CaseEvent, Channel, GeoPoint, Stage } from '../domain/case/events.js';
import type { TimeKind } from '../domain/calendar/types.js';
import type { Level, Rung } from '../domain/city/schema.js';

/** Another writer appended to the case since it was read: nothing was written; re-read and decide again. */
/**
 * Another writer is replacing the case's appraisal rows (or one died doing so and its operation is not yet
 * old enough to take over). Retried by the workflow's closing step for longer than the takeover age.
 */
export class AppraisalBusy extends Error {
  override readonly name = 'AppraisalBusy';
  constructor(readonly caseId: string) {
    super(`case ${caseId}: its appraisal rows are being replaced by another writer; try again`);
  }
}

export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
  ) {
    super(`case ${caseId} changed after version ${expectedVersion}; nothing was written`);
  }
}

/** A page cursor that this store did not hand out for this query (garbled, truncated, or from another query). */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  constructor(readonly detail: string) {
    super(`invalid page cursor: ${detail}`);
  }
}

/** The supervision workflow's current wait on a case: the Step Functions task token and what it waits for. */
export interface WaitRegistration {
  /** Secret: never leaves the store except to complete the wait. */
  taskToken: string;
  /** The case version the wait was planned on. */
  version: number;
  /** When the wait times out into the next milestone (ISO), if it has one. */
  until?: string;
  registeredAt: string;
}

/** Whether a case shows on the warning or overdue board: set when a ladder rung fires, cleared on leaving handling. */
export type BoardStatus = 'warning' | 'overdue';

/** What the queries read. Derived from `CaseState` by the case service; saving is idempotent. */
export interface CaseProjection {
  state: CaseState;
  /** The unit at the supervising layer in the case's territorial chain (the city when it has no place). */
  supervisingUnitId: string;
  boardStatus?: BoardStatus;
  location?: GeoPoint;
  /** The deadline the case is watched against now (handling, acceptance, or the centre's step), ISO. */
  nextDueAt?: string;
}

/**
 * What the command board and its map need of an open case and nothing more, so that every open case of a
 * city can be read at once (10,000 digests are a few megabytes; 10,000 projections are tens).
 */
export interface OpenCaseDigest {
  id: string;
  stage: Stage;
  categoryCode: string;
  leadId?: string;
  supervisingLayer: Level;
  supervisingUnitId: string;
  /** The units of the case's territorial chain, lowest layer first (empty when it has no place). */
  territoryUnitIds: string[];
  boardStatus?: BoardStatus;
  /** The deadline the case is watched against now, ISO. */
  nextDueAt?: string;
  /** The kind of time the handling limit runs in, when known. */
  timeKind?: TimeKind;
  location?: GeoPoint;
  receivedAt: string;
  /** The highest rung of the escalation ladder reached in the current window, and when. */
  escalation: { rung?: Rung; lastAt?: string };
}

export interface Page<T> {
  /** May hold fewer than the limit (even none) while more follow: only a missing cursor means the end. */
  items: T[];
  /** Opaque; pass back to get the next page (a foreign or garbled one throws `InvalidCursor`). Absent on the last page. */
  cursor?: string;
}

export interface CaseStore {
  /** The case's events in order (empty for an unknown case). */
  loadEvents(caseId: string): Promise<CaseEvent[]>;

  /**
   * Appends the events of one decision as a single commit after `expectedVersion` (the version the decision
   * was made on; the events carry seq expectedVersion+1…). Either all are written or none; a concurrent
   * append of the same version makes this throw `VersionConflict`. A retry of the very same commit (same
   * events) is answered as success, so retried handlers are idempotent.
   */
  appendEvents(caseId: string, expectedVersion: number, events: readonly CaseEvent[]): Promise<void>;

  /**
   * Writes a new case, the first commit of its history and its projection, unconditionally (a store may
   * delay the write to share a request with others). Only for a case id nobody else can know: freshly made
   * and never claimed. An intake with a key writes through `appendEvents`, since its retries learn the id
   * from the claim and may write the case first.
   */
  createCase(events: readonly CaseEvent[], projection: CaseProjection): Promise<void>;

  /**
   * Writes the projection if it is newer than the stored one (by `state.version`); an older one is ignored.
   * A projection is a function of the history, so two saves of one version carry the same projection (a
   * store may use a repeated save to complete what an interrupted one left undone).
   * With `takeWait`, the stored wait registration is removed in the same write and returned, so exactly one
   * writer gets to complete the workflow's wait.
   */
  saveProjection(projection: CaseProjection, options?: { takeWait?: boolean }): Promise<{ saved: boolean; wait?: WaitRegistration }>;

  getProjection(caseId: string): Promise<CaseProjection | undefined>;

  /** Registers the workflow's wait only if the stored projection is at `wait.version`; false means the case moved on. */
  registerWait(caseId: string, wait: WaitRegistration): Promise<boolean>;

  /** The highest event seq whose notices were sent. */
  getNotifiedSeq(caseId: string): Promise<number>;
  /** Raises the notified seq (never lowers it). */
  setNotifiedSeq(caseId: string, seq: number): Promise<void>;

  /**
   * Claims a channel's external id (a call id, an Open311 token, an Idempotency-Key) for a case. The first
   * claim wins; later claims are told which case holds it, so a retried intake yields the same case. A
   * channel's own id is claimed under the key `<channel>#<externalId>`, the key `findByExternalId` reads; a
   * repeated claim by the holding case itself is answered `claimed: true`.
   */
  claimIntake(key: string, caseId: string): Promise<{ claimed: true } | { claimed: false; caseId: string }>;

  /** Every open case (for the local runtime's restart and the reconciler), in pages. */
  listOpenCases(cursor?: string): Promise<Page<CaseProjection>>;
  /** Every open case as a digest, in no particular order (the command board's counts, map and escalation feed). */
  openCaseDigests(): Promise<OpenCaseDigest[]>;
  /** A unit's open cases, as lead or as co-handler, nearest deadline first. */
  unitInbox(unitId: string, options?: { limit?: number; cursor?: string }): Promise<Page<CaseProjection>>;
  /** Cases on the warning or overdue board of a supervising unit, nearest deadline first. */
  board(supervisingUnitId: string, status: BoardStatus, options?: { limit?: number; cursor?: string }): Promise<Page<CaseProjection>>;
  /**
   * Every case, open or closed, received from `from` to `to` (ISO instants, both included), newest first,
   * in pages (default size the store's; at most 1000). For the Open311 request listing.
   */
  casesReceived(options: { from: string; to: string; limit?: number; cursor?: string }): Promise<Page<CaseProjection>>;
  /** Open cases of a category within `radiusMeters` of a point, received at or after `since` (ISO), nearest first. */
  casesNear(categoryCode: string, point: GeoPoint, radiusMeters: number, since: string): Promise<CaseProjection[]>;
  /**
   * A case by the channel's own id for it (the claim under `<channel>#<externalId>`). The case may have no
   * events yet if its intake died after claiming; `loadEvents` then returns none.
   */
  findByExternalId(channel: Channel, externalId: string): Promise<string | undefined>;

  /**
   * Replaces a case's contribution to the appraisal counts: its count deltas per unit and local month, from
   * its whole history (absolute, not increments, so a retry or a replay never counts twice). With the
   * `version` of the history they come from, rows already replaced from a later version are kept: a slow
   * refresh of an older history does nothing. Throws `AppraisalBusy` if another writer holds the rows.
   */
  putAppraisal(caseId: string, deltas: readonly CountDelta[], options?: { version?: number }): Promise<void>;
  /** Every case's deltas booked in the given months (YYYY-MM), for `sumCounts`. */
  appraisalDeltas(months: readonly string[]): Promise<CountDelta[]>;
}
