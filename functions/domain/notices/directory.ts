/**
 * The city as an address book: every unit, department and office by id with its name and contacts, the
 * offices by the unit they serve, and the territorial tree to walk up when a unit has no office of a role.
 *
 * A notice goes to a handful of parties, and a city has thousands of units, whose contacts a Lambda function
 * reads from a file one unit at a time (`functions/aws/runtime-city.ts`): so the book holds only where each
 * id is, and a party's contacts and head are read from the city when a notice asks for them.
 */
import type { CityConfig, Contacts, Department, LocalizedText, Office, OrgUnit } from '../city/schema.js';
import { indexUnits } from '../geo/territory.js';

/** The slice of the city configuration notices read. */
export type NoticeCity = Pick<CityConfig, 'units' | 'departments' | 'offices' | 'categories' | 'calendar' | 'escalation'>;

export type Head = NonNullable<OrgUnit['head']>;
export type OfficeRole = Office['role'];

/**
 * Anyone a notice can be addressed to by id: a territorial unit, a department or an office. `contacts` and
 * `head` are read from the city each time they are asked for; an office has no head.
 */
export interface Party {
  readonly id: string;
  readonly kind: 'unit' | 'department' | 'office';
  readonly name: LocalizedText;
  readonly contacts: Contacts;
  readonly head: Head | undefined;
}

/**
 * The units by id as routing keeps them (`RoutingContext.unitsById`, `cityUnitId`). A Lambda function's
 * runtime city decodes a unit when it is first looked up (`functions/aws/units-on-demand.ts`): given this,
 * the directory looks units up instead of reading `city.units`, which would decode all of them.
 */
export interface UnitLookup {
  readonly unitsById: ReadonlyMap<string, OrgUnit>;
  readonly cityUnitId?: string | undefined;
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

/**
 * Whoever puts the units' contacts of `city` in place only when a notice needs them registers `load`
 * here: the directory of that city calls it before it first reads a unit's contacts or head, and again
 * until a call returns (one that throws has put nothing in place). Departments' and offices' contacts are
 * in the configuration itself: reading them calls nothing, so a notice only to offices never loads the units'.
 */
export function loadUnitContactsOnFirstRead(city: NoticeCity, load: () => void): void {
  loaders.set(city, load);
}

const loaders = new WeakMap<NoticeCity, () => void>();

function unitContactsRead(city: NoticeCity): void {
  const load = loaders.get(city);
  if (!load) return;
  load();
  loaders.delete(city);
}

/** A unit or department, the one place its contacts and head are read (and, for a unit, first loaded). */
function partyOf(city: NoticeCity, kind: 'unit' | 'department', source: OrgUnit | Department): Party {
  const before = kind === 'unit' ? () => unitContactsRead(city) : () => undefined;
  return {
    id: source.id,
    kind,
    name: source.name,
    get contacts() {
      before();
      return source.contacts;
    },
    get head() {
      before();
      return source.head;
    },
  };
}

/** An office: its contacts are in the configuration itself, read when asked for all the same. */
const officeParty = (office: Office): Party => ({
  id: office.id,
  kind: 'office',
  name: office.name,
  get contacts() {
    return office.contacts;
  },
  head: undefined,
});

/** Departments and offices by id, the first of an id winning, with the offices by the unit they serve. */
function nonUnits(city: NoticeCity): { departments: Map<string, Department>; offices: Map<string, Office>; officesAt: Map<string, Office> } {
  const departments = new Map<string, Department>();
  for (const dept of city.departments) if (!departments.has(dept.id)) departments.set(dept.id, dept);
  const offices = new Map<string, Office>();
  const officesAt = new Map<string, Office>();
  for (const office of city.offices) {
    if (!offices.has(office.id)) offices.set(office.id, office);
    const key = `${office.unitId}|${office.role}`;
    if (!officesAt.has(key)) officesAt.set(key, office);
  }
  return { departments, offices, officesAt };
}

/** The directory over a unit lookup: units, then departments, then offices, as `build` orders them. */
function buildOver(city: NoticeCity, lookup: UnitLookup): Directory {
  const { departments, offices, officesAt } = nonUnits(city);
  const { unitsById } = lookup;
  const cityUnit = lookup.cityUnitId === undefined ? undefined : unitsById.get(lookup.cityUnitId);
  return {
    city,
    units: unitsById,
    // The city unit heads the tree in a valid city; without one, the unit without a parent, as `build` finds it.
    root: cityUnit && cityUnit.parentId === undefined ? cityUnit : [...unitsById.values()].find((unit) => unit.parentId === undefined),
    party: (id) => {
      const unit = unitsById.get(id);
      if (unit) return partyOf(city, 'unit', unit);
      const dept = departments.get(id);
      if (dept) return partyOf(city, 'department', dept);
      const office = offices.get(id);
      return office ? officeParty(office) : undefined;
    },
    officeAt: (unitId, role) => officesAt.get(`${unitId}|${role}`),
  };
}

function build(city: NoticeCity): Directory {
  // Where each id is in units, then departments, then offices: a number, not a copy of the party (the
  // demo city's 8,000 units would be 8,000 objects made, and their contacts touched, for a few notices).
  // Ids are unique across the three lists in a valid city; should one repeat, the first wins, as in routing.
  const at = new Map<string, number>();
  const add = (id: string, position: number): void => {
    if (!at.has(id)) at.set(id, position);
  };
  const { units, departments, offices: officeList } = city;
  units.forEach((unit, i) => add(unit.id, i));
  departments.forEach((dept, i) => add(dept.id, units.length + i));
  officeList.forEach((office, i) => add(office.id, units.length + departments.length + i));

  const offices = new Map<string, Office>();
  for (const office of officeList) {
    const key = `${office.unitId}|${office.role}`;
    if (!offices.has(key)) offices.set(key, office);
  }
  return {
    city,
    units: indexUnits(units),
    root: units.find((unit) => unit.parentId === undefined),
    party: (id) => {
      const position = at.get(id);
      if (position === undefined) return undefined;
      if (position < units.length) return partyOf(city, 'unit', units[position] as OrgUnit);
      if (position < units.length + departments.length) return partyOf(city, 'department', departments[position - units.length] as Department);
      return officeParty(officeList[position - units.length - departments.length] as Office);
    },
    officeAt: (unitId, role) => offices.get(`${unitId}|${role}`),
  };
}

// A city has thousands of units and a workflow task builds notices for one event at a time: index each
// configuration object once. A changed configuration is a new object (it is parsed, never edited in place).
const cache = new WeakMap<NoticeCity, Directory>();

/** The directory of `city`; given its unit lookup (a runtime city's), it never reads `city.units`. */
export function directoryOf(city: NoticeCity, units?: UnitLookup): Directory {
  let directory = cache.get(city);
  if (!directory) {
    directory = units ? buildOver(city, units) : build(city);
    cache.set(city, directory);
  }
  return directory;
}
