/**
 * The bundles as deployed, not the sources: every entry built by `buildBundles` (as the construct builds
 * them), copied into a folder of its own as CDK stages it, with the tiny city's runtime files the
 * construct gives the function, and loaded in a fresh Node process, which must find every chunk it
 * imports in its folder and export a handler. `entries.test.ts` checks the environment each entry needs;
 * this checks the built folders.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NormalizedSchema } from '@smithy/core/schema';
import { API_DESCRIPTION_FILE } from '../../functions/aws/api-description.js';
import { ENTRY_POINTS } from '../../functions/aws/entry-points.js';
import { runtimeFileKindsFor, runtimeFilesBeside, runtimeFilesOf, toRuntimeJson } from '../../functions/aws/runtime-city.js';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { BUNDLE, buildBundles, type BuiltBundles } from '../../infra/bundling.js';

const run = promisify(execFile);

/** Plausible values for every variable the construct may set (the template's are checked in entries.test.ts). */
const LAMBDA_ENV = {
  AWS_REGION: 'ap-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  TABLE_NAME: 'civic-loop-cases',
  STATE_MACHINE_ALIAS_ARN: 'arn:aws:states:ap-east-1:123456789012:stateMachine:CaseSupervision:live',
  NOTICE_TOPIC_ARN_PREFIX: 'arn:aws:sns:ap-east-1:123456789012:CivicLoop-',
  API_URL: 'https://api.example.org',
  CITY_FILE: BUNDLE.cityFileName,
  APP_VERSION: 'test',
};

/** Imports the handler module as Lambda's runtime does and reports what it exports. */
const LOADER = `const m = await import(process.argv[1]); process.stdout.write(typeof m.handler);`;

