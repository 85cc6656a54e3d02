/**
 * Which indexes a case appears in, derived from its projection. The working indexes are sparse: an
 * attribute is written only while the case belongs in that index and removed otherwise, so a closed case
 * leaves the inbox, the board, the open listing and the near index in the same write that closes it. The
 * receipt index is the exception: it lists every case, open or closed, for as long as the case exists.
 */
import { isOpenStage } from '../../domain/case/events.js';
import type { CaseProjection } from '../../ports/case-store.js';
import { encode } from './geohash.js';
import { INDEX, boardPk, inboxPk, nearPk, openPk, openShard, receivedPk } from './table.js';

/** Cells of the near partition: ~4.9 km × 4.9 km (× cos latitude east-west), so one key holds a district's worth of a category. */
export const NEAR_PARTITION_PRECISION = 5;
/** The sort key starts with the point's fine geohash, so a query can narrow a partition to any cell down to ~5 m. */
export const NEAR_POINT_PRECISION = 9;

/** Sorts after every real instant, so cases with no deadline come last in an inbox. */
const NO_DEADLINE = '9999-12-31T23:59:59.999Z';

/**
 * ISO instants compare as strings only in one shape; events written by other code (or with an offset)
 * are normalized to UTC with milliseconds first.
 */
export function sortableInstant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: '${iso}'`);
  return new Date(ms).toISOString();
}

export type IndexAttribute = `${(typeof INDEX)[keyof typeof INDEX]}${'pk' | 'sk'}`;
export const INDEX_ATTRIBUTES: readonly IndexAttribute[] = Object.values(INDEX).flatMap((name) => [`${name}pk`, `${name}sk`] as const);

/** The deadline a case is listed by in inboxes and boards. */
export function listedDue(projection: CaseProjection): string {
  const due = projection.nextDueAt ?? projection.state.handleDueAt;
  return due ? sortableInstant(due) : NO_DEADLINE;
}

// Each co-handler gets an inbox pointer item (see projections.ts); which ones is the port's rule.
export { inboxCoHandlers } from '../../ports/case-store-checks.js';

/** The index attributes the case item should carry now; those absent are to be removed. */
export function indexAttributes(projection: CaseProjection): Partial<Record<IndexAttribute, string>> {
  const { state } = projection;
  const id = state.id;
  const received = `${sortableInstant(state.receivedAt)}#${id}`;
  // Every case, closed ones included: the Open311 listing shows what became of a request.
  const listed: Partial<Record<IndexAttribute, string>> = {
    [`${INDEX.received}pk`]: receivedPk(received.slice(0, 10)),
    [`${INDEX.received}sk`]: received,
  };
  if (!isOpenStage(state.stage)) return listed;
  const attributes: Partial<Record<IndexAttribute, string>> = {
    ...listed,
    [`${INDEX.open}pk`]: openPk(openShard(id)),
    [`${INDEX.open}sk`]: received,
  };
  const due = `${listedDue(projection)}#${id}`;
  if (state.leadId) {
    attributes[`${INDEX.inbox}pk`] = inboxPk(state.leadId);
    attributes[`${INDEX.inbox}sk`] = due;
  }
  if (projection.boardStatus) {
    attributes[`${INDEX.board}pk`] = boardPk(projection.supervisingUnitId, projection.boardStatus);
    attributes[`${INDEX.board}sk`] = due;
  }
  if (projection.location) {
    const { lat, lon } = projection.location;
    const point = encode(lat, lon, NEAR_POINT_PRECISION);
    attributes[`${INDEX.near}pk`] = nearPk(state.categoryCode, point.slice(0, NEAR_PARTITION_PRECISION));
    attributes[`${INDEX.near}sk`] = `${point}#${id}`;
  }
  return attributes;
}
