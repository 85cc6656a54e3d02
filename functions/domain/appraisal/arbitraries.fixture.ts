/**
 * Random case histories for property tests. They follow no lifecycle on purpose — returns after closure,
 * reports by the wrong unit, resumes without a suspension — because appraisal reads whatever the events
 * say and must stay consistent on all of it. Times only move forward, as a case's events do.
 */
import fc from 'fast-check';
import type { CaseEvent } from '../case/events.js';
import { story, type Step } from './histories.fixture.js';

export const UNITS = ['unit-a', 'unit-b', 'unit-c'] as const;
const unit = fc.constantFrom(...UNITS);
const hours = fc.integer({ min: -24, max: 24 * 40 });

type Action =
  | { kind: 'dispatch'; unitId: string; acceptIn: number; handleIn: number }
  | { kind: 'accept' | 'return' | 'report'; byLead: boolean; unitId: string }
  | { kind: 'arbitrate'; unitId: string; upheld: boolean }
  | { kind: 'extend' | 'resume'; handleIn: number }
  | { kind: 'rework'; handleIn: number; source: 'verification' | 'callback' }
  | { kind: 'verify'; passed: boolean }
  | { kind: 'callback'; answer: 'satisfied' | 'basicallySatisfied' | 'unsatisfied' | 'noAnswer' }
  | { kind: 'suspend' | 'close' | 'merge' | 'unmerge' | 'note' }
  /** The lead reports and the centre closes a while later: the path most cases take. */
  | { kind: 'finish'; closeAfter: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('dispatch' as const), unitId: unit, acceptIn: fc.integer({ min: 0, max: 72 }), handleIn: hours }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'return' as const, 'report' as const), byLead: fc.boolean(), unitId: unit }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('arbitrate' as const), unitId: unit, upheld: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('extend' as const, 'resume' as const), handleIn: hours }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rework' as const), handleIn: hours, source: fc.constantFrom('verification' as const, 'callback' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('verify' as const), passed: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('callback' as const), answer: fc.constantFrom('satisfied' as const, 'basicallySatisfied' as const, 'unsatisfied' as const, 'noAnswer' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('suspend' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('close' as const, 'merge' as const, 'unmerge' as const, 'note' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('finish' as const), closeAfter: fc.integer({ min: 0, max: 60 * 24 * 3 }) }) },
);

/** Minutes between events: mostly hours, sometimes weeks, so histories cross month ends. */
const gap = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 60 * 24 * 25 }));

const BASE = Date.parse('2026-01-01T00:00:00+08:00');
const HOUR = 3_600_000;

const buildHistory = (caseId: string, startMinute: number, steps: [number, Action][]): CaseEvent[] => {
  let now = BASE + startMinute * 60_000;
  let lead: string | undefined;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const out: Step[] = [{ type: 'received', at: iso(now), data: { channel: 'grid', categoryCode: 'S0102', urgency: 'routine', description: 'generated' } }];
  for (const [minutes, a] of steps) {
    now += minutes * 60_000;
    const at = iso(now);
    const who = (byLead: boolean, other: string): string => (byLead && lead !== undefined ? lead : other);
    switch (a.kind) {
      case 'dispatch':
        lead = a.unitId;
        out.push({ type: 'dispatched', at, data: { leadId: a.unitId, coHandlerIds: [], acceptDueAt: iso(now + a.acceptIn * HOUR), handleDueAt: iso(now + a.handleIn * HOUR) } });
        break;
      case 'accept':
        out.push({ type: 'accepted', at, data: { unitId: who(a.byLead, a.unitId) } });
        break;
      case 'return':
        out.push({ type: 'returned', at, data: { unitId: who(a.byLead, a.unitId), reason: 'r', legalBasis: 'b' } });
        break;
      case 'report':
        out.push({ type: 'resultReported', at, data: { unitId: who(a.byLead, a.unitId), text: 'done', photoUrls: [] } });
        break;
      case 'arbitrate':
        lead = a.unitId;
        out.push({ type: 'arbitrated', at, data: { leadId: a.unitId, coHandlerIds: [], upheld: a.upheld, designated: false } });
        break;
      case 'extend':
        out.push({ type: 'extensionApproved', at, data: { previousDueAt: at, handleDueAt: iso(now + a.handleIn * HOUR) } });
        break;
      case 'resume':
        out.push({ type: 'resumed', at, data: { handleDueAt: iso(now + a.handleIn * HOUR) } });
        break;
      case 'rework':
        out.push({ type: 'reworkOrdered', at, data: { source: a.source, reason: 'again', handleDueAt: iso(now + a.handleIn * HOUR) } });
        break;
      case 'verify':
        out.push({ type: 'verified', at, data: { passed: a.passed } });
        break;
      case 'callback':
        out.push({ type: 'callbackRecorded', at, data: { answer: a.answer } });
        break;
      case 'suspend':
        out.push({ type: 'suspended', at, data: { reason: 'r' } });
        break;
      case 'close':
        out.push({ type: 'closed', at, data: { answer: 'a' } });
        break;
      case 'merge':
        out.push({ type: 'mergedAsDuplicate', at, data: { masterCaseId: 'master' } });
        break;
      case 'unmerge':
        out.push({ type: 'unmerged', at, data: { masterCaseId: 'master' } });
        break;
      case 'finish':
        out.push({ type: 'resultReported', at, data: { unitId: lead ?? 'unit-a', text: 'done', photoUrls: [] } });
        now += a.closeAfter * 60_000;
        out.push({ type: 'closed', at: iso(now), data: { answer: 'a' } });
        break;
      case 'note':
        out.push({ type: 'progressNoted', at, data: { unitId: lead ?? 'unit-a', text: 'working on it' } });
        break;
    }
  }
  return story(caseId, out);
};

const caseSteps = fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 170 }), fc.array(fc.tuple(gap, action), { maxLength: 24 }));

/** Several cases, each starting somewhere in the first half of 2026 (Kaifeng time). */
export const caseHistories: fc.Arbitrary<CaseEvent[][]> = fc
  .array(caseSteps, { maxLength: 8 })
  .map((cases) => cases.map(([start, steps], i) => buildHistory(`case-${i}`, start, steps)));
