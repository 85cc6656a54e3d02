/**
 * The units of a runtime city file decoded one at a time, when asked for. A request reads a handful of
 * units (a case's grid and its chain up to the city, the caller's unit), where decoding the demo city's
 * 8,075 units and indexing them by id at cold start was half the CPU of reading the city in a fresh process
 * (~50 of ~100 ms on the bench machine, measured), much of it the collector copying objects that no request
 * reads. So a cold start checks the columns (integers and one-character codes, no string made) and builds a
 * small tree of positions; a unit is made when it is first looked up, and `city.units` (for the code that
 * reads every unit) decodes them all when it is first read.
 */
import type { CityConfig, Level, OrgUnit } from '../domain/city/schema.js';
import { indexUnits } from '../domain/geo/territory.js';
import { RuntimeCityError } from './runtime-city-error.js';
import { FIRST_CODE, NO_CODE, TAIL_EN, TAIL_ID, TAIL_ZH, unitsOfColumns, type UnitColumns } from './unit-columns.js';

const NO = NO_CODE.charCodeAt(0);

/**
 * The units of `UnitColumns` by id, answering as `indexUnits(unitsOfColumns(columns, standIn))` does (the
 * last unit of an id wins, iteration in the order of the units), each unit decoded once and kept, so that
 * a unit is the same object however it was reached. Finding an id decodes no other unit: ids stored as
 * what follows the parent's (`tails`) are found by walking down from the units whose id is whole (the demo
 * city's city and districts), comparing tails in place.
 */
export class UnitsOnDemand implements ReadonlyMap<string, OrgUnit> {
  /** How many units the columns hold (`size` counts distinct ids, and decodes every unit to count them). */
  readonly count: number;
  private readonly decoded: (OrgUnit | undefined)[];
  private readonly fullIds: (string | undefined)[];
  private readonly fullZh: (string | undefined)[];
  private readonly fullEn: (string | undefined)[];
  /** The units whose id is whole, by that id, and the lengths such ids have (ascending). */
  private readonly roots = new Map<string, number[]>();
  private readonly rootLengths: number[];
  /** The units whose id continues unit p's: `children[firstChild[p]]` up to `children[firstChild[p + 1]]`. */
  private readonly firstChild: Int32Array;
  private readonly children: Int32Array;
  private attach: ((unit: OrgUnit, i: number) => void) | undefined;
  private index: Map<string, OrgUnit> | undefined;
  /** Every unit, once something asked for all of them. */
  private every: OrgUnit[] | undefined;

  /** Checks the columns as `unitsOfColumns` does, with the same errors, without decoding a unit. */
  constructor(
    private readonly columns: UnitColumns,
    private readonly standIn: OrgUnit['contacts'] & NonNullable<OrgUnit['head']>,
  ) {
    const { id: ids, zh: zhs, en: ens, parent: parents, level, levels, kind, head, tails, kinds } = columns;
    const n = Array.isArray(ids) ? ids.length : -1;
    const fits = (column: unknown): boolean => (Array.isArray(column) || typeof column === 'string') && column.length === n;
    if (n < 0 || ![zhs, ens, parents, level, kind, head, tails].every(fits) || !Array.isArray(levels) || !Array.isArray(kinds)) {
      throw new RuntimeCityError('the units\' columns do not fit together');
    }
    this.count = n;
    const firstChild = new Int32Array(n + 1);
    const lengths = new Set<number>();
    for (let i = 0; i < n; i++) {
      const parentAt = parents[i] as number;
      if (!(parentAt >= -1 && parentAt < n && parentAt !== i)) throw new RuntimeCityError(`unit ${i} names a parent at ${parentAt}`);
      const bits = tails.charCodeAt(i) - FIRST_CODE;
      // As the one-pass reader: a field stored as a tail needs its parent earlier in the list.
      if (bits !== 0 && !(parentAt >= 0 && parentAt < i)) throw new RuntimeCityError(`unit ${i} continues a parent not read yet`);
      if (levels[level.charCodeAt(i) - FIRST_CODE] === undefined) throw new RuntimeCityError(`unit ${i} has no level`);
      if (typeof ids[i] !== 'string') throw new RuntimeCityError(`unit ${i} has no id`);
      if (bits & TAIL_ID) {
        (firstChild[parentAt + 1] as number)++;
      } else {
        const id = ids[i] as string;
        const at = this.roots.get(id);
        if (at) at.push(i);
        else this.roots.set(id, [i]);
        lengths.add(id.length);
      }
    }
    for (let p = 0; p < n; p++) firstChild[p + 1] = (firstChild[p + 1] as number) + (firstChild[p] as number);
    const children = new Int32Array(firstChild[n] as number);
    const filled = firstChild.slice(0, n);
    for (let i = 0; i < n; i++) {
      if ((tails.charCodeAt(i) - FIRST_CODE) & TAIL_ID) children[(filled[parents[i] as number] as number)++] = i;
    }
    this.firstChild = firstChild;
    this.children = children;
    this.rootLengths = [...lengths].sort((a, b) => a - b);
    this.decoded = new Array<OrgUnit | undefined>(n);
    this.fullIds = new Array<string | undefined>(n);
    this.fullZh = new Array<string | undefined>(n);
    this.fullEn = new Array<string | undefined>(n);
  }

