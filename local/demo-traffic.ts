/**
 * Demo traffic for `npm start -- --demo-traffic`: a seeded stream of cases and the people who work them, so
 * the board, the inboxes and the league table have something to show. Everything runs on the platform's
 * clock and goes through `platform.service` (the path the API uses), so the workflow, deadlines, escalation
 * and appraisal react exactly as they would to real people. Nothing here reaches into the store but to read.
 *
 * Each case gets a seeded "personality" when it opens (does its unit accept promptly, late or only once
 * urged; does it return the case; does it report late) and is then driven one step at a time: read the
 * case, pick the next action for its stage, schedule it on the clock, act, read again. A refused action
 * (the workflow moved the case meanwhile, or a rule says no) is only logged: the next step is planned from
 * what the case now is, so the generator never fights the platform.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { needsCallback, type CaseState } from '../functions/domain/case/case-state.js';
import type { CaseCommand } from '../functions/domain/case/commands.js';
import { isOpenStage, type Actor, type Channel } from '../functions/domain/case/events.js';
import type { CaseIntake } from '../functions/domain/case/intake.js';
import type { OrgUnit } from '../functions/domain/city/schema.js';
import type { GeoPoint } from '../functions/domain/geo/types.js';
import { route } from '../functions/domain/routing/route.js';
import type { Timer } from './clock.js';
import type { LocalPlatform } from './platform.js';

export interface DemoTrafficOptions {
  /** Seed of the PRNG: the same seed on the same clock gives the same stream. */
  seed?: number;
  /** New cases per clock hour during working time (default 20). */
  ratePerHour?: number;
  /** New cases per clock hour outside working time (default a tenth of `ratePerHour`). */
  nightRatePerHour?: number;
  /** How often things go less than smoothly (shares of cases, 0–1); the defaults are a plausible city. */
  odds?: Partial<DemoTrafficOdds>;
  /** Where refused actions and other routine noise go; default: nowhere. */
  debug?: (message: string) => void;
}

export interface DemoTrafficOdds {
  /** The lead unit returns the case (退单) once, with reason and legal basis. */
  returns: number;
  /** The unit accepts after the accept limit. */
  lateAccept: number;
  /** The unit accepts only once the escalation ladder has moved. */
  acceptWhenUrged: number;
  /** The unit reports after the handling limit. */
  lateReport: number;
  /** While handling, the unit asks for more time (延期) once. */
  extensionRequests: number;
  /** While handling, the unit asks for the case to be put on hold (挂起/缓办) once. */
  suspensionRequests: number;
  /** Of those requests, the share the centre refuses. */
  requestsRefused: number;
  /** The on-site check fails and orders rework. */
  verificationFails: number;
  /** Callback answers other than satisfied (the rest are satisfied or basically satisfied). */
  unsatisfiedJustified: number;
  unsatisfiedUnjustified: number;
  noAnswer: number;
}

export const DEFAULT_ODDS: DemoTrafficOdds = {
  returns: 0.1,
  lateAccept: 0.15,
  acceptWhenUrged: 0.1,
  lateReport: 0.15,
  extensionRequests: 0.08,
  suspensionRequests: 0.04,
  requestsRefused: 0.25,
  verificationFails: 0.1,
  unsatisfiedJustified: 0.07,
  unsatisfiedUnjustified: 0.04,
  noAnswer: 0.12,
};

export interface DemoTrafficStats {
  opened: number;
  closed: number;
  returned: number;
  reworked: number;
  /** Acceptances and reports made after their deadline. */
  late: number;
  /** Extensions the centre granted. */
  extended: number;
  /** Suspensions the centre granted. */
  suspended: number;
}

