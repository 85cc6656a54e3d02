/** Notices through SNS: SMS to phone numbers, email to the recipient's topic (named by `topics.ts`). */
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsNotifier } from '../adapters/sns/index.js';
import type { Notifier } from '../ports/notifier.js';
import { withContacts } from './city.js';
import { readEnv } from './env.js';
import { tracer } from './observability.js';
import { once } from './once.js';
import { topicArnResolver, topicsOfCity } from './topics.js';

export const notifier = once((): Notifier => {
  const env = readEnv(['NOTICE_TOPIC_ARN_PREFIX', 'SMS_SENDER_ID', 'SMS_ORIGINATION_NUMBER', 'SMS_LANGUAGE']);
  // Notices go to the units' contacts: the one part of the platform that reads them puts them in place (in
  // the city every part of this function shares), before anything composes a notice.
  const { city } = withContacts();
  // The stack made a topic for exactly these recipients; one it did not is reported as such, not published to.
  const known = new Set(topicsOfCity(city).map((topic) => topic.suffix));
  return new SnsNotifier({
    client: tracer.captureAWSv3Client(new SNSClient({})),
    topicArnFor: topicArnResolver(env.NOTICE_TOPIC_ARN_PREFIX, known),
    sms: {
      ...(env.SMS_SENDER_ID ? { senderId: env.SMS_SENDER_ID } : {}),
      ...(env.SMS_ORIGINATION_NUMBER ? { originationNumber: env.SMS_ORIGINATION_NUMBER } : {}),
      ...(env.SMS_LANGUAGE ? { language: env.SMS_LANGUAGE } : {}),
    },
  });
});
