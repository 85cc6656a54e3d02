/**
 * How every function is bundled, in one place: the CDK construct (`functions.ts`) and
 * `bench/bundles.bench.ts` both call `buildBundles`, so the bench measures exactly what is deployed.
 *
 * esbuild's API in the synth's own process, with code splitting, each function's folder holding its
 * entry as `index.mjs` and the chunks it reaches: a module behind a dynamic `import()` (the Step
 * Functions client of a function that commits to cases, used when a case starts or a wait completes) is
 * a chunk of its own, read only if that path runs; what the functions of a run share (Powertools, the AWS
 * clients) is cut into chunks of its own too (`SHARED_CHUNKS`), and every file then gets swc's second
 * minifying pass (`compressAgain`). NodejsFunction ran the esbuild CLI through npx once per function, about a minute of a cold synth.
 *
 * Entries that import the same modules are built together, in one esbuild run (20 runs for 25 entries):
 * they use the same code, so sharing the run costs them nothing, and it saves a third of the time. Not all
 * entries in one run (2 s): esbuild assigns shared code to chunks by file, so each function would carry
 * whatever any other function uses from a file it imports (the health check got zod and the case
 * service, 176 -> 403 KB).
 *
 * - The AWS SDK is bundled rather than taken from the runtime: the code runs on the client versions it was
 *   tested with (the runtime's copy is whatever version Lambda ships that month), and a fresh process
 *   loads the bundled clients faster than the runtime's unbundled packages (measured: DynamoDB client
 *   with the document client, ~163 ms bundled against ~200 ms from node_modules, on this machine).
 * - ESM, so esbuild can drop unused exports; the banner gives CommonJS dependencies (the X-Ray SDK) the
 *   `require` that ESM lacks.
 * - `module` before `main`: packages that ship both are bundled from their ESM build.
 * - zod as published, no alias: the handlers' request schemas are zod/mini (`functions/http/validation.ts`),
 *   of which a bundle keeps only the functions it calls (19-29 KB with its English messages), and no
 *   function reaches classic zod (the city schema's and the OpenAPI shapes', used at synth and build).
 *   Classic zod cannot be trimmed so, its methods being on its classes: a lean copy of it without its
 *   locales, aliased here, was still 132 KB of every function that validated.
 * - No semver, whose one user is the X-Ray SDK's patcher of AWS SDK v2 clients, which nothing here has
 *   (`functions/aws/bundling/no-semver.ts`): 9 KB less in every function than its `gte` alone (28 KB whole).
 * - The SDK's credentials from the environment or Lambda's container endpoint only
 *   (`functions/aws/bundling/lambda-credentials.ts`): 130 KB less in every function with an AWS client.
 * - No event streams' serde, which no operation of the clients used has
 *   (`functions/aws/bundling/no-event-streams.ts`): a 14 KB chunk less in every function with a client.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { buildSync, type Metafile } from 'esbuild';
import { API_DESCRIPTION_FILE, apiDescriptionText } from '../functions/aws/api-description.js';
import type { EntryPoint, Resource } from '../functions/aws/entry-points.js';
import { API_VERSION, openApiDocument } from '../functions/http/openapi/document.js';

export const BUNDLE = {
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  /** Packages replaced by a leaner module of the same API (paths from the project root; see each file). */
  alias: {
    '@aws-sdk/credential-provider-node': './functions/aws/bundling/lambda-credentials.ts',
    '@smithy/core/event-streams': './functions/aws/bundling/no-event-streams.ts',
    semver: './functions/aws/bundling/no-semver.ts',
  },
  /** The runtime file the construct copies beside each function that reads the city. */
  cityFileName: 'city.json',
  /** The handler module in each function's folder (the handler is `index.handler`). */
  handlerFile: 'index.mjs',
} as const;

export interface FunctionBundle {
  /** Files of the function's folder, by name, with the absolute path of the built file each is copied from. */
  files: { name: string; from: string; bytes: number }[];
  /** Bytes of the files loaded at cold start (the entry, the chunks it imports statically, the API description it reads). */
  initBytes: number;
  /** Bytes of every file in the folder, the chunks behind dynamic imports included. */
  totalBytes: number;
  /** What the folder's bytes come from: each source file (relative to the root) with its bytes in the output, and whether they load at cold start. */
  inputs: { path: string; bytes: number; atInit: boolean }[];
}

export interface BuiltBundles {
  /** Where esbuild wrote every entry and chunk. */
  dir: string;
  byName: Map<string, FunctionBundle>;
  /** Copies a function's files into `outputDir` (the entry as `index.mjs`). */
  copyTo(name: string, outputDir: string): void;
}

/** Writes `contents` to a generated module under node_modules/.cache (rewritten only when it changed) and returns its path. */
function generated(root: string, name: string, contents: string): string {
  const dir = join(root, 'node_modules/.cache/civic-loop/builtins');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== contents) {
    // Written aside and renamed: two test workers building at once never read a file half written.
    const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(aside, contents);
    renameSync(aside, file);
  }
  return file;
}

