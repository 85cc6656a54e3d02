/**
 * The city file, checked once at synth and turned into the runtime files the functions read
 * (`functions/aws/runtime-city.ts`). A city that fails any check fails the synth with every problem by
 * path, so a bad configuration never reaches a deployed function.
 *
 * The runtime files are cached by the city file's SHA-256 (`.cache/` under the output folder's parent):
 * full validation of a real city takes seconds, and an unchanged city need not be checked twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOfFileName, loadCityConfig } from '../functions/domain/city/load.js';
import type { CityConfig } from '../functions/domain/city/schema.js';
import { areasFileOf, gridsFileOf, readRuntimeCity, RUNTIME_CITY_FORMAT, runtimeFilesOf } from '../functions/aws/runtime-city.js';

export interface PreparedCity {
  /** Absolute path of the runtime city file to ship beside each bundle that reads the city. */
  runtimeFile: string;
  /** Absolute paths of its boundary files (grids; other areas), shipped with it. */
  gridsFile: string;
  areasFile: string;
  sha256: string;
  city: CityConfig;
}

export class CityConfigurationError extends Error {
  override readonly name = 'CityConfigurationError';
}

const DEFAULT_CACHE = resolve('node_modules/.cache/civic-loop');

export function prepareCity(cityFile: string, cacheDir = DEFAULT_CACHE): PreparedCity {
  const text = readFileSync(cityFile, 'utf8');
  const sha256 = createHash('sha256').update(text).digest('hex');
  // The format's version is in the name: a cache written by an older synth is never read as this one.
  const runtimeFile = join(cacheDir, `city-${sha256.slice(0, 32)}-${RUNTIME_CITY_FORMAT.split('@')[1]}.json`);
  const gridsFile = gridsFileOf(runtimeFile);
  const areasFile = areasFileOf(runtimeFile);
  if (existsSync(runtimeFile) && existsSync(gridsFile) && existsSync(areasFile)) return { runtimeFile, gridsFile, areasFile, sha256, city: readRuntimeCity(runtimeFile).city };

  const loaded = loadCityConfig(text, formatOfFileName(cityFile));
  if (!loaded.ok) {
    const shown = loaded.problems.slice(0, 20).map((problem) => `  ${problem.path}: ${problem.message}`);
    const more = loaded.problems.length > 20 ? [`  … and ${loaded.problems.length - 20} more (npm run validate-city -- ${cityFile})`] : [];
    throw new CityConfigurationError(`the city file ${cityFile} has ${loaded.problems.length} problem(s):\n${[...shown, ...more].join('\n')}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  const files = runtimeFilesOf(loaded.city, sha256);
  // Written under a temporary name and renamed, so a synth killed half-way never leaves a truncated cache;
  // the boundaries first, since the city file's presence is what marks the set as done.
  for (const [path, content] of [[gridsFile, files.grids], [areasFile, files.areas], [runtimeFile, files.city]] as const) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(content));
    renameSync(partial, path);
  }
  return { runtimeFile, gridsFile, areasFile, sha256, city: loaded.city };
}
