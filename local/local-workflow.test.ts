/**
 * The local workflow's start: StartExecution answers at once and the engine's first step waits its turn
 * with the tasks, so nothing about a start is lost when the runtime is busy or stops first.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { LocalWorkflow, type Definition, type LocalTask } from './local-workflow.js';

const FUNCTION = 'arn:aws:lambda:local:000000000000:function:civic-loop-test';
const definition = {
  StartAt: 'RouteCase',
  States: {
    RouteCase: { Type: 'Task', Resource: FUNCTION, Parameters: { 'Payload.$': '$' }, ResultPath: null, Next: 'Routed' },
    Routed: { Type: 'Choice', Choices: [{ Variable: '$.wait', IsPresent: true, Next: 'AwaitChange' }], Default: 'Done' },
    // forLocalEngine needs the wait state the real machine has; this one is never entered.
    AwaitChange: { Type: 'Task', Resource: FUNCTION, Parameters: { 'Payload.$': '$' }, TimeoutSecondsPath: '$.waitSeconds', End: true },
    Done: { Type: 'Succeed' },
  },
} as unknown as Definition;

function workflowWithGate() {
  const routed: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const route: LocalTask = async (payload) => {
    routed.push(String(payload.caseId));
    if (payload.caseId === 'first') await gate;
    return {};
  };
  const done: LocalTask = () => Promise.resolve({});
  const workflow = new LocalWorkflow({ clock: new ManualClock(Date.parse('2026-12-01T00:00:00Z')), definition, maxConcurrentTasks: 1 });
  workflow.bind({ RouteCase: route, AwaitChange: done, ApplyMilestone: done, AnswerReporters: done, HandOver: done });
  return { workflow, routed, open };
}

describe('LocalWorkflow.startSupervision', () => {
  it('answers at once and starts the engine when a task slot is free', async () => {
    const { workflow, routed, open } = workflowWithGate();
    await workflow.startSupervision('first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(routed).toEqual(['first']); // holding the only slot

    await workflow.startSupervision('second');
    await workflow.startSupervision('second'); // a retried start of the same execution
    expect(workflow.execution('second')).toMatchObject({ status: 'running', transitions: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(routed).toEqual(['first']);

    open();
    await workflow.idle();
    expect(routed).toEqual(['first', 'second']);
    expect(workflow.execution('second')?.transitions).toBeGreaterThan(0);
    expect(workflow.execution('second')?.status).toBe('succeeded');
    await workflow.stop();
  });

  it('settles an execution that was waiting to start when the runtime stops', async () => {
    const { workflow, routed, open } = workflowWithGate();
    await workflow.startSupervision('first');
    await workflow.startSupervision('second');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = workflow.stop();
    open();
    await stopped;
    expect(workflow.execution('second')).toMatchObject({ status: 'aborted', transitions: 0 });
    expect(routed).toEqual(['first']);
  });
});
