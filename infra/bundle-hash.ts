/**
 * A bundle's asset hash computed before bundling, from everything that can change the bundle: the source
 * under functions/ (tests aside), the lock file, the bundling settings and swc's pass, the TypeScript
 * settings esbuild reads (tsconfig.json), esbuild's and swc's installed versions, the entry and, for
 * functions that read it, the city. With the hash known up front, CDK skips bundling an asset whose folder is already in cdk.out, so a synth after
 * an unchanged one does not run esbuild 25 times again.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return /\.(ts|json)$/.test(entry.name) && !/\.(test|fixture|bench)\.ts$/.test(entry.name) ? [path] : [];
  });

const inputsOf = (root: string): string[] => [
  ...files(join(root, 'functions')).sort(),
  join(root, 'package-lock.json'),
  join(root, 'tsconfig.json'),
  join(root, 'infra/bundling.ts'),
  join(root, 'infra/compress-pass.ts'),
  join(root, 'node_modules/esbuild/package.json'),
  join(root, 'node_modules/@swc/core/package.json'),
];

/**
 * The last digest, with the files it was read from and their sizes and modification times. A synth asks
 * for the digest once per function (the asset hash) and again when it bundles; reading and hashing every
 * file each time would cost more than the stat that tells whether any changed. A process that lives
 * across edits (a watch, a test run that synthesises twice) gets a new digest for the new code, so the
 * construct's `built?.digest !== digest` check rebuilds the bundles.
 */
let cached: { root: string; stamp: string; digest: string } | undefined;

/** One digest of the code all bundles are built from. */
export function codeDigest(root: string): string {
  const inputs = inputsOf(root);
  const stamp = inputs
    .map((file) => {
      const stat = statSync(file, { bigint: true });
      return `${file}\0${stat.size}\0${stat.mtimeNs}`;
    })
    .join('\n');
  if (cached?.root === root && cached.stamp === stamp) return cached.digest;
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  cached = { root, stamp, digest: hash.digest('hex') };
  return cached.digest;
}

export const bundleHash = (root: string, entry: string, citySha256: string | undefined): string =>
  createHash('sha256').update(codeDigest(root)).update(entry).update(citySha256 ?? 'no city').digest('hex');
