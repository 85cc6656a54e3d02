/**
 * What one case has contributed to the appraisal so far, and the rules that move it event by event.
 *
 * Read from the events alone (not from the case lifecycle), so appraisal keeps its own, small idea of
 * where a case stands: who is accountable, which deadlines run, what has been reckoned in which month.
 *
 * Some facts are triggered by time, not by an event: an acceptance deadline that passes unanswered, a
 * handling deadline that passes while the case is still with the unit, a month that ends while the case
 * is suspended. `settleUntil` records those once an instant is known to have passed; the expected
 * outcome of a case "if nothing else happens" is what `settleUntil(∞)` would record (see incremental.ts).
 *
 * The state is plain JSON (strings, numbers, booleans) so a store can keep it next to the case.
 */
import type { CaseEvent } from '../case/events.js';
import type { Ledger } from './ledger.js';
import { monthKeyOf, toInstant } from './period.js';

/** Where the case is, as far as the accountable unit's record goes. */
export type TallyStage =
  | 'new' // not yet with any unit
  | 'pending' // with the lead for handling (待处置): dispatched, accepted, or sent back for rework
  | 'withCentre' // waiting on the centre: a return to arbitrate (确权), a result to verify or call back
  | 'suspended' // clock paused (挂起/缓办)
  | 'closed'
  | 'merged';

/** One case's entry in a unit's 应结案数 for one month; a case is counted at most once per unit and month. */
export interface Reckoning {
  month: string;
  completed: boolean;
  onTime: boolean;
  reworked: boolean;
  extended: boolean;
  deferred: boolean;
}

export interface CaseTally {
  caseId?: string;
  /** The accountable unit: the lead named by the latest dispatched or arbitrated event. */
  lead?: string;
  stage: TallyStage;
  /** The handling deadline in force (epoch ms); absent while the clock is paused. */
  handleDueAt?: number;
  /**
   * The current stay with a unit for handling (present exactly when stage is `pending`). `clockFrom` is
   * when the unit started to answer for the deadline in force: a deadline that was already past then is
   * missed at that moment, never earlier.
   */
  stretch?: { unitId: string; clockFrom: number; missSettled: boolean; overdueOn: boolean };
  /** The current suspension (present exactly when stage is `suspended`). */
  suspension?: { unitId?: string; month: string; settled: boolean };
  /** The acceptance the latest dispatch asks for, while neither answered nor past due. */
  acceptance?: { unitId: string; dueAt: number };
  /**
   * The unit's current receipt of the case: the month it was first answered (签收 or 退单), and whether
   * it has been returned (a unit may return a case it already accepted).
   */
  receipt?: { unitId: string; answeredIn?: string; returned: boolean };
  /** The lead's latest result report in the current handling cycle. */
  lastReport?: { unitId: string; onTime: boolean };
  /** A rework or extension for the lead not yet tied to a reckoning. */
  marks: { reworked: boolean; extended: boolean };
  /** The latest reckoning per unit. */
  reckonings: Record<string, Reckoning>;
  beforeMerge?: { stage: TallyStage; handleDueAt?: number };
  /** The last event folded in, so histories can be checked for order. */
  lastSeq: number;
}

export const emptyTally = (): CaseTally => ({ stage: 'new', marks: { reworked: false, extended: false }, reckonings: {}, lastSeq: 0 });

export const cloneTally = (tally: CaseTally): CaseTally => structuredClone(tally);

interface Context {
  timeZone: string;
  out: Ledger;
}

const month = (ctx: Context, at: number): string => monthKeyOf(at, ctx.timeZone);

/**
 * Counts a case in a unit's 应结案数 for a month, once; a later reckoning in the same month (a missed
 * deadline then a closure) adds to that entry rather than counting the case twice.
 */
