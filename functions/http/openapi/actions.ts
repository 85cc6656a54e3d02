/**
 * The body of each action people can take on a case (`POST /cases/{caseId}/actions/{action}`), for the
 * OpenAPI document: the one place where the fields of `domain/case/commands.ts` are described for clients.
 *
 * The API checks only that the body is an object without `type`; the lifecycle checks each field and names
 * the one it refuses. So these schemas document rather than enforce, and they are tied to the commands by
 * the compiler (each body's fields and their optionality must equal the command's) and to the transition
 * table by a test (each field it requires is required here). Who may act and when is read from that table.
 */
import { z } from 'zod';
import type { CommandOf, CommandType } from '../../domain/case/commands.js';
import { MAX_TEXT_LENGTH } from '../../domain/case/fields.js';
import { TRANSITIONS } from '../../domain/case/transitions.js';
import { StageLimits } from '../../domain/city/schema.js';

/** The commands only the workflow issues (`schemas.ts` refuses them at the door) are left out. */
export type PersonAction = Exclude<CommandType, 'route' | 'escalate' | 'noteDeadlineMissed'>;

const text = (description: string) => z.string().min(1).max(MAX_TEXT_LENGTH).meta({ description });
const unitId = (description: string) => z.string().min(1).max(200).meta({ description });
const caseId = (description: string) => z.string().min(1).max(200).meta({ description });
const at = (description: string) => z.string().meta({ format: 'date-time', description: `${description} An ISO 8601 instant with an offset, such as 2026-10-08T18:00:00+08:00.` });
const coHandlerIds = z.array(z.string().min(1).max(200)).optional().meta({ description: 'Units that assist the lead (协办): distinct, never the lead itself.' });
const limits = StageLimits.optional().meta({ description: 'Time limits for this case when the category’s do not fit: both `accept` and `handle`.' });

const FIELDS = {
  dispatch: { leadId: unitId('The unit that leads the case.'), coHandlerIds, limits },
  accept: {},
  return: {
    reason: text('Why the case is not the unit’s.'),
    legalBasis: text('The law, regulation or responsibility-list entry that puts the case elsewhere.'),
  },
  arbitrate: {
    uphold: z.boolean().optional().meta({ description: 'True to uphold the dispatch: the unit that returned the case keeps it.' }),
    leadId: unitId('The lead the centre names instead; required unless `uphold` is true.').optional(),
    coHandlerIds,
  },
  designate: { leadId: unitId('The unit fixed as the lead for good: no more returns.'), coHandlerIds },
  requestExtension: { reason: text('Why the case needs more time.'), requestedDueAt: at('The new handling deadline asked for, later than the current one.') },
  approveExtension: { handleDueAt: at('The deadline granted, when not the one requested.').optional() },
  refuseExtension: { reason: text('Why the extension is refused.') },
  requestSuspension: { reason: text('Why the case cannot go on now.') },
  suspend: {
    reason: text('Why the clock stops; may be left out when approving a unit’s request, whose reason then applies.'),
    resumeAt: at('When the case resumes by itself (seasonal work), if known; in the future.').optional(),
  },
  refuseSuspension: { reason: text('Why the case cannot be suspended.') },
  resume: {},
  noteProgress: { text: text('What progress was made.') },
  reportResult: {
    text: text('What was done: the basis of the answer to the citizen.'),
    photoUrls: z.array(z.url({ protocol: /^https?$/ })).optional().meta({ description: 'Photos of the result, as http(s) URLs.' }),
  },
  verify: {
    passed: z.boolean().meta({ description: 'Whether the result on site matches what was reported; false orders rework.' }),
    note: text('What the check found; required when `passed` is false, so the unit knows what to redo.').optional(),
  },
  recordCallback: {
    answer: z.enum(['satisfied', 'basicallySatisfied', 'unsatisfied', 'noAnswer']).meta({ description: 'What the citizen said.' }),
    justified: z
      .boolean()
      .optional()
      .meta({ description: 'Only with `unsatisfied`, and then required: a justified complaint about the handling orders rework.' }),
    note: text('Why the citizen is unsatisfied; required with `unsatisfied`.').optional(),
  },
  close: { answer: text('The answer that goes back through the one door to whoever raised the case.') },
  mergeAsDuplicate: { masterCaseId: caseId('The case this one duplicates; this case closes with it.') },
  unmerge: {},
  attachDuplicate: { duplicateCaseId: caseId('The case merged into this one.') },
  detachDuplicate: { duplicateCaseId: caseId('The case no longer merged into this one.') },
  leaderInstruct: { officeId: unitId('The leader’s office, which hears of every escalation from now on.'), text: text('The instruction.') },
} satisfies { [A in PersonAction]: z.ZodRawShape };