/**
 * Node's built-in modules reach the bundle as `process.getBuiltinModule(...)` rather than `import`.
 * Importing `node:http` from ESM builds its ESM facade, which reads every export, and the lazy `WebSocket`
 * getter among them loads the whole of undici and http2: about 55 ms of every cold start here, for
 * clients that never open a WebSocket (nodejs/node#59686, #57649). `getBuiltinModule` returns the module
 * object without reading its getters. Each built-in is aliased to a one-line CommonJS file that returns
 * it, and esbuild's interop hands importers their named exports. (esbuild's synchronous API, which the
 * CDK's local bundling needs, takes no plugins; aliases to files do the same job.)
 */
function builtinAliases(root: string): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of builtinModules) {
    const bare = name.replace(/^node:/, '');
    const file = generated(root, `${bare.replaceAll('/', '-')}.cjs`, `module.exports = process.getBuiltinModule(${JSON.stringify(`node:${bare}`)});\n`);
    aliases[`node:${bare}`] = file;
    // Modules only reachable with the prefix (node:test, node:sqlite) have no bare name to alias.
    if (!name.startsWith('node:')) aliases[bare] = file;
  }
  return aliases;
}

/**
 * The second minifying pass, swc's (`compress-pass.ts`, in a child process), over every file esbuild wrote;
 * the metafiles' output sizes become the files' new sizes (the inputs' bytes stay esbuild's). esbuild
 * bundles and minifies fast and safely but leaves what a compressor finds across statements (sequences,
 * inlined single-use bindings, joined declarations): swc takes a further 4% off every function (intake
 * 510 -> 489 KB) in about 4 s for all of them. `test/infra/bundled-run.test.ts` runs bundled functions
 * end to end.
 */
