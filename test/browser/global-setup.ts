/** Builds the console once before any test file runs, when its build is missing or older than its sources. */
import { ensureConsoleBuilt } from '../../console/build.js';

export default async function setup(): Promise<void> {
  await ensureConsoleBuilt({ quiet: true });
}
