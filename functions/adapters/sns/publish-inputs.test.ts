import { describe, expect, it } from 'vitest';
import { routeTo } from '../../domain/case/test-support.js';
import { noticesFor } from '../../domain/notices/index.js';
import { LONGTING_BUREAU, actors, newRun, receivedOf, unitActor } from '../../domain/notices/notices.fixture.js';
import { tinyCity } from '../../domain/testing/tiny-city.js';
import type { Notice } from '../../ports/notifier.js';
import { SUBJECT_MAX, asciiSubject, emailInput, smsMessage } from './publish-inputs.js';

const PRINTABLE_ASCII = /^[\x21-\x7E][\x20-\x7E]*$/;

describe('email subjects SNS keeps', () => {
  it('passes a printable ASCII subject through unchanged', () => {
    expect(asciiSubject('[Urge, yellow card] case-1 Exposed rubbish: due 2026-09-15 18:00', 'x')).toBe(
      '[Urge, yellow card] case-1 Exposed rubbish: due 2026-09-15 18:00',
    );
  });

  it('folds accents and typographic characters, drops the rest and never leaves a line break', () => {
    expect(asciiSubject('Caf\u00e9 \u201cquoted\u201d \u2014 it\u2019s \u3010tag\u3011 \u66b4\u9732\u5783\u573e\nnext\u2026', 'x')).toBe(
      'Cafe "quoted" - it\'s [tag] next...',
    );
  });

  it('falls back when nothing ASCII is left, and cuts a long subject below 100 characters', () => {
    expect(asciiSubject('\u3010\u50ac\u529e\u3011', 'Civic Loop notice for case case-1')).toBe('Civic Loop notice for case case-1');
    expect(asciiSubject('\u50ac\u529e', 'Civic Loop notice for case case-1')).toBe('Civic Loop notice for case case-1');
    const long = asciiSubject(`[Listed supervision, red card] ${'x'.repeat(200)}`, 'x');
    expect(long).toHaveLength(SUBJECT_MAX);
    expect(long.endsWith('...')).toBe(true);
  });
});

describe('SMS text', () => {
  const withBody = (zh: string, en: string): Notice => ({
    id: 'n',
    caseId: 'case-1',
    eventSeq: 1,
    topic: 't',
    recipient: { kind: 'unit', id: 'u', sms: [], email: [] },
    subject: { zh: 's', en: 's' },
    body: { zh, en },
    createdAt: '2026-09-14T01:00:00.000Z',
  });

  it('keeps a normal body whole and cuts one past the 1,600-byte Publish limit', () => {
    expect(smsMessage(withBody('短信', 'Text'), 'zh')).toBe('短信');
    const chinese = smsMessage(withBody('字'.repeat(2_000), 'x'), 'zh');
    expect(chinese).toHaveLength(800);
    expect(chinese.endsWith('…')).toBe(true);
    expect(smsMessage(withBody('x', 'a'.repeat(3_000)), 'en')).toHaveLength(1_400);
  });
});

describe('every notice the domain writes', () => {
  it('makes an email request within the SNS limits', () => {
    const city = tinyCity();
    const run = newRun(city, { reporter: { phone: '+8613800000001', name: '张秀英' } });
    const lead = unitActor(LONGTING_BUREAU);
    const notices: Notice[] = [];
    const collect = (events: ReturnType<typeof run.do>) => notices.push(...noticesFor(events, run.state, city, { received: receivedOf(run) }).notices);
    collect(run.do(routeTo(), actors.router));
    collect(run.do({ type: 'leaderInstruct', officeId: 'kaifeng-leader-office', text: '请当日办结' }, actors.supervisor));
    collect(run.do({ type: 'accept' }, lead));
    const due = Date.parse(run.state.handleDueAt!);
    [due - 60_000, due, due + 3 * 86_400_000, due + 20 * 86_400_000, due + 40 * 86_400_000].forEach((now, step) =>
      collect(run.do({ type: 'escalate', step }, actors.system, now)),
    );
    collect(run.do({ type: 'reportResult', text: 'Cleared' }, lead));
    collect(run.do({ type: 'verify', passed: true }, actors.dispatcher));
    collect(run.do({ type: 'recordCallback', answer: 'satisfied' }, actors.dispatcher));
    collect(run.do({ type: 'close', answer: '垃圾已清运。' }, actors.dispatcher));

    expect(new Set(notices.map((n) => n.topic))).toEqual(
      new Set(['dispatched', 'dispatched.coHandler', 'leaderInstructed', 'escalated.reminder', 'escalated.urge', 'escalated.supervise', 'escalated.listed', 'escalated.interview', 'closed']),
    );
    for (const notice of notices) {
      const input = emailInput(notice, 'arn:aws:sns:ap-east-1:123456789012:t');
      expect(input.Subject).toMatch(PRINTABLE_ASCII);
      expect(input.Subject!.length).toBeLessThan(100);
      // The English subject is already ASCII: nothing of it is lost.
      expect(input.Subject).toBe(notice.subject.en);
      expect(Buffer.byteLength(smsMessage(notice, 'zh'), 'utf16le')).toBeLessThanOrEqual(1_600);
    }
  });
});