export interface DemoTraffic {
  stop(): void;
  stats(): DemoTrafficStats;
  /** Resolves once no action of the generator is in flight (tests settle on it before moving the clock). */
  idle(): Promise<void>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// How cases come in: the hotline carries most, grid workers find a good share, apps and Open311 the rest.
const CHANNEL_WEIGHTS: readonly [Channel, number][] = [
  ['hotline', 40],
  ['grid', 25],
  ['app', 15],
  ['wechat', 12],
  ['open311', 8],
];

// What cities hear about most (rubbish, parking, street trading, noise, lights, bins); other categories
// weigh 1, so every one turns up now and then. Codes a city does not have are simply never drawn.
const COMMON_CATEGORIES: Readonly<Record<string, number>> = {
  S0102: 14, // exposed rubbish
  S0504: 12, // illegally parked vehicle
  S0501: 8, // trading on the roadway
  S0502: 8,
  S0104: 7, // dirty road
  S0601: 7, // noise
  S0110: 5,
  S0201: 5,
  S0305: 5, // damaged road surface
  B0112: 6, // street light
  B0302: 6, // litter bin
  B0301: 6, // (the tiny test city's litter bin)
  B0110: 4,
  H001: 8, // urban management (hotline)
  H002: 5, // wage arrears
  H017: 6, // property management
  H003: 5,
};

const DESCRIPTIONS = [
  'Reported by a passer-by; photo attached in the app.',
  'Seen this morning, still there in the afternoon.',
  'Neighbours have complained several times.',
  'Near the bus stop, people have to walk round it.',
  'Outside the school gate.',
  'Third report this week from the same street.',
];

const RETURN_REASONS: readonly { reason: string; legalBasis: string }[] = [
  { reason: 'The spot is outside our area of responsibility', legalBasis: '市级部门权责清单 第3条 (list of powers and duties, art. 3)' },
  { reason: 'This facility is owned and maintained by another company', legalBasis: '城市道路管理条例 第二十二条' },
  { reason: 'The matter belongs to the district, not the city bureau', legalBasis: '属地管理职责清单 第12条' },
];

const EXTENSION_REASONS = ['Parts must be ordered from the supplier', 'The repair needs the road closed at night, which takes a permit', 'The work is larger than the report said'];
const SUSPENSION_REASONS = ['Waiting for the owner to be found and give access', 'Heavy rain forecast: the work cannot be done safely', 'A court ruling on the site is pending'];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰'];

/** How a case's lead unit and the centre will behave, drawn once when the case opens. */
interface Persona {
  accept: 'prompt' | 'late' | 'whenUrged';
  returns: boolean;
  reportLate: boolean;
  /** What the unit asks of the centre while handling, once. */
  asks: 'nothing' | 'extension' | 'suspension';
}

interface Tracked {
  persona: Persona;
  timer?: Timer;
  /** Refusals in a row; a case that keeps refusing is left to the workflow rather than hammered. */
  refusals: number;
  /** The callback roll for the current visit of the callback stage (a rework sends it round again). */
  callbackRoll?: { answer: 'satisfied' | 'basicallySatisfied' | 'unsatisfied' | 'noAnswer'; justified?: boolean };
  callbackVisit?: number;
  /** Rolled once per result, so a re-plan does not re-roll the check. */
  verifyRoll?: { version: number; passed: boolean };
  /** The unit has made its one request; the centre's answer is rolled once per request. */
  asked?: boolean;
  answerRoll?: { version: number; granted: boolean };
}

export function startDemoTraffic(platform: LocalPlatform, options: DemoTrafficOptions = {}): DemoTraffic {
  const { clock, service, city: context } = platform;
  const { city } = context;
  const rate = options.ratePerHour ?? 20;
  const nightRate = options.nightRatePerHour ?? rate / 10;
  const debug = options.debug ?? (() => undefined);
  const odds: DemoTrafficOdds = { ...DEFAULT_ODDS, ...options.odds };
  // One generator for everything, drawn from in clock order, so a seed replays the same day.
  const rng = xoroshiro128plus(options.seed ?? 12345);
  const random = (): number => uniformFloat64(rng);
  const between = (low: number, high: number): number => low + (high - low) * random();
  const pick = <T>(items: readonly T[]): T => items[Math.min(items.length - 1, Math.floor(random() * items.length))] as T;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = random() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return (items[items.length - 1] as readonly [T, number])[0];
  };

  const stats: DemoTrafficStats = { opened: 0, closed: 0, returned: 0, reworked: 0, late: 0, extended: 0, suspended: 0 };
  const cases = new Map<string, Tracked>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let arrivalTimer: Timer | undefined;

  // Grids by district, so cases spread over the whole city rather than over the districts with most grids.
  const unitsById = new Map(city.units.map((unit) => [unit.id, unit]));
  const districtOf = (unit: OrgUnit): string => {
    let current: OrgUnit | undefined = unit;
    for (let guard = 0; current && guard < 10; guard++) {
      if (current.level === 'district') return current.id;
      current = current.parentId ? unitsById.get(current.parentId) : undefined;
    }
    return 'none';
  };
  const gridsByDistrict = new Map<string, string[]>();
  for (const unit of city.units) {
    if (unit.level !== 'grid' || !context.grids.bboxOfGrid(unit.id)) continue;
    const district = districtOf(unit);
    gridsByDistrict.set(district, [...(gridsByDistrict.get(district) ?? []), unit.id]);
  }
  const districts = [...gridsByDistrict.values()];

