/**
 * The whole platform on one machine, wired from the same parts as on AWS: the case service and the
 * supervision task handlers, the DynamoDB adapter on dynalite, the deployed ASL on the local engine, and
 * an outbox in place of SNS. On start it resumes supervision of every open case from the store, so a
 * restart drops nothing.
 */
import { join } from 'node:path';
import { CaseService } from '../functions/app/case-service.js';
import { createCityContext, type CityContext } from '../functions/app/city-context.js';
import { Supervision } from '../functions/app/supervision.js';
import { createDynamoCaseStore, tableDefinition } from '../functions/adapters/dynamodb/index.js';
import { Outbox } from '../functions/adapters/local/outbox.js';
import type { CityConfig } from '../functions/domain/city/schema.js';
import type { CaseStore } from '../functions/ports/case-store.js';
import { makeSupervisionHandlers } from '../functions/tasks/supervision-handlers.js';
import type { LocalClock } from './clock.js';
import { ensureTable, startLocalDynamo, type LocalDynamo } from './dynamo.js';
import { LocalWorkflow, type LocalTask } from './local-workflow.js';

export const TABLE_NAME = 'civic-loop-cases';

export interface LocalPlatformOptions {
  city: CityConfig | CityContext;
  clock: LocalClock;
  /** A data folder for dynalite and the outbox; absent keeps everything in memory. */
  dataDir?: string;
  /** Loops per execution before a hand-over (tests lower it to see hand-overs happen). */
  maxLoops?: number;
  /** Days per execution before a hand-over (default well under Step Functions' one-year limit). */
  maxExecutionDays?: number;
  /** Run dynalite in its own process (npm start, benchmarks); tests keep it in-process. */
  separateDynamoProcess?: boolean;
  /** Workflow task invocations running at once (see `LocalWorkflowOptions.maxConcurrentTasks`). */
  maxConcurrentTasks?: number;
  /** Where problems that do not fail a request are reported; default: console.warn. */
  warn?: (message: string, error: unknown) => void;
}

export interface LocalPlatform {
  city: CityContext;
  clock: LocalClock;
  store: CaseStore;
  service: CaseService;
  supervision: Supervision;
  workflow: LocalWorkflow;
  outbox: Outbox;
  dynamo: LocalDynamo;
  /** How many open cases were picked up from the store at start. */
  resumed: number;
  stop(): Promise<void>;
}

const defaultWarn = (message: string, error: unknown) => console.warn(`civic-loop: ${message}`, error ?? '');

/** Lambda handlers take (event, context); locally the payload is the event and the context is not used. */
const asLocalTask =
  (handler: (event: never, context: never) => Promise<unknown>): LocalTask =>
  (payload) =>
    handler(payload as never, {} as never);

export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const warn = options.warn ?? defaultWarn;
  const city = 'calendar' in options.city && 'grids' in options.city ? options.city : createCityContext(options.city);
  const dynamo = await startLocalDynamo({
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
    ...(options.separateDynamoProcess ? { separateProcess: true } : {}),
  });
  await ensureTable(dynamo.client, tableDefinition(TABLE_NAME));
  const store = createDynamoCaseStore({ client: dynamo.client, tableName: TABLE_NAME });
  const outbox = await Outbox.open({ now: () => options.clock.now(), ...(options.dataDir ? { file: join(options.dataDir, 'outbox.jsonl') } : {}) });

  const workflow = new LocalWorkflow({
    clock: options.clock,
    ...(options.maxConcurrentTasks ? { maxConcurrentTasks: options.maxConcurrentTasks } : {}),
    onFailure: (record) => warn(`supervision of case ${record.caseId} failed (${record.error ?? 'unknown error'})`, undefined),
  });
  const service = new CaseService({ store, workflow, clock: options.clock, city, warn });
  const supervision = new Supervision({
    service,
    store,
    notifier: outbox,
    workflow,
    warn,
    ...(options.maxLoops ? { maxLoops: options.maxLoops } : {}),
    ...(options.maxExecutionDays ? { maxExecutionDays: options.maxExecutionDays } : {}),
  });
  const handlers = makeSupervisionHandlers(supervision);
  workflow.bind({
    RouteCase: asLocalTask(handlers.routeCase),
    AwaitChange: asLocalTask(handlers.awaitChange),
    ApplyMilestone: asLocalTask(handlers.applyMilestone),
    AnswerReporters: asLocalTask(handlers.finish),
    HandOver: asLocalTask(handlers.handOver),
  });

  // Executions died with the last process; every open case gets a fresh one that starts from its history.
  let resumed = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listOpenCases(cursor);
    for (const projection of page.items) {
      await workflow.startSupervision(projection.state.id);
      resumed++;
    }
    cursor = page.cursor;
  } while (cursor);

  return {
    city,
    clock: options.clock,
    store,
    service,
    supervision,
    workflow,
    outbox,
    dynamo,
    resumed,
    stop: async () => {
      await workflow.stop();
      await dynamo.close();
    },
  };
}
