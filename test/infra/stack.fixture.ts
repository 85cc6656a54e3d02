/**
 * The stack as the infra tests see it: the tiny city (written to a file, as a city would give one), no
 * bundling (`aws:cdk:bundling-stacks` empty: esbuild for 19 functions would cost each test file tens of
 * seconds, and bundling is measured by `npm run bench:bundles` and done for real by `npm run synth`), and
 * a fixed account and region so the template is stable, and CloudFormation's schema validation left to
 * the nag test, which synthesizes with it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { CivicLoopStack } from '../../infra/app.js';
import type { CivicLoopProps } from '../../infra/props.js';

export const ENV = { region: 'ap-east-1', account: '123456789012' };

export function tinyCityFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'civic-loop-infra-'));
  const file = join(dir, 'tiny-city.json');
  writeFileSync(file, JSON.stringify(tinyCity()));
  return file;
}

export function testStack(props: Partial<CivicLoopProps> = {}, options: { bundle?: boolean } = {}) {
  // CloudFormation's schema validation of every resource roughly doubles a synth; it stays on in nag.test.ts.
  const app = new App({ context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new CivicLoopStack(app, 'CivicLoop', {
    env: ENV,
    platform: { cityFile: tinyCityFile(), alarmContacts: { emails: ['it@city.example.org'] }, corsOrigins: ['https://console.city.example.org'], ...props },
  });
  return { app, stack };
}