  const categoryWeights = city.categories.map((category) => {
    // Emergencies are rare; weighting them down keeps the board realistic.
    const base = COMMON_CATEGORIES[category.code] ?? 1;
    return [category, category.defaultUrgency === 'emergency' ? base * 0.3 : base] as const;
  });
  const gridCategories = categoryWeights.filter(([category]) => category.kind !== 'hotline');
  const dispatcherId = city.users.find((user) => user.role === 'dispatcher')?.id ?? 'demo-dispatcher';
  const DISPATCHER: Actor = { kind: 'dispatcher', id: dispatcherId };
  const unitActor = (unitId: string): Actor => ({ kind: 'unitStaff', id: `demo-staff-${unitId}`, unitId });

  /** Tracks a promise so `idle()` can wait for it; a rejection never escapes (the generator must not crash). */
  const track = (work: () => Promise<void>): void => {
    const promise = work().catch((error: unknown) => debug(`demo traffic: ${error instanceof Error ? error.message : String(error)}`));
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
  };

  const at = (when: number, fire: () => void): Timer => clock.schedule(when, () => !stopped && fire());

  // ---- arrivals -------------------------------------------------------------------------------------

  function scheduleArrival(): void {
    const now = clock.now();
    const perHour = context.calendar.isWorkingMoment(now) ? rate : nightRate;
    // A Poisson stream whose rate changes with the time of day: draw the gap at the current rate, but look
    // again after at most a quarter of an hour (the draw is memoryless, so this stays exact per piece).
    const gap = perHour > 0 ? (-Math.log(1 - random()) / perHour) * HOUR : Infinity;
    const checkAgain = 15 * MINUTE;
    if (gap > checkAgain) {
      arrivalTimer = at(now + checkAgain, scheduleArrival);
      return;
    }
    arrivalTimer = at(now + Math.max(1_000, gap), () => {
      track(openOne);
      scheduleArrival();
    });
  }

  function randomPoint(): { point: GeoPoint; gridId: string } | undefined {
    if (districts.length === 0) return undefined;
    const gridId = pick(pick(districts));
    const box = context.grids.bboxOfGrid(gridId);
    if (!box) return undefined;
    const [minX, minY, maxX, maxY] = box;
    // A grid need not be a rectangle: draw in its box until the point falls inside it.
    for (let attempt = 0; attempt < 20; attempt++) {
      const point = { lon: Number(between(minX, maxX).toFixed(6)), lat: Number(between(minY, maxY).toFixed(6)) };
      if (context.grids.locate(point) === gridId) return { point, gridId };
    }
    return undefined;
  }

  const phone = (): string => `+861${pick(['3', '5', '7', '8', '9'])}${Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('')}`;

  async function openOne(): Promise<void> {
    const channel = weighted(CHANNEL_WEIGHTS);
    const choices = channel === 'grid' && gridCategories.length > 0 ? gridCategories : categoryWeights;
    const category = weighted(choices);
    const place = randomPoint();
    const name = `${pick(SURNAMES)}${pick(GIVEN)}`;
    const actor: Actor =
      channel === 'hotline'
        ? DISPATCHER // the 12345 operator takes the call down
        : channel === 'grid'
          ? { kind: 'gridWorker', id: `demo-grid-worker-${place?.gridId ?? 'unknown'}`, ...(place ? { unitId: place.gridId } : {}) }
          : channel === 'open311'
            ? { kind: 'system', id: 'open311' }
            : { kind: 'citizen', id: `demo-citizen-${Math.floor(random() * 1e6)}` };
    const intake: CaseIntake = {
      channel,
      categoryCode: category.code,
      description: `${category.name.en}: ${pick(DESCRIPTIONS)}`,
      ...(place ? { location: place.point } : {}),
      // Grid workers' finds have nobody to answer; everyone else left a number.
      ...(channel === 'grid' ? {} : { reporter: { name, phone: phone() } }),
    };
    const persona: Persona = {
      accept: weighted([
        ['prompt', Math.max(0, 1 - odds.lateAccept - odds.acceptWhenUrged)],
        ['late', odds.lateAccept],
        ['whenUrged', odds.acceptWhenUrged],
      ] as const),
      returns: random() < odds.returns,
      reportLate: random() < odds.lateReport,
      asks: weighted([
        ['nothing', Math.max(0, 1 - odds.extensionRequests - odds.suspensionRequests)],
        ['extension', odds.extensionRequests],
        ['suspension', odds.suspensionRequests],
      ] as const),
    };
    const { caseId } = await service.intake(intake, actor);
    stats.opened++;
    cases.set(caseId, { persona, refusals: 0 });
    debug(`demo traffic: opened ${caseId} (${channel}, ${category.code})`);
    // Routing runs in the workflow; look a little later.
    plan(caseId, clock.now() + 2 * MINUTE);
  }

