/**
 * cdk-nag's AwsSolutions pack over the whole app: zero findings left once the acknowledgements of
 * `infra/nag.ts` are applied, and every acknowledgement answers a finding that really occurs (none is
 * stale or blanket). A resource added without care fails here.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { CivicLoop } from '../../infra/civic-loop.js';
import { applyNagAcknowledgements, nagAcknowledgements } from '../../infra/nag.js';
import { ENV, tinyCityFile } from './stack.fixture.js';

interface Report {
  pluginReports: { violations: { ruleName: string; violatingConstructs?: { constructPath: string }[]; violatingResources?: { constructPath?: string; resourceLogicalId: string }[] }[] }[];
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Synthesizes with the AwsSolutions pack; returns `<rule> <construct path>` of every finding left. */
function findings(build: (stack: Stack) => CivicLoop, extra?: (stack: Stack) => void): { left: string[]; platform: CivicLoop } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  outdirs.push(app.outdir);
  const stack = new Stack(app, 'CivicLoop', { env: ENV });
  const platform = build(stack);
  extra?.(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  try {
    app.synth();
  } catch (error) {
    if (!String(error).includes('Validation')) throw error;
  }
  const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as Report;
  const left = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) => [...(v.violatingConstructs ?? []), ...(v.violatingResources ?? [])].map((r) => `${v.ruleName} ${'constructPath' in r ? r.constructPath : ''}`)),
  );
  return { left: left.sort(), platform };
}

const platformProps = () => ({ cityFile: tinyCityFile(), alarmContacts: { emails: ['it@city.example.org'] }, corsOrigins: ['https://console.city.example.org'] });

describe('cdk-nag AwsSolutions', () => {
  it('leaves no finding unacknowledged', () => {
    const { left } = findings((stack) => {
      const platform = new CivicLoop(stack, 'Platform', platformProps());
      applyNagAcknowledgements(platform);
      return platform;
    });
    expect(left).toEqual([]);
  }, 120_000);

  it('acknowledges only findings that occur, each on its own construct, with a reason', () => {
    const { left, platform } = findings((stack) => new CivicLoop(stack, 'Platform', platformProps()));
    const acknowledged = nagAcknowledgements(platform).map((ack) => {
      expect(ack.reason.length, ack.finding).toBeGreaterThan(40);
      return `${ack.finding} ${ack.construct.node.path}`;
    });
    // Each finding is reported on a resource under the acknowledged construct.
    const matched = acknowledged.map((ack) => {
      const [finding, path] = ack.split(' ');
      return left.filter((f) => f.startsWith(`${finding} ${path}/`) || f === `${finding} ${path}`).length;
    });
    expect(matched.every((n) => n >= 1), `stale acknowledgements: ${acknowledged.filter((_, i) => matched[i] === 0).join(', ')}`).toBe(true);
    expect(matched.reduce((a, b) => a + b, 0)).toBe(left.length);
  }, 120_000);

  it('fails on a new finding: an unencrypted queue added beside the platform', () => {
    const { left } = findings(
      (stack) => {
        const platform = new CivicLoop(stack, 'Platform', platformProps());
        applyNagAcknowledgements(platform);
        return platform;
      },
      (stack) => new Queue(stack, 'Careless'),
    );
    expect(left.some((finding) => finding.includes('/Careless/'))).toBe(true);
  }, 120_000);
});
