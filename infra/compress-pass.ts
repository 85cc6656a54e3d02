/**
 * The bundles' second minifying pass, swc's, run by `infra/bundling.ts` as a child process of its own:
 * swc is a native addon, which crashes a process whose worker threads load it when they exit (vitest's
 * threads did), so no process of the synth or the tests loads it. Node runs this file as it is (its types
 * are erasable), with no loader.
 *
 * Reads a JSON list of files on stdin, minifies each in place, all at once on swc's own threads, and
 * writes `{ file: bytes }` on stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { minify } from '@swc/core';

// Safe compress options (nothing `unsafe`), two passes; names mangled within each module, whose exports
// keep their names, so the chunks still link.
const OPTIONS = { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } } as const;

const files = JSON.parse(readFileSync(0, 'utf8')) as string[];
const sizes = await Promise.all(
  files.map(async (file): Promise<[string, number]> => {
    const { code } = await minify(readFileSync(file, 'utf8'), OPTIONS);
    writeFileSync(file, code);
    return [file, Buffer.byteLength(code)];
  }),
);
process.stdout.write(JSON.stringify(Object.fromEntries(sizes)));
