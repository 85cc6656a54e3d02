/**
 * The bundles' code digest (`infra/bundle-hash.ts`) follows the code within one process: a changed source
 * file or tsconfig.json gives a new digest, so the construct rebuilds the bundles it shares between assets.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleHash, codeDigest } from '../../infra/bundle-hash.js';

describe('the bundles code digest', () => {
  const root = mkdtempSync(join(tmpdir(), 'civic-bundle-hash-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('functions/aws/entries/health.ts', 'export const handler = 1;\n');
  write('functions/aws/entries/health.test.ts', 'test\n');
  write('package-lock.json', '{}');
  write('tsconfig.json', '{"compilerOptions":{}}');
  write('infra/bundling.ts', 'export {};\n');
  write('infra/compress-pass.ts', 'export {};\n');
  write('node_modules/esbuild/package.json', '{"version":"0.28.2"}');
  write('node_modules/@swc/core/package.json', '{"version":"1.16.22"}');

  it('is the same while nothing changes, and changes with a source file, tsconfig.json or the second pass and its version in the same process', () => {
    const first = codeDigest(root);
    expect(codeDigest(root)).toBe(first);
    write('functions/aws/entries/health.test.ts', 'a test changed\n');
    expect(codeDigest(root)).toBe(first);
    write('functions/aws/entries/health.ts', 'export const handler = 22;\n');
    const second = codeDigest(root);
    expect(second).not.toBe(first);
    write('tsconfig.json', '{"compilerOptions":{"target":"es2024"}}');
    const third = codeDigest(root);
    expect(third).not.toBe(second);
    // swc's pass rewrites every file esbuild wrote: its options are the bundles' too.
    write('infra/compress-pass.ts', 'export const OPTIONS = { compress: false };\n');
    const fourth = codeDigest(root);
    expect(fourth).not.toBe(third);
    write('node_modules/@swc/core/package.json', '{"version":"1.16.23"}');
    expect(codeDigest(root)).not.toBe(fourth);
  });

  it('gives each entry and city its own bundle hash', () => {
    expect(bundleHash(root, 'health:', undefined)).not.toBe(bundleHash(root, 'intake:city', undefined));
    expect(bundleHash(root, 'intake:city', 'abc')).not.toBe(bundleHash(root, 'intake:city', 'def'));
  });
});
