/**
 * The time limits a routed case runs on. The most specific data wins: a responsibility row's own limits,
 * then the category's tier for the case's urgency, then the category's routine limits, where a hotline
 * topic's limit for the request type (咨询 2 working days, 投诉 13, ...) replaces the routine handling limit.
 * An urgent or emergency tier wins over the request type: those tiers exist to be tighter.
 */
import type { Category, RequestType, ResponsibilityRow, StageLimits, Urgency } from '../city/schema.js';

export type LimitsSource = 'row' | 'urgencyTier' | 'requestType' | 'routine';

export interface AppliedLimits {
  readonly limits: StageLimits;
  /** Where the handling limit came from, for the audit trail and the dispatcher's screen. */
  readonly source: LimitsSource;
}

export function limitsFor(
  category: Category,
  row: ResponsibilityRow | undefined,
  urgency: Urgency,
  requestType?: RequestType,
): AppliedLimits {
  if (row?.limits) return { limits: row.limits, source: 'row' };
  if (urgency !== 'routine') {
    const tier = category.limits[urgency];
    if (tier) return { limits: tier, source: 'urgencyTier' };
  }
  const routine = category.limits.routine;
  const byType = requestType === undefined ? undefined : category.requestTypeLimits?.[requestType];
  if (byType) return { limits: { accept: routine.accept, handle: byType }, source: 'requestType' };
  return { limits: routine, source: 'routine' };
}
