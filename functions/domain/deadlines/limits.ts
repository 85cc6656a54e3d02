/**
 * The configuration the lifecycle and deadline rules read, and how a case's limits and ladder are picked
 * from it. The rules take only the slice of the city they need, so tests and the local runtime can pass one.
 */
import type { CityConfig, LadderStep, RequestType, StageLimits, Urgency } from '../city/schema.js';
import type { WorkingCalendarRules } from '../calendar/types.js';
import { limitsFor } from '../routing/limits.js';

export type CaseRulesConfig = Pick<CityConfig, 'categories' | 'escalation' | 'maxReturns' | 'centreLimits'>;

/** Everything a rule may consult besides the case: the city's configuration and its working calendar. */
export interface CaseRulesContext {
  calendar: WorkingCalendarRules;
  city: CaseRulesConfig;
}

/**
 * A category's limits for a case, by the same precedence routing uses (without a responsibility row: a
 * row's own limits reach the case through the route command and are then recorded on `dispatched`).
 */
export function categoryLimits(
  city: Pick<CaseRulesConfig, 'categories'>,
  categoryCode: string,
  urgency: Urgency,
  requestType?: RequestType,
): StageLimits | undefined {
  const category = city.categories.find((candidate) => candidate.code === categoryCode);
  return category ? limitsFor(category, undefined, urgency, requestType).limits : undefined;
}

/** The ladder for an urgency: its own steps if configured, else the routine ones. */
export const ladderFor = (escalation: CaseRulesConfig['escalation'], urgency: Urgency): readonly LadderStep[] =>
  escalation.byUrgency?.[urgency] ?? escalation.steps;
