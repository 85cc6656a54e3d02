/** The AWS composition root's own pieces: environment, topic names, Open311 key digests, the runtime city. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tinyCity } from '../domain/testing/tiny-city.js';
import { executionName, parseExecutionName } from '../ports/workflow.js';
import { stateMachineArns } from '../adapters/sfn/sfn-workflow.js';
import { EnvironmentError, readEnv } from './env.js';
import { apiKeyDigest, HashedApiKeys } from './open311-clients.js';
import { createCityContext } from '../app/city-context.js';
import { loadRuntimeCity } from './city.js';
import { addContacts, contactsFileOf, gridIndexOf, readRuntimeCity, RuntimeCityError, runtimeFilesBeside, runtimeFilesOf, toRuntimeJson, withBoundaries } from './runtime-city.js';
import { topicArnResolver, topicsOfCity } from './topics.js';
import { LEVELS } from '../domain/city/schema.js';
import { API_VERSION, openApiDocument } from '../http/openapi/document.js';
import { apiDescriptionText, readApiDescription } from './api-description.js';

describe('the Lambda environment', () => {
  it('names every missing or malformed variable in one error', () => {
    const read = () => readEnv(['TABLE_NAME', 'STATE_MACHINE_ALIAS_ARN', 'API_URL'], { STATE_MACHINE_ALIAS_ARN: 'arn:aws:sns:ap-east-1:123456789012:x', API_URL: 'http://api.example.org' });
    expect(read).toThrow(EnvironmentError);
    expect(read).toThrow(/TABLE_NAME: is not set \| STATE_MACHINE_ALIAS_ARN: must be an ARN of states \| API_URL: must be an https URL/);
  });

  it('parses and defaults what is there', () => {
    const env = readEnv(['TABLE_NAME', 'CITY_FILE', 'OPEN311_CLIENTS'], { TABLE_NAME: 'cases', OPEN311_CLIENTS: JSON.stringify({ [apiKeyDigest('k')]: 'App' }) });
    expect(env).toEqual({ TABLE_NAME: 'cases', CITY_FILE: 'city.json', OPEN311_CLIENTS: { [apiKeyDigest('k')]: 'App' } });
    expect(() => readEnv(['OPEN311_CLIENTS'], { OPEN311_CLIENTS: '{"secret-key":"App"}' })).toThrow(/OPEN311_CLIENTS: must be a JSON object of SHA-256 digests/);
  });
});

describe('execution names', () => {
  it('parses what executionName makes, generations and epochs included', () => {
    for (const [generation, epoch] of [[1, 0], [2, 0], [1, 3], [12, 2]] as const) {
      expect(parseExecutionName(executionName('20261130-7G3KQ9XA', generation, epoch))).toEqual({ caseId: '20261130-7G3KQ9XA', generation, epoch });
    }
    expect(parseExecutionName('a.g1')).toBeUndefined();
    expect(parseExecutionName('a.x')).toBeUndefined();
  });

  it('derives the state machine and execution ARNs from an alias ARN', () => {
    expect(stateMachineArns('arn:aws:states:ap-east-1:123456789012:stateMachine:Sup:live')).toEqual({
      stateMachine: 'arn:aws:states:ap-east-1:123456789012:stateMachine:Sup',
      executionPrefix: 'arn:aws:states:ap-east-1:123456789012:execution:Sup:',
    });
  });
});

describe('email topics', () => {
  const city = tinyCity();
  const topics = topicsOfCity(city);

  it('one per unit, department, head and office with an address, and only those', () => {
    const withEmail = [...city.units, ...city.departments].filter((p) => p.contacts.email.length > 0).length + city.offices.filter((o) => o.contacts.email.length > 0).length;
    const heads = [...city.units, ...city.departments].filter((p) => p.head?.email).length;
    expect(topics).toHaveLength(withEmail + heads);
    expect(topics.every((t) => t.emails.length > 0 && /^[A-Za-z0-9_-]+$/.test(t.suffix))).toBe(true);
  });

  it('resolves a recipient to its topic ARN, and reporters and unknown recipients to none', () => {
    const resolve = topicArnResolver('arn:aws:sns:ap-east-1:123456789012:CivicLoop-', new Set(topics.map((t) => t.suffix)));
    const first = topics[0]!;
    expect(resolve({ kind: first.kind, id: first.id, sms: [], email: ['x@example.org'] })).toBe(`arn:aws:sns:ap-east-1:123456789012:CivicLoop-${first.suffix}`);
    expect(resolve({ kind: 'reporter', id: 'c1', sms: [], email: ['x@example.org'] })).toBeUndefined();
    expect(resolve({ kind: 'unit', id: 'no-such-unit', sms: [], email: ['x@example.org'] })).toBeUndefined();
  });
});

describe('Open311 keys', () => {
  it('are looked up by digest, never stored', () => {
    const keys = new HashedApiKeys({ [apiKeyDigest('demo-open311-key')]: 'Demo app' });
    expect(keys.get('demo-open311-key')).toEqual({ clientName: 'Demo app' });
    expect(keys.get(apiKeyDigest('demo-open311-key'))).toBeUndefined();
    expect([...keys.keys()]).toEqual([apiKeyDigest('demo-open311-key')]);
  });
});

describe('the runtime city files', () => {
  const city = tinyCity();
  const dir = mkdtempSync(join(tmpdir(), 'civic-city-'));
  const files = runtimeFilesOf(city, 'abc');
  const paths = runtimeFilesBeside(join(dir, 'city.json'));
  for (const kind of ['city', 'contacts', 'grids', 'areas'] as const) writeFileSync(paths[kind], toRuntimeJson(files[kind]));

  it('hold the parsed city: without boundaries or contacts in one, the boundaries and contacts in others, nothing lost', () => {
    const read = readRuntimeCity(join(dir, 'city.json'));
    expect(read.sourceSha256).toBe('abc');
    expect(read.city.units.some((unit) => unit.boundary)).toBe(false);
    addContacts(read.city, contactsFileOf(join(dir, 'city.json')), 'abc');
    const gridBoundaries = gridIndexOf(files.grids).boundaries();
    expect(withBoundaries(read.city, { ...gridBoundaries, ...files.areas.boundaries })).toEqual(city);
    expect(files.grids.ids.length).toBeGreaterThan(0);
    expect(files.grids.ids.every((id) => city.units.find((unit) => unit.id === id)?.level === 'grid')).toBe(true);
    writeFileSync(join(dir, 'raw.json'), JSON.stringify(city));
    expect(() => readRuntimeCity(join(dir, 'raw.json'))).toThrow(RuntimeCityError);
  });

  it('give a context that routes and locates as the full one does, reading the boundaries only when asked', () => {
    const full = createCityContext(city);
    const runtime = loadRuntimeCity(join(dir, 'city.json'));
    expect(runtime.context.routing.unitsById.size).toBe(full.routing.unitsById.size);
    const box = full.grids.bbox!;
    for (let i = 0; i < 200; i++) {
      const point = { lon: box[0] + ((box[2] - box[0]) * ((i * 37) % 101)) / 100, lat: box[1] + ((box[3] - box[1]) * ((i * 53) % 101)) / 100 };
      expect(runtime.context.routing.grids.locate(point), JSON.stringify(point)).toBe(full.grids.locate(point));
    }
    expect(runtime.context.grids.bbox).toEqual(full.grids.bbox);
    // The extent, written beside the configuration, is the index's box without reading the grids file.
    expect(runtime.extent).toEqual(full.grids.bbox);
    // The calendar is built on first use, and answers as the full context's does.
    const { calendar } = runtime.context;
    expect([calendar.timeZone, calendar.workingDayMs]).toEqual([full.calendar.timeZone, full.calendar.workingDayMs]);
    for (let t = Date.parse('2026-01-29T07:13:00Z'); t < Date.parse('2026-02-25T00:00:00Z'); t += 9.7 * 3600_000) {
      expect(calendar.dueAt(t, { amount: 3, unit: 'workingDays' })).toBe(full.calendar.dueAt(t, { amount: 3, unit: 'workingDays' }));
      expect(calendar.between(t, t + 50 * 3600_000, 'working')).toBe(full.calendar.between(t, t + 50 * 3600_000, 'working'));
      expect(calendar.isWorkingMoment(t)).toBe(full.calendar.isWorkingMoment(t));
    }
    runtime.withContacts();
    expect(runtime.withBoundaries()).toEqual(city);
    // One layer at a time, for its outlines: the same units, with the same boundaries.
    for (const level of LEVELS) expect(runtime.unitsWithBoundaries(level), level).toEqual(city.units.filter((unit) => unit.level === level));
  });

  it('are ASCII, however the names are written, and read back the same', () => {
    expect(readFileSync(paths.city, 'utf8')).toMatch(/^[ -~]*$/);
    expect(city.units.some((unit) => /[^ -~]/.test(unit.name.zh))).toBe(true);
    expect(readRuntimeCity(paths.city).city.units.map((unit) => unit.name)).toEqual(city.units.map((unit) => unit.name));
    // A file written as UTF-8 (by hand, by a test) is read as such.
    writeFileSync(join(dir, 'utf8.json'), JSON.stringify(files.city));
    expect(readRuntimeCity(join(dir, 'utf8.json')).city.units.map((unit) => unit.name)).toEqual(city.units.map((unit) => unit.name));
  });

  it('leave the contacts out until asked for, and any use of them before fails by name', () => {
    const runtime = loadRuntimeCity(join(dir, 'city.json'));
    const unit = runtime.context.city.units.find((u) => u.head)!;
    expect(() => unit.contacts.email).toThrow(/did not load the units' contacts .*withContacts\(\)/);
    expect(() => unit.head?.name).toThrow(RuntimeCityError);
    expect(() => JSON.stringify(unit)).toThrow(RuntimeCityError);
    // Units without a head still have none.
    expect(runtime.context.city.units.filter((u) => u.head).length).toBe(city.units.filter((u) => u.head).length);
    runtime.withContacts();
    expect(runtime.context.city.units).toEqual(city.units.map(({ boundary: _boundary, ...rest }) => rest));
  });

  it('refuse a contacts file of another city', () => {
    writeFileSync(join(dir, 'third.json'), toRuntimeJson(files.city));
    writeFileSync(contactsFileOf(join(dir, 'third.json')), toRuntimeJson({ ...files.contacts, sourceSha256: 'def' }));
    expect(() => loadRuntimeCity(join(dir, 'third.json')).withContacts()).toThrow(/not the contacts file of the city abc/);
  });

  it('refuse a grids file of another city', () => {
    writeFileSync(join(dir, 'other.json'), toRuntimeJson(files.city));
    writeFileSync(runtimeFilesBeside(join(dir, 'other.json')).grids, toRuntimeJson({ ...files.grids, sourceSha256: 'def' }));
    expect(() => loadRuntimeCity(join(dir, 'other.json')).context.grids).toThrow(/not the grids file of the city abc/);
  });
});

describe('zod in the Lambda bundles', () => {
  it('is used without what the bundles leave out of z: core, locales, the compiler, fromJSONSchema (functions/aws/bundling/zod-namespace.ts)', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(join('aws', 'bundling')));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => /\bz\.(core|locales|compile|withParser|INVALID|ZodCompile\w*|fromJSONSchema)\b/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('the API description made at build (api-description.ts)', () => {
  it('reads back as the description the handlers would make for the deployed URL, key for key', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'civic-openapi-')), 'openapi.json');
    writeFileSync(file, apiDescriptionText(openApiDocument({ serverUrl: 'https://build.example', version: API_VERSION })));
    const made = openApiDocument({ serverUrl: 'https://api.example.org', version: API_VERSION });
    expect(JSON.stringify(readApiDescription('https://api.example.org', file))).toBe(JSON.stringify(made));
  });

  it('refuses a file that is not one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'civic-openapi-')), 'openapi.json');
    writeFileSync(file, '{"city":{}}');
    expect(() => readApiDescription('https://api.example.org', file)).toThrow(/not the API description/);
  });
});