  get(id: string): OrgUnit | undefined {
    if (this.index) return this.index.get(id);
    const at = this.positionOf(id);
    return at < 0 ? undefined : this.unitAt(at);
  }

  has(id: string): boolean {
    return this.index ? this.index.has(id) : this.positionOf(id) >= 0;
  }

  get size(): number {
    return this.all().size;
  }

  forEach(callback: (value: OrgUnit, key: string, map: ReadonlyMap<string, OrgUnit>) => void, thisArg?: unknown): void {
    this.all().forEach((unit, id) => callback.call(thisArg, unit, id, this));
  }

  entries(): MapIterator<[string, OrgUnit]> {
    return this.all().entries();
  }

  keys(): MapIterator<string> {
    return this.all().keys();
  }

  values(): MapIterator<OrgUnit> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[string, OrgUnit]> {
    return this.all().entries();
  }

  /** Every unit, in the order of the columns: a new array each time, of the units decoded once. */
  unitsInOrder(): OrgUnit[] {
    return [...this.everyUnit()];
  }

  /** Unit i of the columns. */
  unitAt(i: number): OrgUnit {
    return (this.decoded[i] ??= this.decode(i));
  }

  /** The id of unit i, without making the unit. */
  idAt(i: number): string {
    return this.every ? (this.every[i] as OrgUnit).id : full(this.columns.id, this.fullIds, TAIL_ID, this.columns, i);
  }

  /** Every unit's id, in order, without making the units (the grid index names its grids by position). */
  idsInOrder(): string[] {
    if (this.every) return this.every.map((unit) => unit.id);
    // One loop, not a call per unit (see `everyUnit`); a tail's parent comes before it.
    const { id: tails, parent: parents, tails: bits } = this.columns;
    const ids = this.fullIds;
    for (let i = 0; i < this.count; i++) {
      if (ids[i] === undefined) ids[i] = (bits.charCodeAt(i) - FIRST_CODE) & TAIL_ID ? (ids[parents[i] as number] as string) + (tails[i] as string) : tails[i];
    }
    return ids as string[];
  }

  /** The level of unit i, without making the unit. */
  levelAt(i: number): Level | undefined {
    return this.columns.levels[this.columns.level.charCodeAt(i) - FIRST_CODE] as Level | undefined;
  }

