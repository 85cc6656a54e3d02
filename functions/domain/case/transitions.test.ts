/**
 * Every cell of the transition table: each command in each stage, by each kind of actor. A stage outside a
 * command's `from` must refuse it with IllegalTransition, an actor kind outside `actors` with NotPermitted,
 * and in every listed stage some real case must accept it and land in one of the listed stages.
 */
import { describe, expect, it } from 'vitest';
import { ROLES } from '../city/schema.js';
import { stepDueAt } from '../deadlines/case-clock.js';
import type { CaseCommand, CommandType } from './commands.js';
import { IllegalTransition, NotPermitted } from './errors.js';
import { STAGES, type Actor, type ActorKind, type Stage } from './events.js';
import { decide } from './lifecycle.js';
import { applyEvent } from './case-state.js';
import { stampEvents } from './new-event.js';
import { CaseRun, HOUR, LEAD, OTHER, actors, at, ctx, routeTo } from './test-support.js';
import { COMMAND_TYPES, TRANSITIONS } from './transitions.js';

const START = at('2026-09-14T09:00:00'); // a Monday in an ordinary working week
const iso = (ms: number) => new Date(ms).toISOString();

function fixtures(): { name: string; run: CaseRun }[] {
  const received = new CaseRun(START);
  const awaiting = received.fork();
  awaiting.do({ type: 'route', decision: { kind: 'needsDecision', reason: 'two owners for the location' } }, actors.router);
  const dispatched = received.fork();
  dispatched.do(routeTo(), actors.router);
  const returned = dispatched.fork();
  returned.do({ type: 'return', reason: 'Not ours', legalBasis: 'City appearance regulation art. 12' }, actors.lead);
  const handling = dispatched.fork();
  handling.do({ type: 'accept' }, actors.lead);
  const extension = handling.fork();
  extension.do({ type: 'requestExtension', reason: 'Truck broken', requestedDueAt: iso(Date.parse(handling.state.handleDueAt!) + 48 * HOUR) }, actors.lead);
  const suspensionAsked = handling.fork();
  suspensionAsked.do({ type: 'requestSuspension', reason: 'Road works block access' }, actors.lead);
  const suspended = handling.fork();
  suspended.do({ type: 'suspend', reason: 'Road works block access' }, actors.dispatcher);
  const reported = handling.fork();
  reported.do({ type: 'reportResult', text: 'Cleared', photoUrls: ['https://photos.example.cn/1.jpg'] }, actors.lead);
  const callback = reported.fork();
  callback.do({ type: 'verify', passed: true }, actors.gridWorker);
  const answered = callback.fork();
  answered.do({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher);
  const closed = answered.fork();
  closed.do({ type: 'close', answer: 'The rubbish was cleared on Monday.' }, actors.dispatcher);
  const merged = handling.fork();
  merged.do({ type: 'mergeAsDuplicate', masterCaseId: 'case-0' }, actors.dispatcher);
  return Object.entries({ received, awaiting, dispatched, returned, handling, extension, suspensionAsked, suspended, reported, callback, answered, closed, merged }).map(
    ([name, run]) => ({ name, run }),
  );
}

const ACTOR_BY_KIND: Record<ActorKind, Actor> = {
  system: actors.system,
  dispatcher: actors.dispatcher,
  unitStaff: actors.lead,
  unitHead: actors.leadHead,
  gridWorker: actors.gridWorker,
  supervisor: actors.supervisor,
  citizen: actors.citizen,
  admin: actors.admin,
};

/** A valid command of the type for the case as it is, with the moment it is issued. */
function sample(type: CommandType, run: CaseRun): { command: CaseCommand; now: number; prepare?: CaseCommand } {
  const state = run.state;
  const soon = run.now + 60_000;
  const handleDue = state.handleDueAt ? Date.parse(state.handleDueAt) : soon;
  switch (type) {
    case 'route':
      return { command: routeTo(), now: soon };
    case 'dispatch':
      return { command: { type, leadId: LEAD }, now: soon };
    case 'accept':
    case 'approveExtension':
    case 'unmerge':
      return { command: { type }, now: soon };
    case 'resume':
      return { command: { type }, now: soon };
    case 'return':
      return { command: { type, reason: 'Not ours', legalBasis: 'Regulation art. 3' }, now: soon };
    case 'arbitrate':
      return { command: { type, uphold: true }, now: soon };
    case 'designate':
      return { command: { type, leadId: OTHER }, now: soon };
    case 'requestExtension':
      return { command: { type, reason: 'Parts on order', requestedDueAt: iso(handleDue + 72 * HOUR) }, now: soon };
    case 'refuseExtension':
    case 'refuseSuspension':
    case 'requestSuspension':
    case 'suspend':
      return { command: { type, reason: 'Because' }, now: soon };
    case 'noteProgress':
      return { command: { type, text: 'Truck on its way' }, now: soon };
    case 'reportResult':
      return { command: { type, text: 'Done' }, now: soon };
    case 'verify':
      return { command: { type, passed: true }, now: soon };
    case 'recordCallback':
      return { command: { type, answer: 'basicallySatisfied' }, now: soon };
    case 'close':
      return { command: { type, answer: 'Answered' }, now: soon };
    case 'mergeAsDuplicate':
      return { command: { type, masterCaseId: 'case-0' }, now: soon };
    case 'attachDuplicate':
      return { command: { type, duplicateCaseId: 'case-9' }, now: soon };
    case 'detachDuplicate':
      return { command: { type, duplicateCaseId: 'case-9' }, now: soon, prepare: { type: 'attachDuplicate', duplicateCaseId: 'case-9' } };
    case 'leaderInstruct':
      return { command: { type, officeId: 'kaifeng-leader-office', text: '请尽快处理' }, now: soon };
    case 'escalate':
      // At the deadline itself the urge (step 1, zero delay after expiry) is due.
      return { command: { type, step: 1 }, now: handleDue };
    case 'noteDeadlineMissed': {
      if (state.stage === 'dispatched') return { command: { type, deadline: 'accept' }, now: Date.parse(state.acceptDueAt!) };
      const step = state.step?.step;
      const deadline = step === 'callback' || step === undefined ? 'verification' : step;
      return { command: { type, deadline }, now: stepDueAt(state, ctx) ?? soon };
    }
  }
}

const allowedActor = (type: CommandType): Actor => ACTOR_BY_KIND[TRANSITIONS[type].actors[0]!];

const ALL_FIXTURES = fixtures();
const ACTOR_KINDS: ActorKind[] = [...ROLES, 'system'];

describe('the transition table', () => {
  it('has a fixture for every stage, so every cell below is exercised', () => {
    expect(new Set(ALL_FIXTURES.map((f) => f.run.state.stage))).toEqual(new Set(STAGES));
  });

  describe.each(COMMAND_TYPES)('%s', (type) => {
    const rule = TRANSITIONS[type];

    it.each(ALL_FIXTURES.filter((f) => !rule.from.includes(f.run.state.stage)).map((f) => [f.name, f] as const))(
      'is refused in the %s fixture with IllegalTransition',
      (_name, fixture) => {
        const { command, now } = sample(type, fixture.run);
        const error = fixture.run.refuse(command, allowedActor(type), now);
        expect(error).toBeInstanceOf(IllegalTransition);
        expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', stage: fixture.run.state.stage, command: type });
      },
    );

    it.each(ACTOR_KINDS.filter((kind) => !rule.actors.includes(kind)))('is refused to a %s with NotPermitted', (kind) => {
      for (const fixture of ALL_FIXTURES) {
        const { command, now } = sample(type, fixture.run);
        const error = fixture.run.refuse(command, ACTOR_BY_KIND[kind], now);
        expect(error).toBeInstanceOf(NotPermitted);
        expect(error).toMatchObject({ code: 'NOT_PERMITTED', actorKind: kind });
      }
    });

    it.each(rule.from.map((stage) => [stage] as const))('is accepted in stage %s and lands where the table says', (stage: Stage) => {
      const candidates = ALL_FIXTURES.filter((f) => f.run.state.stage === stage);
      const outcomes = candidates.map((fixture) => {
        const run = fixture.run.fork();
        const { command, now, prepare } = sample(type, run);
        if (prepare) run.do(prepare, allowedActor(prepare.type));
        try {
          const events = decide(run.state, command, allowedActor(type), now, ctx);
          let state = run.state;
          for (const event of stampEvents(state.id, state.version, events)) state = applyEvent(state, event);
          return { landed: state.stage, before: run.state.stage, events: events.length };
        } catch (error) {
          return { refused: error };
        }
      });
      const accepted = outcomes.filter((o) => 'landed' in o);
      expect(accepted, `every ${stage} fixture refused ${type}: ${outcomes.map((o) => ('refused' in o ? String(o.refused) : '')).join('; ')}`).not.toHaveLength(0);
      for (const outcome of accepted) {
        expect(outcome.events).toBeGreaterThan(0);
        const allowed = rule.to.map((target) => (target === 'unchanged' ? outcome.before : target));
        if (rule.to.includes('stageBeforeMerge')) expect(STAGES).toContain(outcome.landed);
        else expect(allowed).toContain(outcome.landed);
      }
    });
  });

  it('refuses unit commands from a unit that does not lead the case, naming the unit', () => {
    const run = new CaseRun(START);
    run.do(routeTo(), actors.router);
    for (const type of ['accept', 'return'] as const) {
      const { command } = sample(type, run);
      const error = run.refuse(command, actors.other);
      expect(error).toBeInstanceOf(NotPermitted);
      expect((error as Error).message).toContain(`'${OTHER}' is not the lead unit`);
    }
    run.do({ type: 'accept' }, actors.lead);
    for (const type of ['requestExtension', 'requestSuspension', 'reportResult', 'return'] as const) {
      expect(run.refuse(sample(type, run).command, actors.co)).toBeInstanceOf(NotPermitted);
      expect(run.refuse(sample(type, run).command, actors.other)).toBeInstanceOf(NotPermitted);
    }
    expect(run.refuse({ type: 'noteProgress', text: 'x' }, actors.other)).toBeInstanceOf(NotPermitted);
    expect(run.do({ type: 'noteProgress', text: 'Co-handler checked the bins' }, actors.co)[0]?.data).toEqual({ unitId: 'daxing', text: 'Co-handler checked the bins' });
    expect(run.refuse({ type: 'noteProgress', text: 'x' }, { kind: 'unitStaff', id: 'x' })).toMatchObject({ code: 'NOT_PERMITTED', detail: 'the actor acts for no unit' });
  });
});