const reckon = (tally: CaseTally, ctx: Context, unitId: string, inMonth: string, closure?: { onTime: boolean }): void => {
  let entry = tally.reckonings[unitId];
  if (!entry || entry.month !== inMonth) {
    entry = { month: inMonth, completed: false, onTime: false, reworked: false, extended: false, deferred: false };
    tally.reckonings[unitId] = entry;
    ctx.out.add(unitId, inMonth, 'due');
  }
  if (unitId === tally.lead) {
    // Reworks and extensions since the previous reckoning belong to this one: 返工率 and 延期率 count
    // cases, not orders, so each stays a share of 应结案数.
    if (tally.marks.reworked && !entry.reworked) {
      entry.reworked = true;
      ctx.out.add(unitId, inMonth, 'reworkedDue');
    }
    if (tally.marks.extended && !entry.extended) {
      entry.extended = true;
      ctx.out.add(unitId, inMonth, 'extendedDue');
    }
    tally.marks = { reworked: false, extended: false };
  }
  if (closure && !entry.completed && !entry.deferred) {
    entry.completed = true;
    ctx.out.add(unitId, inMonth, 'completed');
    if (closure.onTime) {
      entry.onTime = true;
      ctx.out.add(unitId, inMonth, 'completedOnTime');
    }
  }
};

/** A rework or an extension: ties to this month's reckoning if there is one, else waits for the next. */
const mark = (tally: CaseTally, ctx: Context, at: number, kind: 'reworked' | 'extended'): void => {
  const unitId = tally.lead;
  if (unitId === undefined) return;
  const entry = tally.reckonings[unitId];
  const inMonth = month(ctx, at);
  if (entry?.month === inMonth) {
    if (!entry[kind]) {
      entry[kind] = true;
      ctx.out.add(unitId, inMonth, kind === 'reworked' ? 'reworkedDue' : 'extendedDue');
    }
  } else {
    tally.marks[kind] = true;
  }
};

/** Records every time-triggered fact whose instant lies strictly before `now` (∞ for "if nothing else happens"). */
export const settleUntil = (tally: CaseTally, now: number, ctx: Context): void => {
  // 及时签收率: an acceptance deadline that passes unanswered is late, counted in the month it passed,
  // whether or not the unit ever accepts; accepting exactly at the deadline is still on time.
  if (tally.acceptance && tally.acceptance.dueAt < now) {
    ctx.out.add(tally.acceptance.unitId, month(ctx, tally.acceptance.dueAt), 'acceptDue');
    delete tally.acceptance;
  }
  const stretch = tally.stretch;
  if (tally.stage === 'pending' && stretch && !stretch.missSettled && tally.handleDueAt !== undefined && tally.handleDueAt < now) {
    // A deadline that passes while the case is with the unit makes it due (应结案) in that month and
    // overdue from then on. A unit handed a case already past its deadline is reckoned from the handover.
    const missedIn = month(ctx, Math.max(tally.handleDueAt, stretch.clockFrom));
    reckon(tally, ctx, stretch.unitId, missedIn);
    ctx.out.add(stretch.unitId, missedIn, 'overdueOpen');
    stretch.missSettled = true;
    stretch.overdueOn = true;
  }
  const suspension = tally.suspension;
  if (tally.stage === 'suspended' && suspension && !suspension.settled && (now === Infinity || month(ctx, now) > suspension.month)) {
    // 缓办: a case reckoned this month and still suspended when the month ends leaves the denominator of
    // 按期结案率 (金华: 应结案数 − 缓办数).
    suspension.settled = true;
    const entry = suspension.unitId === undefined ? undefined : tally.reckonings[suspension.unitId];
    if (suspension.unitId !== undefined && entry?.month === suspension.month && !entry.completed && !entry.deferred) {
      entry.deferred = true;
      ctx.out.add(suspension.unitId, suspension.month, 'deferred');
    }
  }
};

const leaveStage = (tally: CaseTally, at: number, ctx: Context): void => {
  const stretch = tally.stretch;
  if (stretch) {
    const inMonth = month(ctx, at);
    ctx.out.add(stretch.unitId, inMonth, 'openPending', -1);
    if (stretch.overdueOn) ctx.out.add(stretch.unitId, inMonth, 'overdueOpen', -1);
  }
  delete tally.stretch;
  delete tally.suspension;
};

