/**
 * The city context of a function: the runtime city file shipped beside the bundle (see
 * `runtime-city.ts`), read once per process.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCityContext, type CityContext } from '../app/city-context.js';
import { readRuntimeCity } from './runtime-city.js';

/** The bundle's folder: `CITY_FILE` is relative to it (the construct copies the file next to `index.mjs`). */
const bundleDir = (): string => dirname(fileURLToPath(import.meta.url));

export function loadCityContext(cityFile: string): CityContext {
  const path = isAbsolute(cityFile) ? cityFile : join(bundleDir(), cityFile);
  return createCityContext(readRuntimeCity(path).city);
}
