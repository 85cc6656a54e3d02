/**
 * The supervision state machine on one machine: the very ASL file that is deployed, run by
 * aws-local-stepfunctions, with each Task state handled by the same task handler a Lambda would run.
 *
 * Closing the engine's gaps here (see README, "Local runtime"):
 * - It has no `.waitForTaskToken`: this adapter plays the callback service. It mints a token, passes it to
 *   the AwaitChange handler exactly as Step Functions would (the handler stores it in the case record),
 *   and completes the wait when `completeWait` is called with it — the same call the API makes on AWS.
 * - It runs task timeouts on the real wall clock: the wait's timeout is enforced here instead, on the
 *   platform's clock (scaled or manual), from the same plan the deployed machine reads through
 *   `TimeoutSecondsPath`; the engine's own timeout is set out of reach for that one state.
 * - Lambda tasks: the handler gets the `Payload` and its answer comes back wrapped as `{ Payload }`, as the
 *   lambda:invoke integration does, so `OutputPath: $.Payload` works unchanged.
 * - It has no maximum execution duration: a Standard execution ends after one year (States.Timeout). This
 *   adapter fails an execution that reaches a task past that age on the platform's clock, so a case kept in
 *   one execution too long shows up locally as it would on AWS: unsupervised, with an alarm.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import { executionName, supervisionInput, type ExecutionStatus, type SupervisionPlan, type Workflow } from '../functions/ports/workflow.js';
import type { LocalClock, Timer } from './clock.js';
import { TaskSlots } from './task-slots.js';

/** Step Functions' maximum duration of a Standard execution. */
export const MAX_EXECUTION_MS = 365 * 24 * 3600 * 1000;

export const DEFINITION_FILE = new URL('../statemachines/case-supervision.asl.json', import.meta.url);

/** A task handler as the local runtime calls it: the Lambda payload in, the Lambda result out. */
export type LocalTask = (payload: Record<string, unknown>) => Promise<unknown>;

export interface LocalTasks {
  RouteCase: LocalTask;
  AwaitChange: LocalTask;
  ApplyMilestone: LocalTask;
  AnswerReporters: LocalTask;
  HandOver: LocalTask;
}

/** The DefinitionSubstitutions the CDK stack fills with function ARNs, filled with local stand-ins. */
export const LOCAL_SUBSTITUTIONS: Record<string, string> = {
  RouteCaseFunctionArn: 'arn:aws:lambda:local:000000000000:function:civic-loop-route-case',
  AwaitChangeFunctionArn: 'arn:aws:lambda:local:000000000000:function:civic-loop-await-change',
  ApplyMilestoneFunctionArn: 'arn:aws:lambda:local:000000000000:function:civic-loop-apply-milestone',
  FinishFunctionArn: 'arn:aws:lambda:local:000000000000:function:civic-loop-finish',
  HandOverFunctionArn: 'arn:aws:lambda:local:000000000000:function:civic-loop-hand-over',
};

export function substitute(definitionText: string, substitutions: Record<string, string>): unknown {
  const filled = definitionText.replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`no substitution for ${whole} in the state machine definition`);
    return value;
  });
  return JSON.parse(filled);
}

export type Definition = { States: Record<string, Record<string, unknown>> };

const OUT_OF_REACH_SECONDS = 2_000_000;

/**
 * The local-only changes: the wait's timeout is kept by this adapter on the platform's clock, and task
 * states without a timeout get none, as on AWS.
 */
