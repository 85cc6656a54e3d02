/**
 * The units of the runtime city file in columns (`UnitColumns`): written at synth (`unitColumnsOf`), read
 * whole (`unitsOfColumns`) or one unit at a time (`units-on-demand.ts`).
 */
import type { OrgUnit } from '../domain/city/schema.js';
import { RuntimeCityError } from './runtime-city-error.js';

/**
 * The units of `city.json`, one column per field, a unit's fields at the same position in each. A unit's
 * id or name that begins with its parent's (a grid `longting-beishudian-c01-g002` in the community
 * `longting-beishudian-c01`, 锦绣巷社区第2网格 in 锦绣巷社区) is stored as what follows, when the parent comes
 * earlier in the list: for the demo city that, and no keys repeated per unit, make 1.5 MB of units 0.4 MB.
 */
export interface UnitColumns {
  /** The unit's id, or what follows its parent's id (`tails` bit 1). */
  id: string[];
  /** `name.zh`, or what follows the parent's (`tails` bit 2). */
  zh: string[];
  /** `name.en`, or what follows the parent's (`tails` bit 4). */
  en: string[];
  /** The position of the unit's parent in these columns; -1 for a unit without one. */
  parent: number[];
  /** One character per unit: `levels[code - 48]` is its level. */
  level: string;
  levels: string[];
  /** One character per unit: `kinds[code - 48]` is its kind; '-' for a unit without one. */
  kind: string;
  kinds: string[];
  /** One character per unit: 'h' when it has a head (in the contacts file), '-' when not. */
  head: string;
  /** One character per unit: '0' plus the bits of the fields stored as what follows the parent's. */
  tails: string;
}

export const NO_CODE = '-';
export const FIRST_CODE = 48; // '0': codes are printable, and never '-'
export const TAIL_ID = 1;
export const TAIL_ZH = 2;
export const TAIL_EN = 4;

/** The units as columns (`UnitColumns`), without boundaries, contacts and heads. */
export function unitColumnsOf(units: readonly OrgUnit[]): UnitColumns {
  const position = new Map<string, number>();
  units.forEach((unit, i) => {
    if (!position.has(unit.id)) position.set(unit.id, i);
  });
  const levels: string[] = [];
  const kinds: string[] = [];
  const code = (dictionary: string[], value: string): string => {
    let i = dictionary.indexOf(value);
    if (i < 0) i = dictionary.push(value) - 1;
    // Printable ASCII from '0' up, so a code is one byte of the file and one character of a string.
    if (i > 126 - FIRST_CODE) throw new RuntimeCityError(`too many distinct values for one column: ${dictionary.join(', ')}`);
    return String.fromCharCode(FIRST_CODE + i);
  };
  const columns: UnitColumns = { id: [], zh: [], en: [], parent: [], level: '', levels, kind: '', kinds, head: '', tails: '' };
  units.forEach((unit, i) => {
    const parent = unit.parentId === undefined ? -1 : position.get(unit.parentId);
    if (parent === undefined) throw new RuntimeCityError(`the unit ${unit.id} names a parent ${unit.parentId ?? ''} that is no unit of the city`);
    // Only a parent earlier in the list can lend its fields: the reader decodes in one pass, in order.
    const before = parent >= 0 && parent < i ? (units[parent] as OrgUnit) : undefined;
    let tails = 0;
    const tail = (value: string, parentValue: string | undefined, bit: number): string => {
      if (parentValue === undefined || !value.startsWith(parentValue)) return value;
      tails |= bit;
      return value.slice(parentValue.length);
    };
    columns.id.push(tail(unit.id, before?.id, TAIL_ID));
    columns.zh.push(tail(unit.name.zh, before?.name.zh, TAIL_ZH));
    columns.en.push(tail(unit.name.en, before?.name.en, TAIL_EN));
    columns.parent.push(parent);
    columns.level += code(levels, unit.level);
    columns.kind += unit.kind === undefined ? NO_CODE : code(kinds, unit.kind);
    columns.head += unit.head ? 'h' : NO_CODE;
    columns.tails += String.fromCharCode(FIRST_CODE + tails);
  });
  return columns;
}

/**
 * The units of `UnitColumns`, in one pass, each with `contacts` (and `head` where it has one) set to
 * `standIn`. Throws a RuntimeCityError when the columns do not fit together.
 */
export function unitsOfColumns(columns: UnitColumns, standIn: OrgUnit['contacts'] & NonNullable<OrgUnit['head']>): OrgUnit[] {
  const { id: ids, zh: zhs, en: ens, parent: parents, level, levels, kind, kinds, head, tails } = columns;
  const n = Array.isArray(ids) ? ids.length : -1;
  const fits = (column: unknown): boolean => (Array.isArray(column) || typeof column === 'string') && column.length === n;
  if (n < 0 || ![zhs, ens, parents, level, kind, head, tails].every(fits) || !Array.isArray(levels) || !Array.isArray(kinds)) {
    throw new RuntimeCityError('the units\' columns do not fit together');
  }
  const units = new Array<OrgUnit>(n);
  for (let i = 0; i < n; i++) {
    const parentAt = parents[i] as number;
    if (!(parentAt >= -1 && parentAt < n && parentAt !== i)) throw new RuntimeCityError(`unit ${i} names a parent at ${parentAt}`);
    const bits = tails.charCodeAt(i) - FIRST_CODE;
    // A field stored as a tail needs its parent decoded already: earlier in the list, as the writer ensures.
    const before = bits !== 0 ? units[parentAt] : undefined;
    if (bits !== 0 && before === undefined) throw new RuntimeCityError(`unit ${i} continues a parent not read yet`);
    const id = bits & TAIL_ID ? (before as OrgUnit).id + (ids[i] as string) : (ids[i] as string);
    const name = { zh: bits & TAIL_ZH ? (before as OrgUnit).name.zh + (zhs[i] as string) : (zhs[i] as string), en: bits & TAIL_EN ? (before as OrgUnit).name.en + (ens[i] as string) : (ens[i] as string) };
    const unitLevel = levels[level.charCodeAt(i) - FIRST_CODE] as OrgUnit['level'] | undefined;
    if (unitLevel === undefined) throw new RuntimeCityError(`unit ${i} has no level`);
    const kindCode = kind.charCodeAt(i);
    const unitKind = kindCode === NO_CODE.charCodeAt(0) ? undefined : (kinds[kindCode - FIRST_CODE] as OrgUnit['kind']);
    const hasHead = head.charCodeAt(i) !== NO_CODE.charCodeAt(0);
    // The parent's id is filled in below, once every id is known (a parent may come later in the list).
    // The usual unit in one literal (one shape, no properties added later); the others field by field,
    // so that a unit has exactly the keys the parsed configuration gave it.
    if (parentAt >= 0 && unitKind !== undefined && hasHead) {
      units[i] = { id, level: unitLevel, name, parentId: '', kind: unitKind, contacts: standIn, head: standIn };
    } else {
      const unit = { id, level: unitLevel, name } as OrgUnit;
      if (parentAt >= 0) unit.parentId = '';
      if (unitKind !== undefined) unit.kind = unitKind;
      unit.contacts = standIn;
      if (hasHead) unit.head = standIn;
      units[i] = unit;
    }
  }
  for (let i = 0; i < n; i++) {
    const parentAt = parents[i] as number;
    if (parentAt >= 0) (units[i] as OrgUnit).parentId = (units[parentAt] as OrgUnit).id;
  }
  return units;
}
