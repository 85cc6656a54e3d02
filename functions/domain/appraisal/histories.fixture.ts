/**
 * Hand-built case histories for the appraisal tests. Times are written in Kaifeng's local time (+08:00)
 * so a test reads like the centre's log, and stored in UTC as real events are.
 */
import type { CaseEvent, CaseEventData, CaseEventType } from '../case/events.js';
import { metricsForPeriod, type UnitFigures } from './batch.js';
import { emptyCounts } from './counts.js';
import { metricsFromCounts } from './metrics.js';
import { monthPeriod, type Period } from './period.js';

export const ZONE = 'Asia/Shanghai';
export const MARCH = monthPeriod(2026, 3, ZONE);

/** One unit's counts and metrics for a period (March 2026 unless told), zeros if it has none. */
export const figuresOf = (histories: CaseEvent[][], unitId: string, period: Period = MARCH): UnitFigures => {
  const counts = emptyCounts();
  return metricsForPeriod(histories, period).get(unitId) ?? { counts, metrics: metricsFromCounts(counts) };
};

export interface Step<T extends CaseEventType = CaseEventType> {
  type: T;
  at: string;
  data: CaseEventData[T];
}

const utc = (local: string): string => new Date(local).toISOString();

/** `2026-03-02 09:00` → a local instant in +08:00. */
export const t = (local: string): string => `${local.replace(' ', 'T')}:00+08:00`;

export const story = (caseId: string, steps: Step[]): CaseEvent[] =>
  steps.map(
    (step, index) =>
      ({
        caseId,
        seq: index + 1,
        type: step.type,
        at: utc(step.at),
        actor: { kind: 'system', id: 'test' },
        data: step.data,
      }) as CaseEvent,
  );

const step = <T extends CaseEventType>(type: T, at: string, data: CaseEventData[T]): Step => ({ type, at, data });

export const received = (at: string): Step =>
  step('received', at, { channel: 'hotline', categoryCode: 'H001', urgency: 'routine', description: 'street light out' });
export const dispatched = (at: string, leadId: string, acceptDueAt: string, handleDueAt: string): Step =>
  step('dispatched', at, { leadId, coHandlerIds: [], acceptDueAt: utc(acceptDueAt), handleDueAt: utc(handleDueAt) });
export const accepted = (at: string, unitId: string): Step => step('accepted', at, { unitId });
export const returned = (at: string, unitId: string): Step => step('returned', at, { unitId, reason: 'not ours', legalBasis: '权责清单 row 12' });
export const arbitrated = (at: string, leadId: string, upheld: boolean): Step =>
  step('arbitrated', at, { leadId, coHandlerIds: [], upheld, designated: false });
export const extensionApproved = (at: string, previousDueAt: string, handleDueAt: string): Step =>
  step('extensionApproved', at, { previousDueAt: utc(previousDueAt), handleDueAt: utc(handleDueAt) });
export const suspended = (at: string): Step => step('suspended', at, { reason: 'waiting for spring' });
export const resumed = (at: string, handleDueAt: string): Step => step('resumed', at, { handleDueAt: utc(handleDueAt) });
export const reported = (at: string, unitId: string): Step => step('resultReported', at, { unitId, text: 'fixed', photoUrls: [] });
export const verified = (at: string, passed: boolean): Step => step('verified', at, { passed });
export const callback = (at: string, answer: CaseEventData['callbackRecorded']['answer']): Step => step('callbackRecorded', at, { answer });
export const rework = (at: string, source: 'verification' | 'callback', handleDueAt: string): Step =>
  step('reworkOrdered', at, { source, reason: 'not fixed', handleDueAt: utc(handleDueAt) });
export const closed = (at: string): Step => step('closed', at, { answer: 'done' });
export const merged = (at: string, masterCaseId: string): Step => step('mergedAsDuplicate', at, { masterCaseId });

/** A case handled cleanly: accepted and reported in time, verified, closed. */
export const cleanCase = (caseId: string, unitId: string, day: string): CaseEvent[] =>
  story(caseId, [
    received(t(`${day} 08:00`)),
    dispatched(t(`${day} 08:10`), unitId, t(`${day} 17:00`), t(`${day} 23:00`)),
    accepted(t(`${day} 09:00`), unitId),
    reported(t(`${day} 15:00`), unitId),
    verified(t(`${day} 16:00`), true),
    callback(t(`${day} 17:00`), 'satisfied'),
    closed(t(`${day} 18:00`)),
  ]);
