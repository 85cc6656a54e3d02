/** Scheduled: starts the supervision of every open case that has none running (see `functions/app/reconciler.ts`). */
import middy from '@middy/core';
import { reconcile } from '../../app/reconciler.js';
import { logger, metrics, observed, warn } from '../observability.js';
import { store } from '../store.js';
import { workflow } from '../workflow.js';

store();
workflow();

export const handler = observed(
  middy(async () => {
    const report = await reconcile({ store: store(), workflow: workflow(), warn });
    metrics.addMetric('OpenCases', 'Count', report.openCases);
    metrics.addMetric('SupervisionsRestarted', 'Count', report.restarted.length);
    metrics.addMetric('SupervisionRestartsFailed', 'Count', report.failed.length);
    logger.info('reconciled', { ...report });
    // A restart that failed is retried on the next run; failing the invocation sends it to the failure queue, which alarms.
    if (report.failed.length > 0) throw new Error(`could not restart the supervision of ${report.failed.length} case(s): ${report.failed.slice(0, 20).join(', ')}`);
    return { openCases: report.openCases, restarted: report.restarted.length };
  }),
);