const enterPending = (tally: CaseTally, at: number, ctx: Context, handleDueAt: number | undefined): void => {
  leaveStage(tally, at, ctx);
  if (tally.lead === undefined) {
    tally.stage = 'new';
    return;
  }
  tally.stage = 'pending';
  if (handleDueAt === undefined) delete tally.handleDueAt;
  else tally.handleDueAt = handleDueAt;
  tally.stretch = { unitId: tally.lead, clockFrom: at, missSettled: false, overdueOn: false };
  ctx.out.add(tally.lead, month(ctx, at), 'openPending');
};

const enterStage = (tally: CaseTally, at: number, ctx: Context, stage: 'withCentre' | 'closed' | 'merged' | 'suspended'): void => {
  leaveStage(tally, at, ctx);
  tally.stage = stage;
  if (stage === 'suspended') {
    delete tally.handleDueAt;
    tally.suspension = { ...(tally.lead === undefined ? {} : { unitId: tally.lead }), month: month(ctx, at), settled: false };
  }
};

/** A new lead starts with a clean slate: earlier marks and reports were another unit's. */
const nameLead = (tally: CaseTally, leadId: string): void => {
  if (tally.lead !== leadId) {
    tally.marks = { reworked: false, extended: false };
    delete tally.lastReport;
    // The previous lead's unanswered acceptance is superseded before its deadline (a passed one was settled).
    if (tally.acceptance && tally.acceptance.unitId !== leadId) delete tally.acceptance;
  }
  tally.lead = leadId;
  // A receipt the unit has not answered yet carries on (an arbitration followed by a dispatch to the same
  // lead is one receipt); otherwise the unit receives the case anew.
  if (!(tally.receipt?.unitId === leadId && tally.receipt.answeredIn === undefined)) tally.receipt = { unitId: leadId, returned: false };
};

/**
 * 回退率: a receipt enters the denominator in the month the unit first answers it, and the numerator in
 * the month it is returned. A return after an acceptance in an earlier month enters that month's
 * denominator too, so no month can show more returns than answers and no published month changes.
 */
const answer = (tally: CaseTally, ctx: Context, unitId: string, at: number, byReturn: boolean): void => {
  const receipt = tally.receipt;
  if (receipt?.unitId !== unitId || receipt.returned) return;
  const inMonth = month(ctx, at);
  if (receipt.answeredIn === undefined || (byReturn && receipt.answeredIn !== inMonth)) {
    ctx.out.add(unitId, inMonth, 'answered');
    receipt.answeredIn = inMonth;
  }
  if (byReturn) {
    receipt.returned = true;
    ctx.out.add(unitId, inMonth, 'returned');
  }
};

