/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need in two files:
 *
 * - `city.json`: the parsed configuration with its defaults filled in, without any boundary. Every
 *   function that reads the city parses it at cold start, as JSON it can trust, with no validation.
 * - `city.boundaries.json`: the unit boundaries by unit id (grids, communities, ...), read only by the
 *   functions that locate points or draw outlines, and by those only when they first need it.
 *
 * Boundaries are most of a city's bytes (the demo city: 1.6 of 4.2 MB) and indexing the grids is most of
 * its set-up, so a function that never locates anything pays for neither.
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

export function runtimeFilesOf(city: CityConfig, sourceSha256: string): { city: RuntimeCityFile; boundaries: RuntimeBoundariesFile } {
  const boundaries: Record<string, AreaGeometry> = {};
  const units = city.units.map(({ boundary, ...unit }) => {
    if (boundary) boundaries[unit.id] = boundary;
    return unit;
  });
  return {
    city: { format: RUNTIME_CITY_FORMAT, sourceSha256, city: { ...city, units } },
    boundaries: { format: RUNTIME_BOUNDARIES_FORMAT, sourceSha256, boundaries },
  };
}

/** The file of boundaries that goes with a runtime city file. */
export const boundariesFileOf = (cityFile: string): string => cityFile.replace(/(\.json)?$/, '.boundaries.json');

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
