/**
 * Turning a city file's text into a checked configuration: syntax, then structure (zod), then the
 * cross-reference and geometry checks. Pure: the caller reads the file.
 */
import { parse as parseYaml } from 'yaml';
import { CityConfig } from './schema.js';
import { problemsFromZod, type ConfigProblem } from './problems.js';
import { validateCity, type ValidateOptions } from './validate.js';
import { findOverlaps } from '../geo/overlaps.js';

/** Overlapping grids or communities would make a point belong to two units: refuse them. */
const geometryChecks: ValidateOptions = {
  findOverlaps: (areas) => findOverlaps(areas).map((o) => [o.a, o.b] as const),
};

export type CityFileFormat = 'json' | 'yaml';

export type LoadResult = { ok: true; city: CityConfig } | { ok: false; problems: ConfigProblem[] };

export const formatOfFileName = (name: string): CityFileFormat => (/\.ya?ml$/i.test(name) ? 'yaml' : 'json');

export function loadCityConfig(text: string, format: CityFileFormat, options: ValidateOptions = geometryChecks): LoadResult {
  let raw: unknown;
  try {
    raw = format === 'yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid ${format.toUpperCase()}: ${(error as Error).message}` }] };
  }
  const parsed = CityConfig.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: problemsFromZod(parsed.error) };
  const problems = validateCity(parsed.data, options);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, city: parsed.data };
}
