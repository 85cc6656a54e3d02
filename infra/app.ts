/**
 * The CDK app (`cdk.json` runs it). So far it holds the cases table; the API, functions, state machine,
 * topics and schedules of issue 5 are added to `CivicLoopStack`.
 */
import { pathToFileURL } from 'node:url';
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CaseTable } from './case-table.js';

export class CivicLoopStack extends Stack {
  readonly cases: CaseTable;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.cases = new CaseTable(this, 'Cases');
  }
}

/**
 * The table's customer-managed key needs a region-bound stack: the region comes from the CDK environment
 * (`AWS_REGION`, a profile) or `-c region=...`.
 */
export function buildApp(app = new App()): App {
  const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION;
  if (!region) throw new Error('set the region to deploy to: AWS_REGION=..., or cdk synth -c region=...');
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  new CivicLoopStack(app, 'CivicLoop', { env: { region, ...(account ? { account } : {}) } });
  return app;
}

// Synthesises when run as the CDK app (`cdk.json`, `npm run synth`), not when a test imports the stack.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) buildApp(new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' })).synth();