  /** The first unit of a level, as `units.find((unit) => unit.level === level)` finds it, from the level column. */
  firstOfLevel(level: Level): OrgUnit | undefined {
    let first = -1;
    this.columns.levels.forEach((name, code) => {
      if (name !== level) return;
      const at = this.columns.level.indexOf(String.fromCharCode(FIRST_CODE + code));
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    return first < 0 ? undefined : this.unitAt(first);
  }

  /**
   * Gives each unit its contacts and head (`attach` sets them, in place of the stand-ins): the units decoded
   * already now, the others when they are decoded.
   */
  attachContacts(attach: (unit: OrgUnit, i: number) => void): void {
    this.attach = attach;
    this.decoded.forEach((unit, i) => {
      if (unit) attach(unit, i);
    });
  }

  private all(): Map<string, OrgUnit> {
    return (this.index ??= indexUnits(this.everyUnit()));
  }

  /**
   * Every unit, decoded by the reader of all the columns in one loop and keeping the units decoded before.
   * One loop, as a fresh process optimizes it at once, where 8,075 calls of the one-unit path run in the
   * interpreter: decoding every unit that way took 2-4 times as long (measured, 50-100 ms against 17-30).
   */
  private everyUnit(): OrgUnit[] {
    if (this.every) return this.every;
    const every = unitsOfColumns(this.columns, this.standIn);
    const { decoded, attach } = this;
    for (let i = 0; i < every.length; i++) {
      const before = decoded[i];
      if (before) every[i] = before;
      else {
        decoded[i] = every[i];
        if (attach) attach(every[i] as OrgUnit, i);
      }
    }
    return (this.every = every);
  }

  /** The last position whose id is `id` (as a Map built in order keeps the last), or -1. */
  private positionOf(id: string): number {
    if (typeof id !== 'string') return -1;
    const tailsOf = this.columns.id;
    let found = -1;
    // Pairs of (position, how much of `id` its id matches), from the whole ids that begin `id`.
    const stack: number[] = [];
    for (const length of this.rootLengths) {
      if (length > id.length) break;
      const at = this.roots.get(length === id.length ? id : id.slice(0, length));
      if (at) for (const p of at) stack.push(p, length);
    }
    while (stack.length > 0) {
      const matched = stack.pop() as number;
      const p = stack.pop() as number;
      if (matched === id.length && p > found) found = p;
      for (let k = this.firstChild[p] as number, end = this.firstChild[p + 1] as number; k < end; k++) {
        const child = this.children[k] as number;
        const tail = tailsOf[child] as string;
        if (matched + tail.length <= id.length && id.startsWith(tail, matched)) stack.push(child, matched + tail.length);
      }
    }
    return found;
  }

  /** Unit i as `unitsOfColumns` makes it: the same keys, in the same order. */
  private decode(i: number): OrgUnit {
    const { columns, standIn } = this;
    const parentAt = columns.parent[i] as number;
    const id = this.idAt(i);
    const name = { zh: full(columns.zh, this.fullZh, TAIL_ZH, columns, i), en: full(columns.en, this.fullEn, TAIL_EN, columns, i) };
    const unitLevel = this.levelAt(i) as Level;
    const kindCode = columns.kind.charCodeAt(i);
    const unitKind = kindCode === NO ? undefined : (columns.kinds[kindCode - FIRST_CODE] as OrgUnit['kind']);
    const hasHead = columns.head.charCodeAt(i) !== NO;
    let unit: OrgUnit;
    if (parentAt >= 0 && unitKind !== undefined && hasHead) {
      unit = { id, level: unitLevel, name, parentId: this.idAt(parentAt), kind: unitKind, contacts: standIn, head: standIn };
    } else {
      unit = { id, level: unitLevel, name } as OrgUnit;
      if (parentAt >= 0) unit.parentId = this.idAt(parentAt);
      if (unitKind !== undefined) unit.kind = unitKind;
      unit.contacts = standIn;
      if (hasHead) unit.head = standIn;
    }
    this.attach?.(unit, i);
    return unit;
  }
}

/**
 * Field `column` of unit i, whole: its parent's (whole) and what follows when stored as a tail. The
 * recursion ends, as a tail's parent comes earlier in the list (checked when the columns are read).
 */
function full(column: readonly string[], cache: (string | undefined)[], bit: number, columns: UnitColumns, i: number): string {
  let value = cache[i];
  if (value === undefined) {
    const own = column[i] as string;
    value = (columns.tails.charCodeAt(i) - FIRST_CODE) & bit ? full(column, cache, bit, columns, columns.parent[i] as number) + own : own;
    cache[i] = value;
  }
  return value;
}

const onDemand = new WeakMap<CityConfig, UnitsOnDemand>();

/** The units on demand behind a city's `units` (`cityWithUnitsOnDemand`), if it has them. */
export const unitsOnDemandOf = (city: CityConfig): UnitsOnDemand | undefined => onDemand.get(city);

/**
 * Makes `city.units` the units of `units`, decoded all at once when first read, the same array after:
 * code that reads every unit works as before, and code that does not never pays. The property is an
 * accessor, enumerable as the data property it replaces, and setting it throws: routing's lookup and the
 * contacts (attached by a unit's place in the file) belong to these units, and other units put in their
 * place would answer with the contacts of whichever unit held the same place.
 */
export function cityWithUnitsOnDemand(city: CityConfig, units: UnitsOnDemand): CityConfig {
  let value: OrgUnit[] | undefined;
  Object.defineProperty(city, 'units', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= units.unitsInOrder()),
    set: () => {
      throw new RuntimeCityError("a runtime city's units are the ones its file holds: make a new configuration rather than replace them");
    },
  });
  onDemand.set(city, units);
  return city;
}
