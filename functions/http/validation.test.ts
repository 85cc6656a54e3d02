/**
 * The request schemas' messages as a Lambda bundle makes them. There only zod/mini runs, and zod/mini sets
 * no locale; in this process classic zod (the city schema's) has set English globally on its first schema.
 * So each test here clears the global locale first, as a bundle has it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { config } from 'zod/mini';
import { BoardSummaryQuery } from './native/board-overview.js';
import { PageQuery } from './native/queries.js';
import { ActionBody, IntakeBody } from './native/schemas.js';
import { RatingBody } from './native/track.js';
import { fieldProblems } from './problem.js';
import { validate } from './validation.js';

const problems = (result: ReturnType<typeof validate>) => (result.success ? [] : fieldProblems('body', result.error));

describe('request validation without a global locale, as in a Lambda bundle', () => {
  let saved: ReturnType<typeof config>['localeError'];
  beforeEach(() => {
    saved = config().localeError;
    config({ localeError: undefined });
  });
  afterEach(() => {
    config({ localeError: saved });
  });

  it('would answer "Invalid input" for zod’s own issues if a handler parsed without validate', () => {
    expect(IntakeBody.safeParse({ channel: 'fax' }).error?.issues.map((issue) => issue.message)).toContain('Invalid input');
  });

  it('names each field and the reason in English: missing, wrong type, not an option, unknown keys, out of range', () => {
    const good = { channel: 'hotline', categoryCode: 'S0102', description: 'A pothole' };
    expect(problems(validate(IntakeBody, { channel: 'fax', description: 5 }))).toEqual([
      { field: 'body/channel', reason: expect.stringMatching(/^Invalid option: expected one of "hotline"\|"grid"/) as string },
      { field: 'body/categoryCode', reason: 'Invalid input: expected string, received undefined' },
      { field: 'body/description', reason: 'Invalid input: expected string, received number' },
    ]);
    expect(problems(validate(IntakeBody, { ...good, colour: 'red', location: { lon: 200, lat: 34.8 } }))).toEqual([
      { field: 'body/location/lon', reason: 'Too big: expected number to be <=180' },
      { field: 'body', reason: 'Unrecognized key: "colour"' },
    ]);
    expect(problems(validate(IntakeBody, { ...good, attributes: { volume: ['x'.repeat(201)] } }))).toEqual([
      { field: 'body/attributes/volume/0', reason: 'Too big: expected string to have <=200 characters' },
    ]);
    expect(problems(validate(RatingBody, { phone: '1234', answer: 'meh' }))).toEqual([
      { field: 'body/answer', reason: 'Invalid option: expected one of "satisfied"|"basicallySatisfied"|"unsatisfied"' },
    ]);
    expect(problems(validate(ActionBody, []))).toEqual([{ field: 'body', reason: 'Invalid input: expected record, received array' }]);
  });

  it('keeps the schemas’ own messages', () => {
    const good = { channel: 'hotline', categoryCode: 'S0102', description: 'A pothole' };
    expect(problems(validate(IntakeBody, { ...good, categoryCode: '  ', reporter: { email: 'nope' }, photoUrls: ['ftp://x'] }))).toEqual([
      { field: 'body/categoryCode', reason: 'must not be empty' },
      { field: 'body/reporter/email', reason: 'must be an email address' },
      { field: 'body/photoUrls/0', reason: 'must be an http(s) URL' },
    ]);
    expect(problems(validate(ActionBody, { type: 'dispatch' }))).toEqual([{ field: 'body', reason: 'the action is named by the path, not by a "type" field' }]);
    expect(problems(validate(PageQuery, { limit: '1.5' }))).toEqual([{ field: 'body/limit', reason: 'must be a whole number' }]);
    expect(problems(validate(BoardSummaryQuery, { maxAge: '61', limit: '0' }))).toEqual([
      { field: 'body/maxAge', reason: 'at most 60' },
      { field: 'body/limit', reason: 'at least 1' },
    ]);
  });

  it('reads a valid request as before: trimmed text, coerced numbers, defaults', () => {
    expect(validate(PageQuery, {}).data).toEqual({ limit: 25 });
    expect(validate(BoardSummaryQuery, { maxAge: '5' }).data).toEqual({ maxAge: 5, limit: 50 });
    expect(validate(IntakeBody, { channel: 'web', categoryCode: ' S0102 ', description: ' A pothole ' }).data).toEqual({ channel: 'web', categoryCode: 'S0102', description: 'A pothole' });
  });
});

describe('the handlers', () => {
  it('parse requests only through validate, never a schema’s own safeParse or parse', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.fixture.ts'));
    expect(files.length).toBeGreaterThan(30);
    // The schemas are capitalised (IntakeBody, PageQuery); JSON.parse and Date.parse are not zod's.
    const parsesItself = /\.safeParse(Async)?\(|\b(?!JSON\b|Date\b)[A-Z]\w*\.parse(Async)?\(/;
    expect(files.filter((file) => parsesItself.test(readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });
});
