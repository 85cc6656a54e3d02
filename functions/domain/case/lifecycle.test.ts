import { describe, expect, it } from 'vitest';
import { foldEvents } from './case-state.js';
import { DeadlinePassed, IllegalTransition, InvalidField, MissingField, NotPermitted, ReturnLimitReached } from './errors.js';
import { decide, tryDecide } from './lifecycle.js';
import { CaseRun, CO, HOUR, LEAD, OTHER, actors, at, ctx, local, routeTo, withCity } from './test-support.js';
import type { CaseCommand } from './commands.js';
import type { CaseIntake } from './intake.js';

const START = at('2026-09-14T09:00:00'); // Monday
const iso = (ms: number) => new Date(ms).toISOString();

function handlingRun(rules = ctx): CaseRun {
  const run = new CaseRun(START, undefined, rules);
  run.do(routeTo(), actors.router);
  run.do({ type: 'accept' }, actors.lead);
  return run;
}

describe('intake and routing', () => {
  it('dispatches a routed case with both deadlines from the moment of dispatch', () => {
    const run = new CaseRun(START);
    const events = run.do(routeTo(), actors.router, START);
    expect(events.map((e) => e.type)).toEqual(['routed', 'dispatched']);
    // 1 working hour to accept; 1 working day to handle, counted from the next working day.
    expect(local(Date.parse(run.state.acceptDueAt!))).toBe('2026-09-14T10:00');
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-15T18:00');
    expect(run.state).toMatchObject({ stage: 'dispatched', leadId: LEAD, coHandlerIds: [CO], version: 3 });
    expect(events[1]?.data).toMatchObject({ acceptLimit: { amount: 1, unit: 'workingHours' }, handleLimit: { amount: 1, unit: 'workingDays' } });
  });

  it('sends a case the router cannot place to a dispatcher, with the centre’s own deadline', () => {
    const run = new CaseRun(START);
    run.do({ type: 'route', decision: { kind: 'needsDecision', reason: 'Two owners' } }, actors.router, START);
    expect(run.state.stage).toBe('awaitingDispatch');
    expect(run.state.step).toEqual({ step: 'dispatchDecision', startedAt: iso(START), dueAt: iso(at('2026-09-14T11:00:00')) });
    run.do({ type: 'dispatch', leadId: OTHER }, actors.dispatcher);
    expect(run.state).toMatchObject({ stage: 'dispatched', leadId: OTHER, coHandlerIds: [] });
    expect(run.state.step).toBeUndefined();
  });

  it('uses the request type’s limit for a hotline consultation', () => {
    const run = new CaseRun(START, { channel: 'hotline', categoryCode: 'H001', requestType: 'consultation', description: 'Overtime pay rules?' });
    run.do(routeTo(), actors.router, START);
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-16T18:00');
  });

  it('refuses a co-handler list that names the lead, naming the field', () => {
    const run = new CaseRun(START);
    expect(run.refuse({ type: 'dispatch', leadId: LEAD, coHandlerIds: [LEAD] }, actors.dispatcher)).toMatchObject({ code: 'INVALID_FIELD', field: 'coHandlerIds' });
  });

  it('closes a consultation answered at intake without dispatching it', () => {
    const run = new CaseRun(START);
    run.do({ type: 'close', answer: 'Explained the rules on the phone.' }, actors.dispatcher);
    expect(run.state).toMatchObject({ stage: 'closed', answer: 'Explained the rules on the phone.' });
  });

  it('answers an unknown command type with InvalidField naming `type`', () => {
    const run = new CaseRun(START);
    const error = run.refuse({ type: 'teleport' } as unknown as CaseCommand, actors.dispatcher);
    expect(error).toBeInstanceOf(InvalidField);
    expect(error).toMatchObject({ field: 'type' });
  });
});

