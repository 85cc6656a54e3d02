/**
 * The whole platform as one construct a city embeds in its own stack:
 *
 *   new CivicLoop(stack, 'Platform', { cityFile: 'cities/my-city.json', alarmContacts: { emails: [...] } });
 *
 * It validates the city file at synth, then builds the table, the functions (one per entry point), the
 * supervision state machine with its version and alias, the HTTP API with its authorizer, the email topics,
 * the scheduled jobs, the alarms and dashboard, and the command-centre console (S3 + CloudFront) signed in
 * through the user pool's hosted login (or the external issuer's). See docs/deploy.md.
 */
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENTRY_POINTS } from '../functions/aws/entry-points.js';
import { topicsOfCity } from '../functions/aws/topics.js';
import type { RouteSpec } from '../functions/http/routes.js';
import { PlatformApi } from './api.js';
import { PlatformUsers } from './auth.js';
import { CaseTable } from './case-table.js';
import { prepareCity } from './city-artifact.js';
import { ConsoleSite, DEFAULT_CONSOLE_DIST, originOf } from './console-site.js';
import { PlatformFunctions } from './functions.js';
import { PlatformKeys } from './keys.js';
import { PlatformMonitoring } from './monitoring.js';
import { NoticeTopics } from './notifications.js';
import type { CivicLoopProps, ConsoleLogin } from './props.js';
import { PlatformJobs } from './schedules.js';
import { SupervisionStateMachine, supervisionArns, TASK_SUBSTITUTIONS } from './state-machine.js';

export type { CivicLoopProps } from './props.js';

/**
 * A Cognito domain prefix from names: lower-case letters, digits and single hyphens, none of the words
 * Cognito reserves (aws, amazon, cognito), at most 63 characters with the account id appended.
 */
export function loginDomainPrefix(...names: string[]): string {
  const base = names
    .join('-')
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${base || 'civic-loop'}-${Aws.ACCOUNT_ID}`;
}

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
  /** The command-centre console, unless `console.enabled` is false. */
  readonly console: ConsoleSite | undefined;
  /** Whether the console's viewer requests are logged (`console.accessLogs`). */
  readonly consoleAccessLogs: boolean;
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

    const withConsole = props.console?.enabled ?? true;
    if (withConsole && props.externalIssuer && !props.externalIssuer.consoleLogin) {
      throw new Error(
        'CivicLoop: the console signs in at the external issuer, so externalIssuer.consoleLogin must give its authorizeUrl, tokenUrl and ' +
          'clientId (synth cannot read the issuer\'s discovery document offline); or leave the console out with console: { enabled: false } ' +
          '(-c console=false). See docs/deploy.md.',
      );
    }
    const city = prepareCity(props.cityFile);
    this.citySha256 = city.sha256;
    this.keys = new PlatformKeys(this, 'Keys', { removalPolicy });
    this.cases = new CaseTable(this, 'Cases', { removalPolicy });
    this.topics = new NoticeTopics(this, 'Notices', { prefix: `${baseName}-`, topics: topicsOfCity(city.city), key: this.keys.topics, perStack: props.topicsPerNestedStack ?? 100 });

    this.users = props.externalIssuer
      ? undefined
      : new PlatformUsers(this, 'Users', {
          removalPolicy,
          ...(withConsole ? { hostedLogin: { domainPrefix: props.console?.loginDomainPrefix ?? loginDomainPrefix(stack.stackName, id) } } : {}),
        });
    const issuer = props.externalIssuer ?? this.users?.issuer;
    if (!issuer) throw new Error('unreachable: either an external issuer or the user pool');
    this.api = new PlatformApi(this, 'Api', {
      issuer,
      corsOrigins: props.corsOrigins ?? [],
      cors: withConsole || (props.corsOrigins ?? []).length > 0,
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
      runtimeFiles: city.runtimeFiles,
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

    this.console = withConsole ? this.addConsole(props, removalPolicy, logRetention) : undefined;
    this.consoleAccessLogs = props.console?.accessLogs !== undefined;

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The API (POST /cases, /open311/v2/..., /docs)' });
    new CfnOutput(this, 'StateMachineAliasArn', { value: this.supervision.alias.ref, description: 'New supervisions start here' });
    if (this.users) {
      new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId, description: 'Create the first admin here (docs/deploy.md)' });
      new CfnOutput(this, 'ConsoleClientId', { value: this.users.client.userPoolClientId });
    }
    if (this.console) {
      new CfnOutput(this, 'ConsoleUrl', {
        value: `${this.console.url}/`,
        description: this.users ? 'The command-centre console' : 'The command-centre console: register this URL at the issuer as the console client\'s redirect and sign-out URL',
      });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.alarmTopic.topicArn });
    new CfnOutput(this, 'Dashboard', { value: this.monitoring.dashboard.dashboardName });
  }

  /**
   * The console site, its sign-in, and the two registrations it needs: its URL as the Cognito client's
   * redirect and sign-out URL, and its origin in the API's CORS. No dependency cycle: the distribution refers
   * to the login domain (CSP) but not to the client or the API; the client and the API's CORS refer to the
   * distribution; the config.json deployment refers to all of them and nothing refers to it.
   */
  private addConsole(props: CivicLoopProps, removalPolicy: RemovalPolicy, logRetention: NonNullable<CivicLoopProps['logRetention']>): ConsoleSite {
    const options = props.console ?? {};
    const users = this.users;
    const external = props.externalIssuer?.consoleLogin;
    const login = (siteUrl: string): ConsoleLogin => {
      if (users) return users.consoleLogin(siteUrl);
      if (!external) throw new Error('unreachable: checked in the constructor');
      return external;
    };
    // The CSP names the API: exactly with the city's own domain; with the execute-api URL, any API of this
    // region (the exact host would close a cycle: API CORS -> distribution -> CSP -> API).
    const apiSource = props.customDomain ? originOf(this.api.url) : `https://*.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`;
    const site = new ConsoleSite(this, 'Console', {
      config: (siteUrl) => {
        const { authorizeUrl, tokenUrl, clientId, scope, useToken, logoutUrl } = login(siteUrl);
        return {
          apiUrl: this.api.url,
          auth: {
            mode: 'oidc',
            authorizeUrl,
            tokenUrl,
            clientId,
            // The registered redirect URL, whatever path the page was opened at (/ or /index.html).
            redirectUri: `${siteUrl}/`,
            ...(scope ? { scope } : {}),
            ...(useToken ? { useToken } : {}),
            ...(logoutUrl ? { logoutUrl } : {}),
          },
          ...(options.pollSeconds !== undefined ? { pollSeconds: options.pollSeconds } : {}),
        };
      },
      apiSource,
      distDir: options.distDir ?? DEFAULT_CONSOLE_DIST,
      removalPolicy,
      logsKey: this.keys.logs,
      logRetention,
      ...(options.priceClass ? { priceClass: options.priceClass } : {}),
      ...(options.accessLogs ? { logBucket: options.accessLogs } : {}),
    });
    users?.addConsoleUrl(site.url);
    this.api.allowOrigin(site.url);
    return site;
  }
}
