/**
 * The checks zod cannot express: references between parts of the file, the shape of the org tree,
 * and consistency of the ladder, calendar and responsibility list. Every problem is reported, none
 * stops the others, so an admin fixes a file in one pass.
 */
import { LEVELS, levelRank, type CityConfig, type Level } from './schema.js';
import type { ConfigProblem } from './problems.js';

export type OverlapFinder = (
  areas: readonly { id: string; boundary: NonNullable<CityConfig['units'][number]['boundary']> }[],
) => readonly (readonly [string, string])[];

export interface ValidateOptions {
  /** Finds pairs of areas whose interiors overlap; geometry lives in the geo module. */
  findOverlaps?: OverlapFinder;
}

export function validateCity(city: CityConfig, options: ValidateOptions = {}): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  const unitIndex = new Map(city.units.map((unit, i) => [unit.id, i]));
  const departmentIds = new Set(city.departments.map((d) => d.id));
  const isParty = (id: string) => unitIndex.has(id) || departmentIds.has(id);

  checkUniqueIds(city, report);
  checkOrgTree(city, unitIndex, report);

  city.departments.forEach((department, i) => {
    const supervisorAt = unitIndex.get(department.supervisorId);
    if (supervisorAt === undefined) {
      report(`departments[${i}].supervisorId`, `unknown unit "${department.supervisorId}"`);
      return;
    }
    const supervisor = city.units[supervisorAt];
    if (supervisor && levelRank(supervisor.level) > levelRank(department.level)) {
      report(
        `departments[${i}].supervisorId`,
        `a ${department.level}-level department cannot be supervised by a ${supervisor.level} ("${supervisor.id}")`,
      );
    }
  });

  city.offices.forEach((office, i) => {
    if (!unitIndex.has(office.unitId)) report(`offices[${i}].unitId`, `unknown unit "${office.unitId}"`);
  });

  const categoryCodes = new Set<string>();
  city.categories.forEach((category, i) => {
    if (categoryCodes.has(category.code)) report(`categories[${i}].code`, `duplicate category code "${category.code}"`);
    categoryCodes.add(category.code);
  });

  checkResponsibilityList(city, categoryCodes, unitIndex, isParty, report);
  checkLadder(city, report);
  checkCalendar(city, report);
  checkAppraisal(city, report);
  checkUsers(city, unitIndex, isParty, report);

  if (options.findOverlaps) {
    for (const level of ['grid', 'community'] as const) {
      const areas = city.units.flatMap((unit) =>
        unit.level === level && unit.boundary ? [{ id: unit.id, boundary: unit.boundary }] : [],
      );
      for (const [a, b] of options.findOverlaps(areas)) {
        report(`units[${unitIndex.get(a)}].boundary`, `${level} "${a}" overlaps ${level} "${b}"`);
      }
    }
  }
  return problems;
}

type Report = (path: string, message: string) => void;

function checkUniqueIds(city: CityConfig, report: Report): void {
  // Units, departments and offices share one id space: a case's lead may be any of them.
  const seen = new Map<string, string>();
  const visit = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) report(path, `duplicate id "${id}" (first used at ${first})`);
    else seen.set(id, path);
  };
  city.units.forEach((u, i) => visit(u.id, `units[${i}].id`));
  city.departments.forEach((d, i) => visit(d.id, `departments[${i}].id`));
  city.offices.forEach((o, i) => visit(o.id, `offices[${i}].id`));
  const users = new Set<string>();
  city.users.forEach((user, i) => {
    if (users.has(user.id)) report(`users[${i}].id`, `duplicate user id "${user.id}"`);
    users.add(user.id);
  });
}

