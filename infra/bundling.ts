/**
 * How every function is bundled, in one place: the CDK construct hands these to NodejsFunction (esbuild,
 * no Docker) and `bench/bundles.bench.ts` builds with the same settings to measure size and cold start.
 *
 * - The AWS SDK is bundled rather than taken from the runtime: the code runs on the client versions it was
 *   tested with, and esbuild keeps only the commands used (smaller and faster to load than the runtime's
 *   full copy).
 * - ESM, so esbuild can drop unused exports; the banner gives CommonJS dependencies (the X-Ray SDK) the
 *   `require` that ESM lacks.
 * - `module` before `main`: packages that ship both are bundled from their ESM build.
 * - zod without its locales (`functions/aws/bundling/zod.ts`): 264 KB less in every bundle.
 */
export const BUNDLE = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  /** Packages replaced by a leaner module of the same API (paths from the project root; see each file). */
  alias: { zod: './functions/aws/bundling/zod.ts' },
  /** The runtime file the construct copies beside each function that reads the city. */
  cityFileName: 'city.json',
} as const;