  // ---- per case -------------------------------------------------------------------------------------

  /** Reads the case at `when` and schedules what its people do next. */
  function plan(caseId: string, when: number): void {
    const tracked = cases.get(caseId);
    if (!tracked || stopped) return;
    tracked.timer?.cancel();
    tracked.timer = at(when, () => track(() => step(caseId)));
  }

  /** A point `share` of the way from now to `dueAt` (ISO), at least a minute ahead. */
  const within = (now: number, dueAt: string | undefined, low: number, high: number, fallback: number): number => {
    const due = dueAt ? Date.parse(dueAt) : now + fallback;
    return now + Math.max(MINUTE, (due - now) * between(low, high));
  };
  /** Some time after `dueAt`, scaled by the length of the window it closed. */
  const after = (now: number, from: string | undefined, dueAt: string | undefined): number => {
    const due = dueAt ? Date.parse(dueAt) : now;
    const span = Math.max(HOUR, due - (from ? Date.parse(from) : now));
    return Math.max(now + MINUTE, due + span * between(0.05, 0.5));
  };

  async function step(caseId: string): Promise<void> {
    const tracked = cases.get(caseId);
    if (!tracked) return;
    const { state } = await service.load(caseId);
    const now = clock.now();
    if (!isOpenStage(state.stage)) {
      cases.delete(caseId);
      planned.delete(caseId);
      return;
    }
    const next = nextAction(state, tracked, now);
    if (next.command && next.at <= now) {
      await act(caseId, state, tracked, next.command, next.actor);
      return;
    }
    // Not yet: come back when the action is due (and act then, on what the case is by then).
    plan(caseId, next.at);
  }

  interface Next {
    at: number;
    command?: CaseCommand;
    actor: Actor;
  }

