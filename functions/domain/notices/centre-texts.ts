/**
 * What the command centre is told: the decisions waiting for it (routing, arbitration of a return,
 * extension and suspension requests) and the deadlines that passed without a ladder of their own.
 */
import type { LocalizedText } from '../city/schema.js';
import type { CaseEventData, WatchedDeadline } from '../case/events.js';
import { Draft, subjectLine, type NoticeText } from './draft.js';
import type { CaseFacts } from './facts.js';

/** `请于 … 前X` / `X by …`, or just the request when the event carried no due instant. */
const byWhen = (facts: CaseFacts, dueAt: string | undefined, zhVerb: string, enVerb: string): LocalizedText => {
  if (dueAt === undefined) return { zh: `请${zhVerb}`, en: enVerb };
  const due = facts.time(dueAt);
  return { zh: `请于 ${due} 前${zhVerb}`, en: `${enVerb} by ${due}` };
};

export function routingNeedsDecision(facts: CaseFacts, data: CaseEventData['routingNeedsDecision']): NoticeText {
  return new Draft(facts)
    .say('派单目录无法确定本案的承办单位，请调度员决定。', 'The responsibility list cannot place this case: a dispatcher must choose the handler.')
    .caseLines()
    .field('问题描述', 'Description', facts.description)
    .field('原因', 'Reason', data.reason)
    .due('决定期限', 'Decide by', data.decisionDueAt)
    .done(subjectLine({ zh: '待派遣', en: 'Needs dispatch' }, facts, byWhen(facts, data.decisionDueAt, '确定承办单位', 'choose the handler')));
}

export function returned(facts: CaseFacts, data: CaseEventData['returned'], unit: LocalizedText): NoticeText {
  return new Draft(facts)
    .say(`${unit.zh}退回本案，请指挥中心确权。`, `${unit.en} returned the case: the command centre must decide who handles it.`)
    .caseLines()
    .field('退单单位', 'Returned by', unit)
    .field('退单理由', 'Reason', data.reason)
    .field('法律依据', 'Legal basis', data.legalBasis)
    .due('确权期限', 'Decide by', data.arbitrationDueAt)
    .done(subjectLine({ zh: '退单待确权', en: 'Returned' }, facts, byWhen(facts, data.arbitrationDueAt, '确权', 'arbitrate')));
}

const STEP_NAMES: Record<WatchedDeadline, LocalizedText> = {
  accept: { zh: '签收', en: 'acceptance' },
  dispatchDecision: { zh: '派遣决定', en: 'dispatch decision' },
  arbitration: { zh: '确权', en: 'arbitration' },
  extensionDecision: { zh: '延期或挂起审批', en: 'extension or suspension decision' },
  verification: { zh: '核查', en: 'verification' },
};

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function deadlineMissed(facts: CaseFacts, data: CaseEventData['deadlineMissed'], unit: LocalizedText | undefined): NoticeText {
  const step = STEP_NAMES[data.deadline];
  const due = facts.time(data.dueAt);
  const draft = new Draft(facts);
  if (data.deadline === 'accept') {
    const who = unit ?? { zh: '主办单位', en: 'the lead unit' };
    draft.say(`${who.zh}未在签收期限内签收本案，请立即签收。`, `${who.en} did not accept the case in time: accept it now.`);
  } else {
    draft.say(`指挥中心的${step.zh}已超时，请尽快处理。`, `The command centre's ${step.en} is overdue: please act now.`);
  }
  return draft
    .caseLines()
    .field('主办单位', 'Lead unit', data.deadline === 'accept' ? unit : undefined)
    .due(`${step.zh}期限`, `${capitalised(step.en)} deadline`, data.dueAt)
    .done(subjectLine({ zh: '超时', en: 'Missed deadline' }, facts, { zh: `${step.zh}期限 ${due} 已过`, en: `the ${step.en} deadline ${due} has passed` }));
}

export function extensionRequested(
  facts: CaseFacts,
  data: CaseEventData['extensionRequested'],
  more: { unit: LocalizedText; currentDueAt?: string },
): NoticeText {
  return new Draft(facts)
    .say(`${more.unit.zh}申请延长处置期限，请审批。`, `${more.unit.en} asks for more time: please decide.`)
    .caseLines()
    .field('申请单位', 'Requested by', more.unit)
    .field('理由', 'Reason', data.reason)
    .due('现处置期限', 'Current deadline', more.currentDueAt)
    .due('申请延至', 'Requested deadline', data.requestedDueAt)
    .due('审批期限', 'Decide by', data.decisionDueAt)
    .done(subjectLine({ zh: '延期申请', en: 'Extension request' }, facts, byWhen(facts, data.decisionDueAt, '审批', 'decide')));
}

export function suspensionRequested(
  facts: CaseFacts,
  data: CaseEventData['suspensionRequested'],
  more: { unit: LocalizedText; currentDueAt?: string },
): NoticeText {
  return new Draft(facts)
    .say(`${more.unit.zh}申请挂起本案（暂停计时），请审批。`, `${more.unit.en} asks to suspend the case (stop the clock): please decide.`)
    .caseLines()
    .field('申请单位', 'Requested by', more.unit)
    .field('理由', 'Reason', data.reason)
    .due('现处置期限', 'Current deadline', more.currentDueAt)
    .due('审批期限', 'Decide by', data.decisionDueAt)
    .done(subjectLine({ zh: '挂起申请', en: 'Suspension request' }, facts, byWhen(facts, data.decisionDueAt, '审批', 'decide')));
}
