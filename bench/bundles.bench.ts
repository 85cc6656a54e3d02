/**
 * Per Lambda function: the minified bundle's size and its cold initialisation time, built by the very
 * function the CDK construct bundles with (`buildBundles` in `infra/bundling.ts`: the function's folder
 * holding its entry as index.mjs and the chunks it reaches) and loaded the way Lambda's
 * Node.js runtime loads a handler module, in a fresh Node 24 process each run (median of RUNS). The
 * city-reading functions get the demo city's runtime files beside the bundle, as deployed
 * (`runtimeFileKindsFor`: the same files the construct copies).
 *
 * The size is every file of the function's code (`bundle KB`: the chunks behind dynamic imports too,
 * which a request may load later); `init KB` is the part loaded at cold start. Runs go round the
 * functions (run 1 of each, then run 2 of each, ...), so a burst of load from elsewhere on a shared machine
 * falls on all of them alike rather than on one function's runs.
 *
 *   npm run bench:bundles [-- --runs 9] [-- --city cities/kaifeng-demo.json] [-- --only health,intake] [-- --packages 12]
 *
 * `--packages N` also lists, per function, the N packages (or folders of this repository) with the most
 * bytes in its folder, at cold start and behind dynamic imports, from esbuild's metafile.
 *
 * `--compare DIR` judges a change: DIR is the output folder of an earlier run (bench/results/bundles,
 * copied aside before the change). Each run then imports the function from DIR and from this build in
 * turn, process by process, and the table gives both medians. On this machine a function's init drifts by
 * 10-20 ms from one minute to the next, more than most changes: only runs interleaved so tell them apart.
 *
 * Aim (issue 5): every bundle ≤ 500 KB and every median init ≤ 150 ms on this machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ENTRY_POINTS } from '../functions/aws/entry-points.js';
import { copyRuntimeFiles, runtimeFileKindsFor } from '../functions/aws/runtime-city.js';
import { BUNDLE, buildBundles, type FunctionBundle } from '../infra/bundling.js';
import { prepareCity } from '../infra/city-artifact.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    city: { type: 'string', default: 'cities/kaifeng-demo.json' },
    only: { type: 'string' },
    packages: { type: 'string' },
    compare: { type: 'string' },
  },
});
const ONLY = values.only ? new Set(values.only.split(',')) : undefined;
const COMPARE = values.compare ? resolve(values.compare) : undefined;
const RUNS = Number(values.runs);
const AIM_BYTES = 500 * 1024;
const AIM_MS = 150;
const OUT = resolve('bench/results/bundles');

/** What the construct sets, with stand-in values: nothing is called at init, only parsed and built. */
const LAMBDA_ENV: Record<string, string> = {
  AWS_REGION: 'ap-east-1',
  AWS_DEFAULT_REGION: 'ap-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example',
  AWS_SESSION_TOKEN: 'example',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  NODE_OPTIONS: '--enable-source-maps=false',
  TABLE_NAME: 'civic-loop-cases',
  STATE_MACHINE_ALIAS_ARN: 'arn:aws:states:ap-east-1:123456789012:stateMachine:CaseSupervision:live',
  NOTICE_TOPIC_ARN_PREFIX: 'arn:aws:sns:ap-east-1:123456789012:CivicLoop-',
  API_URL: 'https://api.example.org',
  CITY_FILE: BUNDLE.cityFileName,
  POWERTOOLS_SERVICE_NAME: 'civic-loop',
  POWERTOOLS_METRICS_NAMESPACE: 'CivicLoop',
};

/**
 * Imports the bundle as the runtime does and prints how long the import (the whole init) took, in wall
 * time and in CPU time of the process (user + system). On a shared machine the CPU time is the steadier
 * figure: a Lambda init has its vCPU to itself, so there wall time is about CPU time.
 *
 * Before the clock starts, the process holds what Lambda's Node.js runtime has loaded before it imports a
 * handler: `node:http` (and the modules it brings: net, stream, events), which the runtime's client of
 * the Runtime API requires at module scope (aws-lambda-nodejs-runtime-interface-client,
 * `src/client/rapid-client.ts`; `RAPIDClient.js` in earlier releases). A function does not pay for it.
 */
const LOADER = `process.getBuiltinModule('node:http'); const c0 = process.cpuUsage(); const t0 = performance.now(); const m = await import(process.argv[1]); if (typeof m.handler !== 'function') throw new Error('no handler export'); const c = process.cpuUsage(c0); process.stdout.write(JSON.stringify([performance.now() - t0, (c.user + c.system) / 1000]));`;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/** Bytes by npm package (scoped names whole) or, for this repository's code, by its first two folders; largest first. */
function byPackage(inputs: FunctionBundle['inputs']): [string, [number, number]][] {
  const sums = new Map<string, [number, number]>();
  for (const input of inputs) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input.path)?.[1] ?? input.path.split('/').slice(0, 2).join('/');
    const sum = sums.get(name) ?? [0, 0];
    sum[input.atInit ? 0 : 1] += input.bytes;
    sums.set(name, sum);
  }
  return [...sums].sort((a, b) => b[1][0] + b[1][1] - a[1][0] - a[1][1]);
}

