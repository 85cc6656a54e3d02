/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need in four files:
 *
 * - `city.json`: the parsed configuration with its defaults filled in, without any boundary, and without
 *   the units' contacts and heads; the units in columns (`UnitColumns`); the city's extent (the box around
 *   its grids); and the working calendar's holidays resolved from the holiday source and the overrides.
 *   Every function that reads the city parses it at cold start, as JSON it can trust, with no validation,
 *   and decodes a unit from the columns when it first looks it up (`units-on-demand.ts`).
 * - `city.contacts.bin`: each unit's contacts and head, one record per unit, in the order of the units,
 *   read by position (`RecordFile`). Only the functions that send notices read it (`withContacts` in
 *   `city.ts`), and only the records of the units they write to; in the others a unit's `contacts` (and
 *   `head`, where it has one) is a stand-in that throws when read, so code that reaches for a contact in a
 *   function not built to notify fails by name instead of finding nobody to tell.
 * - `city.grids.bin`: the grid index, prepared at synth (flatbush's packed tree as bytes, which holds every
 *   grid's box, and which unit each grid is), and each grid's boundary as a record, read and parsed only
 *   when a point falls in its box. The functions that locate points read the tree (at cold start or when
 *   they first need to) without computing a box, building a tree or reading a polygon.
 * - `city.areas.json`: the other units' boundaries (communities, subdistricts, ...), read only to draw
 *   outlines.
 *
 * What a cold start costs on the bench machine is mostly memory: every byte read and every string and
 * object made, which the young generation's collector copies again, since all of it lives on (the collector
 * is a third of the CPU of reading `city.json`). So the files hold nothing a function does not need at cold
 * start, in the form it reads first: the demo city's units were 1.5 MB of `city.json` as objects and are
 * 0.4 MB as columns (reading the file and making the units: ~88 ms of CPU in a fresh process before, ~75
 * after); its grid index was 1.8 MB of JSON (ids, boxes, the tree in base64, every boundary as a JSON
 * string) and is a 0.3 MB tree read straight into a buffer (~40 ms and a tree built, now ~10); its contacts
 * were 1.2 MB parsed whole by each function that notifies (~60 ms), and are read one unit at a time.
 *
 * The files are written as ASCII (`toRuntimeJson`: other characters as \u escapes): Node reads an ASCII
 * file into a one-byte string without decoding UTF-8, and JSON.parse is faster on it.
 */
import { isAscii } from 'node:buffer';
import { closeSync, copyFileSync, fstatSync, openSync, readFileSync, readSync, writeFileSync, renameSync } from 'node:fs';
import type { ResolvedHolidays } from '../domain/calendar/day-kinds.js';
// Only the writer (`runtimeFilesOf`, at synth) resolves holidays: esbuild drops it, and with it the holiday
// source's data, from every function's bundle (runtime-city.test.ts checks).
import { resolveHolidays } from '../domain/calendar/holiday-source.js';
import type { AreaGeometry, CityConfig, OrgUnit } from '../domain/city/schema.js';
import { GridIndex } from '../domain/geo/grid-index.js';
import type { BBox } from '../domain/geo/types.js';
import type { Resource } from './entry-points.js';
import { RuntimeCityError } from './runtime-city-error.js';
import { unitColumnsOf, type UnitColumns } from './unit-columns.js';
import { cityWithUnitsOnDemand, unitsOnDemandOf, UnitsOnDemand } from './units-on-demand.js';

export { RuntimeCityError } from './runtime-city-error.js';
export { unitColumnsOf, unitsOfColumns, type UnitColumns } from './unit-columns.js';

// The cache of runtime files is keyed by all four versions (`RUNTIME_FILES_VERSION`).
// city @4: the units' contacts in a file of their own. @5: the city's extent. @6: the units in columns, and
// the calendar's holidays resolved at synth (no function bundles the holiday source).
export const RUNTIME_CITY_FORMAT = 'civic-loop/runtime-city@6';
// contacts @2: one record per unit, read by position when a unit's contacts are first used.
export const RUNTIME_CONTACTS_FORMAT = 'civic-loop/runtime-contacts@2';
export const RUNTIME_BOUNDARIES_FORMAT = 'civic-loop/runtime-boundaries@1';
// grids @2: the tree as bytes without the boxes it holds, the grids as unit positions, boundaries by position.
export const RUNTIME_GRIDS_FORMAT = 'civic-loop/runtime-grids@2';

