/**
 * Shared by the lifecycle and deadline tests: a city slice shaped like Kaifeng's (its real working
 * calendar, a five-rung ladder), actors, and a driver that runs commands through `decide` and the fold
 * exactly as the store will.
 */
import { Category, type LadderStep } from '../city/schema.js';
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import type { CaseRulesConfig, CaseRulesContext } from '../deadlines/limits.js';
import { applyEvent, type CaseState } from './case-state.js';
import type { CaseCommand } from './commands.js';
import type { Actor, CaseEvent } from './events.js';
import { openCase, type CaseIntake } from './intake.js';
import { decide } from './lifecycle.js';
import { stampEvents } from './new-event.js';

export const calendar = createWorkingCalendar({
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '18:00' },
  ],
  holidaySource: 'chinese-days',
  overrides: [],
  countingRule: 'fromNextWorkingDay',
});

/** A local time in Kaifeng, as epoch ms. */
export const at = (local: string): number => Date.parse(`${local}+08:00`);
/** An epoch-ms instant as Kaifeng local time, for readable assertions. */
export const local = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
export const HOUR = 3_600_000;

export const ROUTINE_LADDER: LadderStep[] = [
  { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.8 }, notify: ['unit'], supervisingLayer: 'community' },
  { rung: 'urge', trigger: { at: 'afterExpiry', delay: { amount: 0, unit: 'workingHours' } }, notify: ['unit', 'unitHead'], supervisingLayer: 'subdistrict', card: 'yellow' },
  { rung: 'supervise', trigger: { at: 'afterExpiry', delay: { amount: 1, unit: 'workingDays' } }, notify: ['unitHead', 'supervisingUnit'], supervisingLayer: 'district' },
  { rung: 'listed', trigger: { at: 'afterExpiry', delay: { amount: 5, unit: 'workingDays' } }, notify: ['unitHead', 'supervisionOffice'], supervisingLayer: 'district', card: 'red' },
  { rung: 'interview', trigger: { at: 'afterExpiry', delay: { amount: 10, unit: 'workingDays' } }, notify: ['unitHead', 'leaderOffice'], supervisingLayer: 'city' },
];

export const EMERGENCY_LADDER: LadderStep[] = [
  { rung: 'reminder', trigger: { at: 'beforeExpiry', shareOfLimit: 0.5 }, notify: ['unit', 'commandCentre'], supervisingLayer: 'subdistrict' },
  { rung: 'urge', trigger: { at: 'afterExpiry', delay: { amount: 0, unit: 'naturalMinutes' } }, notify: ['unit', 'unitHead'], supervisingLayer: 'district', card: 'yellow' },
  { rung: 'supervise', trigger: { at: 'afterExpiry', delay: { amount: 30, unit: 'naturalMinutes' } }, notify: ['unitHead', 'leaderOffice'], supervisingLayer: 'city', card: 'red' },
];

export const city: CaseRulesConfig = {
  categories: [
    Category.parse({
      code: 'S0102',
      kind: 'event',
      name: { zh: '暴露垃圾', en: 'Exposed rubbish' },
      group: { zh: '市容环境', en: 'City appearance' },
      limits: {
        routine: { accept: { amount: 1, unit: 'workingHours' }, handle: { amount: 1, unit: 'workingDays' } },
        emergency: { accept: { amount: 15, unit: 'naturalMinutes' }, handle: { amount: 2, unit: 'naturalHours' } },
      },
    }),
    Category.parse({
      code: 'H001',
      kind: 'hotline',
      name: { zh: '劳动保障', en: 'Labour' },
      group: { zh: '劳动保障', en: 'Labour' },
      limits: { routine: { accept: { amount: 1, unit: 'workingDays' }, handle: { amount: 5, unit: 'workingDays' } } },
      requestTypeLimits: { consultation: { amount: 2, unit: 'workingDays' } },
    }),
  ],
  escalation: { steps: ROUTINE_LADDER, byUrgency: { emergency: EMERGENCY_LADDER } },
  maxReturns: 2,
  centreLimits: {
    dispatchDecision: { amount: 2, unit: 'workingHours' },
    arbitration: { amount: 4, unit: 'workingHours' },
    extensionDecision: { amount: 1, unit: 'workingDays' },
    verification: { amount: 1, unit: 'workingDays' },
    callback: { amount: 2, unit: 'workingDays' },
  },
};

