/**
 * Powertools for every function: structured JSON logs with the request id, metrics as embedded metric
 * format (no PutMetricData call, no IAM), and X-Ray traces of the handler and of every AWS SDK call. The
 * service name and namespace come from POWERTOOLS_* variables the CDK construct sets.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type middy from '@middy/core';
import { inspect } from 'node:util';

export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();

/** The platform's own warnings (a lost wake-up, an unreachable recipient) as structured log lines. */
export const warn = (message: string, error: unknown): void => {
  if (error === undefined) logger.warn(message);
  else if (error instanceof Error) logger.warn(message, error);
  else logger.warn(message, { detail: inspect(error, { depth: 3 }) });
};

/** Adds the three middlewares to a middy handler; the handler's own error handling stays in charge of the response. */
export function observed<Event, Result>(handler: middy.MiddyfiedHandler<Event, Result>): middy.MiddyfiedHandler<Event, Result> {
  // The Powertools middlewares ask nothing of the event or result; middy types them over `unknown`.
  const use = handler.use as (this: unknown, middleware: middy.MiddlewareObj) => unknown;
  use.call(handler, captureLambdaHandler(tracer, { captureResponse: false }));
  use.call(handler, injectLambdaContext(logger));
  use.call(handler, logMetrics(metrics, { captureColdStartMetric: true }));
  return handler;
}
