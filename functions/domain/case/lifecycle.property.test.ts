/**
 * Random walks through the lifecycle: whatever commands arrive, in whatever order, from whoever, the
 * history stays replayable and the state stays sane.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRank } from '../city/schema.js';
import { nextMilestone } from '../deadlines/next-milestone.js';
import { applyEvent, foldEvents, type CaseState } from './case-state.js';
import type { CaseCommand, CommandType } from './commands.js';
import { isDomainError } from './errors.js';
import type { Actor } from './events.js';
import { tryDecide } from './lifecycle.js';
import { stampEvents } from './new-event.js';
import { CaseRun, HOUR, LEAD, OTHER, actors, at, ctx } from './test-support.js';
import { COMMAND_TYPES, TRANSITIONS } from './transitions.js';

const iso = (ms: number) => new Date(ms).toISOString();

interface Intent {
  type: CommandType;
  /** Mostly a command that applies in the current stage (picked by `typeIndex`), so walks get deep; sometimes anything. */
  wild: boolean;
  typeIndex: number;
  actor: keyof typeof actors;
  minutes: number;
  flag: boolean;
  pick: number;
}

/** Turns a random intent into a command that is plausible for the case (valid often, invalid sometimes). */
function materialize(intent: Intent, state: CaseState, now: number): { command: CaseCommand; now: number } {
  const lead = intent.pick % 3 === 0 ? OTHER : LEAD;
  const handleDue = state.handleDueAt ? Date.parse(state.handleDueAt) : now;
  switch (intent.type) {
    case 'route':
      return intent.flag
        ? { command: { type: 'route', decision: { kind: 'routed', leadId: lead, coHandlerIds: [], responsibilityVersion: 1, ownerRule: 'ownerFirst' } }, now }
        : { command: { type: 'route', decision: { kind: 'needsDecision', reason: 'unclear' } }, now };
    case 'dispatch':
      return { command: { type: 'dispatch', leadId: lead }, now };
    case 'arbitrate':
      return { command: intent.flag ? { type: 'arbitrate', uphold: true } : { type: 'arbitrate', leadId: lead }, now };
    case 'designate':
      return { command: { type: 'designate', leadId: lead }, now };
    case 'return':
      return { command: { type: 'return', reason: 'not ours', legalBasis: intent.flag ? 'Art. 1' : '' }, now };
    case 'requestExtension':
      return { command: { type: 'requestExtension', reason: 'time', requestedDueAt: iso(handleDue + (intent.pick - 1) * 24 * HOUR) }, now };
    case 'approveExtension':
      return { command: { type: 'approveExtension' }, now };
    case 'suspend':
      return { command: { type: 'suspend', reason: 'wait', ...(intent.flag ? { resumeAt: iso(now + (intent.pick + 1) * 24 * HOUR) } : {}) }, now };
    case 'verify':
      return { command: intent.flag ? { type: 'verify', passed: true } : { type: 'verify', passed: false, note: 'not done' }, now };
    case 'recordCallback': {
      const answers = ['satisfied', 'basicallySatisfied', 'noAnswer', 'unsatisfied', 'unsatisfied'] as const;
      const answer = answers[intent.pick % answers.length]!;
      return { command: answer === 'unsatisfied' ? { type: 'recordCallback', answer, justified: intent.flag, note: 'still dirty' } : { type: 'recordCallback', answer }, now };
    }
    case 'escalate':
    case 'noteDeadlineMissed': {
      // The system acts on what the supervision rules say is next, at the moment it falls due.
      const next = nextMilestone(state, now, ctx);
      if (next && (next.command.type === intent.type || intent.flag)) return { command: next.command, now: Math.max(now, next.at) };
      return { command: intent.type === 'escalate' ? { type: 'escalate', step: intent.pick } : { type: 'noteDeadlineMissed', deadline: 'accept' }, now };
    }
    case 'mergeAsDuplicate':
      return { command: { type: 'mergeAsDuplicate', masterCaseId: 'case-0' }, now };
    case 'attachDuplicate':
    case 'detachDuplicate':
      return { command: { type: intent.type, duplicateCaseId: `case-${10 + (intent.pick % 2)}` }, now };
    case 'leaderInstruct':
      return { command: { type: 'leaderInstruct', officeId: 'kaifeng-leader-office', text: '速办' }, now };
    case 'close':
      return { command: { type: 'close', answer: 'done' }, now };
    case 'noteProgress':
    case 'reportResult':
      return { command: { type: intent.type, text: 'progress' }, now };
    case 'refuseExtension':
    case 'refuseSuspension':
    case 'requestSuspension':
      return { command: { type: intent.type, reason: 'because' }, now };
    case 'accept':
    case 'unmerge':
    case 'resume':
      return { command: { type: intent.type }, now };
  }
}

