/** The AWS composition root's own pieces: environment, topic names, Open311 key digests (the runtime city: runtime-city.test.ts). */
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
import { topicArnResolver, topicsOfCity } from './topics.js';
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

describe('zod in the Lambda bundles', () => {
  it('is used without the parts of z no function needs: core, locales, the compiler, fromJSONSchema (each would bring all of its kind into a bundle)', () => {
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
