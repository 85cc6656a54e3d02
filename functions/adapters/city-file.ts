/**
 * Reads a city file from disk and runs every check on it, geometry included. The one place the
 * command-line tools, the local runtime and (later) the Lambda cold start load a city from.
 */
import { readFileSync } from 'node:fs';
import { formatOfFileName, loadCityConfig, type LoadResult } from '../domain/city/load.js';

export function readCityFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  return loadCityConfig(text, formatOfFileName(path));
}