/** The versions of the four formats, for naming a set of runtime files (`infra/city-artifact.ts`). */
export const RUNTIME_FILES_VERSION = [RUNTIME_CITY_FORMAT, RUNTIME_CONTACTS_FORMAT, RUNTIME_GRIDS_FORMAT, RUNTIME_BOUNDARIES_FORMAT].map((format) => format.split('@')[1]).join('.');

export interface RuntimeCityFile {
  format: typeof RUNTIME_CITY_FORMAT;
  /** SHA-256 of the city file it was made from, to tell which configuration a function runs. */
  sourceSha256: string;
  city: Omit<CityConfig, 'units'> & { units: UnitColumns };
  /**
   * The box around the city's grids (`GridIndex.bbox`; null without bounded grids): the directory names
   * it on every answer, and would otherwise read the grids file and build the index for it.
   */
  extent: BBox | null;
  /** The calendar's exceptions to the weekend rule, from the holiday source and the city's overrides. */
  holidays: ResolvedHolidays;
}

/** The city of a runtime file, its units' contacts either in place or stand-ins that throw when read. */
export interface LoadedRuntimeCity {
  sourceSha256: string;
  /** Its `units` are decoded all at once when first read (`cityWithUnitsOnDemand`). */
  city: CityConfig;
  /** The same units by id, each decoded when first asked for. */
  units: UnitsOnDemand;
  extent: BBox | undefined;
  holidays: ResolvedHolidays;
}

export interface RuntimeBoundariesFile {
  format: typeof RUNTIME_BOUNDARIES_FORMAT;
  sourceSha256: string;
  boundaries: Record<string, AreaGeometry>;
}

/** A runtime city's files as written: JSON values for the `.json` files, bytes for the record files. */
export interface RuntimeFiles {
  city: RuntimeCityFile;
  /** A `RecordFile`: unit i's `{ contacts, head? }` as record i. */
  contacts: Uint8Array;
  /** A `RecordFile`: blocks the tree and the grids' unit positions, grid i's boundary as record i. */
  grids: Uint8Array;
  areas: RuntimeBoundariesFile;
}

export function runtimeFilesOf(city: CityConfig, sourceSha256: string): RuntimeFiles {
  const grids: Record<string, AreaGeometry> = {};
  const areas: Record<string, AreaGeometry> = {};
  const contacts: string[] = [];
  for (const { boundary, contacts: unitContacts, head, id, level } of city.units) {
    if (boundary) (level === 'grid' ? grids : areas)[id] = boundary;
    contacts.push(toRuntimeJson(head ? { contacts: unitContacts, head } : { contacts: unitContacts }));
  }
  const index = GridIndex.fromUnits(city.units);
  return {
    city: {
      format: RUNTIME_CITY_FORMAT,
      sourceSha256,
      city: { ...city, units: unitColumnsOf(city.units) },
      extent: index.bbox ?? null,
      holidays: resolveHolidays(city.calendar),
    },
    contacts: recordFile({ format: RUNTIME_CONTACTS_FORMAT, sourceSha256 }, [], contacts),
    grids: runtimeGridsOf(index, grids, city.units, sourceSha256),
    areas: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries: areas },
  };
}

/**
 * A runtime file's content as written: JSON as ASCII, every other character as a \\u escape; a record file
 * is bytes already, and comes back as it is.
 */
