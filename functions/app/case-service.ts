/**
 * The application service: the one code path through which every change to a case goes, whoever asks —
 * an HTTP handler for a person, or a workflow task for the system. It loads the history, asks the domain
 * to decide, appends the events on the version it read (a racing writer gets `VersionConflict`, nothing
 * half-written), refreshes the projection, and wakes the supervision workflow through the task token kept
 * in the case record (never shown to anyone).
 */
import { randomBytes } from 'node:crypto';
import { countsOfCase } from '../domain/appraisal/incremental.js';
import { foldEvents, type CaseState } from '../domain/case/case-state.js';
import type { CaseCommand } from '../domain/case/commands.js';
import { isOpenStage, type Actor, type CaseEvent } from '../domain/case/events.js';
import { openCase, type CaseIntake } from '../domain/case/intake.js';
import { decide } from '../domain/case/lifecycle.js';
import { stampEvents, type NewCaseEvent } from '../domain/case/new-event.js';
import { territorialChain } from '../domain/geo/territory.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Workflow } from '../ports/workflow.js';
import type { CityContext } from './city-context.js';
import { planFor } from './plan.js';
import { projectCase } from './projection.js';

export class CaseNotFound extends Error {
  override readonly name = 'CaseNotFound';
  constructor(readonly caseId: string) {
    super(`there is no case ${caseId}`);
  }
}

export interface CaseServiceDeps {
  store: CaseStore;
  workflow: Workflow;
  clock: Clock;
  city: CityContext;
  /** Where failures that must not fail the caller are reported (a lost wake-up is recovered by the workflow). */
  warn?: (message: string, error: unknown) => void;
}

export interface LoadedCase {
  events: CaseEvent[];
  state: CaseState;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `20261130-7G3KQ9XA`: sortable by day, unguessable, and a valid Step Functions execution name. */
// Building a formatter costs about half a millisecond, more than the rest of an intake's own work: one per zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string): Intl.DateTimeFormat => {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format;
};

export function newCaseId(now: number, timeZone: string): string {
  const day = dayFormat(timeZone).format(now).replaceAll('-', '');
  const suffix = [...randomBytes(8)].map((byte) => CROCKFORD[byte % 32]).join('');
  return `${day}-${suffix}`;
}

export class CaseService {
  private readonly unitsById: ReadonlyMap<string, CityContext['city']['units'][number]>;
  private readonly cityUnitId: string;

  constructor(readonly deps: CaseServiceDeps) {
    this.unitsById = deps.city.routing.unitsById;
    this.cityUnitId = deps.city.routing.cityUnitId;
  }

  async load(caseId: string): Promise<LoadedCase> {
    const events = await this.deps.store.loadEvents(caseId);
    if (events.length === 0) throw new CaseNotFound(caseId);
    return { events, state: foldEvents(events) };
  }

  /**
   * Opens a case and starts its supervision. With an idempotency key (or a channel's external id) a retried
   * request yields the same case: the key is claimed before anything is written, and a claim whose case was
   * never written (the first attempt died in between) is completed by the retry.
   */
  async intake(intake: CaseIntake, actor: Actor, options: { idempotencyKey?: string } = {}): Promise<{ caseId: string; created: boolean; state: CaseState }> {
    const now = this.deps.clock.now();
    const { city } = this.deps.city;
    const enriched = this.placed(intake);
    const first = openCase(enriched, actor, now, city); // refuses bad input before anything is claimed

    let caseId = newCaseId(now, city.calendar.timeZone);
    // The id is this intake's own until a claim says another attempt made it first.
    let ownId = true;
    const key = options.idempotencyKey ?? (intake.externalId ? `${intake.channel}#${intake.externalId}` : undefined);
    if (key) {
      const claim = await this.deps.store.claimIntake(key, caseId);
      if (!claim.claimed) {
        const events = await this.deps.store.loadEvents(claim.caseId);
        if (events.length > 0) return { caseId: claim.caseId, created: false, state: foldEvents(events) };
        // An earlier attempt claimed the key and died before writing: its retries may race, so append.
        caseId = claim.caseId;
        ownId = false;
      }
    }
    // A claimed id is known to every retry of this intake from the moment it is claimed: a retry that finds
    // no history yet writes it, and the workflow may move the case on. So a keyed intake writes conditionally
    // (`appendEvents`), and a first attempt that lands late is refused rather than putting the case back
    // to its first version. Only an id nobody else has seen takes the single unconditional write.
    const state = ownId && !key ? await this.create(caseId, first) : await this.commit(caseId, undefined, [first]);
    await this.deps.workflow.startSupervision(caseId);
    return { caseId, created: true, state };
  }

