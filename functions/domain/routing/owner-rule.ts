/**
 * The two owner rules of the responsibility list, applied to one row:
 *  - ownerFirst (部件 先属主、后属地): the owner of the component leads; a component nobody owns goes to the
 *    territory; several owners is a dispute only the centre can settle (确权).
 *  - territoryFirst (事件 先属地、后属主): the territorial unit at the row's level leads and the owners help;
 *    when no territorial unit can be found (no place, or the tree lacks that level) a single owner leads.
 */
import type { OrgUnit, ResponsibilityRow } from '../city/schema.js';
import { unitAtLevel } from '../geo/territory.js';
import type { DecisionCode } from './types.js';

export type RuleOutcome =
  | { kind: 'lead'; leadId: string; coHandlerIds: string[] }
  | { kind: 'undecided'; code: DecisionCode; reason: string; candidates: string[] };

/** `chain` is the case's grid and its superiors, or undefined when the case has no place. */
export function applyOwnerRule(row: ResponsibilityRow, chain: readonly OrgUnit[] | undefined): RuleOutcome {
  const owners = unique(row.ownerIds);
  if (row.ownerRule === 'ownerFirst') {
    const [owner] = owners;
    if (owner !== undefined && owners.length === 1) return lead(owner, row.coHandlerIds);
    if (owners.length > 1) {
      return undecided(
        'severalOwners',
        `Category ${row.categoryCode} is owned by several units (${owners.join(', ')}); the centre must name the lead.`,
        owners,
      );
    }
    const territory = territorialLead(row, chain);
    return territory.kind === 'found'
      ? lead(territory.unitId, row.coHandlerIds)
      : undecided(territory.code, `Category ${row.categoryCode} has no owner on record and ${territory.why}.`, []);
  }

  const territory = territorialLead(row, chain);
  if (territory.kind === 'found') return lead(territory.unitId, [...row.coHandlerIds, ...owners]);
  const [owner] = owners;
  if (owner !== undefined && owners.length === 1) return lead(owner, row.coHandlerIds);
  const fallback = owners.length === 0 ? 'the row names no owner to fall back on' : `the row names several owners (${owners.join(', ')})`;
  return undecided(territory.code, `Category ${row.categoryCode} goes to the territory first but ${territory.why}, and ${fallback}.`, owners);
}

type TerritorialLead = { kind: 'found'; unitId: string } | { kind: 'missing'; code: DecisionCode; why: string };

function territorialLead(row: ResponsibilityRow, chain: readonly OrgUnit[] | undefined): TerritorialLead {
  const level = row.territoryLevel;
  if (level === undefined) return { kind: 'missing', code: 'noTerritorialUnit', why: 'its row names no territory level' };
  if (chain === undefined) {
    return { kind: 'missing', code: 'noLocation', why: `the case has no location or grid to find its ${level}` };
  }
  const unit = unitAtLevel(chain, level);
  if (unit) return { kind: 'found', unitId: unit.id };
  return { kind: 'missing', code: 'noTerritorialUnit', why: `no ${level} stands above ${chain[0]?.id ?? 'the case'}` };
}

function lead(leadId: string, coHandlerIds: readonly string[]): RuleOutcome {
  return { kind: 'lead', leadId, coHandlerIds: unique(coHandlerIds).filter((id) => id !== leadId) };
}

const undecided = (code: DecisionCode, reason: string, candidates: string[]): RuleOutcome => ({ kind: 'undecided', code, reason, candidates });

/** First occurrence kept, so the list's order (which co-handler is named first) survives. */
export const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
