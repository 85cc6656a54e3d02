/**
 * `status_notes`: the stage of a case told in a line a citizen understands. Open311 has only open and
 * closed; the eleven stages of the lifecycle are what a reporter actually wants to know ("who has it, and
 * by when").
 */
import type { CityContext } from '../../app/city-context.js';
import type { CaseState } from '../../domain/case/case-state.js';
import { needsCallback } from '../../domain/case/case-state.js';
import { localTime } from '../../domain/notices/local-time.js';
import type { Language } from './language.js';
import { handlerName } from './names.js';

export interface StatusNoteInput {
  state: CaseState;
  /** The closing answer may be shown (it was written for a reporter who published the request). */
  showAnswer: boolean;
}

export function statusNotes(city: CityContext, { state, showAnswer }: StatusNoteInput, language: Language): string {
  const zone = city.city.calendar.timeZone;
  const lead = state.leadId ? handlerName(city, state.leadId, language) : undefined;
  const due = state.handleDueAt ? `${localTime(state.handleDueAt, zone)} (${zone})` : undefined;
  const zh = language === 'zh';
  const withDue = (text: string): string => (due ? `${text}${zh ? `，办理时限 ${due}` : `; due ${due}`}` : text);
  const centre = zh ? '指挥中心正在确定承办单位' : 'the command centre is deciding which unit handles it';

  switch (state.stage) {
    case 'received':
      return zh ? '已受理，正在派单' : 'Received; being routed to the responsible unit';
    case 'awaitingDispatch':
      return zh ? `已受理，${centre}` : `Received; ${centre}`;
    case 'dispatched':
      return withDue(zh ? `已派遣至${lead ?? '承办单位'}` : `Dispatched to ${lead ?? 'the responsible unit'}`);
    case 'returned': {
      const by = state.lastReturn ? handlerName(city, state.lastReturn.unitId, language) : lead;
      return zh ? `${by ?? '承办单位'}已退单，${centre}` : `Returned by ${by ?? 'the unit'}; ${centre}`;
    }
    case 'handling':
      return withDue(zh ? `${lead ?? '承办单位'}正在办理` : `Being handled by ${lead ?? 'the responsible unit'}`);
    case 'extensionRequested':
      return withDue(zh ? `${lead ?? '承办单位'}正在办理，已申请延期` : `Being handled by ${lead ?? 'the responsible unit'}, who asked for more time`);
    case 'suspended': {
      const resume = state.suspension?.resumeAt ? `${localTime(state.suspension.resumeAt, zone)} (${zone})` : undefined;
      if (zh) return `已挂起，办理时限暂停${resume ? `，预计 ${resume} 恢复办理` : ''}`;
      return `On hold at ${lead ?? 'the responsible unit'}; the time limit is paused${resume ? ` until ${resume}` : ''}`;
    }
    case 'reported':
      return zh ? `${lead ?? '承办单位'}已反馈办理结果，正在核查` : `${lead ?? 'The responsible unit'} reported the work done; the result is being checked`;
    case 'callback':
      if (needsCallback(state)) return zh ? '办理结果已核查，正在回访' : 'The result was checked; the reporter is being called back';
      return zh ? '办理结果已核查，正在结案' : 'The result was checked; the case is being closed';
    case 'closed':
      if (showAnswer && state.answer) return state.answer;
      return zh ? '已办结' : 'Closed';
    case 'mergedAsDuplicate':
      if (!state.masterCaseId) return zh ? '重复工单，已并单' : 'Closed as a duplicate';
      return zh ? `重复工单，已并入 ${state.masterCaseId}` : `Closed as a duplicate of request ${state.masterCaseId}`;
  }
}
