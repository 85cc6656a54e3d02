export { createRoutingContext, isKnownHandler, routingContextOf, unitLookupOf, versionAt, type EffectiveVersion, type RoutingContext, type UnitLookup } from './context.js';
export { limitsFor, type AppliedLimits, type LimitsSource } from './limits.js';
export { applyOwnerRule, type RuleOutcome } from './owner-rule.js';
export { placeCase, type Placement } from './place.js';
export { route } from './route.js';
export { mostSpecificRows, rowSpecificity } from './rows.js';
export { DECISION_CODES, type DecisionCode, type NeedsDecision, type RouteInput, type RouteResult, type Routed } from './types.js';
