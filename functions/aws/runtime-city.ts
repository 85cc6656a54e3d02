/**
 * The city as a Lambda reads it. The CDK app loads the city file with every check (zod, cross-references,
 * geometry: seconds for a real city) once, at synth, and writes what the functions need: the parsed
 * configuration with its defaults filled in, minus the community and district boundaries that only the
 * overlap checks read. A cold start then parses JSON it can trust, without validating it again.
 */
import { readFileSync } from 'node:fs';
import type { CityConfig } from '../domain/city/schema.js';

export const RUNTIME_CITY_FORMAT = 'civic-loop/runtime-city@1';

export interface RuntimeCityFile {
  format: typeof RUNTIME_CITY_FORMAT;
  /** SHA-256 of the city file it was made from, to tell which configuration a function runs. */
  sourceSha256: string;
  city: CityConfig;
}

/** Only grids are located at run time (routing, duplicate detection); other boundaries serve validation. */
export function runtimeCityOf(city: CityConfig, sourceSha256: string): RuntimeCityFile {
  return {
    format: RUNTIME_CITY_FORMAT,
    sourceSha256,
    city: { ...city, units: city.units.map((unit) => (unit.level === 'grid' || !unit.boundary ? unit : { ...unit, boundary: undefined })) },
  };
}

export class RuntimeCityError extends Error {
  override readonly name = 'RuntimeCityError';
}

export function readRuntimeCity(path: string): RuntimeCityFile {
  let parsed: Partial<RuntimeCityFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<RuntimeCityFile>;
  } catch (error) {
    throw new RuntimeCityError(`cannot read the city at ${path}: ${(error as Error).message}`);
  }
  // The one check left: that this is the file synth wrote, not a raw city file copied by hand.
  if (parsed.format !== RUNTIME_CITY_FORMAT || !parsed.city) {
    throw new RuntimeCityError(`${path} is not a runtime city file (${RUNTIME_CITY_FORMAT}); deploy with the CDK app, which writes it from the validated city file`);
  }
  return parsed as RuntimeCityFile;
}
