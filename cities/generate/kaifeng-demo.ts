/**
 * `npm run generate-city`: writes cities/kaifeng-demo.json, the demo city modelled on Kaifeng.
 * Deterministic: running it twice gives the same bytes (the test checks the committed file against it).
 */
import { writeFileSync } from 'node:fs';
import { buildKaifengDemo } from './build.js';

const started = performance.now();
const { config, json } = buildKaifengDemo();
const target = new URL('../kaifeng-demo.json', import.meta.url);
writeFileSync(target, json);

const perLevel = new Map<string, number>();
for (const unit of config.units) perLevel.set(unit.level, (perLevel.get(unit.level) ?? 0) + 1);
console.log(`wrote ${target.pathname} (${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB) in ${Math.round(performance.now() - started)} ms`);
console.log(`  units        ${[...perLevel].map(([level, n]) => `${level} ${n}`).join(', ')}`);
console.log(`  departments  ${config.departments.length}, offices ${config.offices.length}, users ${config.users.length}`);
console.log(`  categories   ${config.categories.length}`);
for (const v of config.responsibilityList.versions) console.log(`  rows v${v.version}      ${v.rows.length} (from ${v.effectiveFrom})`);
