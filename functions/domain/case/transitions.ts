/**
 * The transition table: which actor kinds may issue which command in which stages, whose unit they must
 * act for, where the case can go and what data the command must carry. `decide` enforces the first three
 * from here, so the table cannot drift from the behaviour; tests walk every cell of it.
 */
import { STAGES, isOpenStage, type ActorKind, type Stage } from './events.js';
import type { CommandType } from './commands.js';

export interface Transition {
  from: readonly Stage[];
  actors: readonly ActorKind[];
  /** For commands a unit issues: the lead only (主办), or the lead and its co-handlers (协办). */
  unit?: 'lead' | 'leadOrCoHandler';
  /** Where the case can be afterwards: `unchanged`, or back to where it was before a merge. */
  to: readonly (Stage | 'unchanged' | 'stageBeforeMerge')[];
  /** Fields the command must carry (alternatives joined by `|`). */
  requires: readonly string[];
}

const UNIT: readonly ActorKind[] = ['unitStaff', 'unitHead'];
const OPEN: readonly Stage[] = STAGES.filter(isOpenStage);

export const TRANSITIONS: { readonly [C in CommandType]: Transition } = {
  route: { from: ['received'], actors: ['system'], to: ['dispatched', 'awaitingDispatch'], requires: ['decision'] },
  dispatch: { from: ['received', 'awaitingDispatch'], actors: ['dispatcher', 'system'], to: ['dispatched'], requires: ['leadId'] },
  accept: { from: ['dispatched'], actors: UNIT, unit: 'lead', to: ['handling'], requires: [] },
  // A unit may return before accepting (the clock already runs from dispatch) or while handling.
  return: { from: ['dispatched', 'handling'], actors: UNIT, unit: 'lead', to: ['returned'], requires: ['reason', 'legalBasis'] },
  arbitrate: { from: ['returned'], actors: ['dispatcher'], to: ['dispatched'], requires: ['uphold|leadId'] },
  designate: { from: ['returned'], actors: ['dispatcher'], to: ['dispatched'], requires: ['leadId'] },
  requestExtension: { from: ['handling'], actors: UNIT, unit: 'lead', to: ['extensionRequested'], requires: ['reason', 'requestedDueAt'] },
  approveExtension: { from: ['extensionRequested'], actors: ['dispatcher'], to: ['handling'], requires: [] },
  refuseExtension: { from: ['extensionRequested'], actors: ['dispatcher'], to: ['handling'], requires: ['reason'] },
  requestSuspension: { from: ['handling'], actors: UNIT, unit: 'lead', to: ['extensionRequested'], requires: ['reason'] },
  // The centre suspends on a request, or on its own initiative for seasonal or engineering work (挂账).
  suspend: { from: ['handling', 'extensionRequested'], actors: ['dispatcher'], to: ['suspended'], requires: ['reason'] },
  refuseSuspension: { from: ['extensionRequested'], actors: ['dispatcher'], to: ['handling'], requires: ['reason'] },
  resume: { from: ['suspended'], actors: ['dispatcher', 'system'], to: ['handling'], requires: [] },
  noteProgress: {
    from: ['handling', 'extensionRequested', 'suspended'],
    actors: UNIT,
    unit: 'leadOrCoHandler',
    to: ['unchanged'],
    requires: ['text'],
  },
  reportResult: { from: ['handling', 'extensionRequested'], actors: UNIT, unit: 'lead', to: ['reported'], requires: ['text'] },
  verify: { from: ['reported'], actors: ['gridWorker', 'dispatcher'], to: ['callback', 'handling'], requires: ['passed'] },
  recordCallback: { from: ['callback'], actors: ['dispatcher', 'citizen', 'system'], to: ['unchanged', 'handling'], requires: ['answer'] },
  // A consultation answered on the phone closes at intake (直接办结); anything dispatched closes after callback.
  close: { from: ['received', 'awaitingDispatch', 'callback'], actors: ['dispatcher'], to: ['closed'], requires: ['answer'] },
  mergeAsDuplicate: { from: OPEN, actors: ['dispatcher', 'system'], to: ['mergedAsDuplicate'], requires: ['masterCaseId'] },
  unmerge: { from: ['mergedAsDuplicate'], actors: ['dispatcher'], to: ['stageBeforeMerge'], requires: [] },
  attachDuplicate: { from: STAGES.filter((s) => s !== 'mergedAsDuplicate'), actors: ['dispatcher', 'system'], to: ['unchanged'], requires: ['duplicateCaseId'] },
  detachDuplicate: { from: STAGES.filter((s) => s !== 'mergedAsDuplicate'), actors: ['dispatcher', 'system'], to: ['unchanged'], requires: ['duplicateCaseId'] },
  leaderInstruct: { from: OPEN, actors: ['supervisor', 'dispatcher'], to: ['unchanged'], requires: ['officeId', 'text'] },
  escalate: { from: ['dispatched', 'handling', 'extensionRequested'], actors: ['system'], to: ['unchanged'], requires: ['step'] },
  noteDeadlineMissed: {
    from: ['dispatched', 'awaitingDispatch', 'returned', 'extensionRequested', 'reported'],
    actors: ['system'],
    to: ['unchanged'],
    requires: ['deadline'],
  },
};

export const COMMAND_TYPES = Object.keys(TRANSITIONS) as CommandType[];

export const isCommandType = (value: unknown): value is CommandType =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(TRANSITIONS, value);
