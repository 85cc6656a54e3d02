/**
 * The city file, checked once at synth and turned into the runtime files the functions read
 * (`functions/aws/runtime-city.ts`). A city that fails any check fails the synth with every problem by
 * path, so a bad configuration never reaches a deployed function.
 *
 * The runtime files are cached (`node_modules/.cache/civic-loop`) under the city file's SHA-256, the
 * versions of their formats and a digest of the holiday source's schedules: full validation of a real
 * city takes seconds, and an unchanged city need not be checked twice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatOfFileName, loadCityConfig } from '../functions/domain/city/load.js';
import { chineseDaysSchedule } from '../functions/domain/calendar/holiday-source.js';
import type { CityConfig } from '../functions/domain/city/schema.js';
import { addContacts, readRuntimeCity, RUNTIME_FILES_VERSION, runtimeFilesBeside, runtimeFilesOf, writeRuntimeFiles, type RuntimeFiles } from '../functions/aws/runtime-city.js';

export interface PreparedCity {
  /** Absolute paths of the runtime files to ship beside each bundle that reads the city, by kind. */
  runtimeFiles: Record<keyof RuntimeFiles, string>;
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
  // The formats' versions are in the name: a cache written by an older synth is never read as this one. So
  // are the holiday source's schedules, which the runtime city carries resolved: after `npm update
  // chinese-days` an unchanged city file must not be answered with last year's holidays.
  const runtimeFiles = runtimeFilesBeside(join(cacheDir, `city-${sha256.slice(0, 32)}-${RUNTIME_FILES_VERSION}-${holidaySourceDigest()}.json`));
  if (Object.values(runtimeFiles).every((path) => existsSync(path))) {
    // The synth needs the whole city (the email topics are made from the contacts).
    const { city } = readRuntimeCity(runtimeFiles.city);
    addContacts(city, runtimeFiles.contacts, sha256);
    return { runtimeFiles, sha256, city };
  }

  const loaded = loadCityConfig(text, formatOfFileName(cityFile));
  if (!loaded.ok) {
    const shown = loaded.problems.slice(0, 20).map((problem) => `  ${problem.path}: ${problem.message}`);
    const more = loaded.problems.length > 20 ? [`  … and ${loaded.problems.length - 20} more (npm run validate-city -- ${cityFile})`] : [];
    throw new CityConfigurationError(`the city file ${cityFile} has ${loaded.problems.length} problem(s):\n${[...shown, ...more].join('\n')}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  // Each file under a temporary name and renamed, so a synth killed half-way never leaves a truncated cache;
  // the city file last, since its presence is what marks the set as done.
  writeRuntimeFiles(runtimeFilesOf(loaded.city, sha256), runtimeFiles.city);
  return { runtimeFiles, sha256, city: loaded.city };
}

/** A short digest of the holiday source's schedules (`chinese-days`): part of the cache's names. */
export function holidaySourceDigest(): string {
  const { days, years } = chineseDaysSchedule();
  return createHash('sha256').update(JSON.stringify([[...days], years])).digest('hex').slice(0, 12);
}
