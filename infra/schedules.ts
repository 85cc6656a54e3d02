/**
 * The periodic jobs, on EventBridge Scheduler: the supervisors' digest each morning in the city's time zone,
 * and the reconciler every few minutes. Scheduler invokes asynchronously: a target it cannot reach goes to
 * its dead-letter queue; a function that fails after Lambda's retries goes to the functions' failure queue
 * (`functions.ts`). Both queues alarm.
 */
import { Duration, TimeZone } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface JobsProps {
  digest: IFunction;
  reconcile: IFunction;
  timeZone: string;
  digestAt: { hour: number; minute: number };
  reconcileEvery: Duration;
}

export class PlatformJobs extends Construct {
  readonly digest: Schedule;
  readonly reconcile: Schedule;
  /** Invocations Scheduler could not deliver. */
  readonly undelivered: Queue;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.undelivered = new Queue(this, 'Undelivered', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const target = (fn: IFunction, maxEventAge: Duration) => new LambdaInvoke(fn, { deadLetterQueue: this.undelivered, retryAttempts: 3, maxEventAge });
    this.digest = new Schedule(this, 'Digest', {
      description: 'Civic Loop: the daily digest of warning and overdue cases to the supervision offices',
      schedule: ScheduleExpression.cron({ hour: String(props.digestAt.hour), minute: String(props.digestAt.minute), timeZone: TimeZone.of(props.timeZone) }),
      target: target(props.digest, Duration.hours(2)),
    });
    this.reconcile = new Schedule(this, 'Reconcile', {
      description: 'Civic Loop: start the supervision of any open case that has none running',
      schedule: ScheduleExpression.rate(props.reconcileEvery),
      // A run that cannot be delivered before the next one starts is not worth delivering.
      target: target(props.reconcile, props.reconcileEvery),
    });
  }
}
