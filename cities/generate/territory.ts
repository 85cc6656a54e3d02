/**
 * The territorial tree (块): the city, its nine county-level units, their streets, towns and townships,
 * the generated communities and villages, and their grids, every one with its boundary. Each level is cut
 * from the cells of the level above (regions.ts), so the tree nests exactly and every grid lies in one
 * community, one street and one district.
 */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { mailbox, type PhoneBooks } from './contacts.js';
import { DISTRICTS, PREFECTURE_OUTLINE, type DistrictSpec, type SubdistrictSpec } from './districts.js';
import { Lattice, type AxisSpec, type Position } from './geometry.js';
import { capitalise, communityName, personName, uniqueName, villageName, type PlaceName } from './names.js';
import { traceCells } from './outline.js';
import { randomFor } from './random.js';
import { partition } from './regions.js';

export type UnitInput = CityConfigInput['units'][number];
type Title = { zh: string; en: string };

export const CITY_ID = 'kaifeng';

/**
 * Lattice spacing in degrees: about 0.33 km in the walled city (urban grids of a few hundred households)
 * and about 1.2 km in the countryside (a village-sized grid), ramping between the two over 6–9 km.
 */
const LON: AxisSpec = { from: 113.9, to: 115.2, denseFrom: 114.3, denseTo: 114.42, fine: 0.0036, coarse: 0.0137, ramp: 0.08 };
const LAT: AxisSpec = { from: 34.18, to: 35.06, denseFrom: 34.76, denseTo: 34.84, fine: 0.0029, coarse: 0.011, ramp: 0.06 };

/** About 2.5 grids per village, four per urban community (龙亭区 2019: 62 villages/communities, 193 grids). */
const GRIDS_PER_COMMUNITY = { street: 4, town: 2.5, township: 2.5 } as const;
const COMMUNITY_SHARE = { street: 1, town: 0.12, township: 0 } as const;

const SUBDISTRICT_TITLE: Record<SubdistrictSpec['kind'], Title> = {
  street: { zh: '街道办事处主任', en: 'Director of the subdistrict office' },
  town: { zh: '镇长', en: 'Town head' },
  township: { zh: '乡长', en: 'Township head' },
};
const SUBDISTRICT_SUFFIX: Record<SubdistrictSpec['kind'], string> = { street: 'Subdistrict', town: 'Town', township: 'Township' };
const COMMUNITY_TITLE: Title = { zh: '社区居委会主任', en: 'Director of the residents’ committee' };
const VILLAGE_TITLE: Title = { zh: '村委会主任', en: 'Director of the villagers’ committee' };

export interface SubdistrictInfo {
  id: string;
  districtId: string;
  slug: string;
  name: PlaceName;
}

export interface Territory {
  units: UnitInput[];
  districts: readonly DistrictSpec[];
  subdistricts: SubdistrictInfo[];
}

interface Context {
  lattice: Lattice;
  phones: PhoneBooks;
  units: UnitInput[];
}

export function buildTerritory(phones: PhoneBooks): Territory {
  const lattice = new Lattice(LON, LAT, randomFor('lattice'));
  const ctx: Context = { lattice, phones, units: [] };
  const land = landCells(lattice);
  ctx.units.push({
    id: CITY_ID,
    level: 'city',
    kind: 'city',
    name: { zh: '开封市（演示）', en: 'Kaifeng (demo)' },
    contacts: { email: [mailbox('office', CITY_ID)], sms: [phones.units.take()] },
    head: head(CITY_ID, { zh: '市长', en: 'Mayor' }, phones),
    boundary: traceCells(lattice, land),
  });

  // Each county-level unit grows from its seat to its share of the land; seats stay put (no Lloyd steps).
  const districtCells = partition(lattice, land, {
    targets: DISTRICTS.map((d) => d.areaKm2),
    seeds: DISTRICTS.map((d) => d.seat),
    random: randomFor('districts'),
    tuning: 30,
    noisePeriod: 10,
    noiseStrength: 0.7,
  });
  const subdistricts: SubdistrictInfo[] = [];
  DISTRICTS.forEach((district, k) => {
    const cells = districtCells[k] ?? [];
    ctx.units.push({
      id: district.id,
      level: 'district',
      kind: district.kind,
      parentId: CITY_ID,
      name: { zh: district.zh, en: district.en },
      contacts: { email: [mailbox('office', district.id)], sms: [phones.units.take()] },
      head: head(district.id, district.kind === 'county' ? { zh: '县长', en: 'County head' } : { zh: '区长', en: 'District head' }, phones),
      boundary: traceCells(lattice, cells),
    });
    subdistricts.push(...addSubdistricts(ctx, district, cells));
  });
  return { units: ctx.units, districts: DISTRICTS, subdistricts };
}

