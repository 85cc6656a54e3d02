/**
 * What the supervision workflow's task states do. The state machine holds no rules: it routes the case,
 * then loops — wait for a change or for the next milestone, apply what is due, plan again — until the case
 * is closed, and answers the reporter. Every step re-reads the history, so a retried or late task acts on
 * the truth, and every step is idempotent.
 */
import type { CaseState } from '../domain/case/case-state.js';
import type { RouteCommand } from '../domain/case/commands.js';
import { isDomainError } from '../domain/case/errors.js';
import type { Actor, CaseEvent } from '../domain/case/events.js';
import { decide } from '../domain/case/lifecycle.js';
import { nextMilestone } from '../domain/deadlines/next-milestone.js';
import { route } from '../domain/routing/route.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Notifier } from '../ports/notifier.js';
import type { SupervisionPlan, Workflow } from '../ports/workflow.js';
import type { CaseService, LoadedCase } from './case-service.js';
import { findMasterCase } from './duplicates.js';
import { handOver } from './hand-over.js';
import { composeNotices } from './notices.js';
import { planFor } from './plan.js';

/** The wait was planned on a version the case has left: plan again instead of waiting on stale facts. */
export class CaseChanged extends Error {
  override readonly name = 'CaseChanged';
  constructor(caseId: string, planned: number, actual: number) {
    super(`case ${caseId} is at version ${actual}, the wait was planned on ${planned}`);
  }
}

/**
 * The execution has run as long as it may: it goes to ApplyMilestone (the state machine catches this),
 * which plans the hand-over to a fresh execution.
 */
export class HandOverDue extends Error {
  override readonly name = 'HandOverDue';
  constructor(caseId: string, startedAt: string) {
    super(`the supervision of case ${caseId} started ${startedAt} and must hand over before Step Functions' one-year limit`);
  }
}

export interface SupervisionInput {
  caseId: string;
  generation: number;
  /** Reopenings of the case whose supervision had ended (see `Workflow.startSupervision`); 0 at first. */
  epoch?: number;
  /** Loops run by this execution so far; past `maxLoops` the case is handed to a fresh execution. */
  loops?: number;
  /**
   * When this execution started, on the platform's clock (ISO), stamped by RouteCase and carried in the
   * execution's data: Step Functions ends an execution after a year, so it hands over well before. Absent
   * in payloads of executions started before it existed; those count from now.
   */
  startedAt?: string;
}

export interface SupervisionState extends SupervisionInput {
  plan: SupervisionPlan;
  loops: number;
  startedAt: string;
}

export interface SupervisionDeps {
  service: CaseService;
  store: CaseStore;
  notifier: Notifier;
  workflow: Workflow;
  /** Loops one execution may run before handing over (bounds its history far below 25,000 events). */
  maxLoops?: number;
  /** Days one execution may run before handing over (Step Functions' limit is a year). */
  maxExecutionDays?: number;
  warn?: (message: string, error: unknown) => void;
}

const SYSTEM: Actor = { kind: 'system', id: 'supervision' };
export const DEFAULT_MAX_LOOPS = 400;
/**
 * Loops alone do not bound an execution's age: a case nobody touches loops about once a week (the check-in),
 * so 400 loops would take years, and Step Functions ends every execution after one. Hand over after 330
 * days: a wait lasts at most a week (`CHECK_IN_SECONDS`), so no execution gets near 365.
 */
export const DEFAULT_MAX_EXECUTION_DAYS = 330;
const DAY_MS = 24 * 3600 * 1000;

export class Supervision {
  private readonly maxLoops: number;
  private readonly maxAgeMs: number;

  constructor(private readonly deps: SupervisionDeps) {
    this.maxLoops = deps.maxLoops ?? DEFAULT_MAX_LOOPS;
    this.maxAgeMs = (deps.maxExecutionDays ?? DEFAULT_MAX_EXECUTION_DAYS) * DAY_MS;
  }

  private get now(): number {
    return this.deps.service.deps.clock.now();
  }

  private tooOld(startedAt: string): boolean {
    return this.now - Date.parse(startedAt) >= this.maxAgeMs;
  }

  private next(input: SupervisionInput, state: CaseState, loops: number): SupervisionState {
    const startedAt = input.startedAt ?? new Date(this.now).toISOString();
    const plan = planFor(state, this.now, this.deps.service.deps.city.rules, loops >= this.maxLoops || this.tooOld(startedAt));
    return { caseId: input.caseId, generation: input.generation, epoch: input.epoch ?? 0, loops, startedAt, plan };
  }

  /** First step: route a new case by the responsibility list (or put it before a dispatcher), then plan. */
  async routeCase(input: SupervisionInput): Promise<SupervisionState> {
    const { service } = this.deps;
    const loaded = await service.load(input.caseId);
    let { state } = loaded;
    if (state.stage === 'received') {
      const received = loaded.events.find((event) => event.type === 'received');
      const location = received?.type === 'received' ? received.data.location : undefined;
      const master = await findMasterCase(this.deps.store, service.deps.city.city, state, location);
      if (master) {
        // Merged before it is routed: no unit gets a second order for the same problem.
        state = await service.commit(input.caseId, loaded, decide(state, { type: 'mergeAsDuplicate', masterCaseId: master }, SYSTEM, this.now, service.deps.city.rules));
      } else {
        const command = this.routeCommand(loaded);
        state = await service.commit(input.caseId, loaded, decide(state, command, SYSTEM, this.now, service.deps.city.rules));
      }
    }
    // A retried RouteCase completes a merge it began and that stopped half-way: the master must know its
    // duplicate to answer its reporter. (A dispatcher's merge attaches through the dispatcher's own command.)
    if (state.stage === 'mergedAsDuplicate' && state.masterCaseId && state.version === 2) {
      const master = await service.load(state.masterCaseId);
      if (!master.state.duplicateIds.includes(input.caseId)) {
        await service.act(state.masterCaseId, { type: 'attachDuplicate', duplicateCaseId: input.caseId }, SYSTEM);
      }
    }
    // The execution's clock starts here (a new generation too): RouteCase is its first state.
    return this.next({ ...input, startedAt: input.startedAt ?? new Date(this.now).toISOString() }, state, input.loops ?? 0);
  }

