/**
 * What the handling units (and, for escalations, their heads and supervisors) are told: orders, the
 * escalation ladder in its own words (提醒 → 催办 → 督办 → 挂牌督办 → 约谈), the centre's answers, rework and
 * leaders' instructions.
 */
import type { LocalizedText, Rung } from '../city/schema.js';
import type { CaseEventData } from '../case/events.js';
import { Draft, nameList, subjectLine, type NoticeText } from './draft.js';
import type { CaseFacts } from './facts.js';

export function dispatchedToLead(
  facts: CaseFacts,
  data: CaseEventData['dispatched'],
  coHandlers: readonly LocalizedText[],
  leader: boolean,
): NoticeText {
  const accept = facts.time(data.acceptDueAt);
  const draft = new Draft(facts).say('贵单位收到新派单，为本案主办单位，请按期签收并处置。', 'Your unit has a new order and leads the case: accept it and handle it in time.');
  // An instruction given before dispatch reached no unit; the order carries it.
  if (leader) draft.say('本案有领导批示，请优先办理。', 'A leader has instructed on this case: give it priority.');
  return draft
    .caseLines()
    .field('问题描述', 'Description', facts.description)
    .due('签收期限', 'Accept by', data.acceptDueAt)
    .due('处置期限', 'Handle by', data.handleDueAt)
    .field('协办单位', 'Co-handlers', nameList(coHandlers))
    .done(subjectLine({ zh: '派单', en: 'New order' }, facts, { zh: `请于 ${accept} 前签收`, en: `accept by ${accept}` }));
}

export function dispatchedToCoHandler(facts: CaseFacts, data: CaseEventData['dispatched'], lead: LocalizedText): NoticeText {
  return new Draft(facts)
    .say(`贵单位为本案协办单位，请配合主办单位${lead.zh}处置。`, `Your unit co-handles this case: please support the lead unit, ${lead.en}.`)
    .caseLines()
    .field('问题描述', 'Description', facts.description)
    .field('主办单位', 'Lead unit', lead)
    .due('处置期限', 'Handle by', data.handleDueAt)
    .done(subjectLine({ zh: '协办', en: 'Co-handling' }, facts, { zh: `主办单位：${lead.zh}`, en: `led by ${lead.en}` }));
}

const RUNG_NAMES: Record<Rung, LocalizedText> = {
  reminder: { zh: '提醒', en: 'Reminder' },
  urge: { zh: '催办', en: 'Urge' },
  supervise: { zh: '督办', en: 'Supervision' },
  listed: { zh: '挂牌督办', en: 'Listed supervision' },
  interview: { zh: '约谈', en: 'Interview' },
};

/** What each rung means for the unit, in the words a supervision notice (督办通知) uses. */
const RUNG_SENTENCES: Record<Rung, LocalizedText> = {
  reminder: { zh: '本案处置期限将至，请抓紧办理。', en: 'The handling deadline is near: please finish the case in time.' },
  urge: { zh: '本案已超过处置期限，请立即办理并反馈结果。', en: 'The case is past its handling deadline: handle it now and report the result.' },
  supervise: { zh: '本案超期未办结，现予督办，请限时办结并说明原因。', en: 'The case is overdue and now under supervision: finish it and explain the delay.' },
  listed: {
    zh: '本案长期超期，现挂牌督办，办理情况将予通报并纳入考核。',
    en: 'The case is long overdue and listed for supervision: its handling will be reported and counted in the appraisal.',
  },
  interview: {
    zh: '本案严重超期，将约谈责任单位主要负责人。',
    en: 'The case is seriously overdue: the head of the responsible unit will be called to an interview.',
  },
};

const CARD_NAMES: Record<'yellow' | 'red', LocalizedText> = {
  yellow: { zh: '黄牌', en: 'yellow card' },
  red: { zh: '红牌', en: 'red card' },
};

export interface EscalationFacts {
  lead?: LocalizedText;
  /** The unit (or, failing that, the layer) that supervises the case from this rung on. */
  supervisor: LocalizedText;
  leader: boolean;
}

export function escalated(facts: CaseFacts, data: CaseEventData['escalated'], more: EscalationFacts): NoticeText {
  const rung = RUNG_NAMES[data.rung];
  const card = data.card ? CARD_NAMES[data.card] : undefined;
  const tag = card ? { zh: `${rung.zh}·${card.zh}`, en: `${rung.en}, ${card.en}` } : rung;
  const due = facts.time(data.dueAt);
  const sentence = RUNG_SENTENCES[data.rung];
  const draft = new Draft(facts).say(`${rung.zh}：${sentence.zh}`, `${rung.en}: ${sentence.en.charAt(0).toLowerCase()}${sentence.en.slice(1)}`);
  if (card) draft.say(`本次出示${card.zh}。`, `A ${card.en} is shown.`);
  if (more.leader) draft.say('本案有领导批示，请优先办理。', 'A leader has instructed on this case: give it priority.');
  return draft
    .caseLines()
    .field('主办单位', 'Lead unit', more.lead)
    .due('处置期限', 'Handling deadline', data.dueAt)
    .field('督办单位', 'Supervised by', more.supervisor)
    .done(subjectLine(tag, facts, { zh: `处置期限 ${due}`, en: `due ${due}` }));
}

