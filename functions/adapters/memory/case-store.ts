/**
 * `CaseStore` in memory: the same contract as the DynamoDB adapter, for benchmarks that measure the
 * handlers without a database, and for tests that need many cases fast. It lists cases by the very index
 * keys the DynamoDB adapter writes (`indexAttributes`), so inboxes and boards order alike; a differential
 * test (`case-store.test.ts`) runs random histories through both and compares every answer.
 *
 * Values are copied in and out as JSON, as DynamoDB stores them (undefined fields vanish), so a caller
 * can never change what is stored by changing what it got back.
 */
import { distance } from '@turf/distance';
import type { CountDelta, UnitCounts } from '../../domain/appraisal/counts.js';
import type { CaseEvent, Channel, GeoPoint } from '../../domain/case/events.js';
import { isOpenStage } from '../../domain/case/events.js';
import { InvalidCursor, VersionConflict, type BoardStatus, type CaseProjection, type CaseStore, type Page, type WaitRegistration } from '../../ports/case-store.js';
import { digestOf } from '../dynamodb/digests.js';
import { inboxCoHandlers, listedDue, sortableInstant } from '../dynamodb/index-keys.js';
import { appraisalRows, checkAppraisalMonths, checkCommit, checkNewCase, rowsDifference, sameAppraisalRows, splitAppraisalRowId, totalAsDelta } from '../../ports/case-store-checks.js';
import { canonicalJson } from '../dynamodb/dynamo.js';
import { MAX_SEQ, openShard } from '../dynamodb/table.js';

const MAX_LIMIT = 1000;

interface CaseRecord {
  commits: CaseEvent[][];
  /** Kept for filtering only, never handed out; `json` is what readers get, parsed afresh. */
  projection?: CaseProjection;
  json?: string;
  version?: number;
  wait?: WaitRegistration;
  notifiedSeq?: number;
  /** `<month>|<unitId>` → counts: the case's appraisal rows. */
  appraisal: Map<string, Partial<UnitCounts>>;
  /** How often the rows were replaced (absent: never), and the case version they were made from, when given. */
  appraisalRev?: number;
  appraisalOf?: number;
}

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** A cursor names its query and the sort key of the last item handed out. */
function encodeCursor(query: string, after: string): string {
  return Buffer.from(JSON.stringify({ q: query, a: after }), 'utf8').toString('base64url');
}

function decodeCursor(query: string, cursor: string | undefined): string | undefined {
  if (cursor === undefined) return;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('not a cursor this store handed out');
  }
  const { q, a } = (body ?? {}) as { q?: unknown; a?: unknown };
  if (typeof a !== 'string' || typeof q !== 'string') throw new InvalidCursor('not a cursor this store handed out');
  if (q !== query) throw new InvalidCursor('a cursor from another query');
  return a;
}

function checkLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`a page limit is a whole number from 1 to ${MAX_LIMIT}, not ${limit}`);
  return limit;
}

/** Sort keys by case id: one partition of an index. */
type Partition = Map<string, string>;

/** One page of a partition in key order, after the cursor's key; `read` turns a case id into the item. */
function page<T>(query: string, partition: Partition | undefined, limit: number, cursor: string | undefined, read: (caseId: string) => T, descending = false): Page<T> {
  const after = decodeCursor(query, cursor);
  const entries = [...(partition ?? new Map<string, string>())].map(([id, key]) => ({ id, key }));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (descending) entries.reverse();
  const rest = after === undefined ? entries : entries.filter((entry) => (descending ? entry.key < after : entry.key > after));
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map((entry) => read(entry.id)), ...(rest.length > limit && last ? { cursor: encodeCursor(query, last.key) } : {}) };
}

/**
 * The partitions a projection is listed in, and its sort key in each: the DynamoDB adapter's sparse
 * indexes, kept up to date on every save so a query reads one partition, not every case.
 */
function listings(projection: CaseProjection): [string, string][] {
  const { state } = projection;
  const received = `${sortableInstant(state.receivedAt)}#${state.id}`;
  const listed: [string, string][] = [['received', received]];
  if (!isOpenStage(state.stage)) return listed;
  const due = `${listedDue(projection)}#${state.id}`;
  listed.push(['open', `${openShard(state.id)}#${received}`]);
  if (state.leadId) listed.push([`inbox#${state.leadId}`, due]);
  for (const unitId of inboxCoHandlers(projection)) listed.push([`inbox#${unitId}`, due]);
  if (projection.boardStatus) listed.push([`board#${projection.supervisingUnitId}#${projection.boardStatus}`, due]);
  return listed;
}

/** The port's methods, answering at once. */
type Synchronous<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never };

