import { describe, expect, it } from 'vitest';
import type { CityConfig } from '../city/schema.js';
import type { CaseEventOf } from '../case/events.js';
import { routeTo } from '../case/test-support.js';
import { tinyCity } from '../testing/tiny-city.js';
import {
  CITY_BUREAU,
  CITY_CENTRE,
  GULOU,
  LEADER_OFFICE,
  LONGTING_BUREAU,
  LONGTING_CENTRE,
  SUPERVISION_OFFICE,
  actors,
  byId,
  ids,
  newRun,
  receivedOf,
  step,
  unitActor,
} from './notices.fixture.js';
import { noticesFor } from './notices.js';

const lead = unitActor(LONGTING_BUREAU);

/** A case in Longting, dispatched to the district bureau (co-handled by Daxing street) and accepted. */
function handling(city: CityConfig, reporter = { phone: '+8613800000001', name: '张秀英' }) {
  const run = newRun(city, { reporter });
  run.do(routeTo(), actors.router);
  run.do({ type: 'accept' }, lead);
  return run;
}

describe('dispatch', () => {
  it('tells the lead unit it leads and each co-handler that it co-handles, on every contact they have', () => {
    const city = tinyCity();
    const run = newRun(city);
    const plan = step(run, city, () => run.do(routeTo(), actors.router));
    expect(plan.unreachable).toEqual([]);
    expect(ids(plan)).toEqual(['case-1#3#unit:longting-urban-management', 'case-1#3#unit:daxing']);
    const notices = byId(plan);
    expect(notices['case-1#3#unit:longting-urban-management']).toMatchObject({
      caseId: 'case-1',
      eventSeq: 3,
      topic: 'dispatched',
      recipient: { kind: 'unit', id: LONGTING_BUREAU, sms: ['+8613900000311'], email: ['paidan@cgj.longting.example.cn'] },
      createdAt: run.events[2]?.at,
    });
    expect(notices['case-1#3#unit:daxing']).toMatchObject({ topic: 'dispatched.coHandler', recipient: { kind: 'unit', id: 'daxing', sms: ['+8613900000012'], email: [] } });
    expect(notices['case-1#3#unit:daxing']?.body.zh).toContain('贵单位为本案协办单位');
  });

  it('says nothing about the routing decision itself, only about the order that follows it', () => {
    const city = tinyCity();
    const run = newRun(city);
    const events = run.do(routeTo(), actors.router);
    const plan = noticesFor(events.slice(0, 1), run.state, city, { received: receivedOf(run) });
    expect(plan).toEqual({ notices: [], unreachable: [] });
  });

  it('tells a new lead after arbitration', () => {
    const city = tinyCity();
    const run = handling(city);
    run.do({ type: 'return', reason: 'Park land', legalBasis: 'Regulation art. 12' }, lead);
    const plan = step(run, city, () => run.do({ type: 'arbitrate', leadId: CITY_BUREAU, coHandlerIds: [] }, actors.dispatcher));
    expect(ids(plan)).toEqual(['case-1#7#unit:city-urban-management']);
  });
});

