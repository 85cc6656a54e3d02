/**
 * The responsibility list (权责清单 / 派单目录), two versions. Every category has a city-wide row built
 * from its spec; street cleaning in the five urban districts is narrowed to each district's own
 * urban-management bureau. Version 2 repeats every row (each version is a full list) and moves two
 * matters to another bureau, to show a mid-year revision of the list.
 */
import type { CityConfigInput } from '../../functions/domain/city/schema.js';
import { text, wd, wh, type CategorySpec } from './category-spec.js';
import { deptId, districtUrbanManagementId } from './departments.js';
import type { DistrictSpec } from './districts.js';

type RowInput = CityConfigInput['responsibilityList']['versions'][number]['rows'][number];
type VersionInput = CityConfigInput['responsibilityList']['versions'][number];

/** Cleaning matters that the urban districts' own bureaus handle inside their districts. */
const DISTRICT_CLEANING = new Set(['S0102', 'S0104', 'B0302']);

/** Version 2 changes (invented for the demo): who handles restaurant fumes and parked bicycles. */
const VERSION_2_OWNERS: Record<string, { owners: string[]; coHandlers: string[] }> = {
  S0108: { owners: ['ecology-environment'], coHandlers: ['urban-management'] },
  S0505: { owners: ['transport'], coHandlers: ['urban-management'] },
};

export function buildResponsibilityList(specs: readonly CategorySpec[], districts: readonly DistrictSpec[]): { versions: VersionInput[] } {
  const urbanDistricts = districts.filter((d) => d.kind === 'urbanDistrict');
  const version1 = specs.flatMap((spec) => rowsFor(spec, urbanDistricts));
  const version2 = specs.flatMap((spec) => {
    const change = VERSION_2_OWNERS[spec.code];
    const revised = change ? { ...spec, responsibility: { ...spec.responsibility, owners: change.owners, coHandlers: change.coHandlers } } : spec;
    return rowsFor(revised, urbanDistricts);
  });
  return {
    versions: [
      {
        version: 1,
        effectiveFrom: '2026-01-01T00:00:00+08:00',
        note: 'Demo list for 2026: components owner first, events territory first, street cleaning in the five urban districts by each district’s urban-management bureau.',
        rows: version1,
      },
      {
        version: 2,
        effectiveFrom: '2026-07-01T00:00:00+08:00',
        note: 'Demo mid-year revision (invented): restaurant cooking fumes (S0108) move from urban management to the ecology and environment bureau, and disorderly bicycle parking (S0505) to the transport bureau, which regulates the shared-bike operators. All other rows are unchanged; cases received before 1 July keep version 1.',
        rows: version2,
      },
    ],
  };
}

function rowsFor(spec: CategorySpec, urbanDistricts: readonly DistrictSpec[]): RowInput[] {
  const r = spec.responsibility;
  const base: RowInput = {
    categoryCode: spec.code,
    ownerRule: r.rule,
    ownerIds: r.owners.map(deptId),
    territoryLevel: r.territoryLevel,
    coHandlerIds: (r.coHandlers ?? []).map(deptId),
    closingCondition: text(r.closing),
  };
  if (!DISTRICT_CLEANING.has(spec.code)) return [base];

  const districtRows = urbanDistricts.map(
    (d): RowInput => ({
      categoryCode: spec.code,
      areaIds: [d.id],
      ownerRule: 'ownerFirst',
      ownerIds: [districtUrbanManagementId(d.id)],
      territoryLevel: 'subdistrict',
      coHandlerIds: [],
      closingCondition: text(r.closing),
    }),
  );
  // Outside the urban districts the township sweeps its own roads, on a rural day rather than 5 working hours
  // (数字城管 allows the urban-rural fringe twice the intake time).
  const elsewhere: RowInput = spec.code === 'S0104' ? { ...base, limits: { accept: wh(2), handle: wd(1) } } : base;
  return [...districtRows, elsewhere];
}