function checkOrgTree(city: CityConfig, unitIndex: Map<string, number>, report: Report): void {
  const cities = city.units.filter((u) => u.level === 'city');
  if (cities.length !== 1) report('units', `there must be exactly one unit of level "city", found ${cities.length}`);

  city.units.forEach((unit, i) => {
    if (unit.level === 'city') {
      if (unit.parentId !== undefined) report(`units[${i}].parentId`, 'the city has no superior');
      return;
    }
    if (unit.parentId === undefined) {
      report(`units[${i}].parentId`, `${unit.level} "${unit.id}" has no superior`);
      return;
    }
    const parentAt = unitIndex.get(unit.parentId);
    const parent = parentAt === undefined ? undefined : city.units[parentAt];
    if (!parent) {
      report(`units[${i}].parentId`, `unknown unit "${unit.parentId}"`);
      return;
    }
    const expected = LEVELS[levelRank(unit.level) - 1];
    if (parent.level !== expected) {
      report(`units[${i}].parentId`, `a ${unit.level}'s superior must be a ${expected}, "${parent.id}" is a ${parent.level}`);
    }
    if ((unit.level === 'grid' || unit.level === 'community') && !unit.boundary) {
      report(`units[${i}].boundary`, `a ${unit.level} needs a boundary polygon`);
    }
  });

  // A cycle would make "walk up to the city" loop forever; level checks alone miss cycles among bad levels.
  const state = new Map<string, 'visiting' | 'done'>();
  const parentOf = new Map(city.units.map((u) => [u.id, u.parentId]));
  for (const unit of city.units) {
    const path: string[] = [];
    let id: string | undefined = unit.id;
    while (id !== undefined && state.get(id) !== 'done') {
      if (state.get(id) === 'visiting') {
        const loop = path.slice(path.indexOf(id));
        report(`units[${unitIndex.get(id)}].parentId`, `cycle in the org tree: ${[...loop, id].join(' → ')}`);
        break;
      }
      state.set(id, 'visiting');
      path.push(id);
      id = parentOf.get(id);
    }
    for (const visited of path) state.set(visited, 'done');
  }
}

function checkResponsibilityList(
  city: CityConfig,
  categoryCodes: Set<string>,
  unitIndex: Map<string, number>,
  isParty: (id: string) => boolean,
  report: Report,
): void {
  const versions = city.responsibilityList.versions;
  versions.forEach((version, v) => {
    const base = `responsibilityList.versions[${v}]`;
    const previous = versions[v - 1];
    if (previous) {
      if (version.version <= previous.version) report(`${base}.version`, 'versions must increase');
      if (Date.parse(version.effectiveFrom) <= Date.parse(previous.effectiveFrom)) {
        report(`${base}.effectiveFrom`, 'a later version must take effect after the one before it');
      }
    }
    const owned = new Set<string>();
    version.rows.forEach((row, r) => {
      const at = `${base}.rows[${r}]`;
      if (!categoryCodes.has(row.categoryCode)) report(`${at}.categoryCode`, `unknown category "${row.categoryCode}"`);
      row.areaIds?.forEach((id, k) => {
        if (!unitIndex.has(id)) report(`${at}.areaIds[${k}]`, `unknown unit "${id}"`);
      });
      row.ownerIds.forEach((id, k) => {
        if (!isParty(id)) report(`${at}.ownerIds[${k}]`, `unknown unit or department "${id}"`);
      });
      row.coHandlerIds.forEach((id, k) => {
        if (!isParty(id)) report(`${at}.coHandlerIds[${k}]`, `unknown unit or department "${id}"`);
      });
      if (row.ownerIds.length === 0 && row.territoryLevel === undefined) {
        report(at, `nobody owns category "${row.categoryCode}": the row names no owner and no territorial level`);
      } else {
        owned.add(row.categoryCode);
      }
      if (row.ownerRule === 'territoryFirst' && row.territoryLevel === undefined) {
        report(`${at}.territoryLevel`, 'territory-first rows must name the territorial level that answers');
      }
    });
    for (const code of categoryCodes) {
      if (!owned.has(code)) report(`${base}.rows`, `category "${code}" is owned by nobody in version ${version.version}`);
    }
  });
}