describe('escalation', () => {
  it('notifies each rung’s targets as the tiny city’s ladder names them', () => {
    const city = tinyCity();
    const run = handling(city);
    const due = Date.parse(run.state.handleDueAt!);
    const escalate = (index: number, now: number) => step(run, city, () => run.do({ type: 'escalate', step: index }, actors.system, now));

    const reminder = escalate(0, due - 60_000);
    expect(reminder.notices.map((n) => [n.topic, n.recipient.kind, n.recipient.id])).toEqual([['escalated.reminder', 'unit', LONGTING_BUREAU]]);

    // The district bureau has no head on record: the rung names one, so it is reported, not dropped.
    const urge = escalate(1, due);
    expect(urge.notices.map((n) => n.recipient.id)).toEqual([LONGTING_BUREAU]);
    expect(urge.unreachable).toEqual([
      {
        caseId: 'case-1',
        eventSeq: 6,
        topic: 'escalated.urge',
        target: 'unitHead',
        recipient: { kind: 'unitHead', id: LONGTING_BUREAU },
        reason: 'unresolved',
        detail: "'longting-urban-management' has no head on record",
      },
    ]);

    // Supervising unit at the district layer is Longting, which has its own command centre: told once.
    const supervise = escalate(2, due + 3 * 86_400_000);
    expect(ids(supervise)).toEqual(['case-1#7#unit:longting-urban-management', 'case-1#7#unit:longting', 'case-1#7#office:longting-command-centre']);

    // City layer: the offices of the city.
    const listed = escalate(3, due + 20 * 86_400_000);
    expect(listed.notices.map((n) => n.recipient.id)).toEqual([SUPERVISION_OFFICE, CITY_CENTRE]);
    const interview = escalate(4, due + 40 * 86_400_000);
    expect(interview.notices.map((n) => [n.topic, n.recipient.id])).toEqual([
      ['escalated.interview', SUPERVISION_OFFICE],
      ['escalated.interview', LEADER_OFFICE],
    ]);
  });

  it('reaches the head of a lead that has one, on the head’s own phone', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(CITY_BUREAU, []), actors.router);
    run.do({ type: 'accept' }, unitActor(CITY_BUREAU));
    const plan = step(run, city, () => run.do({ type: 'escalate', step: 1 }, actors.system, Date.parse(run.state.handleDueAt!)));
    expect(plan.unreachable).toEqual([]);
    expect(byId(plan)['case-1#5#unitHead:city-urban-management']?.recipient).toEqual({
      kind: 'unitHead',
      id: CITY_BUREAU,
      name: { zh: '开封市城市管理局局长 李志强', en: '李志强, Director, Kaifeng Urban Management Bureau' },
      sms: ['+8613900000300'],
      email: [],
    });
  });

  it('finds the city’s command centre for a district without one', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: GULOU });
    run.do(routeTo(CITY_BUREAU, []), actors.router);
    run.do({ type: 'accept' }, unitActor(CITY_BUREAU));
    const plan = step(run, city, () => run.do({ type: 'escalate', step: 2 }, actors.system, Date.parse(run.state.handleDueAt!) + 3 * 86_400_000));
    expect(ids(plan)).toEqual([
      'case-1#5#unit:city-urban-management',
      'case-1#5#unitHead:city-urban-management',
      'case-1#5#unit:gulou',
      'case-1#5#office:kaifeng-command-centre',
    ]);
  });

  it('tells coHandlers when a rung names them, and reads the ladder when an older event has no notify list', () => {
    const city = tinyCity();
    city.escalation.steps[0] = { ...city.escalation.steps[0]!, notify: ['coHandlers'] };
    const run = handling(city);
    const [event] = run.do({ type: 'escalate', step: 0 }, actors.system, Date.parse(run.state.handleDueAt!) - 60_000);
    const escalated = event as CaseEventOf<'escalated'>;
    const { notify: _notify, ...older } = escalated.data;
    const plan = noticesFor([{ ...escalated, data: older }], run.state, city, { received: receivedOf(run) });
    expect(ids(plan)).toEqual(['case-1#5#unit:daxing']);
  });

  it('reports a supervising layer the case’s territory does not reach', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: { channel: 'hotline', categoryCode: 'S0102', description: 'Somewhere' } });
    run.do({ type: 'dispatch', leadId: CITY_BUREAU }, actors.dispatcher);
    run.do({ type: 'accept' }, unitActor(CITY_BUREAU));
    const [event] = run.do({ type: 'escalate', step: 1 }, actors.system, Date.parse(run.state.handleDueAt!));
    const escalated = event as CaseEventOf<'escalated'>;
    const plan = noticesFor([{ ...escalated, data: { ...escalated.data, supervisingLayer: 'district', notify: ['supervisingUnit', 'commandCentre'] } }], run.state, city, {
      received: receivedOf(run),
    });
    // No territory: no district to supervise; the command centre falls back to the city's.
    expect(plan.notices.map((n) => n.recipient.id)).toEqual([CITY_CENTRE]);
    expect(plan.unreachable).toMatchObject([{ target: 'supervisingUnit', reason: 'unresolved', detail: "the case's territory has no district unit" }]);
  });
});