describe('returns (退单) and arbitration (确权)', () => {
  const RETURN = { type: 'return', reason: 'The bins belong to the park', legalBasis: 'Kaifeng city appearance regulation, art. 12' } as const;

  it('requires a legal basis, and names the field when it is missing or blank', () => {
    const run = handlingRun();
    const missing = run.refuse({ type: 'return', reason: 'Not ours' } as CaseCommand, actors.lead);
    expect(missing).toBeInstanceOf(MissingField);
    expect(missing).toMatchObject({ code: 'MISSING_FIELD', field: 'legalBasis' });
    expect((missing as Error).message).toContain("'legalBasis'");
    expect(run.refuse({ type: 'return', reason: 'Not ours', legalBasis: '   ' }, actors.lead)).toMatchObject({ code: 'MISSING_FIELD', field: 'legalBasis' });
    expect(run.refuse({ type: 'return', legalBasis: 'Art. 12' } as CaseCommand, actors.lead)).toMatchObject({ code: 'MISSING_FIELD', field: 'reason' });
    expect(run.refuse({ type: 'return', reason: 'x', legalBasis: 42 } as unknown as CaseCommand, actors.lead)).toMatchObject({ code: 'INVALID_FIELD', field: 'legalBasis' });
  });

  it('lets the unit return before accepting, since the clock already runs from dispatch', () => {
    const run = new CaseRun(START);
    run.do(routeTo(), actors.router);
    const [event] = run.do(RETURN, actors.lead);
    expect(event).toMatchObject({ type: 'returned', data: { unitId: LEAD, legalBasis: RETURN.legalBasis } });
    expect(run.state).toMatchObject({ stage: 'returned', counters: { returns: 1 }, step: { step: 'arbitration' } });
  });

  it('refuses a return once the handling limit has passed', () => {
    const run = handlingRun();
    const error = run.refuse(RETURN, actors.lead, Date.parse(run.state.handleDueAt!));
    expect(error).toBeInstanceOf(DeadlinePassed);
    expect(error).toMatchObject({ code: 'DEADLINE_PASSED', deadline: 'handleDueAt' });
  });

  it('keeps the handling deadline when the centre upholds the dispatch, and starts afresh for a new lead', () => {
    const run = handlingRun();
    const due = run.state.handleDueAt;
    run.do(RETURN, actors.lead);
    const upheld = run.fork();
    const [arbitrated, dispatched] = upheld.do({ type: 'arbitrate', uphold: true }, actors.dispatcher, START + 3 * HOUR);
    expect(arbitrated?.data).toEqual({ leadId: LEAD, coHandlerIds: [CO], upheld: true, designated: false });
    expect(dispatched?.data).toMatchObject({ leadId: LEAD, handleDueAt: due });
    expect(upheld.state.stage).toBe('dispatched');

    const moved = run.fork();
    moved.do({ type: 'arbitrate', leadId: OTHER }, actors.dispatcher, at('2026-09-15T09:00:00'));
    expect(moved.state).toMatchObject({ leadId: OTHER, coHandlerIds: [] });
    expect(local(Date.parse(moved.state.handleDueAt!))).toBe('2026-09-16T18:00');
    expect(moved.refuse({ type: 'accept' }, actors.lead)).toBeInstanceOf(NotPermitted);
    moved.do({ type: 'accept' }, actors.other);
    expect(moved.state.stage).toBe('handling');
  });

  it('refuses an arbitration that both upholds and names a lead, or does neither', () => {
    const run = handlingRun();
    run.do(RETURN, actors.lead);
    expect(run.refuse({ type: 'arbitrate', uphold: true, leadId: OTHER }, actors.dispatcher)).toMatchObject({ code: 'INVALID_FIELD', field: 'uphold' });
    expect(run.refuse({ type: 'arbitrate' }, actors.dispatcher)).toMatchObject({ code: 'MISSING_FIELD', field: 'leadId' });
  });

  it('stops returns at the limit: the centre must designate, and the designated lead cannot return', () => {
    const run = handlingRun(); // maxReturns 2
    run.do(RETURN, actors.lead);
    run.do({ type: 'arbitrate', leadId: OTHER }, actors.dispatcher);
    run.do({ ...RETURN, reason: 'Not the water company either' }, actors.other);
    expect(run.state.counters.returns).toBe(2);

    const refused = run.refuse({ type: 'arbitrate', leadId: LEAD }, actors.dispatcher);
    expect(refused).toBeInstanceOf(ReturnLimitReached);
    expect(refused).toMatchObject({ code: 'RETURN_LIMIT_REACHED', returns: 2, maxReturns: 2 });
    expect((refused as Error).message).toContain('must designate');

    const [arbitrated] = run.do({ type: 'designate', leadId: LEAD }, actors.dispatcher);
    expect(arbitrated?.data).toMatchObject({ leadId: LEAD, designated: true });
    expect(run.state.designated).toBe(true);
    const again = run.refuse(RETURN, actors.lead);
    expect(again).toMatchObject({ code: 'RETURN_LIMIT_REACHED', designated: true });
    run.do({ type: 'accept' }, actors.lead);
    expect(run.refuse(RETURN, actors.lead)).toBeInstanceOf(ReturnLimitReached);
  });

  it('refuses every return when the city allows none', () => {
    const run = handlingRun(withCity({ maxReturns: 0 }));
    expect(run.refuse(RETURN, actors.lead)).toMatchObject({ code: 'RETURN_LIMIT_REACHED', returns: 0, maxReturns: 0 });
  });

  it('lets the centre designate before the limit too, and the designation sticks', () => {
    const run = handlingRun();
    run.do(RETURN, actors.lead);
    run.do({ type: 'designate', leadId: LEAD }, actors.dispatcher);
    expect(run.refuse(RETURN, actors.lead)).toMatchObject({ designated: true });
  });
});