  function nextAction(state: CaseState, tracked: Tracked, now: number): Next {
    const { persona } = tracked;
    const lead = unitActor(state.leadId ?? '');
    const recheck = (ms: number): Next => ({ at: now + ms, actor: DISPATCHER });
    const due = (when: number, command: CaseCommand, actor: Actor): Next => ({ at: when, command, actor });

    switch (state.stage) {
      case 'received':
        return recheck(5 * MINUTE); // routing is the workflow's
      case 'awaitingDispatch': {
        const routed = route({ categoryCode: state.categoryCode, receivedAt: Date.parse(state.receivedAt), urgency: state.urgency, ...(state.gridId ? { gridId: state.gridId } : {}) }, context.routing);
        const leadId = routed.kind === 'routed' ? routed.leadId : routed.candidates[0];
        const when = plannedAt(state, () => within(now, state.step?.dueAt, 0.2, 0.9, HOUR));
        return leadId
          ? due(when, { type: 'dispatch', leadId }, DISPATCHER)
          : due(when, { type: 'close', answer: 'This is not a matter for the city; we have told you whom to contact.' }, DISPATCHER);
      }
      case 'dispatched': {
        if (persona.returns && state.counters.returns === 0 && !state.designated) {
          const { reason, legalBasis } = RETURN_REASONS[state.version % RETURN_REASONS.length] as (typeof RETURN_REASONS)[number];
          return due(plannedAt(state, () => within(now, state.acceptDueAt, 0.3, 0.9, HOUR)), { type: 'return', reason, legalBasis }, lead);
        }
        if (persona.accept === 'whenUrged' && !state.escalation.rung) {
          // Sits on it until the ladder moves (or, failing that, well past the deadline).
          return recheck(Math.max(30 * MINUTE, (state.handleDueAt ? Date.parse(state.handleDueAt) : now) - now + 10 * MINUTE));
        }
        const when = plannedAt(state, () =>
          persona.accept === 'late' ? after(now, state.dispatchedAt, state.acceptDueAt) : within(now, state.acceptDueAt, 0.1, 0.8, HOUR),
        );
        return due(when, { type: 'accept' }, lead);
      }
      case 'returned': {
        // The centre mostly upholds; sometimes it names a co-handler from the routing as the new lead.
        const other = state.coHandlerIds.find((id) => id !== state.leadId);
        const command: CaseCommand = other && random() < 0.3 ? { type: 'arbitrate', leadId: other } : { type: 'arbitrate', uphold: true };
        return due(plannedAt(state, () => within(now, state.step?.dueAt, 0.1, 0.7, 4 * HOUR)), command, DISPATCHER);
      }
      case 'handling': {
        // Part-way through the limit the unit finds it needs more time, or cannot go on for now; a request
        // must come before the deadline, so a unit that let it pass just reports.
        if (persona.asks !== 'nothing' && !tracked.asked && state.handleDueAt && now < Date.parse(state.handleDueAt) - HOUR) {
          const when = plannedAt(state, () => within(now, state.handleDueAt, 0.2, 0.5, 8 * HOUR));
          if (persona.asks === 'extension') {
            const dueAt = Date.parse(state.handleDueAt);
            const requestedDueAt = new Date(dueAt + (dueAt - (state.handleClock ? Date.parse(state.handleClock.from) : now)) * between(0.5, 1)).toISOString();
            return due(when, { type: 'requestExtension', reason: pick(EXTENSION_REASONS), requestedDueAt }, lead);
          }
          return due(when, { type: 'requestSuspension', reason: pick(SUSPENSION_REASONS) }, lead);
        }
        const when = plannedAt(state, () =>
          persona.reportLate && state.counters.reworks === 0
            ? after(now, state.handleClock?.from, state.handleDueAt)
            : within(now, state.handleDueAt, 0.2, 0.9, 8 * HOUR),
        );
        return due(when, { type: 'reportResult', text: 'Dealt with on site; photos attached.' }, lead);
      }
      case 'reported': {
        if (tracked.verifyRoll?.version !== state.version) {
          // A second failure is rare: units fix what the check found.
          tracked.verifyRoll = { version: state.version, passed: random() >= (state.counters.reworks > 0 ? odds.verificationFails / 3 : odds.verificationFails) };
        }
        const passed = tracked.verifyRoll.passed;
        const command: CaseCommand = passed ? { type: 'verify', passed } : { type: 'verify', passed, note: 'On site the problem is still there.' };
        return due(plannedAt(state, () => within(now, state.step?.dueAt, 0.1, 0.8, 4 * HOUR)), command, DISPATCHER);
      }
      case 'callback': {
        const closing = (): Next =>
          due(plannedAt(state, () => now + between(10, 90) * MINUTE), { type: 'close', answer: 'Your report has been dealt with. Thank you.' }, DISPATCHER);
        if (!needsCallback(state) || state.lastCallback) return closing();
        if (tracked.callbackVisit !== state.version || !tracked.callbackRoll) {
          tracked.callbackVisit = state.version;
          tracked.callbackRoll =
            state.counters.reworks > 1
              ? { answer: 'basicallySatisfied' }
              : weighted([
                  [{ answer: 'satisfied' }, 0.8 * Math.max(0, 1 - odds.unsatisfiedJustified - odds.unsatisfiedUnjustified - odds.noAnswer)],
                  [{ answer: 'basicallySatisfied' }, 0.2 * Math.max(0, 1 - odds.unsatisfiedJustified - odds.unsatisfiedUnjustified - odds.noAnswer)],
                  [{ answer: 'unsatisfied', justified: true }, odds.unsatisfiedJustified],
                  [{ answer: 'unsatisfied', justified: false }, odds.unsatisfiedUnjustified],
                  [{ answer: 'noAnswer' }, odds.noAnswer],
                ] as const);
        }
        const roll = tracked.callbackRoll;
        // Nobody picks up: the system records it when the callback limit passes; look again after that.
        if (roll.answer === 'noAnswer') return recheck(Math.max(MINUTE, (state.step?.dueAt ? Date.parse(state.step.dueAt) : now) - now + 5 * MINUTE));
        const command: CaseCommand =
          roll.answer === 'unsatisfied'
            ? { type: 'recordCallback', answer: 'unsatisfied', justified: roll.justified ?? false, note: roll.justified ? 'Nothing has changed on site.' : 'Wants more than the rules allow.' }
            : { type: 'recordCallback', answer: roll.answer };
        return due(plannedAt(state, () => within(now, state.step?.dueAt, 0.1, 0.6, 8 * HOUR)), command, DISPATCHER);
      }
      case 'extensionRequested': {
        const request = state.pendingRequest;
        if (!request) return recheck(HOUR);
        if (tracked.answerRoll?.version !== state.version) tracked.answerRoll = { version: state.version, granted: random() >= odds.requestsRefused };
        // A grant must come before the handling deadline: the centre answers by then, or refuses once it passed.
        const deadline = state.handleDueAt ? Date.parse(state.handleDueAt) : undefined;
        const granted = tracked.answerRoll.granted && (deadline === undefined || now < deadline);
        const answerBy = [state.step?.dueAt, state.handleDueAt].filter((iso): iso is string => iso !== undefined).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
        const when = plannedAt(state, () => within(now, answerBy, 0.1, 0.6, 4 * HOUR));
        if (request.kind === 'extension') {
          return granted ? due(when, { type: 'approveExtension' }, DISPATCHER) : due(when, { type: 'refuseExtension', reason: 'The original limit is enough for this work.' }, DISPATCHER);
        }
        // On hold for a day or three; the workflow resumes it then.
        return granted
          ? due(when, { type: 'suspend', reason: request.reason, resumeAt: new Date(when + between(1, 3) * DAY).toISOString() }, DISPATCHER)
          : due(when, { type: 'refuseSuspension', reason: 'Work can go on meanwhile.' }, DISPATCHER);
      }
      case 'suspended': {
        // The workflow resumes it at resumeAt; a suspension with no date is lifted by the centre.
        const resumeAt = state.suspension?.resumeAt ? Date.parse(state.suspension.resumeAt) : undefined;
        if (resumeAt === undefined) return due(plannedAt(state, () => now + between(1, 2) * DAY), { type: 'resume' }, DISPATCHER);
        return now < resumeAt + 30 * MINUTE ? recheck(Math.max(MINUTE, resumeAt + 30 * MINUTE - now)) : due(now, { type: 'resume' }, DISPATCHER);
      }
      default:
        return recheck(HOUR);
    }
  }

