/**
 * `npm start`: the local platform. At this stage it loads the city (the demo city unless `--city <file>`
 * or CITY_FILE says otherwise), runs every check on it, and prints what it is and what the platform
 * serves; the HTTP API and the state-machine runtime join it as they are built.
 */
import { parseArgs } from 'node:util';
import { readCityFile } from '../functions/adapters/city-file.js';
import { yearsMissingHolidayData } from '../functions/domain/calendar/working-calendar.js';
import { summarizeCity } from '../functions/domain/city/summary.js';
import { GridIndex } from '../functions/domain/geo/index.js';

const { values } = parseArgs({ options: { city: { type: 'string' } }, allowPositionals: false });
const cityFile = values.city ?? process.env.CITY_FILE ?? 'cities/kaifeng-demo.json';

const loaded = readCityFile(cityFile);
if (!loaded.ok) {
  console.error(`Civic Loop cannot start: ${cityFile} has ${loaded.problems.length} problem(s)`);
  for (const problem of loaded.problems.slice(0, 50)) console.error(`  ${problem.path}: ${problem.message}`);
  process.exit(1);
}

const city = loaded.city;
const summary = summarizeCity(city);
const grids = GridIndex.fromUnits(city.units);
const missing = yearsMissingHolidayData(city.calendar, Date.now());

console.log(`Civic Loop — ${summary.name}${city.demo ? ' (a demo, not real data)' : ''}`);
console.log(`  city file          ${cityFile}: valid`);
console.log(`  territory          ${Object.entries(summary.unitsPerLevel).map(([level, n]) => `${n} ${level}`).join(' → ')}`);
console.log(`  grid index         ${grids.size} grids, extent ${grids.bbox?.map((x) => x.toFixed(3)).join(', ') ?? 'none'}`);
console.log(`  departments        ${summary.departments} on four platforms`);
console.log(`  categories         ${summary.categories}; responsibility list v${summary.responsibilityRows.map((v) => `${v.version} (${v.rows} rows)`).join(', v')}`);
console.log(`  escalation ladder  ${summary.ladder.join(' → ')}`);
console.log(`  calendar           ${city.calendar.timeZone}, ${city.calendar.workingHours.map((p) => `${p.start}–${p.end}`).join(' and ')}, ${city.calendar.countingRule}`);
if (missing.length > 0) {
  console.log(`  WARNING            no holiday schedule for ${missing.join(', ')}: enter the State Council's schedule in calendar.overrides and list the year in calendar.scheduleYears`);
}
console.log(`  users              ${Object.entries(summary.usersPerRole).map(([role, n]) => `${n} ${role}`).join(', ')}`);
console.log('');
console.log('What runs locally today: the city configuration and the domain rules (routing, working calendar,');
console.log('lifecycle, deadlines and the escalation ladder, appraisal), exercised by `npm test` and `npm run bench`.');
console.log('Coming next: the case lifecycle on the local state-machine runtime with dynalite, then the HTTP API');
console.log(`(port ${process.env.PORT ?? '3000'}), Open311 and the console.`);
