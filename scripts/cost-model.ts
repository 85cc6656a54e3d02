/**
 * `npm run cost`: what 100,000 cases a month cost on AWS, computed rather than typed. Each lifecycle path
 * of `npm run bench:lifecycle` (happy; one return with arbitration; the whole escalation ladder) is run
 * once on the local platform, the deployed ASL on the local engine, measuring for one case its Step
 * Functions transitions, the Lambda invocations of the workflow and of people, DynamoDB request units
 * (index writes included) and SMS and email; these are mixed by path, scaled, and priced with
 * `scripts/cost/prices.ts`. What nothing measures is a named assumption there, printed with the result.
 *
 *   npm run cost [-- --cases 100000] [-- --sms-price 0.0075] [-- --mix 0.85,0.10,0.05] [-- --city cities/kaifeng-demo.json]
 */
import { parseArgs } from 'node:util';
import { readCityFile } from '../functions/adapters/city-file.js';
import { createCityContext } from '../functions/app/city-context.js';
import { measurePath, measureRead, type PathName, type PathUsage } from './cost/paths.js';
import { ASSUMPTIONS, PRICES } from './cost/prices.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    'sms-price': { type: 'string', default: String(PRICES.smsMessage) },
    mix: { type: 'string', default: `${ASSUMPTIONS.mix.happy},${ASSUMPTIONS.mix.returned},${ASSUMPTIONS.mix.ladder}` },
    city: { type: 'string', default: 'cities/kaifeng-demo.json' },
  },
});
const CASES = Number(values.cases);
const SMS_PRICE = Number(values['sms-price']);
const [happy, returned, ladder] = values.mix.split(',').map(Number);
const MIX: Record<PathName, number> = { happy: happy ?? 0, returned: returned ?? 0, ladder: ladder ?? 0 };
if (Math.abs(MIX.happy + MIX.returned + MIX.ladder - 1) > 1e-9) throw new Error(`--mix must add up to 1 (got ${values.mix})`);

const loaded = readCityFile(values.city);
if (!loaded.ok) throw new Error(`${values.city} is not valid: npm run validate-city -- ${values.city}`);
const city = createCityContext(loaded.city);
const box = city.grids.bbox;
if (!box) throw new Error('the city has no grids');
// The centre of the first grid: routing finds a territorial unit there.
const first = city.city.units.find((unit) => unit.level === 'grid' && unit.boundary);
const location = first ? { lon: city.grids.bboxOfGrid(first.id)![0] / 2 + city.grids.bboxOfGrid(first.id)![2] / 2, lat: city.grids.bboxOfGrid(first.id)![1] / 2 + city.grids.bboxOfGrid(first.id)![3] / 2 } : { lon: box[0], lat: box[1] };
if (!city.grids.locate(location)) throw new Error('the sample point lies in no grid');

const paths: Record<PathName, PathUsage> = {
  happy: await measurePath(city, location, 'happy'),
  returned: await measurePath(city, location, 'returned'),
  ladder: await measurePath(city, location, 'ladder'),
};
const readUnitsPerRead = await measureRead(city, location);

const mixed = (pick: (usage: PathUsage) => number): number => (Object.keys(MIX) as PathName[]).reduce((sum, name) => sum + MIX[name] * pick(paths[name]), 0);
const A = ASSUMPTIONS;
const perCase = {
  transitions: mixed((u) => u.transitions),
  historyEvents: mixed((u) => u.historyEvents),
  invocations: mixed((u) => u.taskInvocations + u.apiWrites) + A.readsPerCase,
  apiRequests: mixed((u) => u.apiWrites) + A.readsPerCase,
  readUnits: mixed((u) => u.dynamo.readUnits) + A.readsPerCase * readUnitsPerRead,
  writeUnits: mixed((u) => u.dynamo.writeUnits),
  sms: mixed((u) => u.sms),
  emailPublishes: mixed((u) => u.emailPublishes),
  emailDeliveries: mixed((u) => u.emailDeliveries),
  storedBytes: mixed((u) => u.storedBytes),
};

// Scheduled jobs: the reconciler lists every open case every 15 minutes, the digest once a day.
const openCases = (CASES * A.daysOpen) / 30;
const listingReadUnits = Math.ceil((openCases * A.openIndexEntryKb) / 4) / 2; // eventually consistent index queries
const reconcilerRuns = (30 * 24 * 60) / 15;
const jobs = { invocations: reconcilerRuns + 30, readUnits: (reconcilerRuns + 30) * listingReadUnits };

