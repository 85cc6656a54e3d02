/**
 * One Lambda function per entry point of `functions/aws/entry-points.ts`: bundled by esbuild on this
 * machine (no Docker), ARM64, Node.js 24, X-Ray active, its own encrypted log group, and its own role
 * holding exactly what the entry's `uses` name — no managed policies, no `*` actions, resources named.
 * The few statements whose resource cannot be narrowed are acknowledged in `nag.ts` with the reason.
 *
 * What NodejsFunction did, without its cost: it ran the esbuild CLI through npx for each function, most
 * of a cold synth (about a minute for 25 functions on two cores). Here each function's code is an asset
 * with CDK's local bundling, whose first call builds every function with esbuild's API in this process
 * (`bundling.ts`) and each call copies its function's files. CDK calls it only for an asset not already in
 * cdk.out (the hash is known before bundling, `bundle-hash.ts`), and not at all for a stack whose
 * bundling is skipped (the tests). A change to any code under functions/ changes every bundle's hash, so
 * building all at the first call builds nothing that is not needed.
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, Aws, DockerImage, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INDEX } from '../functions/adapters/dynamodb/table.js';
import type { EnvName } from '../functions/aws/env.js';
import { copyRuntimeFiles, runtimeFileKindsFor, type RuntimeFiles } from '../functions/aws/runtime-city.js';
import { ENTRY_POINTS, type EntryPoint } from '../functions/aws/entry-points.js';
import { bundleHash, codeDigest } from './bundle-hash.js';
import { BUNDLE, buildBundles, type BuiltBundles } from './bundling.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface PlatformFunctionsProps {
  table: TableV2;
  tableKey: IKey;
  topicsKey: IKey;
  logsKey: IKey;
  /** Literal ARNs (built from names, not resource references: the state machine refers to these functions). */
  stateMachineArn: string;
  stateMachineAliasArn: string;
  noticeTopicArnPrefix: string;
  apiUrl: string;
  /** The runtime city files by kind (`functions/aws/runtime-city.ts`). */
  runtimeFiles: Record<keyof RuntimeFiles, string>;
  /** SHA-256 of the city file: part of the bundle hash of the functions that ship it. */
  citySha256: string;
  appVersion: string;
  sms: { senderId?: string; originationNumber?: string; language?: 'zh' | 'en' };
  open311Clients: Record<string, string>;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
}

export class PlatformFunctions extends Construct {
  readonly byName = new Map<string, LambdaFunction>();
  /** Where failed asynchronous invocations (the scheduled jobs) land after Lambda's retries. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    this.failures = new Queue(this, 'JobFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const entry of ENTRY_POINTS) this.byName.set(entry.name, this.make(entry, props));
  }

  get(name: string): LambdaFunction {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`no function '${name}'`);
    return fn;
  }

  get all(): LambdaFunction[] {
    return [...this.byName.values()];
  }

  private make(entry: EntryPoint, props: PlatformFunctionsProps): LambdaFunction {
    const scope = new Construct(this, entry.name);
    const logGroup = new LogGroup(scope, 'Logs', { retention: props.logRetention, encryptionKey: props.logsKey, removalPolicy: props.removalPolicy });
    const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Civic Loop ${entry.name}: only what functions/aws/entry-points.ts says it uses` });
    // The function's own log group only (no AWSLambdaBasicExecutionRole, which reaches every log group).
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }));
    for (const statement of statementsFor(entry, props)) role.addToPrincipalPolicy(statement);

    const fn = new LambdaFunction(scope, 'Function', {
      code: this.codeOf(entry, props),
      handler: `${BUNDLE.handlerFile.replace(/\.mjs$/, '')}.handler`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: entry.memoryMb,
      timeout: Duration.seconds(entry.timeout),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      description: `Civic Loop ${entry.kind} ${entry.name}`,
      environment: environmentFor(entry, props),
      ...(entry.kind === 'job' ? { onFailure: new SqsDestination(this.failures), retryAttempts: 2, maxEventAge: Duration.hours(1) } : {}),
    });
    return fn;
  }

  /** The function's code: its bundle and, for a function that reads the city, the runtime city files beside it. */
  private codeOf(entry: EntryPoint, props: PlatformFunctionsProps): Code {
    const cityFiles = runtimeFileKindsFor(entry.uses);
    return Code.fromAsset(join(ROOT, 'functions'), {
      // Known before bundling, so an unchanged function is not bundled again (`bundle-hash.ts`).
      assetHashType: AssetHashType.CUSTOM,
      assetHash: bundleHash(ROOT, `${entry.name}:${entry.uses.join(',')}`, cityFiles.length > 0 ? props.citySha256 : undefined),
      bundling: {
        // Required by the type, never pulled: local bundling always succeeds or throws.
        image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
        local: {
          tryBundle(outputDir: string): boolean {
            bundles().copyTo(entry.name, outputDir);
            // The runtime city goes beside the bundle of each function that reads it: part of the asset, so
            // a changed city (a new holiday calendar) deploys new code versions, and executions pick it up.
            // The boundaries are read only on first use, but any code path that needs them finds them.
            copyRuntimeFiles(props.runtimeFiles, join(outputDir, BUNDLE.cityFileName), cityFiles);
            return true;
          },
        },
      },
    });
  }
}

