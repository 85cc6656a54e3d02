/**
 * Who a rule means, in the city's terms: the lead unit and its head, the co-handlers, the unit that
 * supervises the case at a layer, and the nearest office of a role above it. Each answer is a recipient with
 * its contacts, or the reason there is none, never nothing.
 */
import type { Level, OrgUnit } from '../city/schema.js';
import type { CaseState } from '../case/case-state.js';
import { territorialChain } from '../geo/territory.js';
import type { Recipient } from '../../ports/notifier.js';
import type { Directory, OfficeRole, Party } from './directory.js';
import type { Unreachable } from './types.js';

/** A miss before it is tied to an event (the caller adds case id, seq and topic). */
export type Miss = Omit<Unreachable, 'caseId' | 'eventSeq' | 'topic'>;

export type Resolved = { recipient: Recipient; target: string } | { miss: Miss };

const recipientKind = (party: Party): Recipient['kind'] => (party.kind === 'office' ? 'office' : 'unit');

/** A unit, department or office by id, with all its contacts. */
export function partyRecipient(directory: Directory, id: string | undefined, target: string, expected: Recipient['kind'] = 'unit'): Resolved {
  if (!id) return { miss: { target, reason: 'unresolved', detail: 'the case has no lead unit yet' } };
  const party = directory.party(id);
  if (!party) {
    return { miss: { target, recipient: { kind: expected, id }, reason: 'unknownRecipient', detail: `'${id}' is no unit, department or office of the city` } };
  }
  return {
    target,
    recipient: { kind: recipientKind(party), id: party.id, name: party.name, sms: [...party.contacts.sms], email: [...party.contacts.email] },
  };
}

/** The head (主要负责人) of a unit or department: their own phone and email, not the unit's duty line. */
export function headRecipient(directory: Directory, id: string | undefined, target: string): Resolved {
  if (!id) return { miss: { target, reason: 'unresolved', detail: 'the case has no lead unit yet' } };
  const party = directory.party(id);
  if (!party) {
    return { miss: { target, recipient: { kind: 'unitHead', id }, reason: 'unknownRecipient', detail: `'${id}' is no unit or department of the city` } };
  }
  const head = party.head;
  if (!head) return { miss: { target, recipient: { kind: 'unitHead', id }, reason: 'unresolved', detail: `'${id}' has no head on record` } };
  const title = head.title ?? { zh: '负责人', en: 'head' };
  return {
    target,
    recipient: {
      kind: 'unitHead',
      id: party.id,
      name: { zh: `${party.name.zh}${title.zh} ${head.name}`, en: `${head.name}, ${title.en}, ${party.name.en}` },
      sms: head.phone ? [head.phone] : [],
      email: head.email ? [head.email] : [],
    },
  };
}

/** The case's territorial units, lowest layer first: as intake recorded them, else from its grid. */
function caseUnits(state: CaseState, directory: Directory): OrgUnit[] {
  if (state.territory.length > 0) {
    return state.territory.map((link) => directory.units.get(link.unitId)).filter((unit): unit is OrgUnit => unit !== undefined);
  }
  return state.gridId ? territorialChain(directory.units, state.gridId) : [];
}

const LAYERS: readonly Level[] = ['grid', 'community', 'subdistrict', 'district', 'city'];

/** The unit of the case's chain at `layer`, if intake located the case that far (the city is always known). */
export function unitAtLayer(state: CaseState, directory: Directory, layer: Level): OrgUnit | undefined {
  const found = caseUnits(state, directory).find((unit) => unit.level === layer);
  return found ?? (layer === 'city' ? directory.root : undefined);
}

/**
 * Where to start looking for an office: the case's unit at `layer`, else the nearest unit above that layer
 * in its chain, else the city. A case known only to its district is still the district's.
 */
function startAt(state: CaseState, directory: Directory, layer: Level): OrgUnit | undefined {
  const units = caseUnits(state, directory);
  for (const candidate of LAYERS.slice(LAYERS.indexOf(layer))) {
    const unit = units.find((u) => u.level === candidate);
    if (unit) return unit;
  }
  return directory.root;
}

/**
 * The office of `role` serving the case's unit at `layer`, else the first one walking up the territorial
 * tree to the city: a street without a command room is answered by its district's command centre.
 */
export function officeAbove(state: CaseState, directory: Directory, layer: Level, role: OfficeRole, target: string): Resolved {
  const start = startAt(state, directory, layer);
  const chain = start ? territorialChain(directory.units, start.id) : [];
  for (const unit of chain) {
    const office = directory.officeAt(unit.id, role);
    if (office) return partyRecipient(directory, office.id, target);
  }
  return { miss: { target, reason: 'unresolved', detail: `no ${role} office at ${start?.id ?? 'the city'} or above it` } };
}

/** The unit that supervises the case at `layer`, and its command centre (room) if it has one of its own. */
export function supervisingUnit(state: CaseState, directory: Directory, layer: Level, target: string): Resolved[] {
  const unit = unitAtLayer(state, directory, layer);
  if (!unit) return [{ miss: { target, reason: 'unresolved', detail: `the case's territory has no ${layer} unit` } }];
  const resolved = [partyRecipient(directory, unit.id, target)];
  const centre = directory.officeAt(unit.id, 'commandCentre');
  if (centre) resolved.push(partyRecipient(directory, centre.id, target));
  return resolved;
}

/**
 * The command centre responsible for the case now: the one at or above the layer that supervises it. A
 * district with its own centre settles its own returns and requests; the rest go to the city's.
 */
export const commandCentre = (state: CaseState, directory: Directory, target = 'commandCentre'): Resolved =>
  officeAbove(state, directory, state.supervisingLayer, 'commandCentre', target);

/**
 * The leader offices of a case with a leader's instruction: the offices that instructed, or, for a case
 * that came in as an instruction without naming one, the nearest leader office above the case.
 */
export function leaderOffices(state: CaseState, directory: Directory, layer: Level, target = 'leaderOffice'): Resolved[] {
  if (state.leader.officeIds.length > 0) return state.leader.officeIds.map((id) => partyRecipient(directory, id, target, 'office'));
  return [officeAbove(state, directory, layer, 'leaderOffice', target)];
}

export const hasLeader = (state: CaseState): boolean => state.leader.priority === 'raised' || state.leader.officeIds.length > 0;
