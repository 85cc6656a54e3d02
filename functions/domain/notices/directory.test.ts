/**
 * The address book reads a party's contacts only when a notice is for that party: a Lambda function reads
 * a unit's contacts from a file on first use, and the demo city has 8,000 units for a handful of recipients.
 */
import { describe, expect, it } from 'vitest';
import type { CityConfig } from '../city/schema.js';
import { routeTo } from '../case/test-support.js';
import { tinyCity } from '../testing/tiny-city.js';
import { indexUnits } from '../geo/territory.js';
import { directoryOf, loadUnitContactsOnFirstRead } from './directory.js';
import { actors, newRun, receivedOf } from './notices.fixture.js';
import { noticesFor } from './notices.js';

/** `city` with every party's `contacts` and `head` getters that log `<field>:<id>` before answering. */
function counted(city: CityConfig, reads: string[], before: (id: string) => void = () => undefined): CityConfig {
  const watch = <T extends { id: string; contacts: unknown; head?: unknown }>(party: T): T => {
    const { contacts, head } = party;
    const copy = { ...party };
    Object.defineProperty(copy, 'contacts', {
      enumerable: true,
      get: () => {
        before(party.id);
        reads.push(`contacts:${party.id}`);
        return contacts;
      },
    });
    if ('head' in party) {
      Object.defineProperty(copy, 'head', {
        enumerable: true,
        get: () => {
          before(party.id);
          reads.push(`head:${party.id}`);
          return head;
        },
      });
    }
    return copy;
  };
  return { ...city, units: city.units.map(watch), departments: city.departments.map(watch), offices: city.offices.map(watch) };
}

const everyId = (city: CityConfig): string[] => [...city.units, ...city.departments, ...city.offices].map((party) => party.id);

describe('the directory over a unit lookup (a runtime city, whose units are decoded when looked up)', () => {
  it('answers every party, office and the root as the directory over the units, without reading city.units', () => {
    const city = tinyCity();
    const plain = directoryOf({ ...city });
    const lookup = { unitsById: indexUnits(city.units), cityUnitId: city.units.find((unit) => unit.level === 'city')?.id };
    const units = Object.defineProperty({ ...city }, 'units', {
      get: () => {
        throw new Error('city.units read');
      },
    });
    const over = directoryOf(units, lookup);
    for (const id of [...everyId(city), 'nobody']) expect(over.party(id), id).toEqual(plain.party(id));
    for (const office of city.offices) for (const unit of city.units) expect(over.officeAt(unit.id, office.role)).toBe(plain.officeAt(unit.id, office.role));
    expect(over.root).toBe(plain.root);
    expect([...over.units.keys()]).toEqual([...plain.units.keys()]);
  });
});

describe('the directory', () => {
  it('reads no contacts or heads when it is built, nor when a party is named', () => {
    const reads: string[] = [];
    const city = counted(tinyCity(), reads);
    const directory = directoryOf(city);
    for (const id of everyId(city)) expect(directory.party(id)?.name).toBeDefined();
    expect(reads).toEqual([]);
  });

  it('answers each party with its own contacts and head, read when asked for', () => {
    const city = tinyCity();
    const directory = directoryOf(counted(city, []));
    for (const unit of city.units) expect(directory.party(unit.id)).toEqual({ id: unit.id, kind: 'unit', name: unit.name, contacts: unit.contacts, head: unit.head });
    for (const dept of city.departments) expect(directory.party(dept.id)).toEqual({ id: dept.id, kind: 'department', name: dept.name, contacts: dept.contacts, head: dept.head });
    for (const office of city.offices) expect(directory.party(office.id)).toEqual({ id: office.id, kind: 'office', name: office.name, contacts: office.contacts, head: undefined });
    expect(directory.party('nobody')).toBeUndefined();
  });

  it('keeps the first of parties that share an id, as routing does', () => {
    const city = tinyCity();
    const unit = city.units[1]!;
    const twin = { ...city.departments[0]!, id: unit.id, contacts: { email: ['twin@x.example'], sms: [] } };
    const directory = directoryOf({ ...city, departments: [...city.departments, twin] });
    expect(directory.party(unit.id)).toMatchObject({ kind: 'unit', contacts: unit.contacts });
  });

  it('makes a notice read the contacts of its recipients only, with the same notices as before', () => {
    const city = tinyCity();
    const run = newRun(city);
    const events = run.do(routeTo(), actors.router);
    const options = { received: receivedOf(run) };
    const reads: string[] = [];
    const plan = noticesFor(events, run.state, counted(city, reads), options);
    expect(plan).toEqual(noticesFor(events, run.state, city, options));
    // The dispatch goes to the lead bureau and the co-handling street; the texts name them, read no contacts.
    expect(new Set(reads)).toEqual(new Set(['contacts:longting-urban-management', 'contacts:daxing']));
  });
});

describe("the units' contacts loaded on first read", () => {
  it('are loaded once, before the first unit contact or head is read, and never for an office or department', () => {
    const loads: string[] = [];
    const reads: string[] = [];
    const plain = tinyCity();
    const city = counted(plain, reads, (id) => {
      if (id.endsWith('-office') || id.endsWith('-centre') || id.endsWith('-management')) return;
      expect(loads, `the contacts of ${id} read before they were loaded`).toHaveLength(1);
    });
    loadUnitContactsOnFirstRead(city, () => loads.push('loaded'));
    const directory = directoryOf(city);
    const office = plain.offices[0]!.id;
    const department = plain.departments[0]!.id;
    const unit = plain.units.find((candidate) => candidate.head)!.id;
    expect([directory.party(office)?.contacts, directory.party(department)?.contacts, directory.party(department)?.head, directory.party(unit)?.name]).toBeDefined();
    expect(loads).toEqual([]);
    expect(directory.party(unit)?.head).toBeDefined();
    expect(directory.party(unit)?.contacts).toBeDefined();
    for (const other of plain.units) expect(directory.party(other.id)?.contacts).toBeDefined();
    expect(loads).toEqual(['loaded']);
    expect(reads).toContain(`head:${unit}`);
  });

  it('are loaded again on the next read when loading failed', () => {
    const city = tinyCity();
    let calls = 0;
    loadUnitContactsOnFirstRead(city, () => {
      calls++;
      if (calls === 1) throw new Error('contacts file missing');
    });
    const party = directoryOf(city).party(city.units[0]!.id);
    expect(() => party?.contacts).toThrow('contacts file missing');
    expect(party?.contacts).toEqual(city.units[0]!.contacts);
    expect(party?.contacts).toEqual(city.units[0]!.contacts);
    expect(calls).toBe(2);
  });

  it('are not loaded for a notice that goes to offices and reporters only', () => {
    const city = tinyCity();
    let loaded = false;
    loadUnitContactsOnFirstRead(city, () => {
      loaded = true;
    });
    const run = newRun(city, { reporter: { phone: '+8613800000001', name: '张秀英' } });
    // Routing that needs a decision is told to the command centre alone.
    const events = run.do({ type: 'route', decision: { kind: 'needsDecision', reason: 'no row for the category' } }, actors.router);
    const plan = noticesFor(events, run.state, city, { received: receivedOf(run) });
    expect(plan.notices.map((notice) => notice.recipient.kind)).toEqual(['office']);
    expect(loaded).toBe(false);
  });
});