export function forLocalEngine(definition: Definition): Definition {
  const copy = structuredClone(definition);
  const wait = copy.States.AwaitChange;
  if (!wait) throw new Error('the definition has no AwaitChange state');
  delete wait.TimeoutSecondsPath;
  // Out of reach (about 23 days of real time) yet within the engine's timer range.
  wait.TimeoutSeconds = OUT_OF_REACH_SECONDS;
  // A Task state without a timeout has none on AWS (the function's own timeout bounds it), but the engine
  // gives it 60 s of wall-clock time, counted from when the state starts: a task waiting its turn for a
  // slot (TaskSlots) would fail its execution. The states keep AWS's meaning here.
  for (const state of Object.values(copy.States)) {
    if (state.Type === 'Task' && state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = OUT_OF_REACH_SECONDS;
  }
  return copy;
}

export interface ExecutionRecord {
  name: string;
  caseId: string;
  generation: number;
  status: 'running' | 'succeeded' | 'failed' | 'aborted';
  /** States entered, the unit Step Functions bills. */
  transitions: number;
  /** Every event of the engine's log: what GetExecutionHistory would show. */
  history: { type: string; state?: string; timestamp: number }[];
  /** Start and end on the platform's clock (epoch ms): the engine's own timestamps are wall-clock time. */
  startedAt: number;
  endedAt?: number;
  error?: string;
  done: Promise<void>;
}

interface PendingWait {
  caseId: string;
  resolve(plan: SupervisionPlan): void;
  /** Ends the wait with an error: the engine only clears its own task timer once the task settles. */
  fail(error: Error): void;
  timer?: Timer;
  settled: boolean;
}

export interface LocalWorkflowOptions {
  clock: LocalClock;
  definition?: Definition;
  /** Called when an execution fails, which on AWS would raise an alarm. */
  onFailure?: (record: ExecutionRecord) => void;
  /**
   * Task invocations running at once, across all executions (default `DEFAULT_TASK_CONCURRENCY`); the rest
   * wait their turn. Keeps a burst of new cases from starving the API of the shared database.
   */
  maxConcurrentTasks?: number;
}

/** Enough to keep dynalite busy with workflow steps when nobody is waiting for an answer. */
export const DEFAULT_TASK_CONCURRENCY = 8;
/**
 * Task invocations running at once while the API serves requests. On AWS the workflow's functions and the
 * API's run apart and the table scales; on one machine they share a process and dynalite, so the people
 * waiting on an answer go first and the workflow keeps going, one task at a time, behind them.
 */
export const BACKGROUND_TASK_CONCURRENCY = 1;

export class LocalWorkflow implements Workflow {
  private readonly machine: StateMachine;
  readonly definition: Definition;
  private tasks: LocalTasks | undefined;
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly aborts = new Map<string, () => void>();
  private readonly waits = new Map<string, PendingWait>();
  private readonly slots: TaskSlots;
  private readonly maxTasks: number;

  constructor(private readonly options: LocalWorkflowOptions) {
    this.definition = options.definition ?? (substitute(readFileSync(DEFINITION_FILE, 'utf8'), LOCAL_SUBSTITUTIONS) as Definition);
    this.machine = new StateMachine(forLocalEngine(this.definition) as never, { validationOptions: { checkArn: true, checkPaths: true } });
    this.maxTasks = options.maxConcurrentTasks ?? DEFAULT_TASK_CONCURRENCY;
    this.slots = new TaskSlots(this.maxTasks);
  }

  /** Requests the API is serving now: while there are any, tasks run at the background concurrency. */
  setForegroundLoad(requestsInFlight: number): void {
    this.slots.setLimit(requestsInFlight > 0 ? Math.min(BACKGROUND_TASK_CONCURRENCY, this.maxTasks) : this.maxTasks);
  }

  /** Task invocations waiting for a slot: a backlog the workflow works off after a burst. */
  get queuedTasks(): number {
    return this.slots.waiting;
  }

  /** The handlers need the workflow (to hand over) and the workflow needs the handlers: bound after construction. */
  bind(tasks: LocalTasks): void {
    this.tasks = tasks;
  }

  startSupervision(caseId: string, generation = 1, epoch = 0): Promise<void> {
    const name = executionName(caseId, generation, epoch);
    const existing = this.executions.get(name);
    if (existing?.status === 'running') return Promise.resolve(); // same name, same input: the running one
    const tasks = this.tasks;
    if (!tasks) throw new Error('LocalWorkflow: bind the task handlers before starting executions');

    const input = supervisionInput(caseId, generation, epoch);
    const record: ExecutionRecord = { name, caseId, generation, status: 'running', transitions: 0, history: [], startedAt: this.options.clock.now(), done: Promise.resolve() };
    this.executions.set(name, record);
    // StartExecution answers before the first state runs; here the engine's start (reading the input,
    // building the first task's payload) waits its turn with the tasks, so a burst of intake does not pay
    // for it while people wait for answers.
    // The slot is held only while the engine starts: the launched run is handed out wrapped, not awaited.
    record.done = this.slots
      .run((): Promise<{ ended: Promise<void> | undefined }> => {
        if (record.status !== 'running') return Promise.resolve({ ended: undefined });
        try {
          return Promise.resolve({ ended: this.launch(record, input, tasks) });
        } catch (error) {
          // The engine refused to start it (a bad input, say): a failed execution, which raises the alarm,
          // rather than one left "running" that nothing supervises and the reconciler would skip.
          record.status = 'failed';
          record.endedAt = this.options.clock.now();
          record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          this.options.onFailure?.(record);
          return Promise.resolve({ ended: undefined });
        }
      })
      .then(({ ended }) => ended);
    return Promise.resolve();
  }

  /** Runs the execution on the engine; resolves when it ends. */
  private launch(record: ExecutionRecord, input: ReturnType<typeof supervisionInput>, tasks: LocalTasks): Promise<void> {
    const { name, caseId } = record;
    // Checked as each task starts (not on a timer): an execution makes no progress but through its tasks.
    const expired = (): boolean => {
      if (record.status !== 'running' || this.options.clock.now() - record.startedAt < MAX_EXECUTION_MS) return false;
      record.status = 'failed';
      record.error = `States.Timeout: the execution ran past Step Functions' one-year limit (started ${new Date(record.startedAt).toISOString()})`;
      execution.abort();
      return true;
    };
    const execution = this.machine.run(input, {
      context: {
        Execution: { Id: `arn:aws:states:local:000000000000:execution:civic-loop:${name}`, Name: name, Input: input, StartTime: new Date(record.startedAt).toISOString() },
        Task: { Token: 'minted-by-the-local-adapter' },
      },
      overrides: {
        // The engine types handlers over any JSON; ours know the payload each state builds.
        taskResourceLocalHandlers: {
          RouteCase: this.lambda(tasks.RouteCase, expired) as never,
          ApplyMilestone: this.lambda(tasks.ApplyMilestone, expired) as never,
          AnswerReporters: this.lambda(tasks.AnswerReporters, expired) as never,
          HandOver: this.lambda(tasks.HandOver, expired) as never,
          AwaitChange: this.waitForTaskToken(caseId, tasks.AwaitChange, expired) as never,
        },
        // Retry pauses run on the real clock in the engine; keep them short locally.
        retryIntervalOverrides: { RouteCase: 20, ApplyMilestone: 20, AwaitChange: 20, AnswerReporters: 20, HandOver: 20 },
      },
    });
    this.aborts.set(name, execution.abort);
    const logging = (async () => {
      for await (const event of execution.eventLogs as AsyncIterable<{ type: string; timestamp: number; state?: { name: string } }>) {
        if (event.type === 'StateEntered') record.transitions++;
        record.history.push({ type: event.type, timestamp: event.timestamp, ...(event.state ? { state: event.state.name } : {}) });
      }
    })();
    return execution.result.then(
      async () => {
        record.status = 'succeeded';
        record.endedAt = this.options.clock.now();
        await logging;
      },
      async (error: unknown) => {
        record.status = record.status === 'aborted' ? 'aborted' : 'failed';
        record.endedAt = this.options.clock.now();
        // A timed-out execution keeps its States.Timeout; the engine only reports the abort that ended it.
        record.error ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        await logging.catch(() => undefined);
        if (record.status === 'failed') this.options.onFailure?.(record);
      },
    );
  }

  completeWait(taskToken: string, plan: SupervisionPlan): Promise<void> {
    const wait = this.waits.get(taskToken);
    // Like SendTaskSuccess on a token that already completed or timed out: nothing to complete.
    if (wait && !wait.settled) wait.resolve(plan);
    return Promise.resolve();
  }

  execution(caseId: string, generation = 1, epoch = 0): ExecutionRecord | undefined {
    return this.executions.get(executionName(caseId, generation, epoch));
  }

  get allExecutions(): ExecutionRecord[] {
    return [...this.executions.values()];
  }

  runningExecutionNames(): Promise<Set<string>> {
    return Promise.resolve(new Set(this.allExecutions.filter((e) => e.status === 'running').map((e) => e.name)));
  }

  executionStatus(caseId: string, generation: number, epoch: number): Promise<ExecutionStatus> {
    const status = this.execution(caseId, generation, epoch)?.status;
    // An aborted execution (a stopped process) supervises nothing, like a failed one.
    return Promise.resolve(status === undefined ? 'absent' : status === 'running' || status === 'succeeded' ? status : 'failed');
  }

  /** Executions currently waiting for a change or a milestone. */
  get waiting(): number {
    return [...this.waits.values()].filter((w) => !w.settled).length;
  }

  /** Resolves once no task handler has run for a few turns of the event loop. */
  async idle(): Promise<void> {
    let quiet = 0;
    let seen = -1;
    while (quiet < 3) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      const progress = this.allExecutions.reduce((sum, e) => sum + e.history.length, 0);
      quiet = this.slots.busy === 0 && progress === seen ? quiet + 1 : 0;
      seen = progress;
    }
  }

  /** Stops every execution, as a process exit would; open cases are resumed from the store on the next start. */
  async stop(): Promise<void> {
    // Every running execution, including those still waiting for a slot to start: they never will.
    for (const record of this.executions.values()) {
      if (record.status !== 'running') continue;
      record.status = 'aborted';
      record.endedAt = this.options.clock.now();
      this.aborts.get(record.name)?.();
    }
    // Settled after the aborts, so the engine sees an aborted execution rather than a failed task; until
    // then each wait holds one of the engine's task timers (days long), which would keep the process alive.
    const stopped = new Error('the local runtime stopped');
    stopped.name = 'States.Runtime';
    for (const wait of [...this.waits.values()]) wait.fail(stopped);
    await Promise.all(this.allExecutions.map((e) => e.done));
    this.waits.clear();
  }

  private lambda(task: LocalTask, expired: () => boolean) {
    return async (input: { Payload: Record<string, unknown> }) => {
      if (expired()) return new Promise<never>(() => undefined); // the abort ends the execution
      const payload = await this.slots.run(() => task(input.Payload));
      return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payload };
    };
  }

  private waitForTaskToken(caseId: string, task: LocalTask, expired: () => boolean) {
    return async (input: { Payload: Record<string, unknown> & { plan: SupervisionPlan } }) => {
      if (expired()) return new Promise<never>(() => undefined); // the abort ends the execution
      const taskToken = `local-${randomUUID()}`;
      const { promise: outcome, resolve, reject } = Promise.withResolvers<SupervisionPlan>();
      // It may fail (the runtime stopping) before it is handed to the engine: not an unhandled rejection.
      outcome.catch(() => undefined);
      // The first of completion, failure or timeout ends the wait; the others find it settled.
      const settle = (end: () => void) => {
        if (wait.settled) return;
        wait.settled = true;
        wait.timer?.cancel();
        this.waits.delete(taskToken);
        end();
      };
      // Listening before the handler stores the token, so a completion that races the registration is kept.
      const wait: PendingWait = {
        caseId,
        settled: false,
        resolve: (plan) => settle(() => resolve(plan)),
        fail: (error) => settle(() => reject(error)),
      };
      this.waits.set(taskToken, wait);
      try {
        await this.slots.run(() => task({ ...input.Payload, taskToken }));
      } catch (error) {
        settle(() => undefined); // the handler failed: the engine retries or fails the state, not this wait
        throw error;
      }
      const plan = input.Payload.plan;
      const until = plan.until ? Date.parse(plan.until) : this.options.clock.now() + plan.waitSeconds * 1000;
      if (!wait.settled) {
        wait.timer = this.options.clock.schedule(until, () => {
          const timeout = new Error(`no change before ${new Date(until).toISOString()}`);
          timeout.name = 'States.Timeout';
          settle(() => reject(timeout));
        });
      }
      return outcome;
    };
  }
}
