/**
 * The whole platform as one construct a city embeds in its own stack:
 *
 *   new CivicLoop(stack, 'Platform', { cityFile: 'cities/my-city.json', alarmContacts: { emails: [...] } });
 *
 * It validates the city file at synth, then builds the table, the functions (one per entry point), the
 * supervision state machine with its version and alias, the HTTP API with its authorizer, the email topics,
 * the scheduled jobs, and the alarms and dashboard. See docs/deploy.md.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENTRY_POINTS } from '../functions/aws/entry-points.js';
import { topicsOfCity } from '../functions/aws/topics.js';
import type { RouteSpec } from '../functions/http/routes.js';
import { PlatformApi } from './api.js';
import { PlatformUsers } from './auth.js';
import { CaseTable } from './case-table.js';
import { prepareCity } from './city-artifact.js';
import { PlatformFunctions } from './functions.js';
import { PlatformKeys } from './keys.js';
import { PlatformMonitoring } from './monitoring.js';
import { NoticeTopics } from './notifications.js';
import type { CivicLoopProps } from './props.js';
import { PlatformJobs } from './schedules.js';
import { SupervisionStateMachine, supervisionArns, TASK_SUBSTITUTIONS } from './state-machine.js';

export type { CivicLoopProps } from './props.js';

export class CivicLoop extends Construct {
  readonly keys: PlatformKeys;
  readonly cases: CaseTable;
  readonly topics: NoticeTopics;
  readonly users: PlatformUsers | undefined;
  readonly api: PlatformApi;
  readonly functions: PlatformFunctions;
  readonly supervision: SupervisionStateMachine;
  readonly jobs: PlatformJobs;
  readonly monitoring: PlatformMonitoring;
  /** SHA-256 of the city file deployed, also each function's APP_VERSION. */
  readonly citySha256: string;

  constructor(scope: Construct, id: string, props: CivicLoopProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const logRetention = props.logRetention ?? RetentionDays.ONE_YEAR;
    // Names other resources derive ARNs from: unique per stack and construct, within the services' limits.
    const baseName = `${stack.stackName}-${id}`;
    const stateMachineName = `${baseName}-supervision`.slice(0, 80);

    const city = prepareCity(props.cityFile);
    this.citySha256 = city.sha256;
    this.keys = new PlatformKeys(this, 'Keys', { removalPolicy });
    this.cases = new CaseTable(this, 'Cases', { removalPolicy });
    this.topics = new NoticeTopics(this, 'Notices', { prefix: `${baseName}-`, topics: topicsOfCity(city.city), key: this.keys.topics, perStack: props.topicsPerNestedStack ?? 100 });

    this.users = props.externalIssuer ? undefined : new PlatformUsers(this, 'Users', { removalPolicy });
    const issuer = props.externalIssuer ?? this.users?.issuer;
    if (!issuer) throw new Error('unreachable: either an external issuer or the user pool');
    this.api = new PlatformApi(this, 'Api', {
      issuer,
      corsOrigins: props.corsOrigins ?? [],
      throttle: props.throttle ?? { rateLimit: 100, burstLimit: 200 },
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
      logsKey: this.keys.logs,
      logRetention,
      removalPolicy,
    });

    const arns = supervisionArns(stateMachineName);
    this.functions = new PlatformFunctions(this, 'Functions', {
      table: this.cases.table,
      tableKey: this.cases.key,
      topicsKey: this.keys.topics,
      logsKey: this.keys.logs,
      stateMachineArn: arns.stateMachine,
      stateMachineAliasArn: arns.alias,
      noticeTopicArnPrefix: this.topics.arnPrefix,
      apiUrl: this.api.url,
      runtimeCityFile: city.runtimeFile,
      runtimeGridsFile: city.gridsFile,
      runtimeAreasFile: city.areasFile,
      citySha256: city.sha256,
      appVersion: `city-${city.sha256.slice(0, 12)}`,
      sms: {
        ...(props.sms?.senderId ? { senderId: props.sms.senderId } : {}),
        ...(props.sms?.originationNumber ? { originationNumber: props.sms.originationNumber } : {}),
        ...(props.sms?.language ? { language: props.sms.language } : {}),
      },
      open311Clients: Object.fromEntries((props.open311Clients ?? []).map((client) => [client.keySha256.toLowerCase(), client.clientName])),
      logRetention,
      removalPolicy,
    });

    const handlers = Object.fromEntries(ENTRY_POINTS.filter((entry) => entry.route).map((entry) => [entry.route, this.functions.get(entry.name)])) as Record<RouteSpec['handler'], ReturnType<PlatformFunctions['get']>>;
    this.api.addRoutes(handlers);

    const tasks = Object.fromEntries(Object.entries(TASK_SUBSTITUTIONS).map(([key, name]) => [key, this.functions.get(name)])) as Record<keyof typeof TASK_SUBSTITUTIONS, ReturnType<PlatformFunctions['get']>>;
    this.supervision = new SupervisionStateMachine(this, 'Supervision', { name: stateMachineName, tasks, logsKey: this.keys.logs, logRetention, removalPolicy });

    this.jobs = new PlatformJobs(this, 'Jobs', {
      digest: this.functions.get('digest'),
      reconcile: this.functions.get('reconcile'),
      timeZone: city.city.calendar.timeZone,
      digestAt: props.digestAt ?? { hour: 8, minute: 0 },
      reconcileEvery: props.reconcileEvery ?? Duration.minutes(15),
    });

    this.monitoring = new PlatformMonitoring(this, 'Monitoring', {
      stateMachine: this.supervision.stateMachine,
      functions: this.functions.byName,
      queues: { JobFailures: this.functions.failures, UndeliveredJobs: this.jobs.undelivered },
      api: this.api.api,
      table: this.cases.table,
      topicsKey: this.keys.topics,
      contacts: { emails: props.alarmContacts?.emails ?? [], phones: props.alarmContacts?.phones ?? [] },
      smsMonthlySpendLimitUsd: props.sms?.monthlySpendLimitUsd ?? 1,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The API (POST /cases, /open311/v2/..., /docs)' });
    new CfnOutput(this, 'StateMachineAliasArn', { value: this.supervision.alias.ref, description: 'New supervisions start here' });
    if (this.users) {
      new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId, description: 'Create the first admin here (docs/deploy.md)' });
      new CfnOutput(this, 'ConsoleClientId', { value: this.users.client.userPoolClientId });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn });
    new CfnOutput(this, 'Dashboard', { value: this.monitoring.dashboard.dashboardName });
  }
}
