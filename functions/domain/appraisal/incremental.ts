/**
 * Per-event contributions to the per-unit monthly counters, for a store that keeps running totals.
 *
 * A counter's value is always "what the month would show if nothing else happened": a dispatch adds a
 * late acceptance in the month its deadline falls, and an on-time acceptance later moves it to the month
 * of acceptance. So each event's contribution is
 *
 *   facts it settled  +  expected(after)  −  expected(before)
 *
 * which telescopes: the contributions of a whole history add up to its settled facts plus the expected
 * outcome of its final state, which is exactly what the batch appraisal computes. When events arrive in
 * time order, an event never changes a month that ended before it, so published months stay put.
 */
import type { CaseEvent } from '../case/events.js';
import type { CountDelta } from './counts.js';
import { Ledger } from './ledger.js';
import { toInstant } from './period.js';
import { applyEvent, cloneTally, emptyTally, settleUntil, type CaseTally } from './tally.js';

export interface TallyOptions {
  /** The city's IANA time zone: months are its calendar months. */
  timeZone: string;
}

export class HistoryOrderError extends Error {
  override name = 'HistoryOrderError';
}

/** What a case in this state will still add if nothing else happens. */
const expected = (tally: CaseTally, timeZone: string): Ledger => {
  const out = new Ledger();
  settleUntil(cloneTally(tally), Infinity, { timeZone, out });
  return out;
};

/** Folds one event into `tally` in place. */
const step = (tally: CaseTally, event: CaseEvent, timeZone: string, out: Ledger): void => {
  if (tally.caseId !== undefined && event.caseId !== tally.caseId) {
    throw new HistoryOrderError(`event ${event.seq} belongs to case ${event.caseId}, not ${tally.caseId}`);
  }
  if (event.seq <= tally.lastSeq) {
    throw new HistoryOrderError(`case ${event.caseId}: event ${event.seq} arrives after event ${tally.lastSeq}; fold each event once, in order`);
  }
  let at: number;
  try {
    at = toInstant(event.at);
  } catch {
    throw new RangeError(`case ${event.caseId}, event ${event.seq}: "${event.at}" is not an ISO 8601 instant`);
  }
  tally.caseId = event.caseId;
  tally.lastSeq = event.seq;
  settleUntil(tally, at, { timeZone, out });
  applyEvent(tally, event, { timeZone, out });
};

/**
 * The counter changes one event makes, given the case's tally before it, and the tally after it. Store
 * the tally with the case and ADD the deltas to the (unit, month) counters.
 */
export const countsFromEvent = (
  tally: CaseTally | undefined,
  event: CaseEvent,
  options: TallyOptions,
): { tally: CaseTally; deltas: CountDelta[] } => {
  const before = tally ?? emptyTally();
  const out = new Ledger();
  const after = cloneTally(before);
  step(after, event, options.timeZone, out);
  out.addAll(expected(after, options.timeZone));
  out.addAll(expected(before, options.timeZone), -1);
  return { tally: after, deltas: out.deltas() };
};

const bySeq = (events: readonly CaseEvent[]): CaseEvent[] => [...events].sort((a, b) => a.seq - b.seq);

/** Everything one case's history contributes: the sum of its events' contributions, computed in one pass. */
export const countsOfCase = (events: readonly CaseEvent[], options: TallyOptions): CountDelta[] => {
  const out = new Ledger();
  const tally = emptyTally();
  for (const event of bySeq(events)) step(tally, event, options.timeZone, out);
  out.addAll(expected(tally, options.timeZone));
  return out.deltas();
};
