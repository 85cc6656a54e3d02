/**
 * Routing: from a case's category, place and time of receipt to the unit that leads it (主办) and the ones
 * that help (协办), by the responsibility list in effect when the case came in. Whatever the list cannot
 * settle goes to a dispatcher with the reason (see `NeedsDecision`), never to a guess.
 */
import type { ResponsibilityRow } from '../city/schema.js';
import { isKnownHandler, versionAt, type EffectiveVersion, type RoutingContext } from './context.js';
import { limitsFor } from './limits.js';
import { applyOwnerRule, unique } from './owner-rule.js';
import { placeCase } from './place.js';
import { isAreaNarrowed, mostSpecificRows } from './rows.js';
import type { DecisionCode, NeedsDecision, RouteInput, RouteResult } from './types.js';

/**
 * Decisions are taken in this order, the first that fails answering: the category exists, a list version
 * is in effect, the case can be placed (if it names a grid or a location), the version has rows for the
 * category, one of them applies to the place, its owner rule names one lead, and every id it names exists.
 *
 * @throws RangeError when `receivedAt` is not a finite number: that is a caller's bug, not city data.
 */
export function route(input: RouteInput, ctx: RoutingContext): RouteResult {
  if (!Number.isFinite(input.receivedAt)) throw new RangeError(`receivedAt must be epoch milliseconds, got ${input.receivedAt}`);
  const code = input.categoryCode;

  const category = ctx.categoriesByCode.get(code);
  if (!category) return needsDecision('unknownCategory', `Category ${code} is not in the city's category list.`, []);

  const version = versionAt(ctx, input.receivedAt);
  if (!version) {
    const first = ctx.versions[0]?.source.effectiveFrom ?? 'never';
    return needsDecision(
      'noVersionInEffect',
      `No responsibility-list version is in effect at ${new Date(input.receivedAt).toISOString()}; the first takes effect at ${first}.`,
      [],
    );
  }
  const decide = (decisionCode: DecisionCode, reason: string, candidates: string[], gridId?: string): NeedsDecision =>
    needsDecision(decisionCode, reason, candidates, version.version, gridId);

  const rows = version.rowsByCategory.get(code) ?? [];
  const place = placeCase(input, ctx);
  if (place.kind === 'failed') return decide(place.code, place.reason, cityWideOwners(rows));
  const gridId = place.kind === 'placed' ? place.gridId : undefined;
  const chain = place.kind === 'placed' ? place.chain : undefined;

  if (rows.length === 0) {
    return decide('noRowForCategory', `Responsibility-list version ${version.version} has no row for category ${code}.`, [], gridId);
  }

  const winners = mostSpecificRows(rows, chain ?? []);
  if (winners.length === 0) return decide('noRowForArea', noRowForAreaReason(version, code, rows, gridId), [], gridId);

  const outcomes = winners.map((row) => ({ row, outcome: applyOwnerRule(row, chain) }));
  const [only] = outcomes;
  if (only && outcomes.length === 1 && only.outcome.kind === 'undecided') {
    return decide(only.outcome.code, only.outcome.reason, only.outcome.candidates, gridId);
  }

  const leads = unique(outcomes.flatMap(({ outcome }) => (outcome.kind === 'lead' ? [outcome.leadId] : [])));
  const [leadId] = leads;
  if (leadId === undefined || leads.length > 1 || outcomes.some(({ outcome }) => outcome.kind === 'undecided')) {
    const candidates = unique(outcomes.flatMap(({ outcome }) => (outcome.kind === 'lead' ? [outcome.leadId] : outcome.candidates)));
    return decide(
      'conflictingRows',
      `Version ${version.version} has ${winners.length} equally specific rows for category ${code} that do not agree on the lead` +
        (candidates.length > 0 ? ` (${candidates.join(', ')}).` : '.'),
      candidates,
      gridId,
    );
  }

  // Rows that agree on the lead are duplicates in effect: the first one speaks for limits and closing, and
  // everybody any of them asks to help is kept.
  const coHandlerIds = unique(outcomes.flatMap(({ outcome }) => (outcome.kind === 'lead' ? outcome.coHandlerIds : [])));
  const row = winners[0] as ResponsibilityRow;
  const unknown = [leadId, ...coHandlerIds].filter((id) => !isKnownHandler(ctx, id));
  if (unknown.length > 0) {
    return decide(
      'unknownHandler',
      `The row for category ${code} in version ${version.version} names ${unknown.join(', ')}, which is no unit, department or office of the city.`,
      [leadId].filter((id) => isKnownHandler(ctx, id)),
      gridId,
    );
  }

  return {
    kind: 'routed',
    leadId,
    coHandlerIds,
    responsibilityVersion: version.version,
    ownerRule: row.ownerRule,
    row,
    limits: limitsFor(category, row, input.urgency ?? category.defaultUrgency, input.requestType),
    ...(gridId === undefined ? {} : { gridId }),
  };
}

function needsDecision(code: DecisionCode, reason: string, candidates: string[], responsibilityVersion?: number, gridId?: string): NeedsDecision {
  return {
    kind: 'needsDecision',
    code,
    reason,
    candidates,
    ...(responsibilityVersion === undefined ? {} : { responsibilityVersion }),
    ...(gridId === undefined ? {} : { gridId }),
  };
}

/** A dispatcher placing a case by hand still wants to know who owns the matter city-wide. */
const cityWideOwners = (rows: readonly ResponsibilityRow[]): string[] =>
  unique(rows.filter((row) => !isAreaNarrowed(row)).flatMap((row) => row.ownerIds));

function noRowForAreaReason(version: EffectiveVersion, code: string, rows: readonly ResponsibilityRow[], gridId: string | undefined): string {
  const areas = unique(rows.flatMap((row) => row.areaIds ?? [])).join(', ');
  const where = gridId === undefined ? 'the case has no location or grid to place it' : `grid ${gridId} lies in none of them`;
  return `Every row for category ${code} in version ${version.version} is narrowed to areas (${areas}) and ${where}.`;
}
