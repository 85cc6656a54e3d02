/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need in two files:
 *
 * - `city.json`: the parsed configuration with its defaults filled in, without any boundary. Every
 *   function that reads the city parses it at cold start, as JSON it can trust, with no validation.
 * - `city.grids.json`: the grid index, prepared at synth (`GridIndex.prepared`: ids, boxes, flatbush's
 *   packed tree), and each grid's boundary as JSON text, parsed only when a point falls in its box. The
 *   functions that locate points read it (at cold start or when they first need to) without computing a
 *   box, building a tree or parsing thousands of polygons.
 * - `city.areas.json`: the other units' boundaries (communities, subdistricts, ...), read only to draw
 *   outlines.
 *
 * Boundaries are most of a city's bytes (the demo city: 1.6 of 4.2 MB, 1.0 of it grids) and indexing the
 * grids is most of its set-up, so a function that never locates anything pays for neither, and one that
 * locates does not parse the outlines of communities.
 */
import { readFileSync } from 'node:fs';
import type { AreaGeometry, CityConfig } from '../domain/city/schema.js';
import { GridIndex } from '../domain/geo/grid-index.js';

// @3: the grids file holds the prepared index (the cache of runtime files is keyed by this version).
export const RUNTIME_CITY_FORMAT = 'civic-loop/runtime-city@3';
export const RUNTIME_BOUNDARIES_FORMAT = 'civic-loop/runtime-boundaries@1';
export const RUNTIME_GRIDS_FORMAT = 'civic-loop/runtime-grids@1';

export interface RuntimeCityFile {
  format: typeof RUNTIME_CITY_FORMAT;
  /** SHA-256 of the city file it was made from, to tell which configuration a function runs. */
  sourceSha256: string;
  city: CityConfig;
}

export interface RuntimeBoundariesFile {
  format: typeof RUNTIME_BOUNDARIES_FORMAT;
  sourceSha256: string;
  boundaries: Record<string, AreaGeometry>;
}

/** The grid index as `GridIndex.fromPrepared` takes it, with the boundaries as JSON text in the index's order. */
export interface RuntimeGridsFile {
  format: typeof RUNTIME_GRIDS_FORMAT;
  sourceSha256: string;
  ids: string[];
  boxes: number[];
  unbounded: string[];
  /** flatbush's packed tree, base64; null for a city without bounded grids. */
  tree: string | null;
  /** `JSON.stringify` of the boundary of grid `ids[i]`. */
  boundaries: string[];
}

export function runtimeFilesOf(city: CityConfig, sourceSha256: string): { city: RuntimeCityFile; grids: RuntimeGridsFile; areas: RuntimeBoundariesFile } {
  const grids: Record<string, AreaGeometry> = {};
  const areas: Record<string, AreaGeometry> = {};
  const units = city.units.map(({ boundary, ...unit }) => {
    if (boundary) (unit.level === 'grid' ? grids : areas)[unit.id] = boundary;
    return unit;
  });
  return {
    city: { format: RUNTIME_CITY_FORMAT, sourceSha256, city: { ...city, units } },
    grids: runtimeGridsOf(city, grids, sourceSha256),
    areas: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries: areas },
  };
}

function runtimeGridsOf(city: CityConfig, boundaries: Record<string, AreaGeometry>, sourceSha256: string): RuntimeGridsFile {
  const prepared = GridIndex.fromUnits(city.units).prepared();
  const tree = prepared.tree === undefined ? null : Buffer.from(new Uint8Array(prepared.tree)).toString('base64');
  const texts = prepared.ids.map((id) => JSON.stringify(boundaries[id]));
  return { format: RUNTIME_GRIDS_FORMAT, sourceSha256, ids: [...prepared.ids], boxes: [...prepared.boxes], unbounded: [...prepared.unbounded], tree, boundaries: texts };
}

/** The files of boundaries that go with a runtime city file. */
export const gridsFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.grids.json');
export const areasFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.areas.json');

export class RuntimeCityError extends Error {
  override readonly name = 'RuntimeCityError';
}

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new RuntimeCityError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

export function readRuntimeCity(path: string): RuntimeCityFile {
  const parsed = readJson(path);
  // The one check left: that this is the file synth wrote, not a raw city file copied by hand.
  if (parsed.format !== RUNTIME_CITY_FORMAT || !parsed.city) {
    throw new RuntimeCityError(`${path} is not a runtime city file (${RUNTIME_CITY_FORMAT}); deploy with the CDK app, which writes it from the validated city file`);
  }
  return parsed as unknown as RuntimeCityFile;
}

export function readRuntimeBoundaries(path: string, sourceSha256: string): RuntimeBoundariesFile {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_BOUNDARIES_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the boundaries file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  return parsed as unknown as RuntimeBoundariesFile;
}

export function readRuntimeGrids(path: string, sourceSha256: string): RuntimeGridsFile {
  const parsed = readJson(path);
  if (parsed.format !== RUNTIME_GRIDS_FORMAT || parsed.sourceSha256 !== sourceSha256) {
    throw new RuntimeCityError(`${path} is not the boundaries file of the city ${sourceSha256.slice(0, 12)}; deploy with the CDK app`);
  }
  return parsed as unknown as RuntimeGridsFile;
}

/**
 * The grid index of a grids file, its boundaries parsed on first use each, and every boundary by id (for
 * the outlines) when asked.
 */
export function gridIndexOf(file: RuntimeGridsFile): { index: GridIndex; boundaries: () => Record<string, AreaGeometry> } {
  const parsed: (AreaGeometry | undefined)[] = new Array<AreaGeometry | undefined>(file.ids.length);
  const geometryOf = (i: number): AreaGeometry => (parsed[i] ??= JSON.parse(file.boundaries[i] as string) as AreaGeometry);
  // A fresh, aligned copy: flatbush reads the tree through typed arrays over the buffer.
  const tree = file.tree === null ? undefined : new Uint8Array(Buffer.from(file.tree, 'base64')).buffer;
  const index = GridIndex.fromPrepared({ ids: file.ids, boxes: file.boxes, unbounded: file.unbounded, tree }, geometryOf);
  return { index, boundaries: () => Object.fromEntries(file.ids.map((id, i) => [id, geometryOf(i)])) };
}

/** The configuration with its boundaries back in place, for what draws outlines. */
export const withBoundaries = (city: CityConfig, boundaries: Record<string, AreaGeometry>): CityConfig => ({
  ...city,
  units: city.units.map((unit) => (boundaries[unit.id] ? { ...unit, boundary: boundaries[unit.id] } : unit)),
});
