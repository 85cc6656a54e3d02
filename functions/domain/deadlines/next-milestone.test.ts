/**
 * What the supervision workflow waits for, stage by stage, on the real calendar; and how extensions and
 * suspensions move the handling clock and its ladder.
 */
import { describe, expect, it } from 'vitest';
import { CaseRun, HOUR, actors, at, ctx, local, routeTo } from '../case/test-support.js';
import { pendingLadder } from './case-clock.js';
import { nextMilestone, type NextMilestone } from './next-milestone.js';

const describeNext = (next: NextMilestone | null) =>
  next && `${next.reason}${next.reason === 'escalation' ? `:${next.milestone.rung}` : next.reason === 'stepDue' ? `:${next.step}` : ''} ${local(next.at)}`;

function dispatchedAt(local: string): CaseRun {
  const run = new CaseRun(at(local));
  run.do(routeTo(), actors.router, at(local));
  return run;
}

describe('nextMilestone', () => {
  it('waits for the accept deadline while dispatched, then for the handling ladder whose clock already runs', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('acceptDue 2026-09-14T10:00');
    run.do({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system, at('2026-09-14T10:00:00'));
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('escalation:reminder 2026-09-15T16:36');
  });

  it('lets a supervision loop drive an ignored case up the whole ladder to the city', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    const seen: string[] = [];
    for (let next = nextMilestone(run.state, run.now, ctx); next; next = nextMilestone(run.state, run.now, ctx)) {
      seen.push(describeNext(next)!);
      run.do(next.command, actors.system, Math.max(run.now, next.at));
      if (seen.length > 10) throw new Error('the loop did not end');
    }
    expect(seen).toEqual([
      'acceptDue 2026-09-14T10:00',
      'escalation:reminder 2026-09-15T16:36',
      'escalation:urge 2026-09-15T18:00',
      'escalation:supervise 2026-09-16T18:00',
      'escalation:listed 2026-09-21T18:00', // 16, 17, 18, Sunday 20 (a make-up working day), 21
      'escalation:interview 2026-09-29T18:00', // 22, 23, 24, then the Mid-Autumn holiday (25–27) does not count: 28, 29
    ]);
    expect(run.state).toMatchObject({ supervisingLayer: 'city', escalation: { rung: 'interview' }, counters: { escalations: 5 } });
  });

  it('waits for the centre’s own step while a return, a request, a report or a callback is with the centre', () => {
    const returned = dispatchedAt('2026-09-14T09:00:00');
    returned.do({ type: 'return', reason: 'Not ours', legalBasis: 'Art. 12' }, actors.lead, at('2026-09-14T11:00:00'));
    // 4 working hours: one before lunch, three after.
    expect(describeNext(nextMilestone(returned.state, returned.now, ctx))).toBe('stepDue:arbitration 2026-09-14T17:30');
    returned.do({ type: 'noteDeadlineMissed', deadline: 'arbitration' }, actors.system, at('2026-09-14T17:30:00'));
    expect(nextMilestone(returned.state, returned.now, ctx)).toBeNull();

    const run = dispatchedAt('2026-09-14T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'requestExtension', reason: 'Crane', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead, at('2026-09-14T10:00:00'));
    // The decision is due at the close of the next working day; the reminder of the running clock comes first.
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('escalation:reminder 2026-09-15T16:36');
    const fired = run.fork();
    fired.do({ type: 'escalate', step: 0 }, actors.system, at('2026-09-15T16:36:00'));
    expect(describeNext(nextMilestone(fired.state, fired.now, ctx))).toBe('stepDue:extensionDecision 2026-09-15T18:00');

    run.do({ type: 'refuseExtension', reason: 'No' }, actors.dispatcher);
    run.do({ type: 'reportResult', text: 'Done' }, actors.lead, at('2026-09-14T11:00:00'));
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('stepDue:verification 2026-09-15T18:00');
    run.do({ type: 'verify', passed: true }, actors.gridWorker);
    const callback = nextMilestone(run.state, run.now, ctx);
    expect(describeNext(callback)).toBe('stepDue:callback 2026-09-16T18:00');
    expect(callback?.command).toMatchObject({ type: 'recordCallback', answer: 'noAnswer' });
    run.do(callback!.command, actors.system, callback!.at);
    expect(run.state.lastCallback?.answer).toBe('noAnswer');
    expect(nextMilestone(run.state, run.now, ctx)).toBeNull();
  });

  it('waits for the planned resumption of a suspended case, and for nothing once it is closed', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'suspend', reason: 'Seasonal', resumeAt: '2026-10-08T08:30:00+08:00' }, actors.dispatcher);
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('resumeDue 2026-10-08T08:30');
    const closed = new CaseRun(at('2026-09-14T09:00:00'));
    closed.do({ type: 'close', answer: 'Answered on the phone' }, actors.dispatcher);
    expect(nextMilestone(closed.state, closed.now, ctx)).toBeNull();
    expect(nextMilestone(new CaseRun(at('2026-09-14T09:00:00')).state, 0, ctx)).toBeNull();
  });
});