describe('leader instructions', () => {
  it('tells the lead and the instructing office, and puts that office on every later rung', () => {
    const city = tinyCity();
    const run = handling(city);
    const instructed = step(run, city, () => run.do({ type: 'leaderInstruct', officeId: LEADER_OFFICE, text: '请龙亭区当日办结' }, actors.supervisor));
    expect(instructed.notices.map((n) => [n.topic, n.recipient.kind, n.recipient.id])).toEqual([
      ['leaderInstructed', 'unit', LONGTING_BUREAU],
      ['leaderInstructed', 'office', LEADER_OFFICE],
    ]);
    const reminder = step(run, city, () => run.do({ type: 'escalate', step: 0 }, actors.system, Date.parse(run.state.handleDueAt!) - 60_000));
    expect(reminder.notices.map((n) => n.recipient.id)).toEqual([LONGTING_BUREAU, LEADER_OFFICE]);
    expect(reminder.notices[0]?.body.zh).toContain('本案有领导批示');
  });

  it('adds the nearest leader office for a case that came in as an instruction naming none', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: { ...GULOU, channel: 'leaderInstruction' } });
    run.do(routeTo(CITY_BUREAU, []), actors.router);
    run.do({ type: 'accept' }, unitActor(CITY_BUREAU));
    const plan = step(run, city, () => run.do({ type: 'escalate', step: 0 }, actors.system, Date.parse(run.state.handleDueAt!) - 60_000));
    expect(plan.notices.map((n) => n.recipient.id)).toEqual([CITY_BUREAU, LEADER_OFFICE]);
  });

  it('tells only the office before the case has a lead; the order will carry the instruction', () => {
    const city = tinyCity();
    const run = newRun(city);
    const plan = step(run, city, () => run.do({ type: 'leaderInstruct', officeId: LEADER_OFFICE, text: '速办' }, actors.supervisor));
    expect(plan.notices.map((n) => n.recipient.id)).toEqual([LEADER_OFFICE]);
    expect(plan.unreachable).toEqual([]);
    const order = step(run, city, () => run.do(routeTo(), actors.router));
    expect(order.notices[0]?.body.en).toContain('A leader has instructed on this case');
  });
});

describe('the command centre', () => {
  it('must arbitrate a return: the district centre for a Longting case, the city centre for a Gulou one', () => {
    const city = tinyCity();
    const run = handling(city);
    const plan = step(run, city, () => run.do({ type: 'return', reason: 'Park land', legalBasis: 'Regulation art. 12' }, lead));
    expect(plan.notices.map((n) => [n.topic, n.recipient.kind, n.recipient.id])).toEqual([['returned', 'office', LONGTING_CENTRE]]);

    const gulou = newRun(city, { intake: GULOU });
    gulou.do(routeTo(CITY_BUREAU, []), actors.router);
    const returned = step(gulou, city, () => gulou.do({ type: 'return', reason: 'Not ours', legalBasis: 'List row 5' }, unitActor(CITY_BUREAU)));
    expect(returned.notices.map((n) => n.recipient.id)).toEqual([CITY_CENTRE]);
  });

  it('decides what routing could not', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: GULOU });
    const plan = step(run, city, () => run.do({ type: 'route', decision: { kind: 'needsDecision', reason: 'Two owners' } }, actors.router));
    expect(plan.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['routingNeedsDecision', CITY_CENTRE]]);
    expect(plan.notices[0]?.body.en).toContain('Reason: Two owners');
  });

  it('hears of a missed acceptance together with the unit; of its own missed steps alone', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(), actors.router);
    const accept = step(run, city, () => run.do({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system, Date.parse(run.state.acceptDueAt!) + 60_000));
    expect(accept.notices.map((n) => [n.topic, n.recipient.id])).toEqual([
      ['deadlineMissed.accept', LONGTING_CENTRE],
      ['deadlineMissed.accept', LONGTING_BUREAU],
    ]);

    const gulou = newRun(city, { intake: GULOU });
    gulou.do({ type: 'route', decision: { kind: 'needsDecision', reason: 'Two owners' } }, actors.router);
    const missed = step(gulou, city, () =>
      gulou.do({ type: 'noteDeadlineMissed', deadline: 'dispatchDecision' }, actors.system, Date.parse(gulou.state.step!.dueAt!) + 60_000),
    );
    expect(missed.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['deadlineMissed.dispatchDecision', CITY_CENTRE]]);
  });

  it('answers extension and suspension requests, and the lead hears the answer', () => {
    const city = tinyCity();
    const run = handling(city);
    const later = new Date(Date.parse(run.state.handleDueAt!) + 3 * 86_400_000).toISOString();
    const asked = step(run, city, () => run.do({ type: 'requestExtension', reason: 'Waiting for a crane', requestedDueAt: later }, lead));
    expect(asked.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['extensionRequested', LONGTING_CENTRE]]);
    const granted = step(run, city, () => run.do({ type: 'approveExtension' }, actors.dispatcher));
    expect(granted.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['extensionApproved', LONGTING_BUREAU]]);

    const suspend = step(run, city, () => run.do({ type: 'requestSuspension', reason: 'Frozen ground' }, lead));
    expect(suspend.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['suspensionRequested', LONGTING_CENTRE]]);
    const refused = step(run, city, () => run.do({ type: 'refuseSuspension', reason: 'Work can go on' }, actors.dispatcher));
    expect(refused.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['suspensionRefused', LONGTING_BUREAU]]);

    run.do({ type: 'requestExtension', reason: 'Again', requestedDueAt: new Date(Date.parse(run.state.handleDueAt!) + 86_400_000).toISOString() }, lead);
    const no = step(run, city, () => run.do({ type: 'refuseExtension', reason: 'Enough time' }, actors.dispatcher));
    expect(no.notices.map((n) => [n.topic, n.recipient.id])).toEqual([['extensionRefused', LONGTING_BUREAU]]);
  });
});