describe('the bundles, each in a folder of its own as deployed', () => {
  let bundles: BuiltBundles;
  let root: string;
  beforeAll(() => {
    bundles = buildBundles(resolve('.'), ENTRY_POINTS);
    root = mkdtempSync(join(tmpdir(), 'civic-bundles-'));
    for (const entry of ENTRY_POINTS) bundles.copyTo(entry.name, join(root, entry.name));
  }, 180_000);
  afterAll(() => {
    rmSync(bundles.dir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  it('gives every function its entry as index.mjs, every chunk its code imports (now or later), and no zod where its code has no use for it', () => {
    for (const entry of ENTRY_POINTS) {
      const bundle = bundles.byName.get(entry.name);
      expect(bundle?.files.filter((file) => file.name === BUNDLE.handlerFile)).toHaveLength(1);
      expect(bundle?.files.some((file) => file.name === API_DESCRIPTION_FILE), entry.name).toBe(entry.uses.includes('apiDescription'));
      // Loading index.mjs tries only the static imports; a chunk behind import() would be missed until a
      // request needs it. So every relative module any copied file names must be in the folder.
      const dir = join(root, entry.name);
      const present = new Set(readdirSync(dir));
      const named = new Set<string>();
      for (const file of present) {
        if (file.endsWith('.mjs')) for (const [, target] of readFileSync(join(dir, file), 'utf8').matchAll(/["']\.\/([\w.-]+\.mjs)["']/g)) named.add(target!);
      }
      expect([...named].filter((file) => !present.has(file)), entry.name).toEqual([]);
    }
    // zod is 19-29 KB of zod/mini where a request is validated (functions/http/validation.ts): the health check, the workflow's tasks, and the reads that
    // check no body or query (a case, its action menu, the city's directory and outlines) validate nothing
    // with it (env.ts, city/schema.ts, http/native/case-view.ts, schemas.ts), Open311 reads its forms itself,
    // and the API description is made at build (functions/aws/api-description.ts).
    const withoutZod = ['health', 'openapi', 'docs', 'get-case', 'case-actions', 'city-directory', 'city-outlines', 'open311', 'hand-over', 'reconcile', 'await-change', 'finish', 'route-case', 'apply-milestone', 'digest'];
    for (const name of withoutZod) {
      const text = (bundles.byName.get(name)?.files ?? []).map((file) => readFileSync(join(root, name, file.name), 'utf8')).join('');
      expect(text, name).not.toMatch(/ZodString/);
      expect(bundles.byName.get(name)?.inputs.filter((input) => input.path.includes('node_modules/zod/')) ?? [], name).toEqual([]);
    }
    // The others have zod/mini's functions they call and English messages. Classic zod (the city schema,
    // the API description's shapes) runs at synth and build only: one stray `import { z } from 'zod'` in
    // request code would bring its API and every locale (~450 KB).
    for (const entry of ENTRY_POINTS.filter((e) => !withoutZod.includes(e.name))) {
      const zodFiles = (bundles.byName.get(entry.name)?.inputs ?? []).map((input) => input.path).filter((path) => path.includes('node_modules/zod/'));
      expect(zodFiles, entry.name).not.toEqual([]);
      expect(zodFiles.filter((path) => /\/v4\/classic\/|\/(compile|from-json-schema)\.js$/.test(path)), entry.name).toEqual([]);
      expect(zodFiles.filter((path) => path.includes('/locales/') && !path.endsWith('/locales/en.js')), entry.name).toEqual([]);
    }
  });

  it("bundles no semver: its one user is the X-Ray SDK's v2 patcher, which asks only for gte and which nothing here calls (functions/aws/bundling/no-semver.ts)", () => {
    const requirers = new Set<string>();
    for (const entry of ENTRY_POINTS) {
      const inputs = bundles.byName.get(entry.name)?.inputs ?? [];
      expect(inputs.filter((input) => input.bytes > 0 && input.path.includes('node_modules/semver/')).map((input) => input.path), entry.name).toEqual([]);
      for (const input of inputs) {
        if (!input.path.startsWith('node_modules/')) continue;
        const text = readFileSync(resolve(input.path), 'utf8');
        for (const [, name] of text.matchAll(/(\w+)\s*=\s*require\(["']semver["']\)/g)) {
          requirers.add(input.path);
          const used = new Set([...text.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))].map((match) => match[1]));
          expect([...used], input.path).toEqual(['gte']);
        }
        // Nothing reaches into semver's files by path, which the alias would not catch.
        expect(text, input.path).not.toMatch(/require\(["']semver\/|from ["']semver\//);
      }
    }
    expect([...requirers]).toEqual(['node_modules/aws-xray-sdk-core/dist/lib/patchers/aws_p.js']);
    // That patcher runs only when handed an AWS SDK v2, through captureAWS or captureAWSClient: no code here calls either.
    const sources = execFileSync('git', ['ls-files', 'functions', 'local'], { encoding: 'utf8' }).split('\n').filter((path) => path.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.filter((path) => /\bcaptureAWS(Client)?\(/.test(readFileSync(path, 'utf8')))).toEqual([]);
  });

  it("gives the AWS clients Lambda's credential sources only, not the SDK's default chain (functions/aws/bundling/lambda-credentials.ts)", () => {
    let withClients = 0;
    for (const entry of ENTRY_POINTS) {
      const paths = (bundles.byName.get(entry.name)?.inputs ?? []).map((input) => input.path);
      expect(
        paths.filter((path) => /node_modules\/(@aws-sdk\/(credential-provider-(node|ini|sso|process|web-identity|login)|nested-clients|token-providers)|@smithy\/credential-provider-imds)\//.test(path)),
        entry.name,
      ).toEqual([]);
      if (paths.some((path) => path.includes('node_modules/@aws-sdk/client-'))) {
        withClients++;
        expect(paths, entry.name).toContain('functions/aws/bundling/lambda-credentials.ts');
      }
    }
    expect(withClients).toBeGreaterThan(15);
  });

  it('gives a function an AWS client exactly when its permissions let it use one (entry-points.ts)', () => {
    const clients = [
      { client: 'client-dynamodb', grantedBy: ['tableRead', 'tableWrite'] },
      { client: 'client-sfn', grantedBy: ['startExecution', 'completeWait', 'readExecutions'] },
      { client: 'client-sns', grantedBy: ['notify'] },
    ] as const;
    for (const entry of ENTRY_POINTS) {
      const paths = (bundles.byName.get(entry.name)?.inputs ?? []).map((input) => input.path);
      for (const { client, grantedBy } of clients) {
        const carried = paths.some((path) => path.includes(`node_modules/@aws-sdk/${client}/`));
        expect(carried, `${entry.name} and ${client}`).toBe(grantedBy.some((resource) => entry.uses.includes(resource)));
      }
    }
  });

  it('bundles no event streams, and no operation of the clients the functions carry has one (functions/aws/bundling/no-event-streams.ts)', async () => {
    const clients = new Set<string>();
    for (const entry of ENTRY_POINTS) {
      const inputs = bundles.byName.get(entry.name)?.inputs ?? [];
      expect(inputs.filter((input) => input.bytes > 0 && input.path.includes('/submodules/event-streams/')).map((input) => input.path), entry.name).toEqual([]);
      for (const input of inputs) clients.add(/node_modules\/(@aws-sdk\/client-[\w-]+)\//.exec(input.path)?.[1] ?? '');
    }
    clients.delete('');
    expect([...clients].sort()).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-sfn', '@aws-sdk/client-sns']);
    // The SDK reaches for event streams only for an operation whose input or output has an event-stream
    // member: the operation schemas (`[9, namespace, name, traits, input, output]`) the clients export.
    const streaming = async (client: string): Promise<{ operations: number; streaming: string[] }> => {
      const exported = Object.entries((await import(client)) as Record<string, unknown>).filter(([name, value]) => name.endsWith('$') && Array.isArray(value) && value[0] === 9);
      const found = exported.filter(([, operation]) =>
        [(operation as unknown[])[4], (operation as unknown[])[5]].some((part) => {
          const schema = NormalizedSchema.of(part as Parameters<typeof NormalizedSchema.of>[0]);
          return schema.isStructSchema() && schema.getEventStreamMember() !== '';
        }),
      );
      return { operations: exported.length, streaming: found.map(([name]) => name) };
    };
    for (const client of clients) {
      const { operations, streaming: found } = await streaming(client);
      expect(operations, client).toBeGreaterThan(10);
      expect(found, client).toEqual([]);
    }
    // The check finds one where there is one: Lambda's response streaming (its client comes with aws-local-stepfunctions).
    expect((await streaming('@aws-sdk/client-lambda')).streaming).toContain('InvokeWithResponseStream$');
  });

  it("gives the grid index's code (flatbush, point in polygon) only to the functions that locate points or draw grids (functions/aws/city-grids.ts)", () => {
    for (const entry of ENTRY_POINTS) {
      // Modules esbuild read but left no code of are listed with 0 bytes.
      const paths = (bundles.byName.get(entry.name)?.inputs ?? []).filter((input) => input.bytes > 0).map((input) => input.path);
      const carried = ['node_modules/flatbush/', 'node_modules/@turf/boolean-point-in-polygon/', 'functions/domain/geo/grid-index.ts'].filter((part) => paths.some((path) => path.includes(part)));
      expect(carried, entry.name).toEqual(entry.uses.includes('boundaries') ? ['node_modules/flatbush/', 'node_modules/@turf/boolean-point-in-polygon/', 'functions/domain/geo/grid-index.ts'] : []);
    }
  });

  it("cuts each function into its own code and chunks of the code it shares, Powertools and its clients (SHARED_CHUNKS in infra/bundling.ts)", () => {
    // Strings minifying keeps: Powertools' environment variable, and the DynamoDB client's JSON protocol target.
    const markers = [
      { marker: 'POWERTOOLS_SERVICE_NAME', in: () => true },
      { marker: 'DynamoDB_20120810', in: (uses: readonly string[]) => uses.includes('tableRead') || uses.includes('tableWrite') },
    ];
    for (const entry of ENTRY_POINTS) {
      const dir = join(root, entry.name);
      const texts = Object.fromEntries(readdirSync(dir).filter((file) => file.endsWith('.mjs')).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
      for (const { marker, in: carried } of markers) {
        const holders = Object.keys(texts).filter((file) => texts[file]!.includes(marker));
        if (!carried(entry.uses)) continue;
        expect(holders.length, `${entry.name}: ${marker}`).toBeGreaterThan(0);
        expect(holders, `${entry.name}: ${marker}`).not.toContain(BUNDLE.handlerFile);
      }
    }
  });

  it('takes Node built-ins with getBuiltinModule, never by an import statement (an ESM import of node:http loads undici)', () => {
    for (const entry of ENTRY_POINTS) {
      const dir = join(root, entry.name);
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.mjs'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        // The banner's own `node:module` import gives CommonJS dependencies their `require`.
        const imported = [...text.matchAll(/(?:\bfrom|\bimport)\s*["'](node:[\w/]+|[a-z_]+)["']/g)].map((match) => match[1]).filter((name) => name !== 'node:module');
        expect(imported, `${entry.name}/${file}`).toEqual([]);
      }
    }
  });

  it('loads every function from its folder alone and finds its handler', async () => {
    const files = runtimeFilesOf(tinyCity(), 'tiny');
    for (const entry of ENTRY_POINTS) {
      const dir = join(root, entry.name);
      // Exactly the runtime files the construct copies for the function (contacts only where it notifies).
      const paths = runtimeFilesBeside(join(dir, BUNDLE.cityFileName));
      for (const kind of runtimeFileKindsFor(entry.uses)) writeFileSync(paths[kind], toRuntimeJson(files[kind]));
      expect(readdirSync(dir)).toContain(BUNDLE.handlerFile);
    }
    // Two at a time: a cold start each, on a machine shared with other work.
    const results: Record<string, string> = {};
    const queue = [...ENTRY_POINTS];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', LOADER, join(root, entry.name, BUNDLE.handlerFile)], { env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV } });
        results[entry.name] = stdout;
      }
    };
    await Promise.all([worker(), worker()]);
    expect(results).toEqual(Object.fromEntries(ENTRY_POINTS.map((entry) => [entry.name, 'function'])));
  }, 120_000);
});