/** Folds one event's own effects in; `settleUntil(event time)` must have run first. */
export const applyEvent = (tally: CaseTally, event: CaseEvent, ctx: Context): void => {
  const at = toInstant(event.at);
  const inMonth = month(ctx, at);
  switch (event.type) {
    case 'dispatched': {
      const { leadId } = event.data;
      nameLead(tally, leadId);
      ctx.out.add(leadId, inMonth, 'dispatched');
      // A new dispatch replaces the acceptance the previous one asked for.
      tally.acceptance = { unitId: leadId, dueAt: toInstant(event.data.acceptDueAt) };
      delete tally.lastReport;
      enterPending(tally, at, ctx, toInstant(event.data.handleDueAt));
      return;
    }
    case 'arbitrated': {
      // The centre names the lead; the handling deadline carries on (arbitrated carries none). Only a
      // dispatch carries an acceptance deadline, so a designation alone asks for no timed acceptance.
      nameLead(tally, event.data.leadId);
      enterPending(tally, at, ctx, tally.handleDueAt);
      return;
    }
    case 'accepted': {
      const { unitId } = event.data;
      if (tally.acceptance?.unitId === unitId) {
        ctx.out.add(unitId, inMonth, 'acceptDue');
        ctx.out.add(unitId, inMonth, 'acceptOnTime');
        delete tally.acceptance;
      }
      answer(tally, ctx, unitId, at, false);
      return;
    }
    case 'returned': {
      const { unitId } = event.data;
      // A return before the acceptance deadline takes the dispatch out of 及时签收率 (it is judged by 回退率);
      // a return after the deadline was already reckoned late.
      if (tally.acceptance?.unitId === unitId) delete tally.acceptance;
      answer(tally, ctx, unitId, at, true);
      if (unitId === tally.lead && (tally.stage === 'pending' || tally.stage === 'suspended')) enterStage(tally, at, ctx, 'withCentre');
      return;
    }
    case 'extensionApproved': {
      if (tally.lead === undefined) return;
      ctx.out.add(tally.lead, inMonth, 'extensions');
      mark(tally, ctx, at, 'extended');
      const dueAt = toInstant(event.data.handleDueAt);
      if (tally.stage === 'pending' && tally.stretch) {
        // The case stops being overdue under the new deadline and may miss it afresh.
        if (tally.stretch.overdueOn) ctx.out.add(tally.stretch.unitId, inMonth, 'overdueOpen', -1);
        tally.stretch.overdueOn = false;
        tally.stretch.missSettled = false;
        tally.stretch.clockFrom = at;
        tally.handleDueAt = dueAt;
      } else if (tally.stage !== 'suspended') {
        tally.handleDueAt = dueAt;
      }
      return;
    }
    case 'suspended':
      enterStage(tally, at, ctx, 'suspended');
      return;
    case 'resumed':
      enterPending(tally, at, ctx, toInstant(event.data.handleDueAt));
      return;
    case 'resultReported': {
      if (event.data.unitId !== tally.lead) return;
      tally.lastReport = { unitId: tally.lead, onTime: tally.handleDueAt === undefined || at <= tally.handleDueAt };
      if (tally.stage === 'pending' || tally.stage === 'suspended') enterStage(tally, at, ctx, 'withCentre');
      return;
    }
    case 'reworkOrdered': {
      if (tally.lead === undefined) return;
      ctx.out.add(tally.lead, inMonth, 'reworks');
      mark(tally, ctx, at, 'reworked');
      delete tally.lastReport;
      enterPending(tally, at, ctx, toInstant(event.data.handleDueAt));
      return;
    }
    case 'callbackRecorded': {
      if (tally.lead === undefined) return;
      ctx.out.add(tally.lead, inMonth, event.data.answer);
      return;
    }
    case 'closed': {
      // 结案 counts for the lead only on a result it reported; a case the centre closes without one
      // (withdrawn, invalid) is no completion, though deadlines it already missed stay missed.
      if (tally.lead !== undefined && tally.lastReport?.unitId === tally.lead) {
        reckon(tally, ctx, tally.lead, inMonth, { onTime: tally.lastReport.onTime });
      }
      delete tally.acceptance;
      enterStage(tally, at, ctx, 'closed');
      return;
    }
    case 'mergedAsDuplicate': {
      // A duplicate is its master's work, not a case of its own: it leaves every count from here on.
      tally.beforeMerge = { stage: tally.stage, ...(tally.handleDueAt === undefined ? {} : { handleDueAt: tally.handleDueAt }) };
      delete tally.acceptance;
      enterStage(tally, at, ctx, 'merged');
      return;
    }
    case 'unmerged': {
      const before = tally.beforeMerge;
      if (tally.stage !== 'merged' || !before) return;
      delete tally.beforeMerge;
      if (before.stage === 'pending') enterPending(tally, at, ctx, before.handleDueAt);
      else if (before.stage === 'withCentre' || before.stage === 'suspended' || before.stage === 'closed') enterStage(tally, at, ctx, before.stage);
      else tally.stage = before.stage;
      if (before.stage !== 'pending' && before.stage !== 'suspended' && before.handleDueAt !== undefined) tally.handleDueAt = before.handleDueAt;
      return;
    }
    case 'received':
    case 'routed':
    case 'routingNeedsDecision':
    case 'escalated':
    case 'extensionRequested':
    case 'extensionRefused':
    case 'suspensionRequested':
    case 'progressNoted':
    case 'verified':
    case 'leaderInstructed':
    case 'duplicateAttached':
    case 'duplicateDetached':
    case 'deadlineMissed':
      // A failed verification counts through the reworkOrdered event that follows it, never twice. A
      // missed deadline is read from the deadlines themselves, which every history has, rather than from
      // the supervision's note of it, which a history may lack.
      return;
    default: {
      // A new event type must be given a meaning here before the project compiles.
      const unhandled: never = event;
      return unhandled;
    }
  }
};