function addSubdistricts(ctx: Context, district: DistrictSpec, cells: readonly number[]): SubdistrictInfo[] {
  // Two steps: the central streets (and the seat town) first take one compact area next to the district's
  // centre, then share it. Grown all at once, a tiny street beside a large township either gets swallowed
  // or bursts out along a corridor, and no tuning settles it.
  const central = district.subdistricts.filter((s) => s.central);
  const outer = district.subdistricts.filter((s) => !s.central);
  const random = randomFor(`subdistricts:${district.id}`);
  const weight = (specs: readonly SubdistrictSpec[]) => specs.reduce((sum, s) => sum + s.weight, 0);
  const split = (targets: number[], of: readonly number[], centre?: Position) =>
    partition(ctx.lattice, of, { targets, ...(centre ? { centre } : {}), random, lloyd: 3, tuning: 20, noisePeriod: 6, noiseStrength: 0.6 });

  const outerTargets = outer.map((s) => s.weight);
  const regions =
    central.length === 0
      ? split(outerTargets, cells)
      : (() => {
          const [core = [], ...rest] = split([weight(central), ...outerTargets], cells, district.centre);
          return [...split(central.map((s) => s.weight), core), ...rest];
        })();
  // Village and community names repeat across a county in life, but a county's own list reads badly with twins.
  const takenNames = new Set<string>();
  return [...central, ...outer].map((spec, k) => addSubdistrict(ctx, district, spec, regions[k] ?? [], takenNames));
}

function addSubdistrict(ctx: Context, district: DistrictSpec, spec: SubdistrictSpec, cells: readonly number[], takenNames: Set<string>): SubdistrictInfo {
  const { lattice, phones, units } = ctx;
  const id = `${district.id}-${spec.slug}`;
  const name = { zh: spec.zh, en: `${capitalise(spec.slug)} ${SUBDISTRICT_SUFFIX[spec.kind]}` };
  units.push({
    id,
    level: 'subdistrict',
    kind: spec.kind,
    parentId: district.id,
    name,
    contacts: { email: [mailbox('office', spec.slug, district.id)], sms: [phones.units.take()] },
    head: head(id, SUBDISTRICT_TITLE[spec.kind], phones),
    boundary: traceCells(lattice, cells),
  });

  const random = randomFor(`communities:${id}`);
  const count = Math.min(cells.length, Math.max(2, Math.round(gridEstimate(lattice, cells) / GRIDS_PER_COMMUNITY[spec.kind])));
  const urban = Math.round(count * (spec.communityShare ?? COMMUNITY_SHARE[spec.kind]));
  // The most central communities come first: the seat's built-up 社区 before the outlying villages.
  const communities = partition(lattice, cells, {
    targets: Array.from({ length: count }, () => random.between(0.6, 1.4)),
    centre: centroid(lattice, cells),
    random,
    lloyd: 2,
    tuning: 3,
    noisePeriod: 3,
  });

  communities.forEach((communityCells, k) => {
    const isCommunity = k < urban;
    const place = uniqueName(takenNames, () => (isCommunity ? communityName(random) : villageName(random)));
    const label = `c${String(k + 1).padStart(2, '0')}`;
    const communityId = `${id}-${label}`;
    units.push({
      id: communityId,
      level: 'community',
      kind: isCommunity ? 'community' : 'village',
      parentId: id,
      name: place,
      contacts: { email: [mailbox('office', label, spec.slug, district.id)], sms: [phones.units.take()] },
      head: head(communityId, isCommunity ? COMMUNITY_TITLE : VILLAGE_TITLE, phones),
      boundary: traceCells(lattice, communityCells),
    });
    gridsOf(lattice, communityCells, communityId).forEach((gridCells, g) => {
      const gridId = `${communityId}-g${String(g + 1).padStart(3, '0')}`;
      // No title: a grid's head is always its grid worker, and 6,000 repeats of it would bloat the file.
      const worker = { name: personName(randomFor(`person:${gridId}`)), phone: phones.heads.take() };
      units.push({
        id: gridId,
        level: 'grid',
        kind: 'grid',
        parentId: communityId,
        name: { zh: `${place.zh}第${g + 1}网格`, en: `${place.en}, Grid ${g + 1}` },
        // Grid workers are reached on their phone (SMS and the 网格通 app), not by email.
        contacts: { sms: [worker.phone] },
        head: worker,
        boundary: traceCells(lattice, gridCells),
      });
    });
  });
  return { id, districtId: district.id, slug: spec.slug, name };
}