const SUMMARIES: { [A in PersonAction]: string } = {
  dispatch: 'Send the case to its lead unit (派单).',
  accept: 'Accept the case (签收); the unit takes it on.',
  return: 'Return the case (退单): it is not the unit’s, on a stated legal basis.',
  arbitrate: 'Settle a return (确权): uphold the dispatch or name the lead.',
  designate: 'Fix the lead for good (责任主体唯一); required once returns reach the limit.',
  requestExtension: 'Ask for a later handling deadline (延期).',
  approveExtension: 'Approve the pending extension.',
  refuseExtension: 'Refuse the pending extension.',
  requestSuspension: 'Ask for the handling clock to stop (挂起).',
  suspend: 'Stop the handling clock (挂起/缓办), on request or on the centre’s own initiative.',
  refuseSuspension: 'Refuse the pending suspension.',
  resume: 'Restart the handling clock.',
  noteProgress: 'Record progress; the lead or a co-handler.',
  reportResult: 'Report the result for verification.',
  verify: 'Check the reported result on site (核查).',
  recordCallback: 'Record the citizen’s answer to the callback (回访).',
  close: 'Close the case (结案) with the answer to whoever raised it.',
  mergeAsDuplicate: 'Merge the case into a master case as a duplicate (并单).',
  unmerge: 'Undo a merge; the case returns to where it was.',
  attachDuplicate: 'The master’s side of a merge: record a duplicate.',
  detachDuplicate: 'The master’s side of an unmerge.',
  leaderInstruct: 'Record a leader’s instruction (领导批示); the case’s priority rises.',
};

const UNIT_CLAUSE = { lead: ' of the lead unit', leadOrCoHandler: ' of the lead or a co-handling unit' } as const;

/** Who may act and in which stages, in words, from the transition table the lifecycle enforces. */
function whoAndWhen(action: PersonAction): string {
  const { actors, unit, from } = TRANSITIONS[action];
  const people = actors.filter((actor) => actor !== 'system');
  return `By ${people.join(' or ')}${unit ? UNIT_CLAUSE[unit] : ''}; in stage ${from.join(', ')}.`;
}

const bodyOf = <A extends PersonAction>(action: A) =>
  z.object(FIELDS[action]).meta({ title: action, description: `${SUMMARIES[action]} ${whoAndWhen(action)}` });

type Bodies = { [A in PersonAction]: z.ZodObject<(typeof FIELDS)[A]> };

// The compiler's half of the tie to commands.ts: each body has the same keys, types and optionality as its
// command, or ACTION_BODIES fails to compile, naming the actions that differ.
type Exact<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
/** zod types a body without fields as `Record<string, never>`; the command's is `{}`. */
type Fields<T> = string extends keyof T ? Record<never, never> : T;
type Mismatched = { [A in PersonAction]: Exact<Fields<z.input<Bodies[A]>>, Omit<CommandOf<A>, 'type'>> extends true ? never : A }[PersonAction];

export const ACTION_BODIES: [Mismatched] extends [never] ? Bodies : { mismatched: Mismatched } = Object.fromEntries(
  (Object.keys(FIELDS) as PersonAction[]).map((action) => [action, bodyOf(action)]),
) as Bodies;
