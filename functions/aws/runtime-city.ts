/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need in two files:
 *
 * - `city.json`: the parsed configuration with its defaults filled in, without any boundary. Every
 *   function that reads the city parses it at cold start, as JSON it can trust, with no validation.
 * - `city.grids.json`: the grids' boundaries by unit id, read by the functions that locate points, when
 *   they first need to.
 * - `city.areas.json`: the other units' boundaries (communities, subdistricts, ...), read only to draw
 *   outlines.
 *
 * Boundaries are most of a city's bytes (the demo city: 1.6 of 4.2 MB, 1.0 of it grids) and indexing the
 * grids is most of its set-up, so a function that never locates anything pays for neither, and one that
 * locates does not parse the outlines of communities.
 */
import { readFileSync } from 'node:fs';
import type { AreaGeometry, CityConfig } from '../domain/city/schema.js';

export const RUNTIME_CITY_FORMAT = 'civic-loop/runtime-city@2';
export const RUNTIME_BOUNDARIES_FORMAT = 'civic-loop/runtime-boundaries@1';

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

export function runtimeFilesOf(city: CityConfig, sourceSha256: string): { city: RuntimeCityFile; grids: RuntimeBoundariesFile; areas: RuntimeBoundariesFile } {
  const grids: Record<string, AreaGeometry> = {};
  const areas: Record<string, AreaGeometry> = {};
  const units = city.units.map(({ boundary, ...unit }) => {
    if (boundary) (unit.level === 'grid' ? grids : areas)[unit.id] = boundary;
    return unit;
  });
  return {
    city: { format: RUNTIME_CITY_FORMAT, sourceSha256, city: { ...city, units } },
    grids: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries: grids },
    areas: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries: areas },
  };
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

/** The configuration with its boundaries back in place, for what draws outlines. */
export const withBoundaries = (city: CityConfig, boundaries: Record<string, AreaGeometry>): CityConfig => ({
  ...city,
  units: city.units.map((unit) => (boundaries[unit.id] ? { ...unit, boundary: boundaries[unit.id] } : unit)),
});