describe('rework', () => {
  it('sends a failed check back to the lead with the new deadline', () => {
    const city = tinyCity();
    const run = handling(city);
    run.do({ type: 'reportResult', text: 'Cleared' }, lead);
    const plan = step(run, city, () => run.do({ type: 'verify', passed: false, note: 'Still a pile by the gate' }, actors.dispatcher));
    expect(plan.notices.map((n) => [n.topic, n.eventSeq, n.recipient.id])).toEqual([['reworkOrdered', 7, LONGTING_BUREAU]]);
    expect(plan.notices[0]?.body.en).toContain('Reason: Still a pile by the gate');
  });
});

describe('closing: the answer goes out through the door the case came in by', () => {
  const close = (run: ReturnType<typeof newRun>, city: CityConfig, options = {}) =>
    step(run, city, () => run.do({ type: 'close', answer: '已清运。' }, actors.dispatcher), options);

  it('texts a caller on the number they gave', () => {
    const city = tinyCity();
    const run = newRun(city, { reporter: { phone: '+8613800000001', email: 'zhang@example.cn', name: '张秀英' } });
    const plan = close(run, city);
    expect(plan.unreachable).toEqual([]);
    expect(plan.notices).toMatchObject([
      {
        id: 'case-1#2#reporter:case-1',
        topic: 'closed',
        recipient: {
          kind: 'reporter',
          id: 'case-1',
          name: { zh: '张秀英', en: '张秀英' },
          sms: ['+8613800000001'],
          email: ['zhang@example.cn'],
          alternatives: ['sms', 'email'],
        },
      },
    ]);
  });

  it('prefers email for a web reporter who left an address, with the phone as the fallback', () => {
    const city = tinyCity();
    const web = newRun(city, { intake: { ...GULOU, channel: 'web' }, reporter: { phone: '+8613800000001', email: 'zhang@example.cn' } });
    expect(close(web, city).notices[0]?.recipient).toMatchObject({ sms: ['+8613800000001'], email: ['zhang@example.cn'], alternatives: ['email', 'sms'] });
    const phoneOnly = newRun(city, { intake: { ...GULOU, channel: 'web' }, reporter: { phone: '+8613800000001' } });
    expect(close(phoneOnly, city).notices[0]?.recipient).toMatchObject({ sms: ['+8613800000001'], email: [], alternatives: ['sms'] });
  });

  it('reports a caller who left no usable contact, and says nothing for the city’s own finds', () => {
    const city = tinyCity();
    const silent = close(newRun(city), city);
    expect(silent.notices).toEqual([]);
    expect(silent.unreachable).toMatchObject([{ topic: 'closed', target: 'reporter', recipient: { kind: 'reporter', id: 'case-1' }, reason: 'noContact' }]);
    expect(close(newRun(city, { reporter: { phone: '+86 138-0000-0001' } }), city).notices[0]?.recipient.sms).toEqual(['+8613800000001']);
    const malformed = close(newRun(city, { reporter: { phone: '13800000001' } }), city);
    expect(malformed.unreachable).toMatchObject([{ reason: 'noContact', detail: expect.stringContaining('E.164') as unknown }]);

    const found = newRun(city, { intake: { ...GULOU, channel: 'grid' } });
    // A grid worker's own find is closed straight from intake here only to reach the closing rule.
    expect(close(found, city)).toEqual({ notices: [], unreachable: [] });
  });

  it('reports a missing received event instead of losing the answer', () => {
    const city = tinyCity();
    const run = newRun(city, { reporter: { phone: '+8613800000001' } });
    const events = run.do({ type: 'close', answer: 'Done' }, actors.dispatcher);
    const plan = noticesFor(events, run.state, city);
    expect(plan.notices).toEqual([]);
    expect(plan.unreachable).toMatchObject([{ target: 'reporter', reason: 'unresolved' }]);
  });

  it('gives the reporters of merged duplicates the same answer, and names a duplicate it cannot reach', () => {
    const city = tinyCity();
    const master = newRun(city, { reporter: { phone: '+8613800000001' } });
    const duplicate = newRun(city, { caseId: 'case-7', intake: { ...GULOU, channel: 'wechat' }, reporter: { phone: '+8613800000007', name: '李' } });
    master.do({ type: 'attachDuplicate', duplicateCaseId: 'case-7' }, actors.system);
    master.do({ type: 'attachDuplicate', duplicateCaseId: 'case-8' }, actors.system);
    master.do({ type: 'attachDuplicate', duplicateCaseId: 'case-9' }, actors.system);
    master.do({ type: 'detachDuplicate', duplicateCaseId: 'case-9' }, actors.system);
    const detached = newRun(city, { caseId: 'case-9', reporter: { phone: '+8613800000009' } });

    const plan = close(master, city, { duplicates: [receivedOf(duplicate), receivedOf(detached)] });
    expect(plan.notices.map((n) => [n.id, n.topic, n.recipient.sms])).toEqual([
      ['case-1#6#reporter:case-1', 'closed', ['+8613800000001']],
      ['case-1#6#reporter:case-7', 'closed.duplicate', ['+8613800000007']],
    ]);
    expect(plan.notices[1]?.body.zh).toContain('已与案件 case-1 合并办理');
    expect(plan.notices[1]?.body.zh).toContain('编号 case-7');
    expect(plan.unreachable).toMatchObject([{ target: 'duplicateReporter', recipient: { kind: 'reporter', id: 'case-8' }, reason: 'unresolved' }]);
  });
});

