/**
 * The three lifecycle paths of `npm run bench:lifecycle`, driven the same way on the local platform (the
 * deployed ASL on the local engine, dynalite), measuring for one case what AWS bills: state transitions,
 * Lambda invocations by the workflow and by people, DynamoDB request units, SMS and email.
 */
import type { CityContext } from '../../functions/app/city-context.js';
import type { Actor } from '../../functions/domain/case/events.js';
import { ManualClock } from '../../local/clock.js';
import { startLocalPlatform, TABLE_NAME, type LocalPlatform } from '../../local/platform.js';
import { meterDynamo, type DynamoUsage } from './dynamo-meter.js';

export interface PathUsage {
  transitions: number;
  historyEvents: number;
  /** Task states entered: one Lambda invocation each. */
  taskInvocations: number;
  /** Intake and actions through the API. */
  apiWrites: number;
  dynamo: DynamoUsage;
  sms: number;
  emailPublishes: number;
  emailDeliveries: number;
  /** Bytes the table keeps for the closed case (items and index entries). */
  storedBytes: number;
}

const TASK_STATES = new Set(['RouteCase', 'AwaitChange', 'ApplyMilestone', 'AnswerReporters', 'HandOver']);
const dispatcher: Actor = { kind: 'dispatcher', id: 'cost-dispatcher' };
const citizen: Actor = { kind: 'citizen', id: 'cost-citizen' };
const EXPOSED_RUBBISH = 'S0102';

export type PathName = 'happy' | 'returned' | 'ladder';

export async function measurePath(city: CityContext, location: { lon: number; lat: number }, path: PathName): Promise<PathUsage> {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined });
  const meter = meterDynamo(platform.dynamo.client, platform.dynamo.endpoint);
  try {
    let apiWrites = 0;
    const settle = () => platform.workflow.idle();
    const act = async (caseId: string, command: Parameters<LocalPlatform['service']['act']>[1], actor: Actor) => {
      apiWrites++;
      await platform.service.act(caseId, command, actor);
      await settle();
    };
    apiWrites++;
    const { caseId } = await platform.service.intake({ channel: 'hotline', categoryCode: EXPOSED_RUBBISH, description: 'cost model case', location, reporter: { phone: '+8613800000009' } }, citizen);
    await settle();
    const { state } = await platform.service.load(caseId);
    if (!state.leadId) throw new Error(`the case was not routed (${state.stage})`);
    const lead: Actor = { kind: 'unitStaff', id: `staff-of-${state.leadId}`, unitId: state.leadId };
    if (path === 'returned') {
      await act(caseId, { type: 'return', reason: 'Not ours', legalBasis: 'Municipal sanitation regulation, art. 12' }, lead);
      await act(caseId, { type: 'arbitrate', uphold: true }, dispatcher);
    }
    await act(caseId, { type: 'accept' }, lead);
    if (path === 'ladder') await clock.advanceBy(30 * 86_400_000, settle);
    await act(caseId, { type: 'reportResult', text: 'done', photoUrls: [] }, lead);
    await act(caseId, { type: 'verify', passed: true }, dispatcher);
    await act(caseId, { type: 'recordCallback', answer: 'satisfied' }, dispatcher);
    await act(caseId, { type: 'close', answer: 'Cleaned up.' }, dispatcher);
    const execution = platform.workflow.execution(caseId);
    if (!execution) throw new Error('no execution');
    await execution.done;
    if (execution.status !== 'succeeded') throw new Error(`the execution ended ${execution.status}`);

    let sms = 0;
    let emailPublishes = 0;
    let emailDeliveries = 0;
    for (const { notice } of platform.outbox.list({ caseId })) {
      const { recipient } = notice;
      // As the SNS adapter delivers: alternatives on the first reachable channel, else every contact.
      if (recipient.alternatives) {
        if (recipient.alternatives[0] === 'sms' && recipient.sms.length > 0) sms++;
        else if (recipient.email.length > 0) emailPublishes++;
        else if (recipient.sms.length > 0) sms++;
        continue;
      }
      sms += new Set(recipient.sms).size;
      if (recipient.email.length > 0) {
        emailPublishes++;
        emailDeliveries += recipient.email.length;
      }
    }
    return {
      transitions: execution.transitions,
      historyEvents: execution.history.length,
      taskInvocations: execution.history.filter((e) => e.type === 'StateEntered' && e.state && TASK_STATES.has(e.state)).length,
      apiWrites,
      dynamo: { ...meter.usage, calls: { ...meter.usage.calls } },
      sms,
      emailPublishes,
      emailDeliveries,
      storedBytes: await meter.storedBytes(TABLE_NAME),
    };
  } finally {
    await platform.stop();
  }
}

/** What one read through the API costs on average: a case view (its history) and an inbox page that lists it, half each. */
export async function measureRead(city: CityContext, location: { lon: number; lat: number }): Promise<number> {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined });
  try {
    const { caseId } = await platform.service.intake({ channel: 'hotline', categoryCode: EXPOSED_RUBBISH, description: 'cost model case', location, reporter: { phone: '+8613800000009' } }, citizen);
    await platform.workflow.idle();
    const lead = (await platform.service.load(caseId)).state.leadId;
    if (!lead) throw new Error('the case was not routed');
    const meter = meterDynamo(platform.dynamo.client, platform.dynamo.endpoint);
    await platform.service.load(caseId);
    await platform.store.unitInbox(lead, { limit: 25 });
    return meter.usage.readUnits / 2;
  } finally {
    await platform.stop();
  }
}
