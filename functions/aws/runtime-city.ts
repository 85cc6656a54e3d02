/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need in four files:
 *
 * - `city.json`: the parsed configuration with its defaults filled in, without any boundary, and without
 *   the units' contacts and heads, and the city's extent (the box around its grids). Every function that
 *   reads the city parses it at cold start, as JSON it can trust, with no validation.
 * - `city.contacts.json`: each unit's contacts and head, in the order of the units. Only the functions
 *   that send notices read it (`withContacts` in `city.ts`); in the others a unit's `contacts` (and
 *   `head`, where it has one) is a stand-in that throws when read, so code that reaches for a contact in a
 *   function not built to notify fails by name instead of finding nobody to tell.
 * - `city.grids.json`: the grid index, prepared at synth (`GridIndex.prepared`: ids, boxes, flatbush's
 *   packed tree), and each grid's boundary as JSON text, parsed only when a point falls in its box. The
 *   functions that locate points read it (at cold start or when they first need to) without computing a
 *   box, building a tree or parsing thousands of polygons.
 * - `city.areas.json`: the other units' boundaries (communities, subdistricts, ...), read only to draw
 *   outlines.
 *
 * Boundaries are most of a city's bytes (the demo city: 1.6 of 4.2 MB, 1.0 of it grids) and indexing the
 * grids is most of its set-up, so a function that never locates anything pays for neither, and one that
 * locates does not parse the outlines of communities. Of the rest, the demo city's 8,075 units are 2.2 MB,
 * 0.9 MB of it contacts and heads, which only the three functions that send notices use.
 *
 * The files are written as ASCII (`toRuntimeJson`: other characters as \u escapes): Node reads an ASCII
 * file into a one-byte string without decoding UTF-8, and JSON.parse is faster on it. On this machine the
 * cold-start read and parse of the demo city fell from about 105 to about 50 ms of CPU with both changes.
 */
import { isAscii } from 'node:buffer';
import { copyFileSync, readFileSync } from 'node:fs';
import type { AreaGeometry, CityConfig, OrgUnit } from '../domain/city/schema.js';
import { GridIndex } from '../domain/geo/grid-index.js';
import type { BBox } from '../domain/geo/types.js';
import type { Resource } from './entry-points.js';

// @4: the units' contacts in a file of their own (the cache of runtime files is keyed by this version).
// @5: the city's extent in city.json.
export const RUNTIME_CITY_FORMAT = 'civic-loop/runtime-city@5';
export const RUNTIME_CONTACTS_FORMAT = 'civic-loop/runtime-contacts@1';
export const RUNTIME_BOUNDARIES_FORMAT = 'civic-loop/runtime-boundaries@1';
export const RUNTIME_GRIDS_FORMAT = 'civic-loop/runtime-grids@1';

/** A unit as `city.json` holds it: no boundary, no contacts, and `head: 0` where the unit has a head. */
export type LeanUnit = Omit<OrgUnit, 'boundary' | 'contacts' | 'head'> & { head?: 0 };

export interface RuntimeCityFile {
  format: typeof RUNTIME_CITY_FORMAT;
  /** SHA-256 of the city file it was made from, to tell which configuration a function runs. */
  sourceSha256: string;
  city: Omit<CityConfig, 'units'> & { units: LeanUnit[] };
  /**
   * The box around the city's grids (`GridIndex.bbox`; null without bounded grids): the directory names
   * it on every answer, and would otherwise read the grids file (1.8 MB for the demo city) and build the
   * index for it.
   */
  extent: BBox | null;
}

/** The city of a runtime file, its units' contacts either in place or stand-ins that throw when read. */
export interface LoadedRuntimeCity {
  sourceSha256: string;
  city: CityConfig;
  extent: BBox | undefined;
}

export interface RuntimeContactsFile {
  format: typeof RUNTIME_CONTACTS_FORMAT;
  sourceSha256: string;
  /** Unit i's contacts and head (when it has one), in the order of `city.units`. */
  units: Pick<OrgUnit, 'contacts' | 'head'>[];
}

export interface RuntimeBoundariesFile {
  format: typeof RUNTIME_BOUNDARIES_FORMAT;
  sourceSha256: string;
  boundaries: Record<string, AreaGeometry>;
}