/** Each method as the port has it: a refusal becomes a rejected promise, never a throw at the call. */
function asynchronous(sync: Synchronous<CaseStore>): CaseStore {
  const methods = Object.entries(sync).map(([name, method]): [string, unknown] => [
    name,
    (...args: unknown[]) => new Promise((resolve) => resolve((method as (...a: unknown[]) => unknown)(...args))),
  ]);
  return Object.fromEntries(methods) as unknown as CaseStore;
}

export function createMemoryCaseStore(options: { pageSize?: number } = {}): CaseStore {
  const pageSize = checkLimit(options.pageSize, 100);
  const cases = new Map<string, CaseRecord>();
  const claims = new Map<string, string>();

  const indexes = new Map<string, Partition>();
  /** `<month>` → `<unitId>` → counts: the appraisal totals, by month as the table keeps them. */
  const totalsByMonth = new Map<string, Map<string, Partial<UnitCounts>>>();

  const record = (caseId: string): CaseRecord => {
    let found = cases.get(caseId);
    if (!found) cases.set(caseId, (found = { commits: [], appraisal: new Map() }));
    return found;
  };
  const readProjection = (caseId: string): CaseProjection => JSON.parse(cases.get(caseId)?.json ?? 'null') as CaseProjection;
  const openProjections = (): CaseProjection[] => [...(indexes.get('open')?.keys() ?? [])].map((id) => cases.get(id)?.projection as CaseProjection);

  function relist(before: CaseProjection | undefined, after: CaseProjection): void {
    const id = after.state.id;
    for (const [name] of before ? listings(before) : []) indexes.get(name)?.delete(id);
    for (const [name, key] of listings(after)) {
      let partition = indexes.get(name);
      if (!partition) indexes.set(name, (partition = new Map<string, string>()));
      partition.set(id, key);
    }
  }

  const sync: Synchronous<CaseStore> = {
    loadEvents: (caseId) => copy((cases.get(caseId)?.commits ?? []).flat()),

    appendEvents(caseId, expectedVersion, events) {
      checkCommit(caseId, expectedVersion, events, MAX_SEQ);
      const { commits } = record(caseId);
      const at = commits.findIndex((commit) => commit[0]?.seq === expectedVersion + 1);
      if (at >= 0) {
        // The commit key is taken: a retry of the very same commit succeeded already, anything else lost the race.
        if (canonicalJson(commits[at]) === canonicalJson(copy(events))) return;
        throw new VersionConflict(caseId, expectedVersion);
      }
      const lastSeq = commits.flat().at(-1)?.seq ?? 0;
      if (lastSeq > expectedVersion) throw new VersionConflict(caseId, expectedVersion); // inside a commit
      if (lastSeq < expectedVersion) {
        throw new RangeError(`case ${caseId} has no version ${expectedVersion} (its history ends at ${lastSeq}); nothing was written`);
      }
      commits.push(copy([...events]));
      return;
    },

    createCase(events, projection) {
      const caseId = projection.state.id;
      checkNewCase(events, projection, MAX_SEQ);
      // As unconditional as the DynamoDB adapter's write: the caller owns the id (see the port).
      const stored = record(caseId);
      stored.commits = [copy([...events])];
      const json = JSON.stringify(projection);
      const saved = JSON.parse(json) as CaseProjection;
      relist(stored.projection, saved);
      Object.assign(stored, { projection: saved, json, version: projection.state.version });
    },

    saveProjection(projection, saveOptions = {}) {
      const { id, version } = projection.state;
      if (!Number.isInteger(version) || version < 1) throw new RangeError(`case ${id}: a projection's version must be ≥ 1, not ${version}`);
      const stored = record(id);
      if (stored.version !== undefined && stored.version >= version) return { saved: false };
      const json = JSON.stringify(projection);
      const saved = JSON.parse(json) as CaseProjection;
      relist(stored.projection, saved);
      stored.projection = saved;
      stored.json = json;
      stored.version = version;
      const wait = saveOptions.takeWait ? stored.wait : undefined;
      if (saveOptions.takeWait) delete stored.wait;
      return wait ? { saved: true, wait: copy(wait) } : { saved: true };
    },

    getProjection: (caseId) => (cases.get(caseId)?.json === undefined ? undefined : readProjection(caseId)),

    registerWait(caseId, wait) {
      const stored = cases.get(caseId);
      if (stored?.version !== wait.version) return false;
      stored.wait = copy(wait);
      return true;
    },

    getNotifiedSeq: (caseId) => cases.get(caseId)?.notifiedSeq ?? 0,
    setNotifiedSeq(caseId, seq) {
      if (!Number.isInteger(seq) || seq < 0) throw new RangeError(`a notified seq is a whole number ≥ 0, not ${seq}`);
      const stored = record(caseId);
      stored.notifiedSeq = Math.max(stored.notifiedSeq ?? 0, seq);
      return;
    },

    claimIntake(key, caseId) {
      if (key.length === 0 || key.length > 512) throw new RangeError(`an intake key has 1 to 512 characters, not ${key.length}`);
      if (caseId.length === 0) throw new RangeError('a claim needs a case id');
      const held = claims.get(key);
      if (held === undefined) claims.set(key, caseId);
      return held === undefined || held === caseId ? { claimed: true } : { claimed: false, caseId: held };
    },
    findByExternalId: (channel: Channel, externalId: string) => claims.get(`${channel}#${externalId}`),

    // The DynamoDB adapter walks ten shards in order; the same order here, for the same pages.
    listOpenCases: (cursor) => page('open', indexes.get('open'), pageSize, cursor, readProjection),

    openCaseDigests: () => openProjections().map((projection) => digestOf(copy(projection))),

    unitInbox(unitId, pageOptions = {}) {
      const query = `inbox#${unitId}`;
      return page(query, indexes.get(query), checkLimit(pageOptions.limit, pageSize), pageOptions.cursor, readProjection);
    },

    board(supervisingUnitId, status: BoardStatus, pageOptions = {}) {
      if (status !== 'warning' && status !== 'overdue') throw new RangeError(`no board '${String(status)}'`);
      const query = `board#${supervisingUnitId}#${status}`;
      return page(query, indexes.get(query), checkLimit(pageOptions.limit, pageSize), pageOptions.cursor, readProjection);
    },

    casesReceived(rangeOptions) {
      const limit = checkLimit(rangeOptions.limit, pageSize);
      const from = sortableInstant(rangeOptions.from);
      const to = sortableInstant(rangeOptions.to);
      if (from > to) throw new RangeError(`the range starts (${rangeOptions.from}) after it ends (${rangeOptions.to})`);
      const inRange: Partition = new Map([...(indexes.get('received') ?? [])].filter(([, key]) => key >= from && key.slice(0, 24) <= to));
      return page(`received#${from}#${to}`, inRange, limit, rangeOptions.cursor, readProjection, true);
    },

    casesNear(categoryCode, point: GeoPoint, radiusMeters, since) {
      if (!(radiusMeters > 0) || !Number.isFinite(radiusMeters)) throw new RangeError(`a radius is a positive number of metres, not ${radiusMeters}`);
      const sinceMs = Date.parse(since);
      if (Number.isNaN(sinceMs)) throw new RangeError(`since must be an ISO instant, not '${since}'`);
      const near = openProjections()
        .filter((projection) => projection.state.categoryCode === categoryCode && projection.location && Date.parse(projection.state.receivedAt) >= sinceMs)
        .map((projection) => ({ projection, meters: distance([point.lon, point.lat], [projection.location!.lon, projection.location!.lat], { units: 'meters' }) }))
        .filter((entry) => entry.meters <= radiusMeters)
        .sort((a, b) => a.meters - b.meters);
      return copy(near.map((entry) => entry.projection));
    },

    putAppraisal(caseId, deltas, options = {}) {
      const rows = appraisalRows(deltas);
      const { version } = options;
      const held = record(caseId);
      // As the table does: rows from a later version stay, unchanged rows are not rewritten, and a case
      // that never counted and still counts for nothing is left alone.
      if (version !== undefined && held.appraisalOf !== undefined && held.appraisalOf > version) return;
      if (held.appraisalRev === undefined ? rows.size === 0 : sameAppraisalRows(held.appraisal, rows)) return;
      // One turn of the event loop: the move from the old rows to the new is atomic here by construction.
      for (const [id, change] of rowsDifference(record(caseId).appraisal, rows)) {
        const [month, unitId] = splitAppraisalRowId(id);
        let totals = totalsByMonth.get(month);
        if (!totals) totalsByMonth.set(month, (totals = new Map<string, Partial<UnitCounts>>()));
        const total = totals.get(unitId) ?? {};
        for (const [name, value] of Object.entries(change) as [keyof UnitCounts, number][]) total[name] = (total[name] ?? 0) + value;
        totals.set(unitId, total);
      }
      held.appraisal = rows;
      held.appraisalRev = (held.appraisalRev ?? 0) + 1;
      if (version !== undefined) held.appraisalOf = version;
      return;
    },

    appraisalDeltas(months) {
      checkAppraisalMonths(months);
      const deltas: CountDelta[] = [];
      for (const month of new Set(months)) {
        for (const [unitId, counts] of totalsByMonth.get(month) ?? []) {
          const delta = totalAsDelta(month, unitId, counts);
          if (delta) deltas.push(delta);
        }
      }
      return deltas;
    },
  };
  return asynchronous(sync);
}
