/** Scheduled daily: the board digest to each supervision office (see `functions/app/digest.ts`). */
import middy from '@middy/core';
import { sendDailyDigest } from '../../app/digest.js';
import { logger, metrics, observed, warn } from '../observability.js';
import { city } from '../city.js';
import { notifier } from '../notifier.js';
import { store } from '../store.js';
import { systemClock } from '../clock.js';

store();
notifier();

export const handler = observed(
  middy(async () => {
    const report = await sendDailyDigest({ store: store(), notifier: notifier(), city: city(), clock: systemClock, warn });
    metrics.addMetric('DigestsSent', 'Count', report.notices.length);
    logger.info('digest sent', { day: report.day, cases: report.cases, offices: report.notices.length, unserved: report.unserved.length });
    return { day: report.day, offices: report.notices.length, cases: report.cases };
  }),
);