export function toRuntimeJson<T>(value: T): T extends Uint8Array ? Uint8Array : string;
export function toRuntimeJson(value: unknown): string | Uint8Array {
  if (value instanceof Uint8Array) return value;
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes the runtime files of the given kinds so that `cityFile` is the runtime city file, the rest beside
 * it; each under a temporary name and renamed, the city file last, so a writer killed half-way never leaves
 * a set that looks complete.
 */
export function writeRuntimeFiles(files: RuntimeFiles, cityFile: string, kinds: readonly (keyof RuntimeFiles)[] = ['contacts', 'grids', 'areas', 'city']): void {
  const paths = runtimeFilesBeside(cityFile);
  for (const kind of [...kinds].sort((a, b) => Number(a === 'city') - Number(b === 'city'))) {
    const partial = `${paths[kind]}.${process.pid}.tmp`;
    writeFileSync(partial, toRuntimeJson(files[kind]));
    renameSync(partial, paths[kind]);
  }
}

/** Every runtime file that goes with a runtime city file, by kind. */
export const runtimeFilesBeside = (cityFile: string): Record<keyof RuntimeFiles, string> => ({
  city: cityFile,
  contacts: contactsFileOf(cityFile),
  grids: gridsFileOf(cityFile),
  areas: areasFileOf(cityFile),
});

/**
 * The runtime files a function gets beside its bundle: none unless it reads the city; the contacts only if
 * it sends notices (the one use of them, `withContacts`); the grids and the other layers' boundaries only
 * if it locates points or draws outlines (`boundaries`: elsewhere the grids are refused, `city.ts`).
 */
export function runtimeFileKindsFor(uses: readonly Resource[]): (keyof RuntimeFiles)[] {
  if (!uses.includes('city')) return [];
  return ['city', ...(uses.includes('notify') ? (['contacts'] as const) : []), ...(uses.includes('boundaries') ? (['grids', 'areas'] as const) : [])];
}

/** Copies the runtime files of the given kinds so that `cityFile` is the runtime city file, the rest beside it. */
export function copyRuntimeFiles(from: Record<keyof RuntimeFiles, string>, cityFile: string, kinds: readonly (keyof RuntimeFiles)[]): void {
  const to = runtimeFilesBeside(cityFile);
  for (const kind of kinds) copyFileSync(from[kind], to[kind]);
}

/** The files of contacts and boundaries that go with a runtime city file. */
export const contactsFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.contacts.bin');
export const gridsFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.grids.bin');
export const areasFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.areas.json');

/** ASCII (as synth writes) becomes a one-byte string with no UTF-8 decoding; anything else is read as UTF-8. */
const textOf = (bytes: Buffer): string => bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(textOf(readFileSync(path))) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeCityError(`cannot read ${path}: ${(error as Error).message}`);
  }
}


/**
 * What a unit's `contacts` and `head` are in a function that did not ask for the contacts: any use, even
 * printing it, throws and says how to give the function its contacts.
 */
const CONTACTS_NOT_LOADED = new Proxy(Object.freeze({}), {
  get(_target, key) {
    throw new RuntimeCityError(
      `this function did not load the units' contacts (reading ${String(key)}): a function that sends notices calls withContacts() (functions/aws/city.ts) before it reads them, as notifier.ts does`,
    );
  },
}) as OrgUnit['contacts'] & NonNullable<OrgUnit['head']>;

/**
 * The city of a runtime city file, its units' contacts stand-ins until `addContacts` or `contactsOnDemand`.
 * Its units are checked now and decoded when used: one by one through `units`, all at once by reading
 * `city.units`.
 */
export function readRuntimeCity(path: string): LoadedRuntimeCity {
  const parsed = readJson(path);
  // The one check left: that this is the file synth wrote, not a raw city file copied by hand.
  if (parsed.format !== RUNTIME_CITY_FORMAT || !parsed.city) {
    throw new RuntimeCityError(`${path} is not a runtime city file (${RUNTIME_CITY_FORMAT}); deploy with the CDK app, which writes it from the validated city file`);
  }
  const file = parsed as unknown as RuntimeCityFile;
  let units: UnitsOnDemand;
  try {
    units = new UnitsOnDemand(file.city.units, CONTACTS_NOT_LOADED);
  } catch (error) {
    throw new RuntimeCityError(`${path} is damaged: ${(error as Error).message}; deploy with the CDK app`);
  }
  const city = cityWithUnitsOnDemand(file.city as unknown as CityConfig, units);
  return { sourceSha256: file.sourceSha256, city, units, extent: file.extent ?? undefined, holidays: file.holidays };
}

