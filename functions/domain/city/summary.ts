import { LEVELS, PLATFORMS, CATEGORY_KINDS, ROLES, type CityConfig, type Level } from './schema.js';

export interface CitySummary {
  id: string;
  name: string;
  unitsPerLevel: Record<Level, number>;
  departments: number;
  departmentsPerPlatform: Record<string, number>;
  categories: number;
  categoriesPerKind: Record<string, number>;
  responsibilityRows: { version: number; effectiveFrom: string; rows: number }[];
  ladder: string[];
  usersPerRole: Record<string, number>;
}

const countBy = <T>(items: readonly T[], keys: readonly string[], keyOf: (item: T) => string): Record<string, number> => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  for (const item of items) {
    const key = keyOf(item);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

export function summarizeCity(city: CityConfig): CitySummary {
  return {
    id: city.id,
    name: `${city.name.zh} / ${city.name.en}`,
    unitsPerLevel: countBy(city.units, LEVELS, (u) => u.level),
    departments: city.departments.length,
    departmentsPerPlatform: countBy(city.departments, PLATFORMS, (d) => d.platform),
    categories: city.categories.length,
    categoriesPerKind: countBy(city.categories, CATEGORY_KINDS, (c) => c.kind),
    responsibilityRows: city.responsibilityList.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, rows: v.rows.length })),
    ladder: city.escalation.steps.map((s) => s.rung),
    usersPerRole: countBy(city.users, ROLES, (u) => u.role),
  };
}
