/**
 * The composition root on AWS: the parts of the platform built from the Lambda environment, each on
 * first use and once per process. An entry point touches only what it needs, so a function that never
 * routes a case never parses the city, and one that never notifies never makes an SNS client; its cold
 * start pays for nothing else.
 */
import { CaseService } from '../app/case-service.js';
import type { CityContext } from '../app/city-context.js';
import { Supervision } from '../app/supervision.js';
import { createDynamoCaseStore } from '../adapters/dynamodb/index.js';
import { createSfnWorkflow } from '../adapters/sfn/sfn-workflow.js';
import { SnsNotifier } from '../adapters/sns/index.js';
import type { CaseStore } from '../ports/case-store.js';
import type { Clock } from '../ports/clock.js';
import type { Notifier } from '../ports/notifier.js';
import type { Workflow } from '../ports/workflow.js';
import { loadCityContext } from './city.js';
import { dynamoClient, sfnClient, snsClient } from './clients.js';
import { readEnv } from './env.js';
import { warn } from './observability.js';
import { topicArnResolver, topicsOfCity } from './topics.js';

/** On AWS time is the system clock (Lambda's is NTP-synchronised). */
export const systemClock: Clock = { now: () => Date.now() };

const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};

export const city = once((): CityContext => loadCityContext(readEnv(['CITY_FILE']).CITY_FILE));

export const store = once((): CaseStore => createDynamoCaseStore({ client: dynamoClient(), tableName: readEnv(['TABLE_NAME']).TABLE_NAME }));

/** New executions start on the alias, so a deploy never changes the definition a running case follows. */
export const workflow = once((): Workflow => createSfnWorkflow({ client: sfnClient(), stateMachineArn: readEnv(['STATE_MACHINE_ALIAS_ARN']).STATE_MACHINE_ALIAS_ARN }));

export const notifier = once((): Notifier => {
  const env = readEnv(['NOTICE_TOPIC_ARN_PREFIX', 'SMS_SENDER_ID', 'SMS_ORIGINATION_NUMBER', 'SMS_LANGUAGE']);
  const known = new Set(topicsOfCity(city().city).map((topic) => topic.suffix));
  return new SnsNotifier({
    client: snsClient(),
    topicArnFor: topicArnResolver(env.NOTICE_TOPIC_ARN_PREFIX, known),
    sms: {
      ...(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SMS_ORIGINATION_NUMBER ? { originationNumber: env.SMS_ORIGINATION_NUMBER } : {}),
      ...(env.SMS_LANGUAGE ? { language: env.SMS_LANGUAGE } : {}),
    },
  });
});

export const service = once((): CaseService => new CaseService({ store: store(), workflow: workflow(), clock: systemClock, city: city(), warn }));

/**
 * The supervision steps. Its parts are read when a step runs, not when it is made: the hand-over step uses
 * only the workflow, so its function loads neither the city nor the table client.
 */
export const supervision = once(
  (): Supervision =>
    new Supervision({
      get service() {
        return service();
      },
      get store() {
        return store();
      },
      get notifier() {
        return notifier();
      },
      get workflow() {
        return workflow();
      },
      warn,
    }),
);