/** The grid index as `GridIndex.fromPrepared` takes it, with the boundaries as JSON text in the index's order. */
export interface RuntimeGridsFile {
  format: typeof RUNTIME_GRIDS_FORMAT;
  sourceSha256: string;
  ids: string[];
  boxes: number[];
  unbounded: string[];
  /** flatbush's packed tree, base64; null for a city without bounded grids. */
  tree: string | null;
  /** `JSON.stringify` of the boundary of grid `ids[i]`. */
  boundaries: string[];
}

export interface RuntimeFiles {
  city: RuntimeCityFile;
  contacts: RuntimeContactsFile;
  grids: RuntimeGridsFile;
  areas: RuntimeBoundariesFile;
}

export function runtimeFilesOf(city: CityConfig, sourceSha256: string): RuntimeFiles {
  const grids: Record<string, AreaGeometry> = {};
  const areas: Record<string, AreaGeometry> = {};
  const contacts: RuntimeContactsFile['units'] = [];
  const units = city.units.map(({ boundary, contacts: unitContacts, head, ...unit }): LeanUnit => {
    if (boundary) (unit.level === 'grid' ? grids : areas)[unit.id] = boundary;
    contacts.push(head ? { contacts: unitContacts, head } : { contacts: unitContacts });
    return head ? { ...unit, head: 0 } : unit;
  });
  const index = GridIndex.fromUnits(city.units);
  return {
    city: { format: RUNTIME_CITY_FORMAT, sourceSha256, city: { ...city, units }, extent: index.bbox ?? null },
    contacts: { format: RUNTIME_CONTACTS_FORMAT, sourceSha256, units: contacts },
    grids: runtimeGridsOf(index, grids, sourceSha256),
    areas: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries: areas },
  };
}

/** JSON as the runtime files are written: ASCII only, every other character as a \\u escape. */
export const toRuntimeJson = (value: unknown): string => JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Every runtime file that goes with a runtime city file, by kind. */
export const runtimeFilesBeside = (cityFile: string): Record<keyof RuntimeFiles, string> => ({
  city: cityFile,
  contacts: contactsFileOf(cityFile),
  grids: gridsFileOf(cityFile),
  areas: areasFileOf(cityFile),
});

function runtimeGridsOf(index: GridIndex, boundaries: Record<string, AreaGeometry>, sourceSha256: string): RuntimeGridsFile {
  const prepared = index.prepared();
  const tree = prepared.tree === undefined ? null : Buffer.from(new Uint8Array(prepared.tree)).toString('base64');
  const texts = prepared.ids.map((id) => JSON.stringify(boundaries[id]));
  return { format: RUNTIME_GRIDS_FORMAT, sourceSha256, ids: [...prepared.ids], boxes: prepared.ids.flatMap((id) => index.bboxOfGrid(id) ?? []), unbounded: [...prepared.unbounded], tree, boundaries: texts };
}

/**
 * The runtime files a function gets beside its bundle: none unless it reads the city, and the contacts
 * only if it sends notices (the one use of them, `withContacts`).
 */
export function runtimeFileKindsFor(uses: readonly Resource[]): (keyof RuntimeFiles)[] {
  if (!uses.includes('city')) return [];
  return uses.includes('notify') ? ['city', 'contacts', 'grids', 'areas'] : ['city', 'grids', 'areas'];
}

/** Copies the runtime files of the given kinds so that `cityFile` is the runtime city file, the rest beside it. */
export function copyRuntimeFiles(from: Record<keyof RuntimeFiles, string>, cityFile: string, kinds: readonly (keyof RuntimeFiles)[]): void {
  const to = runtimeFilesBeside(cityFile);
  for (const kind of kinds) copyFileSync(from[kind], to[kind]);
}

/** The files of contacts and boundaries that go with a runtime city file. */
export const contactsFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.contacts.json');
export const gridsFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.grids.json');
export const areasFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.areas.json');

export class RuntimeCityError extends Error {
  override readonly name = 'RuntimeCityError';
}

