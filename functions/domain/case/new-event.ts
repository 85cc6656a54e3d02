/**
 * Events as `decide` returns them: everything but their place in the history. The store gives them their
 * case id and sequence numbers when it appends them on the version it read, so two concurrent commands
 * cannot both succeed on the same version.
 */
import type { CaseEvent, CaseEventData, CaseEventType } from './events.js';

export type NewCaseEvent = {
  [T in CaseEventType]: Omit<Extract<CaseEvent, { type: T }>, 'caseId' | 'seq'>;
}[CaseEventType];

export type NewCaseEventOf<T extends CaseEventType> = Extract<NewCaseEvent, { type: T }>;

/** Numbers new events after the `version` the decision was made on. */
export function stampEvents(caseId: string, version: number, events: readonly NewCaseEvent[]): CaseEvent[] {
  return events.map((event, index) => ({ ...event, caseId, seq: version + index + 1 }));
}

/** Builds one new event; the generic ties `data` to `type`. */
export const newEvent = <T extends CaseEventType>(
  type: T,
  data: CaseEventData[T],
  actor: NewCaseEvent['actor'],
  at: string,
): NewCaseEventOf<T> => ({ type, data, actor, at }) as unknown as NewCaseEventOf<T>;