// ---------- Files of records read by position ----------

/**
 * A file of records read by position (`city.contacts.bin`, `city.grids.bin`), in four parts:
 *
 * 1. a header, one line of ASCII JSON: `format`, `sourceSha256`, `count` (of records), `blocks` (the byte
 *    lengths of the binary blocks that follow), and what else the format needs;
 * 2. the binary blocks, one after the other;
 * 3. count + 1 offsets, uint32 little-endian: record i is bytes offsets[i] to offsets[i + 1] of part 4;
 * 4. the records, each ASCII JSON and a newline.
 *
 * Opening reads the header and the offsets, and checks that the file is the one synth wrote for this city
 * and is whole; a block or a record is read (one `readSync` at its offset) only when asked for. The file
 * stays open for the life of the process, as a function's runtime files do not change under it.
 */
export class RecordFile {
  private constructor(
    readonly path: string,
    readonly header: Record<string, unknown>,
    readonly count: number,
    private readonly fd: number,
    private readonly blockStarts: readonly number[],
    private readonly offsets: Buffer,
    private readonly recordsStart: number,
  ) {}

  /** Opens `path` as the record file `what` (e.g. "contacts") of format `format` of the city `sourceSha256`. */
  static open(path: string, what: string, format: string, sourceSha256: string): RecordFile {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw new RuntimeCityError(`cannot read ${path}: ${(error as Error).message}`);
    }
    try {
      return RecordFile.read(path, fd, what, format, sourceSha256);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  private static read(path: string, fd: number, what: string, format: string, sourceSha256: string): RecordFile {
    const size = fstatSync(fd).size;
    const damaged = (detail: string): RuntimeCityError => new RuntimeCityError(`${path} is damaged (${detail}); deploy with the CDK app, which writes it again`);
    // The header is one line at the start; a few KB hold it unless the format adds a long list to it.
    let head = readAt(fd, Math.min(size, 4096), 0, path);
    while (!head.includes(10) && head.length < size) head = readAt(fd, Math.min(size, head.length * 4), 0, path);
    const newline = head.indexOf(10);
    let header: Record<string, unknown> | undefined;
    try {
      header = newline < 0 ? undefined : (JSON.parse(head.toString('latin1', 0, newline)) as Record<string, unknown>);
    } catch {
      // Reported below, as a file that is not one of ours.
    }
    if (header?.format !== format || header.sourceSha256 !== sourceSha256) {
      throw new RuntimeCityError(`${path} is not the ${what} file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
    }
    const { count, blocks } = header;
    if (!isCount(count) || !Array.isArray(blocks) || !blocks.every(isCount)) throw damaged('its header has no count or blocks');
    const blockStarts: number[] = [];
    let at = newline + 1;
    for (const length of blocks) {
      blockStarts.push(at);
      at += length;
    }
    blockStarts.push(at);
    const offsets = readAt(fd, Math.max(0, Math.min(4 * (count + 1), size - at)), at, path);
    if (offsets.length !== 4 * (count + 1)) throw damaged('it ends before its records');
    const recordsStart = at + offsets.length;
    let previous = 0;
    for (let i = 0; i <= count; i++) {
      const offset = offsets.readUInt32LE(4 * i);
      if (i === 0 && offset !== 0) throw damaged(`its first record starts at ${offset}, not at 0`);
      if (offset < previous) throw damaged(`record ${i} starts before record ${i - 1}`);
      previous = offset;
    }
    if (recordsStart + previous !== size) throw damaged(`${size} bytes where its records end at ${recordsStart + previous}`);
    return new RecordFile(path, header, count, fd, blockStarts, offsets, recordsStart);
  }

  /** Binary block `k`, in a buffer of its own (whose `buffer` is exactly the block, aligned for typed arrays). */
  block(k: number): Uint8Array {
    const start = this.blockStarts[k];
    const end = this.blockStarts[k + 1];
    if (start === undefined || end === undefined) throw new RuntimeCityError(`${this.path} has no block ${k}`);
    const bytes = new Uint8Array(end - start);
    readInto(this.fd, bytes, start, this.path);
    return bytes;
  }

  /** Record `i`, parsed. */
  record(i: number): unknown {
    if (!(Number.isInteger(i) && i >= 0 && i < this.count)) throw new RuntimeCityError(`${this.path} has no record ${i} (it has ${this.count})`);
    const start = this.offsets.readUInt32LE(4 * i);
    return this.parse(readAt(this.fd, this.offsets.readUInt32LE(4 * i + 4) - start, this.recordsStart + start, this.path), i);
  }

  /** Every record, parsed, from one read of them all. */
  records(): unknown[] {
    const all = readAt(this.fd, this.offsets.readUInt32LE(4 * this.count), this.recordsStart, this.path);
    return Array.from({ length: this.count }, (_, i) => this.parse(all.subarray(this.offsets.readUInt32LE(4 * i), this.offsets.readUInt32LE(4 * i + 4)), i));
  }

  close(): void {
    closeSync(this.fd);
  }

  private parse(bytes: Buffer, i: number): unknown {
    try {
      return JSON.parse(textOf(bytes));
    } catch (error) {
      throw new RuntimeCityError(`${this.path} is damaged (record ${i}: ${(error as Error).message}); deploy with the CDK app, which writes it again`);
    }
  }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function readInto(fd: number, bytes: Uint8Array, position: number, path: string): void {
  for (let done = 0; done < bytes.length; ) {
    const read = readSync(fd, bytes, done, bytes.length - done, position + done);
    // A file cut short after it was opened (or whose size changed): named as every damaged file is.
    if (read === 0) throw new RuntimeCityError(`${path} is damaged (it ends ${bytes.length - done} bytes early); deploy with the CDK app, which writes it again`);
    done += read;
  }
}

function readAt(fd: number, length: number, position: number, path: string): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  readInto(fd, bytes, position, path);
  return bytes;
}

/** A record file's bytes: the header with `count` and `blocks` added, the blocks, the offsets, the records (ASCII). */
export function recordFile(header: Record<string, unknown>, blocks: readonly Uint8Array[], records: readonly string[]): Uint8Array {
  const head = Buffer.from(`${toRuntimeJson({ ...header, count: records.length, blocks: blocks.map((block) => block.byteLength) })}\n`, 'latin1');
  const texts = records.map((record) => {
    // Offsets count bytes, and a record's bytes are its characters only when it is ASCII.
    if (/[\u0080-\uffff]/.test(record)) throw new RuntimeCityError('a record of a runtime file must be ASCII (toRuntimeJson)');
    return Buffer.from(`${record}\n`, 'latin1');
  });
  const offsets = Buffer.alloc(4 * (records.length + 1));
  let at = 0;
  texts.forEach((text, i) => {
    offsets.writeUInt32LE(at, 4 * i);
    at += text.length;
  });
  offsets.writeUInt32LE(at, 4 * records.length);
  return Buffer.concat([head, ...blocks, offsets, ...texts]);
}

// ---------- Contacts ----------

type UnitContacts = Pick<OrgUnit, 'contacts' | 'head'>;

/** How many units a city has, without decoding units on demand. */
const unitCount = (city: CityConfig): number => unitsOnDemandOf(city)?.count ?? city.units.length;

const openContacts = (path: string, sourceSha256: string, city: CityConfig): RecordFile => {
  const file = RecordFile.open(path, 'contacts', RUNTIME_CONTACTS_FORMAT, sourceSha256);
  if (file.count !== unitCount(city)) {
    file.close();
    throw new RuntimeCityError(`${path} has the contacts of ${file.count} units, the city ${unitCount(city)}`);
  }
  return file;
};

/** Puts each unit's contacts and head in place, all read now (what the synth, which names a topic per address, needs). */
export function addContacts(city: CityConfig, path: string, sourceSha256: string): void {
  const file = openContacts(path, sourceSha256, city);
  const all = file.records() as UnitContacts[];
  file.close();
  city.units.forEach((unit, i) => {
    const { contacts, head } = all[i] as UnitContacts;
    unit.contacts = contacts;
    if (head) unit.head = head;
  });
}

/**
 * Puts each unit's contacts and head in place as objects that read the unit's record on first use: a
 * notice reads the few units it writes to, not the city's thousands (the address book the notices make
 * holds every unit's contacts object, so an object must not read its record until a field is asked for).
 *
 * The objects are proxies that, on first use, copy the record's fields onto themselves: they answer every
 * question (keys, `in`, JSON, equality in tests) as the record would. A proxy is the cheapest object that
 * can: the demo city's 16,000 of them cost a few ms, where objects with getters of their own cost tens.
 */
export function contactsOnDemand(city: CityConfig, path: string, sourceSha256: string): void {
  const file = openContacts(path, sourceSha256, city);
  const onDemand = unitsOnDemandOf(city);
  const records: (UnitContacts | undefined)[] = new Array<UnitContacts | undefined>(file.count);
  const recordOf = (i: number): UnitContacts => (records[i] ??= file.record(i) as UnitContacts);
  const contacts = onFirstUse((i) => recordOf(i).contacts);
  const heads = onFirstUse((i) => {
    const { head } = recordOf(i);
    if (!head) throw new RuntimeCityError(`${path} has no head for the unit ${onDemand ? onDemand.idAt(i) : (city.units[i]?.id ?? i)}, which has one`);
    return head;
  });
  const attach = (unit: OrgUnit, i: number): void => {
    unit.contacts = new Proxy({ [PENDING]: i }, contacts) as unknown as OrgUnit['contacts'];
    if (unit.head) unit.head = new Proxy({ [PENDING]: i }, heads) as unknown as NonNullable<OrgUnit['head']>;
  };
  // Units on demand get theirs as they are decoded: a notice's few, not the city's thousands.
  if (onDemand) onDemand.attachContacts(attach);
  else city.units.forEach(attach);
}

/** The unit whose record a proxy's target still waits for; gone once the record's fields are copied in. */
const PENDING = Symbol('record not read yet');
type Pending = Record<PropertyKey, unknown> & { [PENDING]?: number };

/** Traps that fill a proxy's target from `valueOf(unit)` on first use, then answer from the target. */
function onFirstUse(valueOf: (i: number) => object): ProxyHandler<Pending> {
  const filled = (target: Pending): Pending => {
    const i = target[PENDING];
    if (i !== undefined) {
      Object.assign(target, valueOf(i));
      delete target[PENDING];
    }
    return target;
  };
  return {
    get: (target, key) => Reflect.get(filled(target), key),
    has: (target, key) => Reflect.has(filled(target), key),
    ownKeys: (target) => Reflect.ownKeys(filled(target)),
    getOwnPropertyDescriptor: (target, key) => Reflect.getOwnPropertyDescriptor(filled(target), key),
    set: (target, key, value) => Reflect.set(filled(target), key, value),
    defineProperty: (target, key, descriptor) => Reflect.defineProperty(filled(target), key, descriptor),
    deleteProperty: (target, key) => Reflect.deleteProperty(filled(target), key),
  };
}

// ---------- Grids and areas ----------

/**
 * The grids file: a record file whose header lists the grids without a boundary (`unbounded`), whose
 * blocks are flatbush's packed tree (empty without bounded grids) and, as uint32 little-endian, the
 * position in `city.units` of each indexed grid in index order, and whose record i is grid i's boundary.
 */
function runtimeGridsOf(index: GridIndex, boundaries: Record<string, AreaGeometry>, units: readonly OrgUnit[], sourceSha256: string): Uint8Array {
  const prepared = index.prepared();
  const position = new Map<string, number>();
  units.forEach((unit, i) => {
    if (!position.has(unit.id)) position.set(unit.id, i);
  });
  const positions = Buffer.alloc(4 * prepared.ids.length);
  prepared.ids.forEach((id, i) => positions.writeUInt32LE(position.get(id) as number, 4 * i));
  const tree = prepared.tree === undefined ? new Uint8Array(0) : new Uint8Array(prepared.tree);
  const texts = prepared.ids.map((id) => toRuntimeJson(boundaries[id]));
  return recordFile({ format: RUNTIME_GRIDS_FORMAT, sourceSha256, unbounded: prepared.unbounded }, [tree, positions], texts);
}

/**
 * The grid index of a grids file, its boundaries read and parsed on first use each, and every boundary by
 * id (for the outlines) when asked.
 */
/** A grids file opened: the grid index, and every grid's boundary by id (read from the file when asked). */
export interface RuntimeGrids {
  index: GridIndex;
  boundaries: () => Record<string, AreaGeometry>;
}

export function openRuntimeGrids(path: string, sourceSha256: string, units: readonly OrgUnit[] | UnitsOnDemand): RuntimeGrids {
  const file = RecordFile.open(path, 'grids', RUNTIME_GRIDS_FORMAT, sourceSha256);
  try {
    return gridsOfFile(file, path, units);
  } catch (error) {
    // A damaged file is opened again by the next request that needs the index: none may keep it open.
    file.close();
    throw error;
  }
}

function gridsOfFile(file: RecordFile, path: string, units: readonly OrgUnit[] | UnitsOnDemand): RuntimeGrids {
  const damaged = (detail: string): RuntimeCityError => new RuntimeCityError(`${path} is damaged (${detail}); deploy with the CDK app, which writes it again`);
  const { unbounded } = file.header;
  if (!Array.isArray(unbounded) || !unbounded.every((id) => typeof id === 'string')) throw damaged('no list of unbounded grids');
  const positions = Buffer.from(file.block(1).buffer);
  if (positions.length !== 4 * file.count) throw damaged(`${positions.length / 4} grid positions for ${file.count} grids`);
  // Units on demand give a grid's id without making the unit.
  const onDemand = units instanceof UnitsOnDemand ? units : undefined;
  const list = units as readonly OrgUnit[];
  const levelAt = (at: number) => (onDemand ? (at < onDemand.count ? onDemand.levelAt(at) : undefined) : list[at]?.level);
  const idsOnDemand = onDemand?.idsInOrder();
  const idAt = (at: number) => (idsOnDemand ? (idsOnDemand[at] as string) : (list[at] as OrgUnit).id);
  const ids = Array.from({ length: file.count }, (_, i) => {
    const at = positions.readUInt32LE(4 * i);
    if (levelAt(at) !== 'grid') throw damaged(`grid ${i} is no grid of the city`);
    return idAt(at);
  });
  const treeBytes = file.block(0);
  const parsed = new Array<AreaGeometry | undefined>(file.count);
  const geometryOf = (i: number): AreaGeometry => (parsed[i] ??= file.record(i) as AreaGeometry);
  let index: GridIndex;
  try {
    // The block's own buffer: flatbush reads the tree through typed arrays over it, with no copy.
    index = GridIndex.fromPrepared({ ids, unbounded, tree: file.count === 0 ? undefined : treeBytes.buffer }, geometryOf);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  const boundaries = (): Record<string, AreaGeometry> => {
    if (parsed.includes(undefined)) (file.records() as AreaGeometry[]).forEach((boundary, i) => (parsed[i] ??= boundary));
    return Object.fromEntries(ids.map((id, i) => [id, parsed[i] as AreaGeometry]));
  };
  return { index, boundaries };
}

export function readRuntimeBoundaries(path: string, sourceSha256: string): RuntimeBoundariesFile {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_BOUNDARIES_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the boundaries file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  return parsed as unknown as RuntimeBoundariesFile;
}

/** The configuration with its boundaries back in place, for what draws outlines. */
export const withBoundaries = (city: CityConfig, boundaries: Record<string, AreaGeometry>): CityConfig => ({
  ...city,
  units: city.units.map((unit) => (boundaries[unit.id] ? { ...unit, boundary: boundaries[unit.id] } : unit)),
});
