/**
 * Bridges the supervision step to the notice rules: finds the received events the rules need (the case's
 * own, and those of its merged duplicates, whose reporters are answered too) and words what cannot be
 * delivered for the operator's log.
 */
import type { CaseState } from '../domain/case/case-state.js';
import type { CaseEvent, CaseEventOf } from '../domain/case/events.js';
import type { CityConfig } from '../domain/city/schema.js';
import { noticesFor, type UnitLookup } from '../domain/notices/index.js';
import type { Notice } from '../ports/notifier.js';

const receivedOf = (events: readonly CaseEvent[]): CaseEventOf<'received'> | undefined =>
  events.find((event): event is CaseEventOf<'received'> => event.type === 'received');

export function composeNotices(
  fresh: readonly CaseEvent[],
  state: CaseState,
  allEvents: readonly CaseEvent[],
  city: CityConfig,
  duplicateHistories: readonly (readonly CaseEvent[])[],
  units?: UnitLookup,
): { notices: Notice[]; unreachable: string[] } {
  const received = receivedOf(allEvents);
  const duplicates = duplicateHistories.map(receivedOf).filter((event): event is CaseEventOf<'received'> => event !== undefined);
  const plan = noticesFor(fresh, state, city, { ...(received ? { received } : {}), duplicates, ...(units ? { units } : {}) });
  return {
    notices: plan.notices,
    unreachable: plan.unreachable.map((miss) => `event ${miss.eventSeq} (${miss.topic}): ${miss.target} unreachable — ${miss.detail}`),
  };
}