describe('extensions (延期) and suspensions (挂起)', () => {
  it('requests before expiry only, for a later date, and the approval moves the deadline', () => {
    const run = handlingRun();
    const due = Date.parse(run.state.handleDueAt!);
    expect(run.refuse({ type: 'requestExtension', reason: 'x', requestedDueAt: iso(due) }, actors.lead)).toMatchObject({ code: 'INVALID_FIELD', field: 'requestedDueAt' });
    expect(run.refuse({ type: 'requestExtension', reason: 'x', requestedDueAt: '2026-09-20 18:00' }, actors.lead)).toMatchObject({ field: 'requestedDueAt' });
    expect(run.refuse({ type: 'requestExtension', requestedDueAt: iso(due + HOUR) } as CaseCommand, actors.lead)).toMatchObject({ code: 'MISSING_FIELD', field: 'reason' });
    expect(run.refuse({ type: 'requestExtension', reason: 'x', requestedDueAt: iso(due + 48 * HOUR) }, actors.lead, due)).toBeInstanceOf(DeadlinePassed);

    run.do({ type: 'requestExtension', reason: 'Needs a crane', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead);
    expect(run.state).toMatchObject({ stage: 'extensionRequested', pendingRequest: { kind: 'extension', requestedDueAt: '2026-09-18T10:00:00.000Z' } });
    // Handling goes on while the centre decides: the unit may report meanwhile, and co-handlers note progress.
    expect(run.fork().do({ type: 'noteProgress', text: 'Crane booked' }, actors.co)).toHaveLength(1);

    const [approved] = run.do({ type: 'approveExtension' }, actors.dispatcher);
    expect(approved?.data).toEqual({ previousDueAt: iso(due), handleDueAt: '2026-09-18T10:00:00.000Z' });
    expect(run.state).toMatchObject({ stage: 'handling', handleDueAt: '2026-09-18T10:00:00.000Z', counters: { extensions: 1 } });
    expect(run.state.pendingRequest).toBeUndefined();
  });

  it('lets the centre grant another date, but never an earlier one', () => {
    const run = handlingRun();
    run.do({ type: 'requestExtension', reason: 'Needs a crane', requestedDueAt: '2026-09-25T18:00:00+08:00' }, actors.lead);
    expect(run.refuse({ type: 'approveExtension', handleDueAt: '2026-09-15T12:00:00+08:00' }, actors.dispatcher)).toMatchObject({ field: 'handleDueAt' });
    run.do({ type: 'approveExtension', handleDueAt: '2026-09-17T18:00:00+08:00' }, actors.dispatcher);
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-17T18:00');
  });

  it('refuses an extension with a reason, and keeps the old deadline', () => {
    const run = handlingRun();
    const due = run.state.handleDueAt;
    run.do({ type: 'requestExtension', reason: 'Busy', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead);
    expect(run.refuse({ type: 'refuseExtension' } as CaseCommand, actors.dispatcher)).toMatchObject({ field: 'reason' });
    run.do({ type: 'refuseExtension', reason: 'Rubbish cannot wait' }, actors.dispatcher);
    expect(run.state).toMatchObject({ stage: 'handling', handleDueAt: due, counters: { extensions: 0 } });
  });

  it('answers the pending request with the matching command only', () => {
    const run = handlingRun();
    run.do({ type: 'requestSuspension', reason: 'Road works until spring' }, actors.lead);
    expect(run.state.pendingRequest?.kind).toBe('suspension');
    const error = run.refuse({ type: 'approveExtension' }, actors.dispatcher);
    expect(error).toBeInstanceOf(IllegalTransition);
    expect((error as Error).message).toContain('suspension');
    const refused = run.fork();
    expect(refused.do({ type: 'refuseSuspension', reason: 'Do it by hand' }, actors.dispatcher)[0]?.data).toEqual({ reason: 'Do it by hand', request: 'suspension' });
    run.do({ type: 'suspend', reason: 'Road works until spring' }, actors.dispatcher);
    expect(run.state).toMatchObject({ stage: 'suspended', counters: { suspensions: 1 } });
  });

  it('stops the clock on suspension and gives back exactly the time left on resumption', () => {
    const run = handlingRun();
    // Suspended Monday 15:00: 3 h left today and 7 h on Tuesday; resumed a week later, 10 h run from Monday 08:30.
    run.do({ type: 'suspend', reason: 'Waiting for the owner' }, actors.dispatcher, at('2026-09-14T15:00:00'));
    expect(run.events.at(-1)?.data).toMatchObject({ remainingMs: 10 * HOUR, timeKind: 'working' });
    run.do({ type: 'resume' }, actors.dispatcher, at('2026-09-21T08:30:00'));
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-22T11:30');
    // Monday afternoon, Tuesday to Friday, and Sunday the 20th, a make-up working day before National Day.
    expect(run.state.pausedMs).toBe(3 * HOUR + 4 * 7 * HOUR + 7 * HOUR);
    expect(run.state.suspension).toBeUndefined();
  });

  it('resumes by itself only at the date the centre set', () => {
    const run = handlingRun();
    run.do({ type: 'suspend', reason: 'Seasonal', resumeAt: '2026-09-21T08:30:00+08:00' }, actors.dispatcher);
    expect(run.refuse({ type: 'resume' }, actors.system, at('2026-09-20T08:30:00'))).toBeInstanceOf(IllegalTransition);
    run.do({ type: 'resume' }, actors.system, at('2026-09-21T08:30:00'));
    expect(run.state.stage).toBe('handling');
    const unplanned = handlingRun();
    unplanned.do({ type: 'suspend', reason: 'x' }, actors.dispatcher);
    expect(unplanned.refuse({ type: 'resume' }, actors.system)).toBeInstanceOf(NotPermitted);
  });
});

describe('verification, callback and rework', () => {
  function reported(rules = ctx, intake?: CaseIntake): CaseRun {
    const run = new CaseRun(START, intake, rules);
    run.do(routeTo(), actors.router);
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'reportResult', text: 'Cleared and bins replaced', photoUrls: ['https://photos.example.cn/a.jpg'] }, actors.lead);
    return run;
  }

  it('checks photo URLs and names the bad one', () => {
    const run = handlingRun();
    expect(run.refuse({ type: 'reportResult', text: 'ok', photoUrls: ['https://a.example/x.jpg', 'not a url'] }, actors.lead)).toMatchObject({ field: 'photoUrls[1]' });
    expect(run.refuse({ type: 'reportResult', text: 'ok', photoUrls: ['file:///etc/passwd'] }, actors.lead)).toMatchObject({ field: 'photoUrls[0]' });
  });

  it('counts rework from a failed verification and from a justified complaint at callback', () => {
    const run = reported();
    expect(run.refuse({ type: 'verify', passed: false }, actors.gridWorker)).toMatchObject({ code: 'MISSING_FIELD', field: 'note' });
    const events = run.do({ type: 'verify', passed: false, note: 'Rubbish still there' }, actors.gridWorker, at('2026-09-14T16:00:00'));
    expect(events.map((e) => e.type)).toEqual(['verified', 'reworkOrdered']);
    expect(events[1]?.data).toMatchObject({ source: 'verification', reason: 'Rubbish still there' });
    expect(run.state).toMatchObject({ stage: 'handling', counters: { reworks: 1 } });
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-15T18:00');

    run.do({ type: 'reportResult', text: 'Cleared again' }, actors.lead);
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    expect(run.state.stage).toBe('callback');
    expect(run.refuse({ type: 'recordCallback', answer: 'unsatisfied' }, actors.dispatcher)).toMatchObject({ code: 'MISSING_FIELD', field: 'justified' });
    expect(run.refuse({ type: 'recordCallback', answer: 'unsatisfied', justified: true }, actors.dispatcher)).toMatchObject({ code: 'MISSING_FIELD', field: 'note' });
    const callback = run.do({ type: 'recordCallback', answer: 'unsatisfied', justified: true, note: 'Smell remains; needs washing' }, actors.dispatcher);
    expect(callback.map((e) => e.type)).toEqual(['callbackRecorded', 'reworkOrdered']);
    expect(callback[1]?.data).toMatchObject({ source: 'callback' });
    expect(run.state).toMatchObject({ stage: 'handling', counters: { reworks: 2 } });
  });

  it('does not order rework for an unjustified complaint, and the case can close', () => {
    const run = reported();
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    run.do({ type: 'recordCallback', answer: 'unsatisfied', justified: false, note: 'Wants the park closed at night' }, actors.dispatcher);
    expect(run.state).toMatchObject({ stage: 'callback', counters: { reworks: 0 }, lastCallback: { answer: 'unsatisfied', justified: false } });
    run.do({ type: 'close', answer: 'Cleared; night closure is outside this case.' }, actors.dispatcher);
    expect(run.state.stage).toBe('closed');
  });

  it('records no answer as no answer, not as satisfied; the centre may call again or close', () => {
    const run = reported();
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    expect(run.refuse({ type: 'close', answer: 'Done' }, actors.dispatcher)).toBeInstanceOf(IllegalTransition);
    expect(run.refuse({ type: 'recordCallback', answer: 'satisfied' }, actors.system)).toBeInstanceOf(NotPermitted);
    run.do({ type: 'recordCallback', answer: 'noAnswer' }, actors.system);
    expect(run.state.lastCallback?.answer).toBe('noAnswer');
    expect(run.state.lastCallback?.answer).not.toBe('satisfied');
    expect(run.refuse({ type: 'recordCallback', answer: 'satisfied', justified: true }, actors.dispatcher)).toMatchObject({ field: 'justified' });
    const retried = run.fork();
    retried.do({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher);
    expect(retried.state.lastCallback?.answer).toBe('satisfied');
    expect(retried.refuse({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher)).toBeInstanceOf(IllegalTransition);
    run.do({ type: 'close', answer: 'Cleared.' }, actors.dispatcher);
    expect(run.state.stage).toBe('closed');
  });

  it('closes a grid worker’s own report after verification, with nobody to call back', () => {
    const run = reported(ctx, { channel: 'grid', categoryCode: 'S0102', description: 'Rubbish by the canal', gridId: 'tieta-1' });
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    expect(run.state.step).toBeUndefined();
    run.do({ type: 'close', answer: 'Cleared.' }, actors.dispatcher);
    expect(run.state.stage).toBe('closed');
  });
});

describe('leader instructions, merging and escalation', () => {
  it('raises priority and adds the leader’s office to every later notice', () => {
    const run = handlingRun();
    expect(run.state.leader).toEqual({ priority: 'normal', officeIds: [], instructions: 0 });
    expect(run.refuse({ type: 'leaderInstruct', text: '速办' } as CaseCommand, actors.supervisor)).toMatchObject({ field: 'officeId' });
    run.do({ type: 'leaderInstruct', officeId: 'kaifeng-leader-office', text: '请龙亭区当日办结' }, actors.supervisor);
    expect(run.state.leader).toEqual({ priority: 'raised', officeIds: ['kaifeng-leader-office'], instructions: 1 });
    const [escalated] = run.do({ type: 'escalate', step: 1 }, actors.system, Date.parse(run.state.handleDueAt!));
    expect(escalated?.data).toMatchObject({ rung: 'urge', notify: ['unit', 'unitHead', 'leaderOffice'] });
  });

  it('starts a case that came in as a leader’s instruction at raised priority', () => {
    const run = new CaseRun(START, { channel: 'leaderInstruction', categoryCode: 'S0102', description: '批示: 清理北门垃圾' });
    expect(run.state.leader.priority).toBe('raised');
  });

  it('merges a duplicate into its master and unmerges it back to where it was', () => {
    const run = handlingRun();
    expect(run.refuse({ type: 'mergeAsDuplicate', masterCaseId: 'case-1' }, actors.dispatcher)).toMatchObject({ field: 'masterCaseId' });
    run.do({ type: 'mergeAsDuplicate', masterCaseId: 'case-0' }, actors.system);
    expect(run.state).toMatchObject({ stage: 'mergedAsDuplicate', masterCaseId: 'case-0', stageBeforeMerge: 'handling' });
    expect(run.refuse({ type: 'noteProgress', text: 'x' }, actors.lead)).toBeInstanceOf(IllegalTransition);
    const [unmerged] = run.do({ type: 'unmerge' }, actors.dispatcher);
    expect(unmerged?.data).toEqual({ masterCaseId: 'case-0' });
    expect(run.state.stage).toBe('handling');
    expect(run.state.masterCaseId).toBeUndefined();
  });

  it('keeps the master’s list of duplicates and refuses to make a master a duplicate', () => {
    const master = handlingRun();
    master.do({ type: 'attachDuplicate', duplicateCaseId: 'case-7' }, actors.system);
    expect(master.refuse({ type: 'attachDuplicate', duplicateCaseId: 'case-7' }, actors.system)).toMatchObject({ field: 'duplicateCaseId' });
    expect(master.state.duplicateIds).toEqual(['case-7']);
    expect(master.refuse({ type: 'mergeAsDuplicate', masterCaseId: 'case-0' }, actors.dispatcher)).toMatchObject({ field: 'masterCaseId' });
    master.do({ type: 'detachDuplicate', duplicateCaseId: 'case-7' }, actors.dispatcher);
    expect(master.state.duplicateIds).toEqual([]);
    expect(master.refuse({ type: 'detachDuplicate', duplicateCaseId: 'case-7' }, actors.dispatcher)).toMatchObject({ field: 'duplicateCaseId' });
  });

  it('fires a rung only when due, once, and raises the supervising layer without ever lowering it', () => {
    const run = handlingRun();
    expect(run.state.supervisingLayer).toBe('grid');
    const due = Date.parse(run.state.handleDueAt!);
    expect(run.refuse({ type: 'escalate', step: 1 }, actors.system, due - 1)).toMatchObject({ field: 'step' });
    expect(run.refuse({ type: 'escalate', step: 9 }, actors.system, due)).toMatchObject({ field: 'step' });
    // The reminder before expiry is not sent once the deadline has passed.
    expect(run.refuse({ type: 'escalate', step: 0 }, actors.system, due)).toMatchObject({ field: 'step' });
    run.do({ type: 'escalate', step: 2 }, actors.system, at('2026-09-16T18:00:00'));
    expect(run.state).toMatchObject({ supervisingLayer: 'district', escalation: { rung: 'supervise' }, counters: { escalations: 1 } });
    run.do({ type: 'escalate', step: 1 }, actors.system);
    expect(run.state).toMatchObject({ supervisingLayer: 'district', escalation: { rung: 'supervise' }, counters: { escalations: 2 } });
    expect(run.refuse({ type: 'escalate', step: 1 }, actors.system)).toMatchObject({ field: 'step' });
  });

  it('records a missed accept deadline once, only after it passed', () => {
    const run = new CaseRun(START);
    run.do(routeTo(), actors.router, START);
    const due = Date.parse(run.state.acceptDueAt!);
    expect(run.refuse({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system, due - 1)).toMatchObject({ field: 'deadline' });
    expect(run.refuse({ type: 'noteDeadlineMissed', deadline: 'arbitration' }, actors.system, due)).toMatchObject({ field: 'deadline' });
    const [missed] = run.do({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system, due);
    expect(missed?.data).toEqual({ deadline: 'accept', dueAt: iso(due), unitId: LEAD });
    expect(run.refuse({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system)).toMatchObject({ field: 'deadline' });
  });
});

describe('errors and replay', () => {
  it('gives every refusal a stable code and a message naming the problem', () => {
    const run = handlingRun();
    const result = tryDecide(run.state, { type: 'return', reason: 'x' } as CaseCommand, actors.lead, run.now + 1, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('MISSING_FIELD');
      expect(result.error.details()).toEqual({ field: 'legalBasis', reason: expect.any(String) as string });
      expect(result.error.message).toMatch(/^Field 'legalBasis' is required: /);
    }
    expect(tryDecide(run.state, { type: 'accept' }, actors.lead, run.now + 1, ctx)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(() => decide(run.state, { type: 'accept' }, actors.lead, Number.NaN, ctx)).toThrow(RangeError);
  });

  it('folds the stored history to the state built event by event', () => {
    const run = handlingRun();
    run.do({ type: 'leaderInstruct', officeId: 'kaifeng-leader-office', text: '速办' }, actors.dispatcher);
    run.do({ type: 'requestExtension', reason: 'Crane', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead);
    run.do({ type: 'approveExtension' }, actors.dispatcher);
    run.do({ type: 'suspend', reason: 'Rain' }, actors.dispatcher);
    run.do({ type: 'resume' }, actors.dispatcher, at('2026-09-16T09:00:00'));
    run.do({ type: 'reportResult', text: 'Done' }, actors.lead);
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    run.do({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher);
    run.do({ type: 'close', answer: 'Cleared.' }, actors.dispatcher);
    expect(foldEvents(run.events)).toEqual(run.state);
    expect(run.state.version).toBe(run.events.length);
  });
});