/**
 * How many grids cells make: a grid is as wide as the longer side of a local cell, so a square cell is
 * one grid and the thin cells where the lattice ramps from dense to coarse merge two or three to a grid.
 */
function gridEstimate(lattice: Lattice, cells: readonly number[]): number {
  return cells.reduce((sum, c) => {
    const side = Math.max(lattice.cellWidthKm(c), lattice.cellHeightKm(c));
    return sum + lattice.cellAreaKm2(c) / (side * side);
  }, 0);
}

/** A community's grids, numbered in reading order from its north-west corner. */
function gridsOf(lattice: Lattice, cells: readonly number[], communityId: string): number[][] {
  const count = Math.min(cells.length, Math.max(1, Math.round(gridEstimate(lattice, cells))));
  const grids =
    count === cells.length
      ? cells.map((c) => [c])
      : partition(lattice, cells, { targets: new Array<number>(count).fill(1), random: randomFor(`grids:${communityId}`), lloyd: 2, tuning: 2, noisePeriod: 2 });
  const row = (g: number[]) => -Math.round(centroid(lattice, g)[1] / 0.004);
  return [...grids].sort((a, b) => row(a) - row(b) || centroid(lattice, a)[0] - centroid(lattice, b)[0]);
}

/** The area-weighted centre of a set of cells, in degrees. */
function centroid(lattice: Lattice, cells: readonly number[]): Position {
  let x = 0;
  let y = 0;
  let w = 0;
  for (const c of cells) {
    const [cx, cy] = lattice.centre(c);
    const a = lattice.cellAreaKm2(c);
    x += cx * a;
    y += cy * a;
    w += a;
  }
  return [x / w, y / w];
}

/** Cells whose centre lies inside the prefecture outline, keeping only the largest connected piece. */
function landCells(lattice: Lattice): number[] {
  const inside: number[] = [];
  for (let c = 0; c < lattice.columns * lattice.rows; c++) if (pointInRing(lattice.centre(c), PREFECTURE_OUTLINE)) inside.push(c);
  const set = new Set(inside);
  const seen = new Set<number>();
  let best: number[] = [];
  for (const start of inside) {
    if (seen.has(start)) continue;
    const piece = [start];
    seen.add(start);
    for (let k = 0; k < piece.length; k++) {
      for (const n of lattice.neighbours(piece[k] as number)) {
        if (set.has(n) && !seen.has(n)) {
          seen.add(n);
          piece.push(n);
        }
      }
    }
    if (piece.length > best.length) best = piece;
  }
  return best.sort((a, b) => a - b);
}

function pointInRing([x, y]: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function head(unitId: string, title: Title, phones: PhoneBooks): { name: string; title: Title; phone: string } {
  return { name: personName(randomFor(`person:${unitId}`)), title, phone: phones.heads.take() };
}