function compressAgain(root: string, metafiles: readonly Metafile[]): void {
  const outputs = metafiles.flatMap((metafile) => Object.entries(metafile.outputs).filter(([path]) => path.endsWith('.mjs')));
  const sizes = JSON.parse(
    execFileSync(process.execPath, [join(root, 'infra/compress-pass.ts')], { cwd: root, input: JSON.stringify(outputs.map(([path]) => join(root, path))), encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as Record<string, number>;
  for (const [path, output] of outputs) output.bytes = sizes[join(root, path)] ?? output.bytes;
}

/**
 * Code shared by the functions, made chunks of its own: each is the entry of an extra entry point of an
 * esbuild run, built beside the functions and never deployed. esbuild puts a module in the chunk of the
 * entry points that reach it, so the modules a function shares with one of these land in a chunk apart
 * from its own code; a function's folder still holds only the modules it reaches (the bundles test checks
 * which clients each carries). That matters for the cold start: V8 builds a function faster from a few
 * modules than from the same code as one. Measured on get-case, 61 interleaved fresh processes: 140 ms as
 * one file, 121 ms cut into its own code, the DynamoDB client and Powertools (126 ms in two; 120 ms in
 * four, with X-Ray apart, no better). With the SNS and Step Functions clients apart as well, 21
 * interleaved runs each: await-change 150 -> 134 ms, reconcile 113 -> 101, hand-over 91 -> 85, intake
 * 146 -> 140. The folders grow by 0.3-2.5 KB, the chunks' imports and exports.
 *
 * An extra entry point also marks live whatever it names, so each names only what every function of the
 * run uses: Powertools and middy are in every function; the DynamoDB client joins the runs whose functions
 * all read or write the table. (Naming the SNS and Step Functions clients too made the functions that
 * lack them 17 KB larger, with those clients' share of the SDK's common modules.)
 */
const SHARED_CHUNKS: readonly { name: string; text: string; when: (entry: Pick<EntryPoint, 'uses'>) => boolean }[] = [
  {
    name: 'powertools',
    text: [
      "export { Logger } from '@aws-lambda-powertools/logger';",
      "export { Metrics } from '@aws-lambda-powertools/metrics';",
      "export { Tracer } from '@aws-lambda-powertools/tracer';",
      "export { default as middy } from '@middy/core';",
    ].join('\n'),
    when: () => true,
  },
  {
    name: 'dynamodb',
    text: ["export { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "export { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';"].join('\n'),
    when: (entry) => entry.uses.includes('tableRead') || entry.uses.includes('tableWrite'),
  },
  {
    name: 'sns',
    text: "export { SNSClient } from '@aws-sdk/client-sns';",
    when: (entry) => entry.uses.includes('notify'),
  },
  {
    name: 'sfn',
    text: "export { SFNClient } from '@aws-sdk/client-sfn';",
    when: (entry) => ['startExecution', 'completeWait', 'readExecutions'].some((resource) => entry.uses.includes(resource as Resource)),
  },
];

/** The extra entry points of a run of these entries, by names no function has (`~dynamodb`). */
const sharedChunkEntries = (root: string, entries: readonly Pick<EntryPoint, 'uses'>[]): Record<string, string> =>
  Object.fromEntries(SHARED_CHUNKS.filter((chunk) => entries.every(chunk.when)).map((chunk) => [`~${chunk.name}`, generated(root, `shared-${chunk.name}.mjs`, `${chunk.text}\n`)]));

const entryFile = (root: string, name: string): string => join(root, 'functions/aws/entries', `${name}.ts`);

/** Entries grouped by the modules they import (the sorted specifiers of their import statements, those imported for their effect too). */
export function bundleGroups(root: string, names: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const key = [...readFileSync(entryFile(root, name), 'utf8').matchAll(/\b(?:from|import)\s+'([^']+)'/g)].map((match) => match[1]).sort().join('\n');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return [...groups.values()];
}

/**
 * Builds every given entry (one esbuild run per group) into `dir`, a fresh temporary folder when not given,
 * and the API's description for the entries that serve it (`functions/aws/api-description.ts`).
 */
export function buildBundles(root: string, entries: readonly Pick<EntryPoint, 'name' | 'uses'>[], dir = mkdtempSync(join(tmpdir(), 'civic-loop-bundles-'))): BuiltBundles {
  rmSync(dir, { recursive: true, force: true });
  const byName = new Map<string, FunctionBundle>();
  const alias = { ...builtinAliases(root), ...Object.fromEntries(Object.entries(BUNDLE.alias).map(([name, path]) => [name, join(root, path)])) };
  const usesOf = new Map(entries.map((entry) => [entry.name, entry]));
  const built: { group: string[]; dir: string; metafile: Metafile }[] = [];
  bundleGroups(
    root,
    entries.map((entry) => entry.name),
  ).forEach((group, i) => {
    const groupDir = join(dir, String(i));
    mkdirSync(groupDir, { recursive: true });
    const result = buildSync({
      absWorkingDir: root,
      entryPoints: { ...Object.fromEntries(group.map((name) => [name, entryFile(root, name)])), ...sharedChunkEntries(root, group.map((name) => usesOf.get(name) as Pick<EntryPoint, 'uses'>)) },
      outdir: groupDir,
      // Entries and chunks side by side: imports between them stay `./chunk-….mjs`, valid in each
      // function's folder, and `import.meta.url` of any chunk is that folder (the city files are beside it).
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      target: BUNDLE.target,
      format: BUNDLE.format,
      minify: BUNDLE.minify,
      sourcemap: BUNDLE.sourcemap,
      mainFields: [...BUNDLE.mainFields],
      banner: { js: BUNDLE.banner },
      alias,
      metafile: true,
      logLevel: 'error',
    });
    built.push({ group, dir: groupDir, metafile: result.metafile });
  });
  compressAgain(root, built.map(({ metafile }) => metafile));
  for (const { group, dir: groupDir, metafile } of built) for (const name of group) byName.set(name, bundleOf(metafile, root, groupDir, name));
  const describing = entries.filter((entry) => entry.uses.includes('apiDescription'));
  if (describing.length > 0) {
    const from = join(dir, API_DESCRIPTION_FILE);
    writeFileSync(from, apiDescriptionText(openApiDocument({ serverUrl: '', version: API_VERSION })));
    const bytes = statSync(from).size;
    for (const { name } of describing) {
      const bundle = byName.get(name) as FunctionBundle;
      byName.set(name, { ...bundle, files: [...bundle.files, { name: API_DESCRIPTION_FILE, from, bytes }], initBytes: bundle.initBytes + bytes, totalBytes: bundle.totalBytes + bytes });
    }
  }
  return {
    dir,
    byName,
    copyTo(name, outputDir) {
      const bundle = byName.get(name);
      if (!bundle) throw new Error(`no bundle built for '${name}'`);
      mkdirSync(outputDir, { recursive: true });
      for (const file of bundle.files) copyFileSync(file.from, join(outputDir, file.name));
    },
  };
}

function bundleOf(metafile: Metafile, root: string, dir: string, name: string): FunctionBundle {
  // Metafile output paths are relative to absWorkingDir.
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [join(root, path), output]));
  const entry = join(dir, `${name}.mjs`);
  const reach = (kinds: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (path: string): void => {
      if (seen.has(path)) return;
      const output = outputs.get(path);
      if (!output) throw new Error(`esbuild reported no output ${path}`);
      seen.add(path);
      for (const imported of output.imports) if (!imported.external && kinds.includes(imported.kind)) visit(join(root, imported.path));
    };
    visit(entry);
    return seen;
  };
  const atInit = reach(['import-statement']);
  const all = reach(['import-statement', 'dynamic-import']);
  const bytesOf = (path: string): number => outputs.get(path)?.bytes ?? 0;
  const sum = (paths: Set<string>): number => [...paths].reduce((total, path) => total + bytesOf(path), 0);
  return {
    files: [...all].map((from) => ({ name: from === entry ? BUNDLE.handlerFile : basename(from), from, bytes: bytesOf(from) })),
    initBytes: sum(atInit),
    totalBytes: sum(all),
    inputs: [...all].flatMap((path) => Object.entries(outputs.get(path)?.inputs ?? {}).map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput, atInit: atInit.has(path) }))),
  };
}
