/**
 * The city as a client needs it to draw and label what the API answers: its time zone and locale, its map
 * bounds, the names of units, departments, offices and categories (`GET /city`), and the outlines of one
 * layer of its territory as GeoJSON (`GET /city/outlines/{level}`), simplified and built once per process.
 * Grids are left out of the directory (a city has thousands; their outlines carry their ids) — a grid's name
 * is its community's plus its number.
 */
import { createHash } from 'node:crypto';
import type { CityContext } from '../../app/city-context.js';
import { LEVELS, type Level, type OrgUnit } from '../../domain/city/schema.js';
import type { BBox } from '../../domain/geo/types.js';
import { httpHandler } from '../handler.js';
import { HttpProblem } from '../problem.js';
import { simplifyArea, type AreaGeometry } from './outline-geometry.js';

/** About two metres: invisible at any zoom a city map is read at, and it removes collinear vertices. */
const TOLERANCE_DEGREES = 0.00002;
/** Boundaries change with a new city file, i.e. a deploy; a browser may keep them for the session. */
const OUTLINE_CACHE = 'private, max-age=3600';

/** A layer named in the path: one of LEVELS (a plain check, so neither function here loads zod for it). */
const isLevel = (name: string | undefined): name is Level => (LEVELS as readonly (string | undefined)[]).includes(name);

export interface CityDirectoryDeps {
  city: CityContext;
  /**
   * The units of one layer with their boundaries, where `city`'s configuration has none (a Lambda reads
   * the boundaries of the layer asked for, not the city's every polygon: `functions/aws/city.ts`). The
   * configuration's own units when absent.
   */
  unitsOf?: (level: Level) => readonly OrgUnit[];
  /** The city's extent where it is known without the grid index (a Lambda's runtime city file); the index's when absent. */
  extent?: () => BBox | undefined;
}

export function makeCityDirectoryHandlers(deps: CityDirectoryDeps) {
  const { city } = deps.city;
  const unitsOf = deps.unitsOf ?? (() => city.units);
  // Both are serialised once: they only change with the city file, and are 0.3–2 MB of JSON for a real city.
  let directoryJson: string | undefined;
  const outlines = new Map<Level, { json: string; etag: string }>();

  const buildDirectory = () => {
    const bbox = deps.extent ? deps.extent() : deps.city.grids.bbox;
    return {
      id: city.id,
      name: city.name,
      locale: city.locale,
      timeZone: city.calendar.timeZone,
      ...(bbox ? { bounds: { west: bbox[0], south: bbox[1], east: bbox[2], north: bbox[3] } } : {}),
      levels: LEVELS,
      units: city.units.filter((unit) => unit.level !== 'grid').map((unit) => ({ id: unit.id, level: unit.level, name: unit.name, ...(unit.parentId ? { parentId: unit.parentId } : {}) })),
      departments: city.departments.map((department) => ({ id: department.id, level: department.level, platform: department.platform, name: department.name, supervisorId: department.supervisorId })),
      offices: city.offices.map((office) => ({ id: office.id, role: office.role, unitId: office.unitId, name: office.name })),
      categories: city.categories.map((category) => ({ code: category.code, kind: category.kind, name: category.name, group: category.group })),
    };
  };

  const buildOutlines = (level: Level) => {
    const features = unitsOf(level)
      .filter((unit) => unit.level === level && unit.boundary)
      .map((unit) => ({
        type: 'Feature' as const,
        id: unit.id,
        properties: { id: unit.id, ...(unit.parentId ? { parentId: unit.parentId } : {}), ...(level === 'grid' ? {} : { name: unit.name }) },
        geometry: simplifyArea(unit.boundary as AreaGeometry, TOLERANCE_DEGREES),
      }));
    const json = JSON.stringify({ type: 'FeatureCollection' as const, level, features });
    return { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
  };

  const directory = httpHandler({
    auth: 'required',
    run() {
      directoryJson ??= JSON.stringify(buildDirectory());
      return Promise.resolve({ raw: directoryJson, contentType: 'application/json; charset=utf-8', headers: { 'cache-control': OUTLINE_CACHE } });
    },
  });

  const outline = httpHandler({
    auth: 'required',
    run({ pathParameters }) {
      const level = pathParameters.level;
      if (!isLevel(level)) {
        throw new HttpProblem(404, `there is no layer "${level ?? ''}"; layers: ${LEVELS.join(', ')}`, { code: 'UnknownLevel' });
      }
      let built = outlines.get(level);
      if (!built) outlines.set(level, (built = buildOutlines(level)));
      return Promise.resolve({ raw: built.json, contentType: 'application/geo+json; charset=utf-8', headers: { 'cache-control': OUTLINE_CACHE, etag: built.etag } });
    },
  });

  return { directory, outline };
}
