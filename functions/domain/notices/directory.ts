/**
 * The city as an address book: every unit, department and office by id with its name and contacts, the
 * offices by the unit they serve, and the territorial tree to walk up when a unit has no office of a role.
 */
import type { CityConfig, Contacts, LocalizedText, Office, OrgUnit } from '../city/schema.js';
import { indexUnits } from '../geo/territory.js';

/** The slice of the city configuration notices read. */
export type NoticeCity = Pick<CityConfig, 'units' | 'departments' | 'offices' | 'categories' | 'calendar' | 'escalation'>;

export type Head = NonNullable<OrgUnit['head']>;
export type OfficeRole = Office['role'];

/** Anyone a notice can be addressed to by id: a territorial unit, a department or an office. */
export interface Party {
  id: string;
  kind: 'unit' | 'department' | 'office';
  name: LocalizedText;
  contacts: Contacts;
  head?: Head;
}

export interface Directory {
  readonly city: NoticeCity;
  readonly units: ReadonlyMap<string, OrgUnit>;
  /** The unit without a parent: the city. */
  readonly root: OrgUnit | undefined;
  party(id: string): Party | undefined;
  /** The office of `role` that serves unit `unitId`, if the city has one there. */
  officeAt(unitId: string, role: OfficeRole): Office | undefined;
}

function build(city: NoticeCity): Directory {
  const parties = new Map<string, Party>();
  // Ids are unique across the three lists in a valid city; should one repeat, the first wins, as in routing.
  const add = (party: Party): void => {
    if (!parties.has(party.id)) parties.set(party.id, party);
  };
  for (const unit of city.units) add({ id: unit.id, kind: 'unit', name: unit.name, contacts: unit.contacts, ...(unit.head ? { head: unit.head } : {}) });
  for (const dept of city.departments) add({ id: dept.id, kind: 'department', name: dept.name, contacts: dept.contacts, ...(dept.head ? { head: dept.head } : {}) });
  for (const office of city.offices) add({ id: office.id, kind: 'office', name: office.name, contacts: office.contacts });

  const offices = new Map<string, Office>();
  for (const office of city.offices) {
    const key = `${office.unitId}|${office.role}`;
    if (!offices.has(key)) offices.set(key, office);
  }
  const units = indexUnits(city.units);
  return {
    city,
    units,
    root: city.units.find((unit) => unit.parentId === undefined),
    party: (id) => parties.get(id),
    officeAt: (unitId, role) => offices.get(`${unitId}|${role}`),
  };
}

// A city has thousands of units and a workflow task builds notices for one event at a time: index each
// configuration object once. A changed configuration is a new object (it is parsed, never edited in place).
const cache = new WeakMap<NoticeCity, Directory>();

export function directoryOf(city: NoticeCity): Directory {
  let directory = cache.get(city);
  if (!directory) {
    directory = build(city);
    cache.set(city, directory);
  }
  return directory;
}
