/**
 * Citizens rate the handling at callback themselves (following their case with its id and their phone);
 * whether a complaint is justified — and so whether it orders rework — stays the centre's judgement.
 */
import { describe, expect, it } from 'vitest';
import { CaseRun, actors, at, routeTo } from './test-support.js';

const START = at('2026-09-14T09:00:00');

function atCallback(): CaseRun {
  const run = new CaseRun(START);
  run.do(routeTo(), actors.router);
  run.do({ type: 'accept' }, actors.lead);
  run.do({ type: 'reportResult', text: 'Cleared' }, actors.lead);
  run.do({ type: 'verify', passed: true }, actors.gridWorker);
  expect(run.state.stage).toBe('callback');
  return run;
}

describe('a citizen rating the handling', () => {
  it('records satisfaction, after which the centre can close', () => {
    const run = atCallback();
    run.do({ type: 'recordCallback', answer: 'satisfied' }, actors.citizen);
    expect(run.state.lastCallback?.answer).toBe('satisfied');
    run.do({ type: 'close', answer: 'Done' }, actors.dispatcher);
    expect(run.state.stage).toBe('closed');
  });

  it('records a complaint for the centre to judge: no close before, rework if justified', () => {
    const run = atCallback();
    expect(run.refuse({ type: 'recordCallback', answer: 'unsatisfied' }, actors.citizen)).toMatchObject({ code: 'MISSING_FIELD', field: 'note' });
    expect(run.refuse({ type: 'recordCallback', answer: 'unsatisfied', justified: true, note: 'x' }, actors.citizen)).toMatchObject({ code: 'INVALID_FIELD', field: 'justified' });
    expect(run.refuse({ type: 'recordCallback', answer: 'noAnswer' }, actors.citizen)).toMatchObject({ code: 'INVALID_FIELD', field: 'answer' });
    const rated = run.do({ type: 'recordCallback', answer: 'unsatisfied', note: 'Still smells' }, actors.citizen);
    expect(rated.map((e) => e.type)).toEqual(['callbackRecorded']);
    expect(run.refuse({ type: 'close', answer: 'Done' }, actors.dispatcher)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    // The citizen cannot rate twice; the centre judges the complaint justified, which orders rework.
    expect(run.refuse({ type: 'recordCallback', answer: 'satisfied' }, actors.citizen)).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const judged = run.do({ type: 'recordCallback', answer: 'unsatisfied', justified: true, note: 'Smell confirmed on site' }, actors.dispatcher);
    expect(judged.map((e) => e.type)).toEqual(['callbackRecorded', 'reworkOrdered']);
    expect(run.state).toMatchObject({ stage: 'handling', counters: { reworks: 1 } });
  });
});
