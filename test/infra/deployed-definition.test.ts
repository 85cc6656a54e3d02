/**
 * The deployed definition is the tested one: the state machine definition is taken from the synthesized
 * template, its DefinitionSubstitutions are checked against the task functions and replaced by local ARNs,
 * and the result carries a case along the happy path on the local engine (dynalite, the same task handlers).
 */
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../functions/app/case-service.js';
import { createCityContext } from '../../functions/app/city-context.js';
import { Supervision } from '../../functions/app/supervision.js';
import { createDynamoCaseStore, tableDefinition } from '../../functions/adapters/dynamodb/index.js';
import { Outbox } from '../../functions/adapters/local/outbox.js';
import { makeSupervisionHandlers } from '../../functions/tasks/supervision-handlers.js';
import { ManualClock } from '../../local/clock.js';
import { ensureTable, startLocalDynamo, type LocalDynamo } from '../../local/dynamo.js';
import { LOCAL_SUBSTITUTIONS, LocalWorkflow, substitute, type LocalTask } from '../../local/local-workflow.js';
import { TASK_SUBSTITUTIONS } from '../../infra/state-machine.js';
import { BUREAU, DISPATCHER, gridWorker, harnessCity, kaifeng, LITTER_BIN, staff } from '../workflow/harness.js';
import { testStack } from './stack.fixture.js';

const { stack } = testStack();
const template = Template.fromStack(stack);
const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as { Properties: { DefinitionString: unknown; DefinitionSubstitutions: Record<string, unknown> } }[];

describe('the definition in the template', () => {
  it('is the file, with each task function given by a substitution that names that function', () => {
    expect(typeof machine?.Properties.DefinitionString).toBe('string');
    const substitutions = machine!.Properties.DefinitionSubstitutions;
    expect(Object.keys(substitutions).sort()).toEqual(Object.keys(TASK_SUBSTITUTIONS).sort());
    for (const [key, name] of Object.entries(TASK_SUBSTITUTIONS)) {
      const logicalId = stack.getLogicalId(stack.platform.functions.get(name).node.defaultChild as never);
      expect(substitutions[key], key).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
    }
  });

  describe('run on the local engine', () => {
    const clock = new ManualClock(kaifeng('2026-12-01T09:00:00'));
    let dynamo: LocalDynamo;
    let workflow: LocalWorkflow;
    let service: CaseService;

    beforeAll(async () => {
      dynamo = await startLocalDynamo();
      await ensureTable(dynamo.client, tableDefinition('deployed'));
      const store = createDynamoCaseStore({ client: dynamo.client, tableName: 'deployed' });
      const city = createCityContext(harnessCity());
      // The template's definition, its tokens replaced by the local runtime's ARNs.
      const definition = substitute(machine!.Properties.DefinitionString as string, LOCAL_SUBSTITUTIONS) as ConstructorParameters<typeof LocalWorkflow>[0]['definition'];
      workflow = new LocalWorkflow({ clock, definition });
      service = new CaseService({ store, workflow, clock, city });
      const supervision = new Supervision({ service, store, notifier: await Outbox.open({ now: () => clock.now() }), workflow });
      const handlers = makeSupervisionHandlers(supervision);
      const task = (handler: (event: never, context: never) => Promise<unknown>): LocalTask => (payload) => handler(payload as never, {} as never);
      workflow.bind({
        RouteCase: task(handlers.routeCase),
        AwaitChange: task(handlers.awaitChange),
        ApplyMilestone: task(handlers.applyMilestone),
        AnswerReporters: task(handlers.finish),
        HandOver: task(handlers.handOver),
      });
    });
    afterAll(async () => {
      await workflow?.stop();
      await dynamo?.close();
    });

    const settle = () => workflow.idle();
    const at = async (local: string) => clock.advanceTo(kaifeng(local), settle);

    it('carries a case from intake to closure', async () => {
      const { caseId } = await service.intake(LITTER_BIN, { kind: 'citizen', id: 'citizen-1' });
      await settle();
      expect((await service.load(caseId)).state.stage).toBe('dispatched');
      await at('2026-12-01T09:40:00');
      await service.act(caseId, { type: 'accept' }, staff(BUREAU));
      await settle();
      await at('2026-12-03T16:00:00');
      await service.act(caseId, { type: 'reportResult', text: 'Replaced the bin', photoUrls: [] }, staff(BUREAU));
      await settle();
      await at('2026-12-04T10:00:00');
      const { state } = await service.load(caseId);
      await service.act(caseId, { type: 'verify', passed: true }, gridWorker(state.gridId!));
      await settle();
      await service.act(caseId, { type: 'recordCallback', answer: 'satisfied' }, DISPATCHER);
      await service.act(caseId, { type: 'close', answer: 'The bin was replaced.' }, DISPATCHER);
      await settle();

      const execution = workflow.execution(caseId)!;
      await execution.done;
      expect(execution.status).toBe('succeeded');
      expect(execution.history.filter((e) => e.type === 'StateEntered').at(-1)?.state).toBe('Closed');
      expect((await service.load(caseId)).state.stage).toBe('closed');
    });
  });
});