const gbSeconds = (perCase.invocations * CASES + jobs.invocations) * ((A.lambdaMs + A.coldShare * A.coldInitMs) / 1000) * A.lambdaMemoryGb;
const logGb = (CASES * (perCase.historyEvents * A.stateLogBytes + perCase.invocations * A.lambdaLogBytes)) / 1e9;
const storageGb = (CASES * A.monthsKept * perCase.storedBytes) / 1e9;
const lines: [string, number, string][] = [
  ['Step Functions', perCase.transitions * CASES * PRICES.stepFunctionsTransition, `${perCase.transitions.toFixed(1)} transitions a case`],
  ['Lambda requests', (perCase.invocations * CASES + jobs.invocations) * PRICES.lambdaRequest, `${perCase.invocations.toFixed(1)} invocations a case + ${jobs.invocations} scheduled`],
  ['Lambda duration', gbSeconds * PRICES.lambdaArmGbSecond, `${A.lambdaMs} ms at ${A.lambdaMemoryGb} GB, ${A.coldShare * 100} % cold (+${A.coldInitMs} ms)`],
  ['DynamoDB writes', perCase.writeUnits * CASES * PRICES.dynamoWriteUnit, `${perCase.writeUnits.toFixed(0)} WRU a case (index writes included)`],
  ['DynamoDB reads', (perCase.readUnits * CASES + jobs.readUnits) * PRICES.dynamoReadUnit, `${perCase.readUnits.toFixed(0)} RRU a case + ${(jobs.readUnits / 1e6).toFixed(1)} M for the jobs over ${openCases.toFixed(0)} open cases`],
  ['DynamoDB storage + PITR', storageGb * (PRICES.dynamoStorageGbMonth + PRICES.dynamoPitrGbMonth), `${storageGb.toFixed(1)} GB: ${A.monthsKept} months of cases at ${(perCase.storedBytes / 1024).toFixed(1)} KB each`],
  ['SNS SMS', perCase.sms * CASES * SMS_PRICE, `${perCase.sms.toFixed(2)} SMS a case at $${SMS_PRICE}`],
  ['SNS email', perCase.emailPublishes * CASES * PRICES.snsRequest + perCase.emailDeliveries * CASES * PRICES.snsEmail, `${perCase.emailPublishes.toFixed(2)} publishes, ${perCase.emailDeliveries.toFixed(2)} deliveries a case`],
  ['API Gateway (HTTP API)', perCase.apiRequests * CASES * PRICES.httpApiRequest, `${perCase.apiRequests.toFixed(1)} requests a case`],
  ['CloudWatch Logs', logGb * PRICES.logsIngestGb, `${logGb.toFixed(1)} GB ingested`],
];

console.log(`Civic Loop cost model — ${CASES.toLocaleString('en')} cases a month, ${city.city.name.en}, us-east-1 prices (scripts/cost/prices.ts)\n`);
console.log('measured per case, by path      transitions  tasks  API writes   RRU   WRU (index)   SMS  email');
for (const [name, u] of Object.entries(paths)) {
  console.log(
    `  ${name.padEnd(28)} ${String(u.transitions).padStart(11)} ${String(u.taskInvocations).padStart(6)} ${String(u.apiWrites).padStart(11)} ${u.dynamo.readUnits.toFixed(0).padStart(5)} ${u.dynamo.writeUnits.toFixed(0).padStart(5)} (${u.dynamo.indexWriteUnits.toFixed(0)})`.padEnd(88) +
      `${String(u.sms).padStart(3)} ${String(u.emailDeliveries).padStart(6)}`,
  );
}
console.log(`  a read through the API (case view or inbox page): ${readUnitsPerRead.toFixed(1)} RRU\n`);
console.log(`mix: ${Object.entries(MIX).map(([k, v]) => `${k} ${(v * 100).toFixed(0)} %`).join(', ')}; ${A.readsPerCase} reads a case\n`);
let total = 0;
for (const [name, usd, note] of lines) {
  total += usd;
  console.log(`${name.padEnd(26)} $${usd.toFixed(2).padStart(9)}   ${note}`);
}
console.log(`${'total'.padEnd(26)} $${total.toFixed(2).padStart(9)}   a month, $${((total / CASES) * 1000).toFixed(2)} per 1,000 cases`);
const sms = lines.find(([name]) => name === 'SNS SMS')?.[1] ?? 0;
console.log(`${'total without SMS'.padEnd(26)} $${(total - sms).toFixed(2).padStart(9)}   (SMS is priced by destination country: pass --sms-price)`);
console.log('\nNot included: KMS keys ($1 each a month, 3 keys), Cognito Plus ($0.02 per monthly active user), X-Ray traces beyond the free tier, data transfer.');
