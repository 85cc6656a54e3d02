/**
 * The city context of a function, from the runtime files shipped beside the bundle (`runtime-city.ts`),
 * once per process. The units are decoded when first looked up (`units-on-demand.ts`), all of them only
 * where `city.units` is read. The grid index is read on first use from the grids file: routing a case, or
 * checking that a point lies in the city, reads it; showing or acting on a case does not. The units'
 * contacts are read by the functions that send notices, whose notifier calls `withContacts` when a notice
 * first reads a unit's contacts (`notifier.ts`), and then only the records of the units a notice is for.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CityContext } from '../app/city-context.js';
import type { ResolvedHolidays } from '../domain/calendar/day-kinds.js';
import { createResolvedCalendar } from '../domain/calendar/resolved-calendar.js';
import type { WorkingCalendarRules } from '../domain/calendar/types.js';
import type { AreaGeometry, CityConfig, Level, OrgUnit } from '../domain/city/schema.js';
import type { GridIndex } from '../domain/geo/grid-index.js';
import type { BBox } from '../domain/geo/types.js';
import { routingContextOf } from '../domain/routing/index.js';
import { readEnv } from './env.js';
import { once } from './once.js';
import { areasFileOf, contactsFileOf, contactsOnDemand, gridsFileOf, readRuntimeBoundaries, readRuntimeCity, withBoundaries, type RuntimeGrids } from './runtime-city.js';
import type { UnitsOnDemand } from './units-on-demand.js';

/** Opens a city's grids file (`openRuntimeGrids`): the index and the grids' boundaries. */
export type GridsOpener = (path: string, sourceSha256: string, units: UnitsOnDemand) => RuntimeGrids;

/**
 * How this function opens the grids file, given by `city-grids.ts`, which only the entries that locate
 * points or draw the grids import (those whose uses include `boundaries`): the grid index's code
 * (flatbush, point in polygon) is then bundled with them alone. Elsewhere the grids are refused by name.
 */
let gridsOpener: GridsOpener = () => {
  throw new Error("civic-loop: this function was not built to read the city's grids; an entry that locates points imports functions/aws/city-grids.ts (and has 'boundaries' in its uses)");
};

/** Called once, by `city-grids.ts`, when the module is evaluated: before any handler runs. */
export const openGridsWith = (opener: GridsOpener): void => {
  gridsOpener = opener;
};

/**
 * The working calendar, built when first asked a question, from the holidays the synth resolved (so no
 * function bundles the holiday source). Building it makes the Intl formatter of the city's time zone,
 * which loads ICU's zone data: 30-45 ms of a fresh process on this machine, that a function answering
 * without deadlines or time left (showing a case, the directory, the outlines) need not spend at cold
 * start. The synth validated the settings, so nothing is checked later than before.
 */
function calendarOnFirstUse(settings: CityConfig['calendar'], holidays: ResolvedHolidays): WorkingCalendarRules {
  const built = once(() => createResolvedCalendar(settings, holidays));
  return {
    timeZone: settings.timeZone,
    get workingDayMs() {
      return built().workingDayMs;
    },
    isWorkingDay: (localDate) => built().isWorkingDay(localDate),
    isWorkingMoment: (t) => built().isWorkingMoment(t),
    nextWorkingMoment: (t) => built().nextWorkingMoment(t),
    advance: (t, amountMs, kind) => built().advance(t, amountMs, kind),
    between: (a, b, kind) => built().between(a, b, kind),
    limitMs: (limit) => built().limitMs(limit),
    dueAt: (start, limit) => built().dueAt(start, limit),
  };
}

/** The bundle's folder: `CITY_FILE` is relative to it (the construct copies the files next to `index.mjs`). */
const bundleDir = (): string => dirname(fileURLToPath(import.meta.url));

export interface RuntimeCity {
  context: CityContext;
  /** The box around the city's grids, from the runtime city file: the grid index's `bbox`, without the index. */
  extent: BBox | undefined;
  /** The configuration with every unit's boundary (reads both boundary files). */
  withBoundaries(): CityConfig;
  /**
   * The units of one layer with their boundaries, for its outlines: the grids' from the grids file, the
   * other layers' from the areas file, each read when a layer of its kind is first asked for.
   */
  unitsWithBoundaries(level: Level): OrgUnit[];
  /**
   * Puts the units' contacts and heads in place in `context.city`, once: it opens the contacts file, and a
   * unit's record is read when its contacts are first used.
   */
  withContacts(): void;
}

export function loadRuntimeCity(cityFile: string, openGrids?: GridsOpener): RuntimeCity {
  const path = isAbsolute(cityFile) ? cityFile : join(bundleDir(), cityFile);
  const { city, units, sourceSha256, extent, holidays } = readRuntimeCity(path);
  // The index comes prepared (no box computed, no tree built); a grid's boundary is read when a point falls in its box.
  // The opener is the one in place when the grids are first read, not when the city was loaded: a module
  // that read the city before city-grids.ts was evaluated does not shut the grids out for good.
  const gridFile = once(() => (openGrids ?? gridsOpener)(gridsFileOf(path), sourceSha256, units));
  const grids = (): GridIndex => gridFile().index;
  const gridBoundaries = (): Record<string, AreaGeometry> => gridFile().boundaries();
  const calendar = calendarOnFirstUse(city.calendar, holidays);
  // Routing asks for the index when it first locates a point. Its units are decoded as they are looked up:
  // a request reads a few of the city's thousands.
  const routing = routingContextOf(city, grids, { byId: units, cityUnitId: units.firstOfLevel('city')?.id });
  const context: CityContext = {
    city,
    calendar,
    get grids() {
      return grids();
    },
    routing,
    rules: { calendar, city },
  };
  const areaBoundaries = once(() => readRuntimeBoundaries(areasFileOf(path), sourceSha256).boundaries);
  const allBoundaries = () => ({ ...gridBoundaries(), ...areaBoundaries() });
  return {
    context,
    extent,
    withBoundaries: once(() => withBoundaries(city, allBoundaries())),
    unitsWithBoundaries(level) {
      const boundaries = level === 'grid' ? gridBoundaries() : areaBoundaries();
      return city.units.filter((unit) => unit.level === level).map((unit) => (boundaries[unit.id] ? { ...unit, boundary: boundaries[unit.id] } : unit));
    },
    withContacts: once(() => contactsOnDemand(city, contactsFileOf(path), sourceSha256)),
  };
}

const runtime = once(() => loadRuntimeCity(readEnv(['CITY_FILE']).CITY_FILE));

/** The city named by CITY_FILE. */
export const city = (): CityContext => runtime().context;

/**
 * The city with its units' contacts in place: what a function that sends notices uses (`notifier.ts`
 * calls it when a notice first reads a unit's contacts). Elsewhere a unit's contacts are stand-ins that
 * throw when read (`runtime-city.ts`).
 */
export const withContacts = (): CityContext => {
  runtime().withContacts();
  return runtime().context;
};

/** The box around the city's grids, without reading the grids file (for the directory). */
export const cityExtent = (): BBox | undefined => runtime().extent;

/** The units of one layer with their boundaries (for its outlines). */
export const unitsWithBoundaries = (level: Level): OrgUnit[] => runtime().unitsWithBoundaries(level);