function readJson(path: string): Record<string, unknown> {
  try {
    const bytes = readFileSync(path);
    // An ASCII file (as synth writes them) becomes a one-byte string with no UTF-8 decoding; any other
    // (a file written by hand or by a test) is read as UTF-8.
    return JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeCityError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * What a unit's `contacts` and `head` are in a function that did not read the contacts file: any use,
 * even printing it, throws and says how to give the function its contacts.
 */
const CONTACTS_NOT_LOADED = new Proxy(Object.freeze({}), {
  get(_target, key) {
    throw new RuntimeCityError(
      `this function did not load the units' contacts (reading ${String(key)}): a function that sends notices calls withContacts() (functions/aws/city.ts) at cold start`,
    );
  },
}) as OrgUnit['contacts'] & NonNullable<OrgUnit['head']>;

/** The city of a runtime city file, its units' contacts stand-ins until `addContacts` puts them in place. */
export function readRuntimeCity(path: string): LoadedRuntimeCity {
  const parsed = readJson(path);
  // The one check left: that this is the file synth wrote, not a raw city file copied by hand.
  if (parsed.format !== RUNTIME_CITY_FORMAT || !parsed.city) {
    throw new RuntimeCityError(`${path} is not a runtime city file (${RUNTIME_CITY_FORMAT}); deploy with the CDK app, which writes it from the validated city file`);
  }
  const file = parsed as unknown as RuntimeCityFile;
  // In place, in one pass: the lean units become the configuration's units, with the stand-ins.
  const units = file.city.units as unknown as OrgUnit[];
  for (const unit of units) {
    unit.contacts = CONTACTS_NOT_LOADED;
    if ((unit as { head?: unknown }).head === 0) unit.head = CONTACTS_NOT_LOADED;
  }
  return { sourceSha256: file.sourceSha256, city: file.city as unknown as CityConfig, extent: file.extent ?? undefined };
}

/** Puts each unit's contacts and head in place, from the contacts file beside the runtime city file. */
export function addContacts(city: CityConfig, path: string, sourceSha256: string): void {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_CONTACTS_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the contacts file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  const { units: contacts } = parsed as unknown as RuntimeContactsFile;
  if (contacts.length !== city.units.length) throw new RuntimeCityError(`${path} has the contacts of ${contacts.length} units, the city ${city.units.length}`);
  city.units.forEach((unit, i) => {
    const { contacts: unitContacts, head } = contacts[i] as RuntimeContactsFile['units'][number];
    unit.contacts = unitContacts;
    if (head) unit.head = head;
  });
}

export function readRuntimeBoundaries(path: string, sourceSha256: string): RuntimeBoundariesFile {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_BOUNDARIES_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the boundaries file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  return parsed as unknown as RuntimeBoundariesFile;
}

export function readRuntimeGrids(path: string, sourceSha256: string): RuntimeGridsFile {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_GRIDS_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the grids file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  return parsed as unknown as RuntimeGridsFile;
}

/**
 * The grid index of a grids file, its boundaries parsed on first use each, and every boundary by id (for
 * the outlines) when asked.
 */
export function gridIndexOf(file: RuntimeGridsFile): { index: GridIndex; boundaries: () => Record<string, AreaGeometry> } {
  const parsed: (AreaGeometry | undefined)[] = new Array<AreaGeometry | undefined>(file.ids.length);
  const geometryOf = (i: number): AreaGeometry => (parsed[i] ??= JSON.parse(file.boundaries[i] as string) as AreaGeometry);
  // A fresh, aligned copy: flatbush reads the tree through typed arrays over the buffer.
  const tree = file.tree === null ? undefined : new Uint8Array(Buffer.from(file.tree, 'base64')).buffer;
  const index = GridIndex.fromPrepared({ ids: file.ids, boxes: file.boxes, unbounded: file.unbounded, tree }, geometryOf);
  return { index, boundaries: () => Object.fromEntries(file.ids.map((id, i) => [id, geometryOf(i)])) };
}

/** The configuration with its boundaries back in place, for what draws outlines. */
export const withBoundaries = (city: CityConfig, boundaries: Record<string, AreaGeometry>): CityConfig => ({
  ...city,
  units: city.units.map((unit) => (boundaries[unit.id] ? { ...unit, boundary: boundaries[unit.id] } : unit)),
});