  /**
   * A new case whose id nobody else knows: its first commit and projection in one write. A case just taken
   * in has no workflow wait to complete, and counts for no unit yet unless its first event says otherwise.
   */
  private async create(caseId: string, first: NewCaseEvent): Promise<CaseState> {
    const events = stampEvents(caseId, 0, [first]);
    const state = foldEvents(events);
    await this.deps.store.createCase(events, projectCase(state, events, this.cityUnitId));
    const deltas = countsOfCase(events, { timeZone: this.deps.city.city.calendar.timeZone });
    if (deltas.length > 0) await this.deps.store.putAppraisal(caseId, deltas, { version: state.version });
    return state;
  }

  /** A person's (or the system's) command on a case; domain errors and `VersionConflict` reach the caller. */
  async act(caseId: string, command: CaseCommand, actor: Actor): Promise<{ state: CaseState; events: CaseEvent[] }> {
    const loaded = await this.load(caseId);
    const { state } = loaded;
    const decided = decide(state, command, actor, this.deps.clock.now(), this.deps.city.rules);
    const after = await this.commit(caseId, loaded, decided);
    if (!isOpenStage(state.stage) && isOpenStage(after.stage)) {
      // Reopened (an unmerged duplicate): its supervision ended with the merge, so a new line of executions
      // takes it up, numbered by how often the case was reopened.
      const epoch = [...loaded.events, ...stampEvents(caseId, state.version, decided)].filter((event) => event.type === 'unmerged').length;
      await this.deps.workflow.startSupervision(caseId, 1, epoch);
    }
    return { state: after, events: stampEvents(caseId, state.version, decided) };
  }

  /**
   * Appends a decision's events on the version it was made on, then refreshes the projection and hands the
   * workflow's wait, if one is registered, a fresh plan. Only the first step can fail the caller: the others
   * are repeated by the workflow on its next step, so a crash between them loses nothing.
   */
  async commit(caseId: string, before: LoadedCase | undefined, decided: readonly NewCaseEvent[]): Promise<CaseState> {
    const version = before?.state.version ?? 0;
    const stamped = stampEvents(caseId, version, decided);
    await this.deps.store.appendEvents(caseId, version, stamped);
    const events = [...(before?.events ?? []), ...stamped];
    const state = foldEvents(events);
    try {
      await this.refresh(state, events, { wake: true });
    } catch (error) {
      this.deps.warn?.(`case ${caseId}: projection refresh deferred to the workflow`, error);
    }
    return state;
  }

  /** Saves the projection and appraisal rows for the history as it stands; with `wake`, completes the workflow's wait. */
  async refresh(state: CaseState, events: readonly CaseEvent[], options: { wake: boolean }): Promise<void> {
    const { store, workflow, clock, city } = this.deps;
    const { wait } = await store.saveProjection(projectCase(state, events, this.cityUnitId), { takeWait: options.wake });
    try {
      const deltas = countsOfCase(events, { timeZone: city.city.calendar.timeZone });
      // A case just taken in counts for no unit yet and has no rows to replace: skip the store round trip.
      if (deltas.length > 0 || state.version > 1) await store.putAppraisal(state.id, deltas, { version: state.version });
    } finally {
      // The save took the wait off the case item: it is completed even when the appraisal could not be
      // replaced, or the workflow would sleep on a stale plan.
      if (wait) {
        try {
          await workflow.completeWait(wait.taskToken, planFor(state, clock.now(), city.rules));
        } catch (error) {
          // The wait may have timed out meanwhile; its timeout path re-reads the case, so nothing is lost.
          this.deps.warn?.(`case ${state.id}: could not complete the workflow's wait`, error);
        }
      }
    }
  }

  /** Fills the grid and the territorial chain from the location, so routing and supervision know the place. */
  private placed(intake: CaseIntake): CaseIntake {
    const gridId = intake.gridId ?? (intake.location ? this.deps.city.grids.locate(intake.location) : undefined);
    if (!gridId || intake.territory) return gridId ? { ...intake, gridId } : intake;
    const chain = territorialChain(this.unitsById, gridId).map((unit) => ({ unitId: unit.id, level: unit.level }));
    return { ...intake, gridId, ...(chain.length > 0 ? { territory: chain } : {}) };
  }
}
