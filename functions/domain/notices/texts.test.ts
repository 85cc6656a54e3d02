import { describe, expect, it } from 'vitest';
import type { CityConfig, Rung } from '../city/schema.js';
import { routeTo } from '../case/test-support.js';
import { tinyCity } from '../testing/tiny-city.js';
import { localTime } from './local-time.js';
import { GULOU, LONGTING_BUREAU, actors, newRun, receivedOf, step, unitActor } from './notices.fixture.js';
import { noticesFor } from './notices.js';

const lead = unitActor(LONGTING_BUREAU);

describe('the order to the lead unit, word for word', () => {
  it('names the case, its category, the place with its grid and both deadlines on the city’s clock', () => {
    const city = tinyCity();
    const run = newRun(city);
    const [notice] = step(run, city, () => run.do(routeTo(), actors.router)).notices;
    expect(notice?.subject).toEqual({
      zh: '【派单】case-1 暴露垃圾：请于 2026-09-14 10:01 前签收',
      en: '[New order] case-1 Exposed rubbish: accept by 2026-09-14 10:01',
    });
    expect(notice?.body.zh).toBe(
      [
        '贵单位收到新派单，为本案主办单位，请按期签收并处置。',
        '案件编号：case-1',
        '类别：暴露垃圾',
        '地点：铁塔公园北门（铁塔社区第一网格）',
        '问题描述：Rubbish piled at the north gate of Tieta park',
        '签收期限：2026-09-14 10:01',
        '处置期限：2026-09-15 18:00',
        '协办单位：大兴街道',
      ].join('\n'),
    );
    expect(notice?.body.en).toBe(
      [
        'Your unit has a new order and leads the case: accept it and handle it in time.',
        'Case: case-1',
        'Category: Exposed rubbish',
        'Location: 铁塔公园北门 (Tieta Grid 1)',
        'Description: Rubbish piled at the north gate of Tieta park',
        'Accept by: 2026-09-14 10:01',
        'Handle by: 2026-09-15 18:00',
        'Co-handlers: Daxing Subdistrict',
      ].join('\n'),
    );
  });

  it('falls back to the grid when there is no address, and to the state when the received event is missing', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: { ...GULOU, address: undefined } });
    const events = run.do(routeTo(), actors.router);
    const [withEvent] = noticesFor(events, run.state, city, { received: receivedOf(run) }).notices;
    const [withoutEvent] = noticesFor(events, run.state, city).notices;
    expect(withEvent?.body.zh).toContain('地点：鼓楼社区第一网格');
    expect(withEvent?.body.en).toContain('Location: Gulou Grid 1');
    expect(withoutEvent?.body.en).toContain('Location: Gulou Grid 1');
    expect(withoutEvent?.body.en).not.toContain('Description');
  });

  it('is plain text: no markup, nothing escaped', () => {
    const city = tinyCity();
    const run = newRun(city, { intake: { ...GULOU, address: '<b>"A & B"</b> 路' } });
    const [notice] = step(run, city, () => run.do(routeTo(), actors.router)).notices;
    expect(notice?.body.en).toContain('Location: <b>"A & B"</b> 路 (Gulou Grid 1)');
  });
});

describe('the escalation ladder in its own words', () => {
  const WORDING: Record<Rung, { zh: string; en: string; zhTag: string; enTag: string }> = {
    reminder: { zhTag: '【提醒】', enTag: '[Reminder]', zh: '提醒：本案处置期限将至', en: 'Reminder: the handling deadline is near' },
    urge: { zhTag: '【催办·黄牌】', enTag: '[Urge, yellow card]', zh: '催办：本案已超过处置期限', en: 'Urge: the case is past its handling deadline' },
    supervise: { zhTag: '【督办·黄牌】', enTag: '[Supervision, yellow card]', zh: '督办：本案超期未办结，现予督办', en: 'Supervision: the case is overdue and now under supervision' },
    listed: { zhTag: '【挂牌督办·红牌】', enTag: '[Listed supervision, red card]', zh: '挂牌督办：本案长期超期', en: 'Listed supervision: the case is long overdue' },
    interview: { zhTag: '【约谈·红牌】', enTag: '[Interview, red card]', zh: '约谈：本案严重超期', en: 'Interview: the case is seriously overdue' },
  };

  it('tags each rung with its card and words it for what it means', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(), actors.router);
    run.do({ type: 'accept' }, lead);
    const due = Date.parse(run.state.handleDueAt!);
    const times = [due - 60_000, due, due + 3 * 86_400_000, due + 20 * 86_400_000, due + 40 * 86_400_000];
    times.forEach((now, index) => {
      const [notice] = step(run, city, () => run.do({ type: 'escalate', step: index }, actors.system, now)).notices;
      const rung = city.escalation.steps[index]!.rung;
      const words = WORDING[rung];
      expect(notice?.topic).toBe(`escalated.${rung}`);
      expect(notice?.subject.zh).toBe(`${words.zhTag}case-1 暴露垃圾：处置期限 2026-09-15 18:00`);
      expect(notice?.subject.en).toBe(`${words.enTag} case-1 Exposed rubbish: due 2026-09-15 18:00`);
      expect(notice?.body.zh).toContain(words.zh);
      expect(notice?.body.en).toContain(words.en);
    });
  });

  it('names the supervising unit of the rung', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(), actors.router);
    run.do({ type: 'accept' }, lead);
    const [notice] = step(run, city, () => run.do({ type: 'escalate', step: 1 }, actors.system, Date.parse(run.state.handleDueAt!))).notices;
    expect(notice?.body.zh).toContain('本次出示黄牌。');
    expect(notice?.body.zh).toContain('督办单位：大兴街道');
    expect(notice?.body.en).toContain('A yellow card is shown.');
    expect(notice?.body.en).toContain('Supervised by: Daxing Subdistrict');
  });
});