function checkLadder(city: CityConfig, report: Report): void {
  const ladders: [string, CityConfig['escalation']['steps']][] = [['escalation.steps', city.escalation.steps]];
  for (const [urgency, steps] of Object.entries(city.escalation.byUrgency ?? {})) {
    if (steps) ladders.push([`escalation.byUrgency.${urgency}`, steps]);
  }
  for (const [base, steps] of ladders) {
    const rungs = new Set<string>();
    let sawAfter = false;
    let lastShare = 0;
    let lastLayer: Level = 'grid';
    steps.forEach((step, i) => {
      if (rungs.has(step.rung)) report(`${base}[${i}].rung`, `rung "${step.rung}" appears twice`);
      rungs.add(step.rung);
      if (step.trigger.at === 'beforeExpiry') {
        if (sawAfter) report(`${base}[${i}].trigger`, 'a step before expiry cannot follow a step after expiry');
        if (step.trigger.shareOfLimit <= lastShare) report(`${base}[${i}].trigger.shareOfLimit`, 'shares must increase along the ladder');
        lastShare = step.trigger.shareOfLimit;
      } else {
        sawAfter = true;
      }
      // Supervision only ever moves up the five layers (grid → … → city), never back down.
      if (levelRank(step.supervisingLayer) > levelRank(lastLayer)) {
        report(`${base}[${i}].supervisingLayer`, `supervision cannot move down from ${lastLayer} to ${step.supervisingLayer}`);
      }
      lastLayer = step.supervisingLayer;
    });
  }
}

const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function checkCalendar(city: CityConfig, report: Report): void {
  let lastEnd = -1;
  city.calendar.workingHours.forEach((period, i) => {
    const start = minutesOf(period.start);
    const end = minutesOf(period.end);
    if (end <= start) report(`calendar.workingHours[${i}]`, 'a working period must end after it starts');
    if (start < lastEnd) report(`calendar.workingHours[${i}]`, 'working periods must be in order and must not overlap');
    lastEnd = Math.max(lastEnd, end);
  });
  const dates = new Set<string>();
  city.calendar.overrides.forEach((override, i) => {
    if (dates.has(override.date)) report(`calendar.overrides[${i}].date`, `${override.date} is overridden twice`);
    dates.add(override.date);
  });
}

function checkAppraisal(city: CityConfig, report: Report): void {
  const seen = new Set<string>();
  city.appraisal.metrics.forEach((entry, i) => {
    if (seen.has(entry.metric)) report(`appraisal.metrics[${i}].metric`, `metric "${entry.metric}" is scored twice`);
    seen.add(entry.metric);
    if (entry.scoring.kind === 'bands') {
      const mins = entry.scoring.bands.map((b) => b.min);
      if (mins.some((min, k) => k > 0 && min >= (mins[k - 1] ?? Infinity))) {
        report(`appraisal.metrics[${i}].scoring.bands`, 'bands must be ordered from the highest minimum to the lowest');
      }
    }
  });
}

function checkUsers(city: CityConfig, unitIndex: Map<string, number>, isParty: (id: string) => boolean, report: Report): void {
  city.users.forEach((user, i) => {
    if (user.unitId !== undefined && !isParty(user.unitId)) report(`users[${i}].unitId`, `unknown unit or department "${user.unitId}"`);
    if (user.scopeUnitId !== undefined && !unitIndex.has(user.scopeUnitId)) report(`users[${i}].scopeUnitId`, `unknown unit "${user.scopeUnitId}"`);
    const needsUnit = user.role === 'gridWorker' || user.role === 'unitStaff' || user.role === 'unitHead';
    if (needsUnit && user.unitId === undefined) report(`users[${i}].unitId`, `a ${user.role} belongs to a unit`);
    if (user.role === 'gridWorker' && user.unitId !== undefined) {
      const unit = city.units[unitIndex.get(user.unitId) ?? -1];
      if (unit && unit.level !== 'grid') report(`users[${i}].unitId`, `a grid worker belongs to a grid, "${user.unitId}" is a ${unit.level}`);
    }
    const needsScope = user.role === 'dispatcher' || user.role === 'supervisor';
    if (needsScope && user.scopeUnitId === undefined) report(`users[${i}].scopeUnitId`, `a ${user.role} is scoped to a territory`);
  });
}
