/** The runtime city files: written at synth, read by the functions (`runtime-city.ts`, `city.ts`). */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { holidaySourceDigest, prepareCity } from '../../infra/city-artifact.js';
import { CaseService } from '../app/case-service.js';
import { createCityContext } from '../app/city-context.js';
import { holidayCoverageOf } from '../domain/calendar/holiday-coverage.js';
import { dayNumberOf, isoDateOf } from '../domain/calendar/local-date.js';
import { createWorkingCalendar, holidayCoverage } from '../domain/calendar/working-calendar.js';
import { LEVELS, type AreaGeometry, type CityConfig, type OrgUnit } from '../domain/city/schema.js';
import { territorialChain } from '../domain/geo/territory.js';
import { TINY_IDS, tinyCity, tinyGridId } from '../domain/testing/tiny-city.js';
import { makeQueryHandlers } from '../http/native/queries.js';
import { cityUnitIdOf, makeTerritoryScope } from '../http/native/territory-scope.js';
import { loadRuntimeCity } from './city.js';
import './city-grids.js';
import {
  addContacts,
  contactsFileOf,
  contactsOnDemand,
  openRuntimeGrids,
  readRuntimeBoundaries,
  readRuntimeCity,
  RecordFile,
  recordFile,
  RuntimeCityError,
  runtimeFileKindsFor,
  runtimeFilesBeside,
  runtimeFilesOf,
  toRuntimeJson,
  unitColumnsOf,
  RUNTIME_FILES_VERSION,
  unitsOfColumns,
  withBoundaries,
  writeRuntimeFiles,
  type RuntimeFiles,
} from './runtime-city.js';
import { unitsOnDemandOf } from './units-on-demand.js';

const city = tinyCity();
const withoutBoundary = (units: readonly OrgUnit[]): OrgUnit[] => units.map(({ boundary: _boundary, ...rest }) => rest);
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'civic-city-'));

/** Writes a city's runtime files in a fresh folder; returns the runtime city file's path. */
function written(files: RuntimeFiles): string {
  const cityFile = join(freshDir(), 'city.json');
  writeRuntimeFiles(files, cityFile);
  return cityFile;
}

