/**
 * The supervision state machine: Standard (it waits for days and takes callbacks), defined by the very file
 * `statemachines/case-supervision.asl.json` that the local engine runs, with the task functions' ARNs as
 * DefinitionSubstitutions. Every state logged (level ALL, with execution data) to a KMS-encrypted log group;
 * X-Ray tracing. Each deploy publishes a version and points the alias `live` at it: new executions start on
 * the alias, running ones keep the version they started with (see docs/deploy.md, "Upgrading").
 *
 * The definition is inlined (`fromString`), not uploaded as an S3 asset, so the template holds the deployed
 * definition and tests can take it from there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnStateMachineAlias, CfnStateMachineVersion, DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ROOT } from './functions.js';

export const DEFINITION_FILE = join(ROOT, 'statemachines/case-supervision.asl.json');
export const ALIAS_NAME = 'live';

/** The substitutions the ASL file names, and the task function each one is. */
export const TASK_SUBSTITUTIONS = {
  RouteCaseFunctionArn: 'route-case',
  AwaitChangeFunctionArn: 'await-change',
  ApplyMilestoneFunctionArn: 'apply-milestone',
  FinishFunctionArn: 'finish',
  HandOverFunctionArn: 'hand-over',
} as const;

/**
 * The state machine's and the alias's ARNs from the name alone. The functions need them (to start and
 * complete executions) and the state machine needs the functions (its tasks): ARNs built from names break
 * that cycle without a wildcard.
 */
export function supervisionArns(name: string): { stateMachine: string; alias: string } {
  const stateMachine = `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:stateMachine:${name}`;
  return { stateMachine, alias: `${stateMachine}:${ALIAS_NAME}` };
}

export interface SupervisionProps {
  name: string;
  tasks: Record<keyof typeof TASK_SUBSTITUTIONS, IFunction>;
  logsKey: IKey;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class SupervisionStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly version: CfnStateMachineVersion;
  readonly alias: CfnStateMachineAlias;
  readonly logGroup: LogGroup;
  readonly name: string;

  constructor(scope: Construct, id: string, props: SupervisionProps) {
    super(scope, id);
    this.name = props.name;
    this.logGroup = new LogGroup(this, 'Logs', { encryptionKey: props.logsKey, retention: props.logRetention, removalPolicy: props.removalPolicy });
    const substitutions = Object.fromEntries(Object.entries(props.tasks).map(([key, fn]) => [key, fn.functionArn]));
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.name,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(DEFINITION_FILE, 'utf8')),
      definitionSubstitutions: substitutions,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
      tracingEnabled: true,
      // Executions must never outlive Step Functions' year; the workflow hands over after 330 days.
      timeout: Duration.days(365),
      removalPolicy: props.removalPolicy,
    });
    // The tasks invoke the functions unqualified, so fixes reach cases in flight (handlers accept older payloads).
    this.stateMachine.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: Object.values(props.tasks).map((fn) => fn.functionArn) }));

    // A new version whenever the definition (its revision) changes; old versions are kept for the record
    // (deleting one would not stop its executions, but keeping them lets people read what a case ran on).
    this.version = new CfnStateMachineVersion(this, 'Version', {
      stateMachineArn: this.stateMachine.stateMachineArn,
      stateMachineRevisionId: this.stateMachine.stateMachineRevisionId,
      description: 'Published by the CDK deploy; the alias points new executions here',
    });
    this.version.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.alias = new CfnStateMachineAlias(this, 'Alias', {
      name: ALIAS_NAME,
      description: 'New supervisions start here',
      routingConfiguration: [{ stateMachineVersionArn: this.version.attrArn, weight: 100 }],
    });
  }
}