/**
 * Every function's bundle, built on the first asset CDK asks to bundle and shared by the rest (and by
 * every stack of the app). The build goes to a temporary folder, removed when the process exits: what
 * CDK keeps is each function's asset folder in cdk.out.
 */
let built: { digest: string; bundles: BuiltBundles } | undefined;

function bundles(): BuiltBundles {
  const digest = codeDigest(ROOT);
  if (built?.digest !== digest) {
    const fresh = buildBundles(ROOT, ENTRY_POINTS);
    process.once('exit', () => rmSync(fresh.dir, { recursive: true, force: true }));
    built = { digest, bundles: fresh };
  }
  return built.bundles;
}

function environmentFor(entry: EntryPoint, props: PlatformFunctionsProps): Record<string, string> {
  const env: Partial<Record<EnvName | 'POWERTOOLS_SERVICE_NAME' | 'POWERTOOLS_METRICS_NAMESPACE' | 'POWERTOOLS_LOG_LEVEL', string>> = {
    POWERTOOLS_SERVICE_NAME: 'civic-loop',
    POWERTOOLS_METRICS_NAMESPACE: 'CivicLoop',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    APP_VERSION: props.appVersion,
  };
  const uses = new Set(entry.uses);
  if (uses.has('tableRead') || uses.has('tableWrite')) env.TABLE_NAME = props.table.tableName;
  // The case service is built with the workflow (it completes waits and may start executions).
  if (uses.has('startExecution') || uses.has('completeWait') || uses.has('readExecutions')) env.STATE_MACHINE_ALIAS_ARN = props.stateMachineAliasArn;
  if (uses.has('notify')) {
    env.NOTICE_TOPIC_ARN_PREFIX = props.noticeTopicArnPrefix;
    if (props.sms.senderId) env.SMS_SENDER_ID = props.sms.senderId;
    if (props.sms.originationNumber) env.SMS_ORIGINATION_NUMBER = props.sms.originationNumber;
    if (props.sms.language) env.SMS_LANGUAGE = props.sms.language;
  }
  if (uses.has('city')) env.CITY_FILE = BUNDLE.cityFileName;
  if (uses.has('apiUrl')) env.API_URL = props.apiUrl;
  if (uses.has('open311Clients')) env.OPEN311_CLIENTS = JSON.stringify(props.open311Clients);
  return Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined));
}

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

function statementsFor(entry: EntryPoint, props: PlatformFunctionsProps): PolicyStatement[] {
  const uses = new Set(entry.uses);
  const statements: PolicyStatement[] = [];
  const { tableArn } = props.table;
  // Each index by name: the adapter queries these five and no other.
  const indexes = Object.values(INDEX).map((name) => `${tableArn}/index/${name}`);
  if (uses.has('tableRead')) {
    statements.push(new PolicyStatement({ actions: READ, resources: [tableArn, ...indexes] }));
    statements.push(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [props.tableKey.keyArn] }));
  }
  if (uses.has('tableWrite')) {
    statements.push(new PolicyStatement({ actions: WRITE, resources: [tableArn] }));
    statements.push(new PolicyStatement({ actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [props.tableKey.keyArn] }));
  }
  // StartExecution is authorised on the state machine's ARN, and may be scoped to the alias (Step Functions
  // guide, "Authorization for versions and aliases"); both are named, nothing else.
  if (uses.has('startExecution')) statements.push(new PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachineAliasArn, props.stateMachineArn] }));
  if (uses.has('completeWait')) statements.push(new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [props.stateMachineArn] }));
  if (uses.has('readExecutions')) {
    statements.push(new PolicyStatement({ actions: ['states:ListExecutions'], resources: [props.stateMachineArn] }));
    const { name } = parseStateMachineArn(props.stateMachineArn);
    statements.push(new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [`arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${name}:*`] }));
  }
  if (uses.has('notify')) {
    // SMS goes to phone numbers, which are no resources: Publish must be allowed on "*" (SNS developer guide).
    statements.push(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    statements.push(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [props.topicsKey.keyArn] }));
  }
  return statements;
}

/** The name part of a literal state machine ARN built by the construct. */
export function parseStateMachineArn(arn: string): { name: string } {
  const name = arn.split(':stateMachine:')[1]?.split(':')[0];
  if (!name) throw new Error(`not a state machine ARN: ${arn}`);
  return { name };
}