describe('the runtime city files', () => {
  const files = runtimeFilesOf(city, 'abc');
  const cityFile = written(files);
  const paths = runtimeFilesBeside(cityFile);

  it('go beside a function only where it reads them: contacts where it notifies, the grids and areas where it locates or draws', () => {
    expect(runtimeFileKindsFor([])).toEqual([]);
    expect(runtimeFileKindsFor(['tableRead', 'city'])).toEqual(['city']);
    expect(runtimeFileKindsFor(['city', 'notify'])).toEqual(['city', 'contacts']);
    expect(runtimeFileKindsFor(['city', 'boundaries'])).toEqual(['city', 'grids', 'areas']);
    expect(runtimeFileKindsFor(['city', 'notify', 'boundaries'])).toEqual(['city', 'contacts', 'grids', 'areas']);
  });

  it('hold the parsed city: without boundaries or contacts in one, the boundaries and contacts in others, nothing lost', () => {
    const read = readRuntimeCity(cityFile);
    expect(read.sourceSha256).toBe('abc');
    expect(read.city.units.some((unit) => unit.boundary)).toBe(false);
    addContacts(read.city, paths.contacts, 'abc');
    const grids = openRuntimeGrids(paths.grids, 'abc', read.city.units);
    expect(grids.index.size).toBeGreaterThan(0);
    const areas = readRuntimeBoundaries(paths.areas, 'abc').boundaries;
    expect(withBoundaries(read.city, { ...grids.boundaries(), ...areas })).toEqual(city);
  });

  it('give a context that routes and locates as the full one does, reading the boundaries only when asked', () => {
    const full = createCityContext(city);
    const runtime = loadRuntimeCity(cityFile);
    expect(runtime.context.routing.unitsById.size).toBe(full.routing.unitsById.size);
    const box = full.grids.bbox!;
    for (let i = 0; i < 200; i++) {
      const point = { lon: box[0] + ((box[2] - box[0]) * ((i * 37) % 101)) / 100, lat: box[1] + ((box[3] - box[1]) * ((i * 53) % 101)) / 100 };
      expect(runtime.context.routing.grids.locate(point), JSON.stringify(point)).toBe(full.grids.locate(point));
      expect(runtime.context.grids.contains(point)).toBe(full.grids.contains(point));
    }
    expect(runtime.context.grids.bbox).toEqual(full.grids.bbox);
    for (const unit of city.units.filter((u) => u.level === 'grid')) expect(runtime.context.grids.bboxOfGrid(unit.id)).toEqual(full.grids.bboxOfGrid(unit.id));
    // The extent, written beside the configuration, is the index's box without reading the grids file.
    expect(runtime.extent).toEqual(full.grids.bbox);
    // The calendar is built on first use, and answers as the full context's does.
    const { calendar } = runtime.context;
    expect([calendar.timeZone, calendar.workingDayMs]).toEqual([full.calendar.timeZone, full.calendar.workingDayMs]);
    for (let t = Date.parse('2026-01-29T07:13:00Z'); t < Date.parse('2026-02-25T00:00:00Z'); t += 9.7 * 3600_000) {
      expect(calendar.dueAt(t, { amount: 3, unit: 'workingDays' })).toBe(full.calendar.dueAt(t, { amount: 3, unit: 'workingDays' }));
      expect(calendar.between(t, t + 50 * 3600_000, 'working')).toBe(full.calendar.between(t, t + 50 * 3600_000, 'working'));
      expect(calendar.isWorkingMoment(t)).toBe(full.calendar.isWorkingMoment(t));
    }
    runtime.withContacts();
    expect(runtime.withBoundaries()).toEqual(city);
    // One layer at a time, for its outlines: the same units, with the same boundaries.
    for (const level of LEVELS) expect(runtime.unitsWithBoundaries(level), level).toEqual(city.units.filter((unit) => unit.level === level));
  });

  it('decode at cold start no unit but those looked up, and every unit only when `city.units` is read', () => {
    const full = createCityContext(city);
    const { context } = loadRuntimeCity(cityFile);
    const onDemand = unitsOnDemandOf(context.city)!;
    const everyUnit = vi.spyOn(onDemand as unknown as { everyUnit: () => OrgUnit[] }, 'everyUnit');
    // What the functions that show or act on a case, and the boards, do at cold start and per request.
    new CaseService({ store: {} as never, workflow: {} as never, clock: { now: () => 0 }, city: context });
    makeQueryHandlers({ store: {} as never, city: context, clock: { now: () => 0 } });
    const scope = makeTerritoryScope(context);
    expect(cityUnitIdOf(context)).toBe(cityUnitIdOf(full));
    const grid = city.units.find((unit) => unit.level === 'grid')!;
    const chain = (units: ReadonlyMap<string, OrgUnit>) => territorialChain(units, grid.id).map(({ id, level, name, parentId }) => ({ id, level, name, parentId }));
    expect(chain(context.routing.unitsById)).toEqual(chain(full.routing.unitsById));
    expect(scope.within(grid.id, grid.parentId)).toBe(true);
    expect(context.routing.unitsById.has('nowhere')).toBe(false);
    // Intake locates points in grids at cold start: the index names its grids without making the units.
    expect(context.grids.size).toBe(full.grids.size);
    expect(everyUnit).not.toHaveBeenCalled();
    expect(context.city.units).toHaveLength(city.units.length);
    expect(everyUnit).toHaveBeenCalledTimes(1);
  });

  it('are ASCII, however the names are written, and read back the same', () => {
    expect(readFileSync(paths.city, 'utf8')).toMatch(/^[ -~]*$/);
    expect(city.units.some((unit) => /[^ -~]/.test(unit.name.zh))).toBe(true);
    expect(readRuntimeCity(paths.city).city.units.map((unit) => unit.name)).toEqual(city.units.map((unit) => unit.name));
    // A file written as UTF-8 (by hand, by a test) is read as such.
    const utf8 = join(freshDir(), 'utf8.json');
    writeFileSync(utf8, JSON.stringify(files.city));
    expect(readRuntimeCity(utf8).city.units.map((unit) => unit.name)).toEqual(city.units.map((unit) => unit.name));
    // The record files: an ASCII header line and ASCII records around the binary blocks and offsets.
    for (const path of [paths.contacts, paths.grids]) {
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, bytes.indexOf(10)).toString('latin1')).toMatch(/^\{[ -~]*\}$/);
      const file = RecordFile.open(path, path === paths.contacts ? 'contacts' : 'grids', String(JSON.parse(bytes.subarray(0, bytes.indexOf(10)).toString()).format), 'abc');
      expect(bytes.subarray(bytes.length - 2000).toString('latin1')).toMatch(/^[\n -~]*$/);
      expect(file.records()).toHaveLength(file.count);
      file.close();
    }
  });

  it('leave the contacts out until asked for, and any use of them before fails by name', () => {
    const runtime = loadRuntimeCity(cityFile);
    const unit = runtime.context.city.units.find((u) => u.head)!;
    expect(() => unit.contacts.email).toThrow(/did not load the units' contacts .*withContacts\(\)/);
    expect(() => unit.head?.name).toThrow(RuntimeCityError);
    expect(() => JSON.stringify(unit)).toThrow(RuntimeCityError);
    // Units without a head still have none.
    expect(runtime.context.city.units.filter((u) => u.head).length).toBe(city.units.filter((u) => u.head).length);
    runtime.withContacts();
    expect(runtime.context.city.units).toEqual(withoutBoundary(city.units));
    expect(JSON.parse(JSON.stringify(runtime.context.city.units))).toEqual(JSON.parse(JSON.stringify(withoutBoundary(city.units))));
  });

  it('read a unit\'s contacts from its own record, only when they are used', () => {
    // Unit 2's record damaged: only a use of unit 2's contacts notices.
    const records = city.units.map(({ contacts, head }, i) => (i === 2 ? '{"contacts": #' : toRuntimeJson(head ? { contacts, head } : { contacts })));
    const path = written({ ...files, contacts: recordFile({ format: 'civic-loop/runtime-contacts@2', sourceSha256: 'abc' }, [], records) });
    const runtime = loadRuntimeCity(path);
    runtime.withContacts();
    const units = runtime.context.city.units;
    // Holding the objects (as the notices' address book does) and testing for a head read nothing.
    const held = units.map((unit) => ({ contacts: unit.contacts, head: unit.head ? unit.head : undefined }));
    expect(held.filter((party) => party.head).length).toBe(city.units.filter((unit) => unit.head).length);
    expect(units[0]!.contacts).toEqual(city.units[0]!.contacts);
    expect(units[0]!.head).toEqual(city.units[0]!.head);
    expect({ ...units[3]!.contacts }).toEqual(city.units[3]!.contacts);
    expect(() => units[2]!.contacts.sms).toThrow(/contacts\.bin is damaged \(record 2: /);
  });

  it('refuse a contacts file of another city, or of another list of units', () => {
    const other = written({ ...files, contacts: runtimeFilesOf(city, 'def').contacts });
    expect(() => loadRuntimeCity(other).withContacts()).toThrow(/not the contacts file of the city abc/);
    const fewer = written({ ...files, contacts: recordFile({ format: 'civic-loop/runtime-contacts@2', sourceSha256: 'abc' }, [], city.units.slice(1).map(({ contacts }) => toRuntimeJson({ contacts }))) });
    expect(() => loadRuntimeCity(fewer).withContacts()).toThrow(/has the contacts of \d+ units, the city \d+/);
  });

  it('refuse a grids file of another city', () => {
    const other = written({ ...files, grids: runtimeFilesOf(city, 'def').grids });
    expect(() => loadRuntimeCity(other).context.grids).toThrow(/not the grids file of the city abc/);
  });

  it('name a file that is damaged, cut short or not one of theirs', () => {
    const cases: [Partial<Record<keyof RuntimeFiles, string | Uint8Array>>, (path: string) => unknown, RegExp][] = [
      [{ city: JSON.stringify(city) }, readRuntimeCity, /is not a runtime city file \(civic-loop\/runtime-city@6\); deploy with the CDK app/],
      [{ city: toRuntimeJson({ ...files.city, format: 'civic-loop/runtime-city@5' }) }, readRuntimeCity, /is not a runtime city file/],
      [{ city: toRuntimeJson(files.city).slice(0, 5000) }, readRuntimeCity, /cannot read .*city\.json/],
      [{ city: toRuntimeJson({ ...files.city, city: { ...files.city.city, units: { ...files.city.city.units, tails: '' } } }) }, readRuntimeCity, /city\.json is damaged: the units' columns do not fit together/],
      [{ city: toRuntimeJson({ ...files.city, city: { ...files.city.city, units: { ...files.city.city.units, parent: files.city.city.units.parent.map(() => 9999) } } }) }, readRuntimeCity, /is damaged: unit 0 names a parent at 9999/],
      [{ contacts: files.contacts.subarray(0, files.contacts.length - 10) }, (path) => loadRuntimeCity(path).withContacts(), /contacts\.bin is damaged \(\d+ bytes where its records end at \d+\)/],
      [{ contacts: files.contacts.subarray(0, files.contacts.indexOf(10) + 10) }, (path) => loadRuntimeCity(path).withContacts(), /contacts\.bin is damaged \(it ends before its records\)/],
      [{ contacts: 'garbage' }, (path) => loadRuntimeCity(path).withContacts(), /contacts\.bin is not the contacts file of the city abc/],
      [{ contacts: '' }, (path) => loadRuntimeCity(path).withContacts(), /is not the contacts file/],
      [{ grids: files.grids.subarray(0, files.grids.length - 1) }, (path) => loadRuntimeCity(path).context.grids, /grids\.bin is damaged/],
      [{ grids: toRuntimeJson({ format: 'civic-loop/runtime-grids@1', sourceSha256: 'abc' }) }, (path) => loadRuntimeCity(path).context.grids, /grids\.bin is not the grids file of the city abc/],
    ];
    for (const [replaced, read, error] of cases) {
      const path = written(files);
      const beside = runtimeFilesBeside(path);
      for (const [kind, content] of Object.entries(replaced)) writeFileSync(beside[kind as keyof RuntimeFiles], content);
      expect(() => read(path), error.source).toThrow(RuntimeCityError);
      expect(() => read(path), error.source).toThrow(error);
    }
    const missing = join(freshDir(), 'city.json');
    writeRuntimeFiles(files, missing, ['city']);
    expect(() => loadRuntimeCity(missing).withContacts()).toThrow(/cannot read .*city\.contacts\.bin/);
    expect(() => loadRuntimeCity(missing).context.grids).toThrow(/cannot read .*city\.grids\.bin/);
  });

  it("refuses the grids by name where the function's entry did not ask for them (functions/aws/city-grids.ts)", async () => {
    const path = written(runtimeFilesOf(tinyCity(), 'abc'));
    vi.resetModules();
    const bare = await import('./city.js');
    const { context } = bare.loadRuntimeCity(path);
    expect(() => context.grids).toThrow(/not built to read the city's grids; an entry that locates points imports functions\/aws\/city-grids\.ts/);
    expect(() => context.routing.grids).toThrow(/not built to read the city's grids/);
    // Everything else is there: a unit, the calendar.
    expect(context.routing.unitsById.get(tinyGridId(TINY_IDS.communities.tieta, 1))?.level).toBe('grid');
    // The opener is read when the grids are first opened: a city loaded before city-grids.ts was evaluated gets them too.
    await import('./city-grids.js');
    expect(context.grids.locate({ lon: 114.3025, lat: 34.7825 })).toBe(tinyGridId(TINY_IDS.communities.tieta, 1));
    expect(bare.loadRuntimeCity(path).context.routing.grids.locate({ lon: 114.3025, lat: 34.7825 })).toBe(tinyGridId(TINY_IDS.communities.tieta, 1));
  });

  it('name the file and what is wrong when its first record is misplaced, or it is cut short while open', () => {
    const path = written(files);
    const contacts = Buffer.from(files.contacts);
    const offsetsAt = contacts.indexOf(10) + 1;
    const shifted = Buffer.from(contacts);
    shifted.writeUInt32LE(1, offsetsAt);
    writeFileSync(runtimeFilesBeside(path).contacts, shifted);
    expect(() => loadRuntimeCity(path).withContacts()).toThrow(/contacts\.bin is damaged \(its first record starts at 1, not at 0\)/);
    writeFileSync(runtimeFilesBeside(path).contacts, contacts);
    const runtime = loadRuntimeCity(path);
    runtime.withContacts();
    // The file loses its records after the function opened it: the first unit read names the file.
    writeFileSync(runtimeFilesBeside(path).contacts, contacts.subarray(0, offsetsAt + 4 * (city.units.length + 1)));
    expect(() => runtime.context.routing.unitsById.get(city.units[0]!.id)!.contacts.email).toThrow(/contacts\.bin is damaged \(it ends \d+ bytes early\)/);
  });

  it('close a damaged grids file when it is refused, however often a request asks for the index', () => {
    const path = written(files);
    const grids = Buffer.from(files.grids);
    const header = grids.subarray(0, grids.indexOf(10)).toString('latin1');
    expect(header).toContain('"unbounded":[]');
    // Same length, so the blocks and records stay where the header says: only the list of unbounded grids is bad.
    writeFileSync(runtimeFilesBeside(path).grids, Buffer.concat([Buffer.from(header.replace('"unbounded":[]', '"unbounded":5 '), 'latin1'), grids.subarray(header.length)]));
    const runtime = loadRuntimeCity(path);
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    for (let i = 0; i < 40; i++) expect(() => runtime.context.grids).toThrow(/grids\.bin is damaged \(no list of unbounded grids\)/);
    expect(openFiles()).toBeLessThan(before + 5);
  });

  it('name a damaged boundary when a point first needs it', () => {
    const grids = Buffer.from(files.grids);
    // The last record is the last boundary: break its JSON without moving anything.
    grids[grids.length - 3] = '#'.charCodeAt(0);
    const path = written({ ...files, grids });
    const runtime = loadRuntimeCity(path);
    expect(runtime.context.grids.size).toBeGreaterThan(0);
    expect(() => runtime.unitsWithBoundaries('grid')).toThrow(/grids\.bin is damaged \(record \d+: /);
  });

  it('give a working calendar from the holidays resolved at synth that answers every day of the covered years as the source does', () => {
    for (const calendar of [city.calendar, { ...city.calendar, overrides: [{ date: '2026-10-08', kind: 'workday' as const }, { date: '2027-02-01', kind: 'holiday' as const }] }, { ...city.calendar, holidaySource: 'weekendsOnly' as const }]) {
      const variant: CityConfig = { ...city, calendar };
      const path = written(runtimeFilesOf(variant, 'abc'));
      const runtime = loadRuntimeCity(path);
      const direct = createWorkingCalendar(calendar);
      const { holidays } = readRuntimeCity(path);
      expect(holidayCoverageOf(calendar, holidays.sourceYears)).toEqual(holidayCoverage(calendar));
      const years = [...holidayCoverage(calendar).sourceYears, 2026, 2027];
      for (let day = dayNumberOf(`${Math.min(...years) - 1}-01-01`); day < dayNumberOf(`${Math.max(...years) + 2}-01-01`); day++) {
        const date = isoDateOf(day);
        expect(runtime.context.calendar.isWorkingDay(date), date).toBe(direct.isWorkingDay(date));
      }
    }
  });
});

describe('the runtime files made at synth (infra/city-artifact.ts)', () => {
  it('are made once per city, formats and holiday schedules, and read back whole from the cache', () => {
    const dir = freshDir();
    const cityFile = join(dir, 'tiny.json');
    writeFileSync(cityFile, JSON.stringify(city));
    const made = prepareCity(cityFile, join(dir, 'cache'));
    expect(made.runtimeFiles.city).toMatch(new RegExp(`city-${made.sha256.slice(0, 32)}-${RUNTIME_FILES_VERSION.replaceAll('.', '\\.')}-${holidaySourceDigest()}\\.json$`));
    expect(Object.values(made.runtimeFiles).every((path) => existsSync(path))).toBe(true);
    const cached = prepareCity(cityFile, join(dir, 'cache'));
    expect(cached.runtimeFiles).toEqual(made.runtimeFiles);
    // From the cache, the synth gets every unit's contacts (it makes a topic per address), boundaries aside.
    expect(cached.city).toEqual({ ...city, units: withoutBoundary(city.units) });
    expect(JSON.stringify(cached.city.units)).toBe(JSON.stringify(withoutBoundary(city.units)));
  });
});

describe('the units in columns', () => {
  const STAND_IN = Object.freeze({}) as Parameters<typeof unitsOfColumns>[1];
  const unitsOf = (units: readonly OrgUnit[]): OrgUnit[] => unitsOfColumns(JSON.parse(toRuntimeJson(unitColumnsOf(units))) as ReturnType<typeof unitColumnsOf>, STAND_IN);

  it('read back as the units they were made from, in any order, whatever their names', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '-', ',', ' ', '网', '格', '\u{1F600}', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.shuffledSubarray(city.units, { minLength: 1 }), fc.array(fc.tuple(text, text, fc.boolean(), fc.boolean()), { minLength: city.units.length, maxLength: city.units.length }), (picked, extras) => {
        // Names and ids that do and do not begin with the parent's, parents before and after their children.
        const ids = new Set(picked.map((unit) => unit.id));
        const units = picked.map((unit, i): OrgUnit => {
          const [zh, en, kind, head] = extras[i]!;
          const { boundary: _boundary, contacts: _contacts, head: _head, parentId, kind: _kind, ...rest } = unit;
          return {
            ...rest,
            name: { zh: `${unit.name.zh}${zh}`, en: i % 3 === 0 ? en : `${unit.name.en}${en}` },
            ...(parentId !== undefined && ids.has(parentId) ? { parentId } : {}),
            ...(kind && unit.kind ? { kind: unit.kind } : {}),
            contacts: { email: [], sms: [] },
            ...(head ? { head: { name: '' } } : {}),
          };
        });
        const back = unitsOf(units);
        expect(back).toEqual(units.map((unit) => ({ ...unit, contacts: STAND_IN, ...(unit.head ? { head: STAND_IN } : {}) })));
        back.forEach((unit, i) => {
          expect(unit.contacts).toBe(STAND_IN);
          expect(unit.head).toBe(units[i]!.head ? STAND_IN : undefined);
        });
        back.forEach((unit, i) => expect(Object.keys(unit)).toEqual(Object.keys(units[i]!).filter((key) => key !== 'boundary')));
      }),
      { numRuns: 80 },
    );
  });

  it('take what follows the parent\'s id and names, and are much smaller than the units as objects', () => {
    const columns = unitColumnsOf(city.units);
    const grid = city.units.findIndex((unit) => unit.level === 'grid' && unit.parentId !== undefined && unit.id.startsWith(unit.parentId));
    expect(columns.id[grid]!.length).toBeLessThan(city.units[grid]!.id.length);
    expect(toRuntimeJson(columns).length).toBeLessThan(toRuntimeJson(withoutBoundary(city.units)).length / 2);
    expect(() => unitColumnsOf([{ ...city.units[1]!, parentId: 'nowhere' }])).toThrow(/names a parent nowhere that is no unit/);
  });
});

describe('reading by position', () => {
  const anyText = fc.string({ unit: fc.constantFrom('a', 'Z', '"', '\\', '\n', '网', '\u{1F600}'), maxLength: 8 });
  const contactsOf = fc.record({ email: fc.array(anyText.map((t) => `${t}@x.example`), { maxLength: 2 }), sms: fc.array(fc.constantFrom('+8613800000000', '+8613900000001'), { maxLength: 2 }) });
  const headOf = fc.option(fc.record({ name: anyText, title: fc.option(fc.record({ zh: anyText, en: anyText }), { nil: undefined }), phone: fc.option(fc.constant('+8613900000009'), { nil: undefined }) }, { requiredKeys: ['name'] }), { nil: undefined });
  const square = (i: number, size: number): AreaGeometry => ({ type: 'Polygon', coordinates: [[[i, 0], [i + size, 0], [i + size, size], [i, size], [i, 0]]] });

  it('returns each unit\'s contacts and each grid\'s boundary, in any order of asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(contactsOf, headOf, fc.double({ min: 0.1, max: 0.9, noNaN: true })), { minLength: city.units.length, maxLength: city.units.length }),
        fc.array(fc.nat(city.units.length - 1), { maxLength: 30 }),
        (extras, asked) => {
          const units = city.units.map((unit, i): OrgUnit => {
            const [contacts, head, size] = extras[i]!;
            const { head: _head, ...rest } = unit;
            return { ...rest, contacts, ...(head ? { head: JSON.parse(JSON.stringify(head)) as NonNullable<OrgUnit['head']> } : {}), ...(unit.level === 'grid' ? { boundary: square(i, size) } : {}) };
          });
          const variant = { ...city, units };
          const path = written(runtimeFilesOf(variant, 'p'));
          const read = readRuntimeCity(path);
          // Units decoded before the contacts are put in place, between, and (reading `city.units`) after.
          const before = asked.slice(0, 3).map((i) => read.units.get(units[i]!.id)!);
          contactsOnDemand(read.city, contactsFileOf(path), 'p');
          const between = asked.slice(3).map((i) => read.units.get(units[i]!.id)!);
          [...before, ...between].forEach((unit, k) => expect(unit).toBe(read.city.units[asked[k]!]));
          for (const i of [...asked, ...units.keys()]) {
            expect(read.city.units[i]!.contacts).toEqual(units[i]!.contacts);
            expect(read.city.units[i]!.head).toEqual(units[i]!.head);
          }
          const grids = openRuntimeGrids(runtimeFilesBeside(path).grids, 'p', read.city.units);
          for (const i of [...asked, ...units.keys()]) {
            const unit = units[i]!;
            // A point inside grid i's square is located there, which reads its boundary (by position) and no other's.
            if (unit.level === 'grid') expect(grids.index.locate({ lon: i + 0.05, lat: 0.05 })).toBe(unit.id);
          }
          expect(grids.boundaries()).toEqual(Object.fromEntries(units.filter((unit) => unit.level === 'grid').map((unit) => [unit.id, unit.boundary])));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('holds records of any length, blocks of any bytes, and refuses records that are not ASCII', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3 }), fc.array(fc.jsonValue(), { maxLength: 40 }), (blocks, values) => {
        const path = join(freshDir(), 'f.bin');
        writeFileSync(path, recordFile({ format: 'test@1', sourceSha256: 's' }, blocks, values.map((value) => toRuntimeJson(value ?? null))));
        const file = RecordFile.open(path, 'test', 'test@1', 's');
        blocks.forEach((block, k) => expect(file.block(k)).toEqual(new Uint8Array(block)));
        // JSON.stringify turns -0 into 0: compare as written.
        const expected = values.map((value) => JSON.parse(JSON.stringify(value ?? null)) as unknown);
        for (let i = values.length - 1; i >= 0; i--) expect(file.record(i)).toEqual(expected[i]);
        expect(file.records()).toEqual(expected);
        expect(() => file.record(values.length)).toThrow(RuntimeCityError);
        file.close();
      }),
      { numRuns: 100 },
    );
    expect(() => recordFile({ format: 'test@1' }, [], ['"网"'])).toThrow(/must be ASCII/);
  });
});

describe('the Lambda side of the runtime city', () => {
  it('bundles without the holiday source: the synth resolved the holidays', async () => {
    const entry = fileURLToPath(new URL('./city.ts', import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, metafile: true, outdir: 'out', logLevel: 'silent' });
    const inputs = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
    expect(inputs.some((path) => path.endsWith('functions/aws/runtime-city.ts'))).toBe(true);
    expect(inputs.filter((path) => /chinese-days|holiday-source|working-calendar\.ts/.test(path))).toEqual([]);
  });

});
