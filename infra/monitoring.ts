/**
 * What wakes someone up: failed, timed-out or aborted supervisions (a case nobody watches until the
 * reconciler's next run), function errors and throttles, anything in a failure queue, SMS that fail and
 * SMS spend nearing the account's limit. Every alarm goes to one encrypted, TLS-only alarm topic whose
 * subscribers are the city's IT contacts; the dashboard shows the same signals side by side.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, Metric, TextWidget, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  stateMachine: StateMachine;
  functions: Map<string, LambdaFunction>;
  queues: Record<string, Queue>;
  api: HttpApi;
  table: TableV2;
  topicsKey: IKey;
  contacts: { emails: string[]; phones: string[] };
  smsMonthlySpendLimitUsd: number;
}

const FIVE_MINUTES = Duration.minutes(5);

export class PlatformMonitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = new Topic(this, 'Alarms', { displayName: 'Civic Loop alarms', masterKey: props.topicsKey, enforceSSL: true });
    props.contacts.emails.forEach((email, i) => new Subscription(this, `Email${i}`, { topic: this.alarmTopic, protocol: SubscriptionProtocol.EMAIL, endpoint: email }));
    props.contacts.phones.forEach((phone, i) => new Subscription(this, `Sms${i}`, { topic: this.alarmTopic, protocol: SubscriptionProtocol.SMS, endpoint: phone }));
    const action = new SnsAction(this.alarmTopic);
    const alarm = (id: string, metric: IMetric, description: string, threshold = 1) => {
      const made = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      made.addAlarmAction(action);
      this.alarms.push(made);
      return made;
    };

    const sm = props.stateMachine;
    alarm('SupervisionFailed', sm.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }), 'A case supervision execution failed: the case is unwatched until the reconciler restarts it. Read the execution history.');
    alarm('SupervisionTimedOut', sm.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }), 'A supervision execution reached its time limit (it should have handed over first).');
    alarm('SupervisionAborted', sm.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' }), 'A supervision execution was stopped by hand.');

    for (const [name, fn] of props.functions) {
      alarm(`${name}-Errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), `Function ${name} failed (see its log group).`);
      alarm(`${name}-Throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), `Function ${name} was throttled: raise the account's concurrency or find the burst.`);
    }
    for (const [name, queue] of Object.entries(props.queues)) {
      alarm(`${name}-Depth`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), `Messages in ${name}: a scheduled job failed after its retries.`);
    }
    // Direct-to-phone SMS report under the PhoneNumber dimension "PhoneNumberDirect" (SNS CloudWatch metrics).
    const smsFailed = new Metric({ namespace: 'AWS/SNS', metricName: 'NumberOfNotificationsFailed', dimensionsMap: { PhoneNumber: 'PhoneNumberDirect' }, period: FIVE_MINUTES, statistic: 'Sum' });
    alarm('SmsFailed', smsFailed, 'SMS could not be delivered (sandbox, spend limit, opted-out or invalid numbers).');
    const smsSpend = new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', period: Duration.hours(1), statistic: 'Maximum' });
    alarm('SmsSpend', smsSpend, `SMS spend this month passed 80 % of the account limit (USD ${props.smsMonthlySpendLimitUsd}); past the limit SNS stops sending.`, props.smsMonthlySpendLimitUsd * 0.8);
    const api5xx = new Metric({ namespace: 'AWS/ApiGateway', metricName: '5xx', dimensionsMap: { ApiId: props.api.apiId }, period: FIVE_MINUTES, statistic: 'Sum' });
    alarm('Api5xx', api5xx, 'The API answered with server errors.', 5);

    // Ids must differ between the expressions of one graph: each takes its label as the prefix.
    const fnMetric = (make: (fn: LambdaFunction) => IMetric, label: string) =>
      new MathExpression({
        expression: [...props.functions.keys()].map((_, i) => `${label}${i}`).join('+'),
        usingMetrics: Object.fromEntries([...props.functions.values()].map((fn, i) => [`${label}${i}`, make(fn)])),
        label,
        period: FIVE_MINUTES,
      });
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-civic-loop`.slice(0, 255) });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# Civic Loop\nAPI, supervision, functions, table, SMS. Alarms go to the alarm topic.', width: 24, height: 2 }),
      new GraphWidget({ title: 'API requests and errors', left: [new Metric({ namespace: 'AWS/ApiGateway', metricName: 'Count', dimensionsMap: { ApiId: props.api.apiId }, statistic: 'Sum', period: FIVE_MINUTES }), api5xx], width: 12 }),
      new GraphWidget({ title: 'API latency p95 (ms)', left: [new Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensionsMap: { ApiId: props.api.apiId }, statistic: 'p95', period: FIVE_MINUTES })], width: 12 }),
      new GraphWidget({
        title: 'Supervisions',
        left: [sm.metricStarted({ period: FIVE_MINUTES }), sm.metricSucceeded({ period: FIVE_MINUTES }), sm.metricFailed({ period: FIVE_MINUTES }), sm.metricTimedOut({ period: FIVE_MINUTES })],
        width: 12,
      }),
      new GraphWidget({ title: 'Function errors and throttles (all)', left: [fnMetric((fn) => fn.metricErrors({ period: FIVE_MINUTES }), 'errors'), fnMetric((fn) => fn.metricThrottles({ period: FIVE_MINUTES }), 'throttles')], width: 12 }),
      new GraphWidget({
        title: 'Table',
        left: [props.table.metricConsumedReadCapacityUnits({ period: FIVE_MINUTES }), props.table.metricConsumedWriteCapacityUnits({ period: FIVE_MINUTES })],
        right: [props.table.metricThrottledRequestsForOperations({ period: FIVE_MINUTES })],
        width: 12,
      }),
      new GraphWidget({ title: 'SMS failures and spend (USD)', left: [smsFailed], right: [smsSpend], width: 12 }),
    );
  }
}
