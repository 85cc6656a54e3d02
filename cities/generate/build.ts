/**
 * Composes the demo city from the hand-authored modules and the generated territory, checks it with the
 * city schema and the generator's own cross-reference checks, and lays it out as the committed file.
 * Pure: no file I/O, so the test can rebuild it and compare byte for byte.
 */
import { z } from 'zod';
import { CityConfig, type CityConfigInput } from '../../functions/domain/city/schema.js';
import { CATEGORY_SPECS, buildCategories } from './categories.js';
import { createPhoneBooks } from './contacts.js';
import { buildDepartments } from './departments.js';
import { integrityProblems } from './integrity.js';
import { APPRAISAL, CALENDAR, CENTRE_LIMITS, DUPLICATE_DETECTION, ESCALATION } from './ladder.js';
import { buildOffices } from './offices.js';
import { buildResponsibilityList } from './responsibility.js';
import { buildTerritory } from './territory.js';
import { buildUsers } from './users.js';
import { writeCityJson } from './write-json.js';

export interface BuiltCity {
  /** The configuration as written (defaults left implicit). */
  input: CityConfigInput;
  /** The same after `CityConfig.parse`, defaults filled in. */
  config: CityConfig;
  /** The file's exact text. */
  json: string;
}

export function buildKaifengDemo(): BuiltCity {
  const phones = createPhoneBooks();
  const territory = buildTerritory(phones);
  const departments = buildDepartments(territory.districts, phones);
  const offices = buildOffices(territory, phones);
  const input: CityConfigInput = {
    $schema: './city.schema.json',
    schemaVersion: 1,
    id: 'kaifeng-demo',
    name: { zh: '开封市（演示）', en: 'Kaifeng (demo)' },
    demo: true,
    locale: 'zh-CN',
    calendar: CALENDAR,
    maxReturns: 2,
    centreLimits: CENTRE_LIMITS,
    duplicateDetection: DUPLICATE_DETECTION,
    escalation: ESCALATION,
    appraisal: APPRAISAL,
    departments,
    offices,
    categories: buildCategories(CATEGORY_SPECS),
    responsibilityList: buildResponsibilityList(CATEGORY_SPECS, territory.districts),
    users: buildUsers(territory.units, departments, phones),
    // Last: thousands of lines of territory after everything a reader wants to see first.
    units: territory.units,
  };

  const parsed = CityConfig.safeParse(input);
  if (!parsed.success) throw new Error(`the demo city does not match the city schema:\n${z.prettifyError(parsed.error)}`);
  const problems = integrityProblems(parsed.data);
  if (problems.length > 0) throw new Error(`the demo city is inconsistent:\n  ${problems.slice(0, 50).join('\n  ')}`);
  return { input, config: parsed.data, json: writeCityJson(input) };
}
