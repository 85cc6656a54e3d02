// `npm run validate-city -- <file>`: checks a city file and prints a summary, or every problem with its
// path; exits 1 on problems so it can guard a deployment pipeline.
import { readFileSync } from 'node:fs';
import { formatOfFileName, loadCityConfig } from '../functions/domain/city/load.js';
import { summarizeCity } from '../functions/domain/city/summary.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run validate-city -- <city file (.json, .yaml)>');
  process.exit(2);
}

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const started = performance.now();
const result = loadCityConfig(text, formatOfFileName(file));
const ms = Math.round(performance.now() - started);

if (!result.ok) {
  console.error(`${file}: ${result.problems.length} problem(s)`);
  for (const problem of result.problems) console.error(`  ${problem.path}: ${problem.message}`);
  process.exit(1);
}

const s = summarizeCity(result.city);
const line = (label: string, value: string | number) => console.log(`  ${label.padEnd(24)}${value}`);
console.log(`${file}: valid (checked in ${ms} ms)`);
line('city', `${s.name} (${s.id})`);
line('units per level', Object.entries(s.unitsPerLevel).map(([k, v]) => `${k} ${v}`).join(', '));
line('departments', `${s.departments} (${Object.entries(s.departmentsPerPlatform).map(([k, v]) => `${k} ${v}`).join(', ')})`);
line('categories', `${s.categories} (${Object.entries(s.categoriesPerKind).map(([k, v]) => `${k} ${v}`).join(', ')})`);
for (const v of s.responsibilityRows) line(`responsibility v${v.version}`, `${v.rows} rows, from ${v.effectiveFrom}`);
line('escalation ladder', s.ladder.join(' → '));
line('users per role', Object.entries(s.usersPerRole).map(([k, v]) => `${k} ${v}`).join(', '));
