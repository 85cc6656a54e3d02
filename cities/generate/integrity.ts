/**
 * Cross-reference checks the generator runs on its own output before writing it, so a typo in a hand-
 * authored table fails the build here rather than in routing. (The full semantic validator, with
 * geometry, is functions/domain/city/validate.ts.)
 */
import { levelRank, LEVELS, type CityConfig } from '../../functions/domain/city/schema.js';

export function integrityProblems(city: CityConfig): string[] {
  const problems: string[] = [];
  const units = new Map(city.units.map((u) => [u.id, u]));
  const parties = new Set<string>();
  for (const id of [...city.units.map((u) => u.id), ...city.departments.map((d) => d.id), ...city.offices.map((o) => o.id)]) {
    if (parties.has(id)) problems.push(`duplicate id ${id}`);
    parties.add(id);
  }
  const userIds = new Set<string>();
  for (const user of city.users) {
    if (userIds.has(user.id)) problems.push(`duplicate user id ${user.id}`);
    userIds.add(user.id);
    if (user.unitId !== undefined && !parties.has(user.unitId)) problems.push(`user ${user.id}: unknown unit ${user.unitId}`);
    if (user.scopeUnitId !== undefined && !units.has(user.scopeUnitId)) problems.push(`user ${user.id}: unknown scope ${user.scopeUnitId}`);
  }
  for (const unit of city.units) {
    if (unit.level === 'city') continue;
    const parent = unit.parentId === undefined ? undefined : units.get(unit.parentId);
    if (!parent || parent.level !== LEVELS[levelRank(unit.level) - 1]) problems.push(`unit ${unit.id}: parent ${unit.parentId} is not one level up`);
    if ((unit.level === 'community' || unit.level === 'grid') && !unit.boundary) problems.push(`unit ${unit.id}: no boundary`);
  }
  for (const d of city.departments) if (!units.has(d.supervisorId)) problems.push(`department ${d.id}: unknown supervisor ${d.supervisorId}`);
  for (const o of city.offices) if (!units.has(o.unitId)) problems.push(`office ${o.id}: unknown unit ${o.unitId}`);

  for (const version of city.responsibilityList.versions) {
    const covered = new Set(version.rows.map((r) => r.categoryCode));
    for (const c of city.categories) if (!covered.has(c.code)) problems.push(`version ${version.version}: no row for ${c.code}`);
    for (const row of version.rows) {
      for (const id of [...row.ownerIds, ...row.coHandlerIds]) if (!parties.has(id)) problems.push(`version ${version.version} ${row.categoryCode}: unknown ${id}`);
      for (const id of row.areaIds ?? []) if (!units.has(id)) problems.push(`version ${version.version} ${row.categoryCode}: unknown area ${id}`);
    }
  }
  const codes = new Set<string>();
  for (const c of city.categories) {
    if (codes.has(c.code)) problems.push(`duplicate category ${c.code}`);
    codes.add(c.code);
    if (c.defaultUrgency !== 'routine' && !c.limits[c.defaultUrgency]) problems.push(`category ${c.code}: no limits for its default urgency`);
  }
  return problems;
}