  // The instant drawn for an action on a version of the case; kept so a re-read at that instant acts.
  const planned = new Map<string, { version: number; stage: string; at: number }>();
  function plannedAt(state: CaseState, draw: () => number): number {
    const kept = planned.get(state.id);
    if (kept && kept.version === state.version && kept.stage === state.stage) return kept.at;
    const when = draw();
    planned.set(state.id, { version: state.version, stage: state.stage, at: when });
    return when;
  }

  async function act(caseId: string, before: CaseState, tracked: Tracked, command: CaseCommand, actor: Actor): Promise<void> {
    const now = clock.now();
    try {
      const { state, events } = await service.act(caseId, command, actor);
      tracked.refusals = 0;
      if (command.type === 'return') stats.returned++;
      if (command.type === 'requestExtension' || command.type === 'requestSuspension') tracked.asked = true;
      if (command.type === 'approveExtension') stats.extended++;
      if (command.type === 'suspend') stats.suspended++;
      if (state.stage === 'closed') stats.closed++; // only the centre closes, and here the centre is us
      if (events.some((event) => event.type === 'reworkOrdered')) stats.reworked++;
      if (command.type === 'accept' && before.acceptDueAt && now > Date.parse(before.acceptDueAt)) stats.late++;
      if (command.type === 'reportResult' && before.handleDueAt && now > Date.parse(before.handleDueAt)) stats.late++;
      debug(`demo traffic: ${caseId} ${command.type} → ${state.stage}`);
      plan(caseId, now + MINUTE);
    } catch (error) {
      // The workflow moved the case (VersionConflict) or a rule refused: plan again from what the case is.
      tracked.refusals++;
      planned.delete(caseId);
      debug(`demo traffic: ${caseId} ${command.type} refused (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`);
      if (tracked.refusals > 5) {
        cases.delete(caseId); // left to the workflow and the board: that, too, is what a demo should show
        return;
      }
      plan(caseId, now + 5 * MINUTE);
    }
  }

  scheduleArrival();

  return {
    stop() {
      stopped = true;
      arrivalTimer?.cancel();
      for (const tracked of cases.values()) tracked.timer?.cancel();
    },
    stats: () => ({ ...stats }),
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