export const ctx: CaseRulesContext = { calendar, city };
export const withCity = (changes: Partial<CaseRulesConfig>): CaseRulesContext => ({ calendar, city: { ...city, ...changes } });

export const LEAD = 'longting-urban-management';
export const OTHER = 'city-water-supply';
export const CO = 'daxing';

export const actors = {
  system: { kind: 'system', id: 'supervision' },
  router: { kind: 'system', id: 'router' },
  dispatcher: { kind: 'dispatcher', id: 'disp-1', unitId: 'kaifeng-command-centre' },
  lead: { kind: 'unitStaff', id: 'staff-1', unitId: LEAD },
  leadHead: { kind: 'unitHead', id: 'head-1', unitId: LEAD },
  other: { kind: 'unitStaff', id: 'staff-2', unitId: OTHER },
  co: { kind: 'unitStaff', id: 'staff-3', unitId: CO },
  gridWorker: { kind: 'gridWorker', id: 'gw-1', unitId: 'tieta-1' },
  supervisor: { kind: 'supervisor', id: 'sup-1' },
  citizen: { kind: 'citizen', id: 'citizen-1' },
  admin: { kind: 'admin', id: 'admin-1' },
} satisfies Record<string, Actor>;

export const RUBBISH: CaseIntake = {
  channel: 'hotline',
  categoryCode: 'S0102',
  description: 'Rubbish piled at the north gate of Tieta park',
  gridId: 'tieta-1',
  territory: [
    { unitId: 'tieta-1', level: 'grid' },
    { unitId: 'tieta', level: 'community' },
    { unitId: 'daxing', level: 'subdistrict' },
    { unitId: 'longting', level: 'district' },
    { unitId: 'kaifeng', level: 'city' },
  ],
};

export interface Step {
  command: CaseCommand;
  actor: Actor;
  /** Epoch ms; defaults to one minute after the previous event. */
  now?: number;
}

/** A case's history and state, advanced one command at a time through `decide`, as the store does it. */
export class CaseRun {
  events: CaseEvent[] = [];
  state: CaseState;
  now: number;

  constructor(startAt: number, intake: CaseIntake = RUBBISH, readonly rules: CaseRulesContext = ctx, caseId = 'case-1') {
    this.now = startAt;
    const opener = intake.channel === 'grid' ? actors.gridWorker : actors.citizen;
    this.events = stampEvents(caseId, 0, [openCase(intake, opener, startAt, rules.city)]);
    this.state = applyEvent(undefined, this.events[0]!);
  }

  /** Runs a command; `now` defaults to a minute after the last one. Returns the new events. */
  do(command: CaseCommand, actor: Actor, now = this.now + 60_000): CaseEvent[] {
    const stamped = stampEvents(this.state.id, this.state.version, decide(this.state, command, actor, now, this.rules));
    for (const event of stamped) this.state = applyEvent(this.state, event);
    this.events.push(...stamped);
    this.now = now;
    return stamped;
  }

  /** The command's refusal (the test fails if it is accepted), without changing the run. */
  refuse(command: CaseCommand, actor: Actor, now = this.now + 60_000): unknown {
    try {
      decide(this.state, command, actor, now, this.rules);
    } catch (error) {
      return error;
    }
    throw new Error(`expected ${command.type} by ${actor.kind} in ${this.state.stage} to be refused`);
  }

  /** A copy to branch from. */
  fork(): CaseRun {
    const copy = Object.create(CaseRun.prototype) as CaseRun;
    Object.assign(copy, { events: [...this.events], state: this.state, now: this.now, rules: this.rules });
    return copy;
  }
}

export const routeTo = (leadId = LEAD, coHandlerIds: string[] = [CO]): CaseCommand => ({
  type: 'route',
  decision: { kind: 'routed', leadId, coHandlerIds, responsibilityVersion: 1, ownerRule: 'territoryFirst' },
});