describe('the centre’s notices', () => {
  it('gives a return’s reason, legal basis and the arbitration deadline', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(), actors.router);
    const [notice] = step(run, city, () => run.do({ type: 'return', reason: '公园用地', legalBasis: '《开封市市容管理条例》第十二条' }, lead)).notices;
    expect(notice?.subject.zh).toMatch(/^【退单待确权】case-1 暴露垃圾：请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 前确权$/);
    expect(notice?.body.zh).toContain('龙亭区城市管理局退回本案，请指挥中心确权。');
    expect(notice?.body.zh).toContain('法律依据：《开封市市容管理条例》第十二条');
    expect(notice?.body.en).toContain('Legal basis: 《开封市市容管理条例》第十二条');
  });

  it('states a missed acceptance in both languages', () => {
    const city = tinyCity();
    const run = newRun(city);
    run.do(routeTo(), actors.router);
    const [notice] = step(run, city, () =>
      run.do({ type: 'noteDeadlineMissed', deadline: 'accept' }, actors.system, Date.parse(run.state.acceptDueAt!) + 60_000),
    ).notices;
    expect(notice?.subject).toEqual({
      zh: '【超时】case-1 暴露垃圾：签收期限 2026-09-14 10:01 已过',
      en: '[Missed deadline] case-1 Exposed rubbish: the acceptance deadline 2026-09-14 10:01 has passed',
    });
    expect(notice?.body.zh).toContain('龙亭区城市管理局未在签收期限内签收本案，请立即签收。');
    expect(notice?.body.en).toContain('Acceptance deadline: 2026-09-14 10:01');
  });
});

describe('the answer to the reporter', () => {
  it('greets them by name and gives the answer, without any unit’s business', () => {
    const city = tinyCity();
    const run = newRun(city, { reporter: { phone: '+8613800000001', name: '张女士' } });
    const [notice] = step(run, city, () => run.do({ type: 'close', answer: '垃圾已清运。' }, actors.dispatcher)).notices;
    expect(notice?.subject).toEqual({ zh: '【办结】您反映的问题已办结（case-1）', en: '[Closed] Your case case-1 is closed' });
    expect(notice?.body.zh).toBe(['张女士，您好：', '您反映的“暴露垃圾”问题（编号 case-1，地点：铁塔公园北门（铁塔社区第一网格））已办结。', '答复：垃圾已清运。'].join('\n'));
    expect(notice?.body.en).toBe(['Hello 张女士,', 'Your report about "Exposed rubbish" (case case-1, 铁塔公园北门 (Tieta Grid 1)) is closed.', 'Answer: 垃圾已清运。'].join('\n'));
  });
});

describe('time zones', () => {
  it('writes deadlines on the wall clock of the city’s zone', () => {
    const shanghai = tinyCity();
    const newYork: CityConfig = { ...tinyCity(), calendar: { ...shanghai.calendar, timeZone: 'America/New_York' } };
    const run = newRun(shanghai);
    const events = run.do(routeTo(), actors.router);
    const [inShanghai] = noticesFor(events, run.state, shanghai, { received: receivedOf(run) }).notices;
    const [inNewYork] = noticesFor(events, run.state, newYork, { received: receivedOf(run) }).notices;
    // 2026-09-15 18:00 in Shanghai is 10:00 UTC, 06:00 in New York (EDT, UTC−4).
    expect(inShanghai?.body.en).toContain('Handle by: 2026-09-15 18:00');
    expect(inNewYork?.body.en).toContain('Handle by: 2026-09-15 06:00');
  });

  it('follows daylight saving time and midnight', () => {
    expect(localTime('2026-01-15T10:00:00Z', 'Europe/Berlin')).toBe('2026-01-15 11:00');
    expect(localTime('2026-07-15T10:00:00Z', 'Europe/Berlin')).toBe('2026-07-15 12:00');
    expect(localTime('2026-11-30T16:00:00Z', 'Asia/Shanghai')).toBe('2026-12-01 00:00');
    expect(localTime('2026-12-01T10:00:00Z', 'Asia/Shanghai')).toBe('2026-12-01 18:00');
    expect(localTime('not a time', 'Asia/Shanghai')).toBe('not a time');
  });
});
