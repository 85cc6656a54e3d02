/**
 * What every `CaseStore` refuses before it writes anything, and how a case's appraisal deltas become rows:
 * the contract's own rules, shared by the DynamoDB and the in-memory adapters so they cannot drift apart.
 */
import { COUNT_KEYS, type CountDelta, type CountKey, type UnitCounts } from '../domain/appraisal/counts.js';
import { isOpenStage, type CaseEvent } from '../domain/case/events.js';
import type { CaseProjection } from './case-store.js';

/** The co-handlers whose inbox lists the case: only while it is open, never the lead twice. */
export function inboxCoHandlers(projection: CaseProjection): string[] {
  const { state } = projection;
  if (!isOpenStage(state.stage) || !state.leadId) return [];
  return [...new Set(state.coHandlerIds)].filter((unitId) => unitId !== state.leadId);
}

/** A commit's events follow the version it is appended on, all of one case, within the store's limit. */
export function checkCommit(caseId: string, expectedVersion: number, events: readonly CaseEvent[], maxSeq: number): void {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new RangeError(`expectedVersion must be a whole number ≥ 0, not ${expectedVersion}`);
  if (events.length === 0) throw new RangeError(`nothing to append to case ${caseId}`);
  events.forEach((event, i) => {
    if (event.caseId !== caseId) throw new RangeError(`event ${i} belongs to case ${event.caseId}, not ${caseId}`);
    if (event.seq !== expectedVersion + 1 + i) {
      throw new RangeError(`event ${i} of case ${caseId} has seq ${event.seq}; appending after version ${expectedVersion} it must be ${expectedVersion + 1 + i}`);
    }
  });
  if (expectedVersion + events.length > maxSeq) throw new RangeError(`case ${caseId} would pass ${maxSeq} events`);
}

/** `createCase`'s arguments: a first commit and the projection of exactly that history, with nobody to point to. */
export function checkNewCase(events: readonly CaseEvent[], projection: CaseProjection, maxSeq: number): void {
  const caseId = projection.state.id;
  checkCommit(caseId, 0, events, maxSeq);
  if (projection.state.version !== events.length) throw new RangeError(`case ${caseId}: the projection is of version ${projection.state.version}, the history of ${events.length}`);
  if (inboxCoHandlers(projection).length > 0) throw new RangeError(`case ${caseId}: a new case has no co-handlers to point to`);
}

export const APPRAISAL_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SEPARATOR = '|';

/** A row's id: `<month>|<unitId>` (months have no separator; unit ids may). */
export const appraisalRowId = (month: string, unitId: string): string => `${month}${SEPARATOR}${unitId}`;
export const splitAppraisalRowId = (id: string): [month: string, unitId: string] => {
  const at = id.indexOf(SEPARATOR);
  return [id.slice(0, at), id.slice(at + 1)];
};

export function checkAppraisalMonths(months: readonly string[]): void {
  for (const month of months) if (!APPRAISAL_MONTH.test(month)) throw new RangeError(`an appraisal month is YYYY-MM, not '${month}'`);
}

const COUNT_NAMES: ReadonlySet<string> = new Set<CountKey>(COUNT_KEYS);

/** Sums a case's deltas per (month, unit) and drops zeros: an all-zero row is no row. */
export function appraisalRows(deltas: readonly CountDelta[]): Map<string, Partial<UnitCounts>> {
  const rows = new Map<string, Partial<UnitCounts>>();
  for (const delta of deltas) {
    if (!APPRAISAL_MONTH.test(delta.month)) throw new RangeError(`an appraisal month is YYYY-MM, not '${delta.month}'`);
    if (delta.unitId.length === 0) throw new RangeError('an appraisal delta needs a unit');
    const id = appraisalRowId(delta.month, delta.unitId);
    const counts = rows.get(id) ?? {};
    for (const [name, value] of Object.entries(delta.counts) as [keyof UnitCounts, number][]) {
      if (!COUNT_NAMES.has(name)) throw new RangeError(`'${name}' is not an appraisal count`);
      if (!Number.isFinite(value)) throw new RangeError(`count ${name} of unit ${delta.unitId} in ${delta.month} is not a number`);
      counts[name] = (counts[name] ?? 0) + value;
    }
    rows.set(id, counts);
  }
  for (const [id, counts] of rows) {
    for (const [name, value] of Object.entries(counts) as [keyof UnitCounts, number][]) if (value === 0) delete counts[name];
    if (Object.keys(counts).length === 0) rows.delete(id);
  }
  return rows;
}

/**
 * What moving a case's rows from `from` to `to` adds to the (month, unit) totals: `to − from` per row,
 * zeros dropped. Applying it to totals that held `from` leaves them holding `to`.
 */
export function rowsDifference(from: ReadonlyMap<string, Partial<UnitCounts>>, to: ReadonlyMap<string, Partial<UnitCounts>>): Map<string, Partial<UnitCounts>> {
  const difference = new Map<string, Partial<UnitCounts>>();
  for (const id of new Set([...from.keys(), ...to.keys()])) {
    const counts: Partial<UnitCounts> = {};
    const before = from.get(id) ?? {};
    const after = to.get(id) ?? {};
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)]) as Set<CountKey>) {
      const change = (after[name] ?? 0) - (before[name] ?? 0);
      if (change !== 0) counts[name] = change;
    }
    if (Object.keys(counts).length > 0) difference.set(id, counts);
  }
  return difference;
}

/** Whether two sets of a case's rows are the same (as `appraisalRows` makes them: no zero counts). */
export const sameAppraisalRows = (a: ReadonlyMap<string, Partial<UnitCounts>>, b: ReadonlyMap<string, Partial<UnitCounts>>): boolean =>
  a.size === b.size && rowsDifference(a, b).size === 0;

/** A (month, unit) total as `appraisalDeltas` answers it: zero counts dropped, nothing for an all-zero total. */
export function totalAsDelta(month: string, unitId: string, counts: Partial<Record<string, unknown>>): CountDelta | undefined {
  const kept: Partial<UnitCounts> = {};
  for (const name of COUNT_KEYS) {
    const value = counts[name];
    if (typeof value === 'number' && value !== 0) kept[name] = value;
  }
  return Object.keys(kept).length > 0 ? { unitId, month, counts: kept } : undefined;
}