  /**
   * Entered each time the workflow starts waiting: brings the projection up to date, sends the notices of
   * every event not yet announced, and registers the wait's task token on the version it was planned on.
   */
  async awaitChange(input: SupervisionState & { taskToken: string }): Promise<void> {
    // A wait completed by people's actions never reaches ApplyMilestone, where the hand-over is planned:
    // an execution that is due to hand over refuses to wait again, and the state machine goes there instead.
    if (input.startedAt && this.tooOld(input.startedAt)) throw new HandOverDue(input.caseId, input.startedAt);
    const loaded = await this.deps.service.load(input.caseId);
    const { state, events } = loaded;
    if (state.version !== input.plan.version) throw new CaseChanged(input.caseId, input.plan.version, state.version);
    // The API refreshed the projection when it committed; redo it only if that step was lost (a crash).
    const stored = await this.deps.store.getProjection(input.caseId);
    if (!stored || stored.state.version < state.version) await this.deps.service.refresh(state, events, { wake: false });
    await this.announce(loaded);
    const registered = await this.deps.store.registerWait(input.caseId, {
      taskToken: input.taskToken,
      version: state.version,
      registeredAt: new Date(this.now).toISOString(),
      ...(input.plan.until ? { until: input.plan.until } : {}),
    });
    if (!registered) throw new CaseChanged(input.caseId, input.plan.version, -1);
  }

  /**
   * After a wait times out (or was planned on a stale version): apply the milestone that is due — an
   * escalation rung, a missed deadline, a callback nobody answered — and plan again. A milestone that is
   * no longer due (someone acted meanwhile) is simply skipped.
   */
  async applyMilestone(input: SupervisionState): Promise<SupervisionState> {
    const { service } = this.deps;
    let loaded = await service.load(input.caseId);
    // Several milestones may have fallen due together (a long outage, a restart): apply them in order.
    for (let guard = 0; guard < 20; guard++) {
      const due = nextMilestone(loaded.state, this.now, service.deps.city.rules);
      if (!due || due.at > this.now) break;
      try {
        const decided = decide(loaded.state, due.command, SYSTEM, this.now, service.deps.city.rules);
        const state = await service.commit(input.caseId, loaded, decided);
        loaded = { state, events: await this.deps.store.loadEvents(input.caseId) };
      } catch (error) {
        if (isDomainError(error)) break; // the case moved on: nothing of this milestone applies any more
        throw error;
      }
    }
    return this.next(input, loaded.state, input.loops + 1);
  }

  /** The case is closed: announce what is left (the answer to every reporter) and end. */
  async finish(input: SupervisionInput): Promise<{ caseId: string; stage: string; version: number }> {
    const loaded = await this.deps.service.load(input.caseId);
    await this.deps.service.refresh(loaded.state, loaded.events, { wake: false });
    await this.announce(loaded);
    return { caseId: input.caseId, stage: loaded.state.stage, version: loaded.state.version };
  }

  /** Long-lived cases move to a fresh execution before this one's history or one-year limit matters. */
  handOver(input: SupervisionInput): Promise<{ caseId: string; generation: number; epoch: number }> {
    return handOver(this.deps.workflow, input);
  }

  private routeCommand({ state, events }: LoadedCase): RouteCommand {
    const received = events.find((event): event is Extract<CaseEvent, { type: 'received' }> => event.type === 'received');
    const result = route(
      {
        categoryCode: state.categoryCode,
        receivedAt: Date.parse(state.receivedAt),
        urgency: state.urgency,
        ...(state.requestType ? { requestType: state.requestType } : {}),
        ...(state.gridId ? { gridId: state.gridId } : {}),
        ...(received?.data.location ? { location: received.data.location } : {}),
      },
      this.deps.service.deps.city.routing,
    );
    if (result.kind === 'needsDecision') return { type: 'route', decision: { kind: 'needsDecision', reason: result.reason } };
    return {
      type: 'route',
      decision: {
        kind: 'routed',
        leadId: result.leadId,
        coHandlerIds: result.coHandlerIds,
        responsibilityVersion: result.responsibilityVersion,
        ownerRule: result.ownerRule,
        ...(result.limits.source === 'row' ? { limits: result.limits.limits } : {}),
      },
    };
  }

  /** Sends the notices of events after the last announced one; at-least-once, never silently dropped. */
  private async announce({ state, events }: LoadedCase): Promise<void> {
    const { store, notifier, service } = this.deps;
    const notified = await store.getNotifiedSeq(state.id);
    if (notified >= state.version) return;
    const fresh = events.filter((event) => event.seq > notified);
    const duplicates = await Promise.all(state.duplicateIds.map(async (id) => store.loadEvents(id)));
    const { notices, unreachable } = composeNotices(fresh, state, events, service.deps.city.city, duplicates, service.deps.city.routing);
    for (const miss of unreachable) this.deps.warn?.(`case ${state.id}: ${miss}`, undefined);
    await notifier.send(notices);
    await store.setNotifiedSeq(state.id, state.version);
  }
}