export function extensionApproved(facts: CaseFacts, data: CaseEventData['extensionApproved']): NoticeText {
  const due = facts.time(data.handleDueAt);
  return new Draft(facts)
    .say('指挥中心已批准延期，请在新期限内办结。', 'The command centre granted the extension: finish the case by the new deadline.')
    .caseLines()
    .due('原处置期限', 'Previous deadline', data.previousDueAt)
    .due('新处置期限', 'New deadline', data.handleDueAt)
    .done(subjectLine({ zh: '延期已批准', en: 'Extension granted' }, facts, { zh: `处置期限延至 ${due}`, en: `now due ${due}` }));
}

export function suspended(facts: CaseFacts, data: CaseEventData['suspended']): NoticeText {
  const draft = new Draft(facts)
    .say('指挥中心已挂起本案，处置时限暂停计算。', 'The command centre suspended the case: its handling clock is paused.')
    .caseLines();
  const withResume = data.resumeAt ? draft.due('计划恢复', 'Planned resumption', data.resumeAt) : draft;
  return withResume.done(subjectLine({ zh: '案件已挂起', en: 'Case suspended' }, facts, { zh: data.reason, en: data.reason }));
}

export function resumed(facts: CaseFacts, data: CaseEventData['resumed']): NoticeText {
  const due = facts.time(data.handleDueAt);
  return new Draft(facts)
    .say('本案已恢复处置，时限继续计算。', 'The case is resumed: its handling clock runs again.')
    .caseLines()
    .due('新处置期限', 'New deadline', data.handleDueAt)
    .done(subjectLine({ zh: '案件已恢复', en: 'Case resumed' }, facts, { zh: `处置期限 ${due}`, en: `now due ${due}` }));
}

export function extensionRefused(facts: CaseFacts, data: CaseEventData['extensionRefused'], handleDueAt: string | undefined): NoticeText {
  const suspension = data.request === 'suspension';
  const kind = suspension ? { zh: '挂起', en: 'suspension' } : { zh: '延期', en: 'extension' };
  const tag = suspension ? { zh: '挂起申请未批准', en: 'Suspension refused' } : { zh: '延期申请未批准', en: 'Extension refused' };
  const due = handleDueAt === undefined ? undefined : facts.time(handleDueAt);
  return new Draft(facts)
    .say(
      `指挥中心未批准贵单位的${kind.zh}申请，请按原期限办结。`,
      `The command centre refused your ${kind.en} request: finish the case by the current deadline.`,
    )
    .caseLines()
    .field('理由', 'Reason', data.reason)
    .due('处置期限', 'Handle by', handleDueAt)
    .done(subjectLine(tag, facts, due ? { zh: `仍须于 ${due} 前办结`, en: `still due ${due}` } : undefined));
}

export function reworkOrdered(facts: CaseFacts, data: CaseEventData['reworkOrdered']): NoticeText {
  const due = facts.time(data.handleDueAt);
  const why =
    data.source === 'verification'
      ? { zh: '核查未通过，本案须返工重办。', en: 'The on-site check failed: the case must be redone.' }
      : { zh: '回访群众不满意且经认定属实，本案须返工重办。', en: 'The citizen was unsatisfied and the complaint was found justified: the case must be redone.' };
  return new Draft(facts)
    .say(why.zh, why.en)
    .caseLines()
    .field('原因', 'Reason', data.reason)
    .due('处置期限', 'Handle by', data.handleDueAt)
    .done(subjectLine({ zh: '返工', en: 'Rework' }, facts, { zh: `请于 ${due} 前重新办结`, en: `redo by ${due}` }));
}

export function leaderInstructed(
  facts: CaseFacts,
  data: CaseEventData['leaderInstructed'],
  more: { office: LocalizedText; lead?: LocalizedText; handleDueAt?: string },
): NoticeText {
  return new Draft(facts)
    .say(`${more.office.zh}对本案作出批示，请优先办理。`, `${more.office.en} has instructed on this case: give it priority.`)
    .caseLines()
    .field('批示内容', 'Instruction', data.text)
    .field('主办单位', 'Lead unit', more.lead)
    .due('处置期限', 'Handle by', more.handleDueAt)
    .done(subjectLine({ zh: '领导批示', en: "Leader's instruction" }, facts, { zh: '请优先办理', en: 'give it priority' }));
}