const SIDE_MOVES: ReadonlySet<CommandType> = new Set(['close', 'mergeAsDuplicate', 'unmerge', 'attachDuplicate', 'detachDuplicate', 'leaderInstruct']);

const intentArb: fc.Arbitrary<Intent> = fc.record({
  type: fc.constantFrom(...COMMAND_TYPES),
  wild: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))).chain((b) => (b ? fc.boolean() : fc.constant(false))),
  typeIndex: fc.nat(1000),
  actor: fc.constantFrom(...(Object.keys(actors) as (keyof typeof actors)[])),
  minutes: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 3 * 24 * 60 })),
  flag: fc.boolean(),
  pick: fc.nat(6),
});

/** The actor most likely to be allowed, most of the time; anyone at all, sometimes. */
function actorFor(intent: Intent): Actor {
  if (intent.pick === 6) return actors[intent.actor];
  const kind = TRANSITIONS[intent.type].actors[0]!;
  if (kind === 'unitStaff') return intent.pick % 3 === 0 ? actors.other : actors.lead;
  return Object.values(actors).find((actor) => actor.kind === kind) ?? actors[intent.actor];
}

describe('the lifecycle under random commands', () => {
  it('keeps counters non-negative, version equal to the history length, and replay equal to the live state', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 5, maxLength: 60 }), (intents) => {
        const run = new CaseRun(at('2026-09-14T09:00:00'));
        let state = run.state;
        let now = run.now;
        const events = [...run.events];
        for (const drawn of intents) {
          const inStage = COMMAND_TYPES.filter((type) => TRANSITIONS[type].from.includes(state.stage));
          // Side moves (merging, closing at intake, instructions) are drawn less often, or walks would end early.
          const mainLine = inStage.filter((type) => !SIDE_MOVES.has(type));
          const applicable = drawn.typeIndex % 8 === 0 || mainLine.length === 0 ? inStage : mainLine;
          const intent = drawn.wild ? drawn : { ...drawn, type: applicable[drawn.typeIndex % applicable.length] ?? drawn.type };
          now += intent.minutes * 60_000;
          const { command, now: when } = materialize(intent, state, now);
          now = when;
          const before = state;
          const result = tryDecide(state, command, actorFor(intent), now, ctx);
          if (!result.ok) {
            expect(isDomainError(result.error)).toBe(true);
            continue;
          }
          expect(result.events.length).toBeGreaterThan(0);
          for (const event of stampEvents(state.id, state.version, result.events)) {
            state = applyEvent(state, event);
            events.push(event);
          }
          const targets = TRANSITIONS[command.type].to;
          if (!targets.includes('stageBeforeMerge')) expect(targets.map((t) => (t === 'unchanged' ? before.stage : t))).toContain(state.stage);
          for (const value of Object.values(state.counters)) expect(value).toBeGreaterThanOrEqual(0);
          expect(state.pausedMs).toBeGreaterThanOrEqual(0);
          expect(levelRank(state.supervisingLayer)).toBeLessThanOrEqual(levelRank(before.supervisingLayer));
          expect(state.version).toBe(events.length);
        }
        expect(foldEvents(events)).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