describe('suspension shifts the handling clock', () => {
  it('moves the deadline over a weekend by exactly the working time the pause took', () => {
    // Dispatched Thursday 10 Sep, due Friday 11 Sep 18:00; suspended Friday 15:00 with 3 h left.
    const run = dispatchedAt('2026-09-10T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-11T18:00');
    run.do({ type: 'suspend', reason: 'Owner away' }, actors.dispatcher, at('2026-09-11T15:00:00'));
    expect(run.events.at(-1)?.data).toMatchObject({ remainingMs: 3 * HOUR });
    expect(nextMilestone(run.state, run.now, ctx)).toBeNull();
    run.do({ type: 'resume' }, actors.dispatcher, at('2026-09-14T09:00:00'));
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-14T12:00');
    // The 80 % reminder (1.4 h left) had not fired: it comes 1.6 h after the resumption.
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('escalation:reminder 2026-09-14T10:36');
    expect(run.state.pausedMs).toBe(3.5 * HOUR); // Friday 15:00–18:00 and Monday 08:30–09:00; the weekend is no working time
  });

  it('keeps a rung that already fired from firing again after the resumption', () => {
    const run = dispatchedAt('2026-09-10T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'escalate', step: 0 }, actors.system, at('2026-09-11T16:36:00'));
    run.do({ type: 'suspend', reason: 'Owner away' }, actors.dispatcher, at('2026-09-11T17:00:00'));
    run.do({ type: 'resume' }, actors.dispatcher, at('2026-09-14T08:30:00'));
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-14T09:30');
    expect(describeNext(nextMilestone(run.state, run.now, ctx))).toBe('escalation:urge 2026-09-14T09:30');
  });
});

describe('extension regenerates the ladder', () => {
  it('places unfired rungs as shares of the span granted, counted from the approval', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'requestExtension', reason: 'Crane', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead, at('2026-09-14T09:30:00'));
    run.do({ type: 'approveExtension' }, actors.dispatcher, at('2026-09-14T10:00:00'));
    // From Monday 10:00 to Friday 18:00 is 33.5 working hours; the reminder comes with 20 % (6.7 h) left.
    expect(pendingLadder(run.state, run.now, ctx).map((m) => `${m.rung} ${local(m.at)}`)).toEqual([
      'reminder 2026-09-18T08:48',
      'urge 2026-09-18T18:00',
      'supervise 2026-09-20T18:00', // the make-up Sunday
      'listed 2026-09-24T18:00',
      'interview 2026-10-09T18:00', // past Mid-Autumn and the National Day week
    ]);
  });

  it('does not repeat a rung fired before the extension', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'escalate', step: 0 }, actors.system, at('2026-09-15T16:36:00'));
    run.do({ type: 'requestExtension', reason: 'Crane', requestedDueAt: '2026-09-18T18:00:00+08:00' }, actors.lead, at('2026-09-15T17:00:00'));
    run.do({ type: 'approveExtension' }, actors.dispatcher, at('2026-09-15T17:30:00'));
    expect(pendingLadder(run.state, run.now, ctx).map((m) => `${m.rung} ${local(m.at)}`)).toEqual([
      'urge 2026-09-18T18:00',
      'supervise 2026-09-20T18:00',
      'listed 2026-09-24T18:00',
      'interview 2026-10-09T18:00',
    ]);
  });

  it('starts the ladder again for rework, while the supervising layer stays where it rose to', () => {
    const run = dispatchedAt('2026-09-14T09:00:00');
    run.do({ type: 'accept' }, actors.lead);
    run.do({ type: 'escalate', step: 1 }, actors.system, at('2026-09-15T18:00:00'));
    run.do({ type: 'reportResult', text: 'Done' }, actors.lead, at('2026-09-16T09:00:00'));
    run.do({ type: 'verify', passed: false, note: 'Still there' }, actors.gridWorker, at('2026-09-16T10:00:00'));
    expect(run.state.supervisingLayer).toBe('subdistrict');
    expect(local(Date.parse(run.state.handleDueAt!))).toBe('2026-09-17T18:00');
    expect(pendingLadder(run.state, run.now, ctx).map((m) => m.rung)).toEqual(['reminder', 'urge', 'supervise', 'listed', 'interview']);
  });
});
