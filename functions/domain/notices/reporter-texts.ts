/**
 * The one door out (一个端口出): the answer to whoever raised the case, in words for a citizen rather than
 * an office. No deadlines, no unit names, no description: the reporter knows what they reported.
 */
import { Draft, type NoticeText } from './draft.js';
import type { CaseFacts } from './facts.js';

function greet(draft: Draft, name: string | undefined): Draft {
  const trimmed = name?.trim();
  return trimmed ? draft.say(`${trimmed}，您好：`, `Hello ${trimmed},`) : draft.say('您好：', 'Hello,');
}

export function closedToReporter(facts: CaseFacts, answer: string, name: string | undefined): NoticeText {
  return greet(new Draft(facts), name)
    .say(
      `您反映的“${facts.category.zh}”问题（编号 ${facts.caseId}，地点：${facts.place.zh}）已办结。`,
      `Your report about "${facts.category.en}" (case ${facts.caseId}, ${facts.place.en}) is closed.`,
    )
    .field('答复', 'Answer', answer)
    .done({ zh: `【办结】您反映的问题已办结（${facts.caseId}）`, en: `[Closed] Your case ${facts.caseId} is closed` });
}

/** For the reporter of a duplicate (并单): their own case id, and the case it was handled with. */
export function closedToDuplicateReporter(facts: CaseFacts, answer: string, name: string | undefined, masterCaseId: string): NoticeText {
  return greet(new Draft(facts), name)
    .say(
      `您反映的“${facts.category.zh}”问题（编号 ${facts.caseId}，地点：${facts.place.zh}）已与案件 ${masterCaseId} 合并办理，现已办结。`,
      `Your report about "${facts.category.en}" (case ${facts.caseId}, ${facts.place.en}) was handled together with case ${masterCaseId} and is now closed.`,
    )
    .field('答复', 'Answer', answer)
    .done({ zh: `【办结】您反映的问题已办结（${facts.caseId}）`, en: `[Closed] Your case ${facts.caseId} is closed` });
}
