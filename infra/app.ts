/**
 * The CDK app (`cdk.json` runs it): one stack holding the `CivicLoop` construct for the city file given by
 * context (`-c city=cities/my-city.json`, default the demo city), with alarm contacts and other settings
 * from context too, so a city can deploy without writing code. A city that wants more (its own domain,
 * its identity provider) embeds `CivicLoop` in a stack of its own.
 *
 * Run as the app, it first builds the console when its build is missing or older than its sources (the
 * same `ensureConsoleBuilt` that `npm start` and the tests' global setup use), since the stack deploys it.
 */
import { pathToFileURL } from 'node:url';
import { App, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CivicLoop } from './civic-loop.js';
import { applyNagAcknowledgements } from './nag.js';
import type { CivicLoopProps } from './props.js';

export class CivicLoopStack extends Stack {
  readonly platform: CivicLoop;

  constructor(scope: Construct, id: string, props: StackProps & { platform: CivicLoopProps }) {
    super(scope, id, props);
    this.platform = new CivicLoop(this, 'Platform', props.platform);
    applyNagAcknowledgements(this.platform);
  }
}

const list = (value: unknown): string[] | undefined => (typeof value === 'string' && value.trim() !== '' ? value.split(',').map((s) => s.trim()) : undefined);

/** The stack's settings from CDK context, each optional but the city. */
export function platformPropsFromContext(app: App): CivicLoopProps {
  const context = (key: string): unknown => app.node.tryGetContext(key);
  const emails = list(context('alarmEmails'));
  const phones = list(context('alarmPhones'));
  const cors = list(context('corsOrigins'));
  const senderId = context('smsSenderId');
  const originationNumber = context('smsOriginationNumber');
  const spend = context('smsMonthlySpendLimitUsd');
  const withConsole = consoleWanted(app);
  return {
    cityFile: typeof context('city') === 'string' ? (context('city') as string) : 'cities/kaifeng-demo.json',
    ...(emails || phones ? { alarmContacts: { ...(emails ? { emails } : {}), ...(phones ? { phones } : {}) } } : {}),
    ...(cors ? { corsOrigins: cors } : {}),
    ...(withConsole ? {} : { console: { enabled: false } }),
    sms: {
      ...(typeof senderId === 'string' ? { senderId } : {}),
      ...(typeof originationNumber === 'string' ? { originationNumber } : {}),
      ...(spend !== undefined ? { monthlySpendLimitUsd: Number(spend) } : {}),
    },
  };
}

/** Whether the app deploys the console: yes unless `-c console=false`. */
export function consoleWanted(app: App): boolean {
  const value: unknown = app.node.tryGetContext('console');
  return !(value === false || value === 'false');
}

/**
 * The keys need a region-bound stack: the region comes from the CDK environment (`AWS_REGION`, a profile)
 * or `-c region=...`.
 */
export function buildApp(app = new App()): App {
  const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION ?? process.env.AWS_REGION;
  if (!region) throw new Error('set the region to deploy to: AWS_REGION=..., or cdk synth -c region=...');
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const stackName = (app.node.tryGetContext('stackName') as string | undefined) ?? 'CivicLoop';
  new CivicLoopStack(app, stackName, { env: { region, ...(account ? { account } : {}) }, platform: platformPropsFromContext(app) });
  return app;
}

// Synthesises when run as the CDK app (`cdk.json`, `npm run synth`), not when a test imports the stack.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const app = new App({ outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
  if (consoleWanted(app)) {
    // Vite is loaded only here: a stack that leaves the console out, or a test, does not pay for it.
    const { ensureConsoleBuilt } = await import('../console/build.js');
    if (await ensureConsoleBuilt({ quiet: true })) console.error('Built the console (console/dist).');
  }
  buildApp(app).synth();
}
