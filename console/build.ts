/**
 * Builds the console when its build is missing or older than its sources: `npm start` runs this first
 * (prestart), so `npm ci && npm start` on a fresh clone serves a console, and so do the browser tests.
 * `npm run build:console` always builds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const CONSOLE_ROOT = fileURLToPath(new URL('.', import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
const BUILT = join(CONSOLE_DIST, 'index.html');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export function consoleIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const sources = Math.max(newestSource(join(CONSOLE_ROOT, 'src')), newestSource(join(CONSOLE_ROOT, 'index.html')), newestSource(join(CONSOLE_ROOT, 'vite.config.ts')));
  return sources > statSync(BUILT).mtimeMs;
}

export async function buildConsole(options: { quiet?: boolean } = {}): Promise<void> {
  await build({ configFile: join(CONSOLE_ROOT, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
}

/** Builds only when needed; returns whether it built. */
export async function ensureConsoleBuilt(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!consoleIsStale()) return false;
  await buildConsole(options);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const always = process.argv.includes('--always');
  if (always) await buildConsole();
  else if (await ensureConsoleBuilt({ quiet: true })) console.log('Built the console (console/dist).');
}
