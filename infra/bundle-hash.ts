/**
 * A bundle's asset hash computed before bundling, from everything that can change the bundle: the source
 * under functions/ (tests aside), the lock file, the bundling settings, esbuild's version, the entry and,
 * for functions that read it, the city. With the hash known up front, CDK skips bundling an asset whose
 * folder is already in cdk.out, so a synth after an unchanged one does not run esbuild 25 times again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|json)$/.test(entry.name) && !/\.(test|fixture|bench)\.ts$/.test(entry.name) ? [path] : [];
  });

let cached: { root: string; digest: string } | undefined;

/** One digest of the code all bundles are built from, computed once per synth. */
export function codeDigest(root: string): string {
  if (cached?.root === root) return cached.digest;
  const hash = createHash('sha256');
  for (const file of [...files(join(root, 'functions')).sort(), join(root, 'package-lock.json'), join(root, 'infra/bundling.ts'), join(root, 'node_modules/esbuild/package.json')]) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  cached = { root, digest: hash.digest('hex') };
  return cached.digest;
}

export const bundleHash = (root: string, entry: string, citySha256: string | undefined): string =>
  createHash('sha256').update(codeDigest(root)).update(entry).update(citySha256 ?? 'no city').digest('hex');