function main(): void {
  if (COMPARE && (COMPARE === OUT || COMPARE.startsWith(`${OUT}/`))) throw new Error(`--compare ${COMPARE}: this run writes ${OUT} afresh; copy the earlier run aside first`);
  if (COMPARE && !existsSync(COMPARE)) throw new Error(`--compare ${COMPARE}: no such folder`);
  const city = prepareCity(values.city);
  rmSync(OUT, { recursive: true, force: true });
  const entries = ENTRY_POINTS.filter((e) => !ONLY || ONLY.has(e.name));
  const started = performance.now();
  const bundles = buildBundles(resolve('.'), entries, join(OUT, '.build'));
  const buildMs = performance.now() - started;
  const dirs = new Map<string, string>();
  for (const entry of entries) {
    const dir = join(OUT, entry.name);
    bundles.copyTo(entry.name, dir);
    copyRuntimeFiles(city.runtimeFiles, join(dir, BUNDLE.cityFileName), runtimeFileKindsFor(entry.uses));
    dirs.set(entry.name, dir);
  }
  rmSync(join(OUT, '.build'), { recursive: true, force: true });

  const load = (dir: string): [number, number] =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', LOADER, join(dir, BUNDLE.handlerFile)], { env: { ...LAMBDA_ENV, PATH: process.env.PATH ?? '' }, encoding: 'utf8' })) as [number, number];
  const earlierDirs = new Map(entries.flatMap((entry) => (COMPARE && existsSync(join(COMPARE, entry.name, BUNDLE.handlerFile)) ? [[entry.name, join(COMPARE, entry.name)] as const] : [])));
  const times = new Map<string, number[]>(entries.map((e) => [e.name, []]));
  const cpu = new Map<string, number[]>(entries.map((e) => [e.name, []]));
  const earlierTimes = new Map<string, number[]>([...earlierDirs.keys()].map((name) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const entry of entries) {
      const measure = () => {
        const [wall, cpuMs] = load(dirs.get(entry.name) as string);
        times.get(entry.name)?.push(wall);
        cpu.get(entry.name)?.push(cpuMs);
      };
      const earlier = earlierDirs.get(entry.name);
      const measureEarlier = () => {
        if (earlier) earlierTimes.get(entry.name)?.push(load(earlier)[0]);
      };
      // Which goes first alternates, so neither build always meets the other's warm file cache.
      if (run % 2 === 0) {
        measure();
        measureEarlier();
      } else {
        measureEarlier();
        measure();
      }
    }
  }
  const rows = entries.map((entry) => {
    const bundle = bundles.byName.get(entry.name);
    if (!bundle) throw new Error(`no bundle for ${entry.name}`);
    const walls = times.get(entry.name) ?? [];
    const initMs = median(walls);
    return {
      name: entry.name,
      kb: bundle.totalBytes / 1024,
      initKb: bundle.initBytes / 1024,
      files: bundle.files.length,
      initMs,
      minMs: Math.min(...walls),
      cpuMs: median(cpu.get(entry.name) ?? []),
      ok: bundle.totalBytes <= AIM_BYTES && initMs <= AIM_MS,
    };
  });
  console.log(`Node ${process.version}, ${RUNS} fresh processes per function, city ${values.city} (${(statSync(city.runtimeFiles.city).size / 1e6).toFixed(2)} MB runtime file)`);
  console.log(`${entries.length} bundles built in ${(buildMs / 1000).toFixed(1)} s`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores\n`);
  console.log('function          bundle KB   init KB  files   init median ms   init min ms   init CPU median ms   within aim');
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(16)} ${row.kb.toFixed(1).padStart(10)} ${row.initKb.toFixed(1).padStart(9)} ${String(row.files).padStart(6)} ${row.initMs.toFixed(1).padStart(16)} ${row.minMs.toFixed(1).padStart(13)} ${row.cpuMs.toFixed(1).padStart(20)}   ${row.ok ? 'yes' : 'NO'}`,
    );
  }
  const worst = rows.reduce((a, b) => (b.initMs > a.initMs ? b : a));
  const largest = rows.reduce((a, b) => (b.kb > a.kb ? b : a));
  console.log(`\nlargest bundle ${largest.name} ${largest.kb.toFixed(1)} KB (aim ≤ ${AIM_BYTES / 1024}); slowest init ${worst.name} ${worst.initMs.toFixed(1)} ms (aim ≤ ${AIM_MS})`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
  if (COMPARE) {
    console.log(`\nagainst ${COMPARE}, interleaved process by process: init median and min ms, earlier -> now`);
    for (const row of rows) {
      const earlier = earlierTimes.get(row.name);
      if (!earlier) {
        console.log(`  ${row.name.padEnd(16)} not in ${COMPARE}`);
        continue;
      }
      const [before, now] = [median(earlier), row.initMs];
      console.log(
        `  ${row.name.padEnd(16)} ${before.toFixed(1).padStart(7)} -> ${now.toFixed(1).padStart(7)} (${(now - before >= 0 ? '+' : '') + (now - before).toFixed(1)})   min ${Math.min(...earlier).toFixed(1)} -> ${row.minMs.toFixed(1)}`,
      );
    }
  }
  if (values.packages) {
    for (const entry of entries) {
      const bundle = bundles.byName.get(entry.name);
      if (!bundle) continue;
      console.log(`\n${entry.name}: KB at cold start / behind dynamic imports, by package`);
      for (const [name, [atInit, later]] of byPackage(bundle.inputs).slice(0, Number(values.packages))) {
        console.log(`  ${name.padEnd(48)} ${(atInit / 1024).toFixed(1).padStart(7)} ${(later / 1024).toFixed(1).padStart(7)}`);
      }
    }
  }
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ node: process.version, runs: RUNS, rows }, null, 2));
}

main();
