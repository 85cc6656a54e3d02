/**
 * Every Lambda entry point starts with exactly the environment the template gives its function: the
 * template's variables (tokens resolved as CloudFormation would, to plausible values) are set, the entry
 * module is imported fresh, as a cold start does, and it must build what it needs and export a handler. A
 * function missing a variable its code reads fails here, not at its first cold start in a city.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as apiDescription from '../../functions/aws/api-description.js';
import { ENTRY_POINTS } from '../../functions/aws/entry-points.js';
import { API_VERSION, openApiDocument } from '../../functions/http/openapi/document.js';
import { runtimeFilesBeside, runtimeFilesOf, toRuntimeJson } from '../../functions/aws/runtime-city.js';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { ENV, testStack } from './stack.fixture.js';

const { stack } = testStack();
const template = Template.fromStack(stack);

/** Fn::Join, Ref and Fn::GetAtt as CloudFormation would fill them, with made-up names for resources. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if ('Ref' in node) {
    const ref = node.Ref as string;
    return { 'AWS::Region': ENV.region, 'AWS::AccountId': ENV.account, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' }[ref] ?? `${ref.toLowerCase()}-name`;
  }
  if ('Fn::GetAtt' in node) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [string, string];
    if (attribute === 'ApiEndpoint') return `https://${logicalId.toLowerCase()}.execute-api.${ENV.region}.amazonaws.com`;
    if (attribute === 'Arn') return `arn:aws:service:${ENV.region}:${ENV.account}:${logicalId.toLowerCase()}`;
    return logicalId.toLowerCase();
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

const environmentOf = (name: string): Record<string, string> => {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find((r) => (r as { Properties: { Description?: string } }).Properties.Description?.endsWith(` ${name}`)) as
    | { Properties: { Environment: { Variables: Record<string, unknown> } } }
    | undefined;
  if (!fn) throw new Error(`no function ${name}`);
  return Object.fromEntries(Object.entries(fn.Properties.Environment.Variables).map(([key, value]) => [key, resolve(value)]));
};

describe('each entry point at cold start, with its function’s environment from the template', () => {
  let cityFile: string;
  let descriptionFile: string;
  const saved = { ...process.env };
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-entries-'));
    const files = runtimeFilesOf(tinyCity(), 'tiny');
    cityFile = join(dir, 'city.json');
    const paths = runtimeFilesBeside(cityFile);
    for (const kind of ['city', 'contacts', 'grids', 'areas'] as const) writeFileSync(paths[kind], toRuntimeJson(files[kind]));
    descriptionFile = join(dir, apiDescription.API_DESCRIPTION_FILE);
    writeFileSync(descriptionFile, apiDescription.apiDescriptionText(openApiDocument({ serverUrl: '', version: API_VERSION })));
  });
  afterEach(() => {
    process.env = { ...saved };
    vi.doUnmock('../../functions/aws/api-description.js');
  });

  for (const entry of ENTRY_POINTS) {
    it(`${entry.name} builds what it needs and exports a handler`, async () => {
      vi.resetModules();
      const env = environmentOf(entry.name);
      // The one difference from AWS: the city files and the API description sit in a temporary folder, not beside a bundle.
      if (env.CITY_FILE) env.CITY_FILE = cityFile;
      if (entry.uses.includes('apiDescription')) {
        vi.doMock('../../functions/aws/api-description.js', () => ({ ...apiDescription, readApiDescription: (serverUrl: string) => apiDescription.readApiDescription(serverUrl, descriptionFile) }));
      }
      process.env = { PATH: saved.PATH, AWS_REGION: ENV.region, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...env };
      const module = (await import(`../../functions/aws/entries/${entry.name}.ts`)) as { handler: unknown };
      expect(typeof module.handler).toBe('function');
      if (entry.uses.includes('city')) {
        // No function reads its units' contacts at cold start. One that sends notices puts them in place when
        // a notice is first for a unit (`functions/aws/notifier.ts`); in the others they throw by name.
        const { city } = await import('../../functions/aws/city.js');
        const { directoryOf } = await import('../../functions/domain/notices/directory.js');
        const readContacts = () => city().city.units.map((unit) => unit.contacts.email.length);
        expect(readContacts).toThrow(/did not load the units' contacts/);
        const unit = tinyCity().units[0]!;
        const noticeReads = () => directoryOf(city().city).party(unit.id)?.contacts.email;
        if (entry.uses.includes('notify')) {
          expect(noticeReads()).toEqual(unit.contacts.email);
          expect(readContacts).not.toThrow();
        } else expect(noticeReads).toThrow(/did not load the units' contacts/);
      }
    });
  }
});