describe('unreachable recipients', () => {
  it('reports a recipient with no contact on record and one the city does not know', () => {
    const city = tinyCity();
    const justice = city.departments.find((d) => d.id === 'city-justice')!;
    justice.contacts = { sms: [], email: [] };
    const run = newRun(city, { intake: { channel: 'hotline', categoryCode: 'H001', description: 'Unpaid wages' } });
    const plan = step(run, city, () => run.do({ type: 'dispatch', leadId: 'ghost-bureau', coHandlerIds: ['city-justice'] }, actors.dispatcher));
    expect(plan.notices).toEqual([]);
    expect(plan.unreachable).toEqual([
      {
        caseId: 'case-1',
        eventSeq: 2,
        topic: 'dispatched',
        target: 'lead',
        recipient: { kind: 'unit', id: 'ghost-bureau' },
        reason: 'unknownRecipient',
        detail: "'ghost-bureau' is no unit, department or office of the city",
      },
      {
        caseId: 'case-1',
        eventSeq: 2,
        topic: 'dispatched.coHandler',
        target: 'coHandler',
        recipient: { kind: 'unit', id: 'city-justice' },
        reason: 'noContact',
        detail: 'unit:city-justice has no phone number or email address on record',
      },
    ]);
  });
});

describe('everything else', () => {
  it('notifies nobody of acceptance, progress, results, callbacks and merges', () => {
    const city = tinyCity();
    const run = newRun(city, { reporter: { phone: '+8613800000001' } });
    run.do(routeTo(), actors.router);
    const quiet = [
      () => run.do({ type: 'accept' }, lead),
      () => run.do({ type: 'noteProgress', text: 'On our way' }, lead),
      () => run.do({ type: 'reportResult', text: 'Cleared' }, lead),
      () => run.do({ type: 'verify', passed: true }, actors.dispatcher),
      () => run.do({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher),
      () => run.do({ type: 'mergeAsDuplicate', masterCaseId: 'case-0' }, actors.dispatcher),
    ];
    for (const produce of quiet) expect(step(run, city, produce)).toEqual({ notices: [], unreachable: [] });
  });

  it('builds the same notices with the same ids when asked again (a retried task)', () => {
    const city = tinyCity();
    const run = handling(city);
    const events = run.do({ type: 'escalate', step: 2 }, actors.system, Date.parse(run.state.handleDueAt!) + 3 * 86_400_000);
    const once = noticesFor(events, run.state, city, { received: receivedOf(run) });
    expect(noticesFor(events, run.state, city, { received: receivedOf(run) })).toEqual(once);
    expect(new Set(ids(once)).size).toBe(once.notices.length);
  });
});
