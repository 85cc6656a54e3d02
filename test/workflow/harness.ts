/**
 * A local platform for workflow tests: the tiny city, dynalite (in memory, or on disk under `dataDir`), the
 * real ASL on the local engine, and a manual clock that tests move, so every deadline and escalation is
 * exact and instant. Everything goes through `platform.service`, the code path the API uses.
 */
import type { CaseState } from '../../functions/domain/case/case-state.js';
import type { Actor, CaseEvent, CaseEventOf, CaseEventType } from '../../functions/domain/case/events.js';
import type { CaseCommand } from '../../functions/domain/case/commands.js';
import type { CaseIntake } from '../../functions/domain/case/intake.js';
import { TINY_IDS, tinyCity } from '../../functions/domain/testing/tiny-city.js';
import type { OutboxEntry } from '../../functions/adapters/local/outbox.js';
import { ManualClock } from '../../local/clock.js';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.js';

/** A local time in Kaifeng as epoch ms. */
export const kaifeng = (local: string): number => Date.parse(`${local}+08:00`);

/** An instant (ISO or epoch ms) as Kaifeng wall-clock time, `YYYY-MM-DDTHH:mm:ss`, the way tests state deadlines. */
export const local = (instant: string | number): string => {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19);
};

export const DAY_MS = 24 * 3600_000;

/** The lead the tiny city's responsibility list (version 2) gives a litter bin: the city's urban management bureau. */
export const BUREAU = TINY_IDS.departments.urbanManagement;
export const OFFICES = TINY_IDS.offices;

export const staff = (unitId: string, id = `staff-of-${unitId}`): Actor => ({ kind: 'unitStaff', id, unitId });
export const head = (unitId: string): Actor => ({ kind: 'unitHead', id: `head-of-${unitId}`, unitId });
export const DISPATCHER: Actor = { kind: 'dispatcher', id: 'dispatcher-sun' };
export const SUPERVISOR: Actor = { kind: 'supervisor', id: 'supervisor-wu' };
export const gridWorker = (gridId: string): Actor => ({ kind: 'gridWorker', id: 'grid-worker-liu', unitId: gridId });

/** The default report: a broken litter bin in Tieta grid 1 (Daxing subdistrict, Longting district). */
export const LITTER_BIN: CaseIntake = {
  channel: 'hotline',
  categoryCode: TINY_IDS.categories.litterBin,
  description: 'The litter bin at the corner is broken',
  location: { lon: 114.3025, lat: 34.7825 },
  reporter: { name: 'Zhang San', phone: '+8613800000001' },
};

/** A notice as tests compare it: which event, what about, and to whom (`kind:id`). */
export interface SentNotice {
  seq: number;
  topic: string;
  to: string;
}

export interface Harness {
  platform: LocalPlatform;
  clock: ManualClock;
  /** Problems the platform reported without failing a request (unreachable recipients, deferred refreshes). */
  warnings: string[];
  /** Lets the workflow react to everything that happened so far. */
  settle(): Promise<void>;
  /** Moves the clock to a Kaifeng local time, firing every wait that falls due on the way, in order. */
  advanceTo(local: string): Promise<void>;
  intake(overrides?: Partial<CaseIntake>, actor?: Actor): Promise<string>;
  act(caseId: string, command: CaseCommand, actor: Actor): Promise<void>;
  stage(caseId: string): Promise<string>;
  state(caseId: string): Promise<CaseState>;
  events(caseId: string): Promise<CaseEvent[]>;
  /** The case's events of one type, in order. */
  eventsOf<T extends CaseEventType>(caseId: string, type: T): Promise<CaseEventOf<T>[]>;
  /** Every notice the outbox holds for the case, in order. */
  sent(caseId: string): SentNotice[];
  /** The outbox entries for the case, to read texts and contacts. */
  outbox(caseId: string): OutboxEntry[];
  stop(): Promise<void>;
}

/** The tiny city; duplicate detection is off unless a test is about it, since most tests report one spot many times. */
export function harnessCity(duplicates = false) {
  const city = tinyCity();
  city.duplicateDetection.enabled = duplicates;
  return city;
}

export async function startHarness(
  options: { start?: string; maxLoops?: number; maxExecutionDays?: number; dataDir?: string; duplicates?: boolean } = {},
): Promise<Harness> {
  const clock = new ManualClock(kaifeng(options.start ?? '2026-12-01T09:00:00'));
  const warnings: string[] = [];
  const platform = await startLocalPlatform({
    city: harnessCity(options.duplicates),
    clock,
    warn: (message) => warnings.push(message),
    ...(options.maxLoops ? { maxLoops: options.maxLoops } : {}),
    ...(options.maxExecutionDays ? { maxExecutionDays: options.maxExecutionDays } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const settle = () => platform.workflow.idle();
  // Resumed executions must reach their waits before a test moves the clock, or they would plan from the
  // instant the clock was moved to instead of the instant the platform started.
  await settle();
  const events = (caseId: string) => platform.store.loadEvents(caseId);
  return {
    platform,
    clock,
    warnings,
    settle,
    advanceTo: async (to) => clock.advanceTo(kaifeng(to), settle),
    intake: async (overrides = {}, actor = { kind: 'citizen', id: 'citizen-1' }) => {
      const { caseId } = await platform.service.intake({ ...LITTER_BIN, ...overrides }, actor);
      await settle();
      return caseId;
    },
    act: async (caseId, command, actor) => {
      await platform.service.act(caseId, command, actor);
      await settle();
    },
    stage: async (caseId) => (await platform.service.load(caseId)).state.stage,
    state: async (caseId) => (await platform.service.load(caseId)).state,
    events,
    eventsOf: async <T extends CaseEventType>(caseId: string, type: T) =>
      (await events(caseId)).filter((event): event is CaseEventOf<T> => event.type === type),
    sent: (caseId) =>
      platform.outbox.list({ caseId }).map(({ notice }) => ({ seq: notice.eventSeq, topic: notice.topic, to: `${notice.recipient.kind}:${notice.recipient.id}` })),
    outbox: (caseId) => platform.outbox.list({ caseId }),
    stop: () => platform.stop(),
  };
}

/** The notices sent about one event, sorted, as `topic → kind:id`, for exact comparison. */
export const noticesOf = (sent: readonly SentNotice[], seq: number): string[] =>
  sent
    .filter((notice) => notice.seq === seq)
    .map((notice) => `${notice.topic} → ${notice.to}`)
    .sort();

/** The one event of a type the history must hold. */
export function only<T extends CaseEventType>(events: readonly CaseEvent[], type: T): CaseEventOf<T> {
  const found = events.filter((event): event is CaseEventOf<T> => event.type === type);
  if (found.length !== 1) throw new Error(`expected exactly one '${type}' event, found ${found.length}`);
  return found[0] as CaseEventOf<T>;
}

/** The last event of a type. */
export function last<T extends CaseEventType>(events: readonly CaseEvent[], type: T): CaseEventOf<T> {
  const found = events.filter((event): event is CaseEventOf<T> => event.type === type);
  const event = found.at(-1);
  if (!event) throw new Error(`expected a '${type}' event, found none`);
  return event;
}
