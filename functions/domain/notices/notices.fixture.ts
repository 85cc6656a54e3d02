/**
 * Case histories for the notice tests, run through the real lifecycle on the tiny city (its ladder, its
 * offices, its calendar), so the events are exactly those the workflow will hand to `noticesFor`.
 */
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import type { CityConfig } from '../city/schema.js';
import type { CaseEvent, CaseEventData, CaseEventOf } from '../case/events.js';
import type { CaseIntake } from '../case/intake.js';
import { CaseRun, RUBBISH, actors, at } from '../case/test-support.js';
import type { CaseRulesContext } from '../deadlines/limits.js';
import type { Notice } from '../../ports/notifier.js';
import { noticesFor } from './notices.js';
import type { NoticeOptions, NoticePlan } from './types.js';

export const START = at('2026-09-14T09:00:00'); // a Monday
export const CITY_CENTRE = 'kaifeng-command-centre';
export const LONGTING_CENTRE = 'longting-command-centre';
export const LEADER_OFFICE = 'kaifeng-leader-office';
export const SUPERVISION_OFFICE = 'kaifeng-supervision-office';
export const CITY_BUREAU = 'city-urban-management';
export const LONGTING_BUREAU = 'longting-urban-management';

export const rulesFor = (city: CityConfig): CaseRulesContext => ({ calendar: createWorkingCalendar(city.calendar), city });

/** Rubbish at Tieta park, Longting district, reported by phone with the caller's number. */
export const PARK: CaseIntake = { ...RUBBISH, address: '铁塔公园北门' };

/** The same kind of case in Gulou district, where no district command centre exists. */
export const GULOU: CaseIntake = {
  channel: 'hotline',
  categoryCode: 'S0102',
  description: 'Rubbish behind the drum tower',
  address: '鼓楼广场东侧',
  gridId: 'gulou-community-1',
  territory: [
    { unitId: 'gulou-community-1', level: 'grid' },
    { unitId: 'gulou-community', level: 'community' },
    { unitId: 'zhouqiao', level: 'subdistrict' },
    { unitId: 'gulou', level: 'district' },
    { unitId: 'kaifeng', level: 'city' },
  ],
};

export const unitActor = (unitId: string) => ({ kind: 'unitStaff' as const, id: `staff-of-${unitId}`, unitId });

/** A case run on `city`, with the reporter's contact on its received event (intake would put it there). */
export function newRun(
  city: CityConfig,
  options: { intake?: CaseIntake; reporter?: CaseEventData['received']['reporter']; caseId?: string; start?: number } = {},
): CaseRun {
  const run = new CaseRun(options.start ?? START, options.intake ?? PARK, rulesFor(city), options.caseId ?? 'case-1');
  const first = run.events[0];
  if (first?.type === 'received' && options.reporter) first.data.reporter = options.reporter;
  return run;
}

export const receivedOf = (run: CaseRun): CaseEventOf<'received'> => {
  const first = run.events[0];
  if (first?.type !== 'received') throw new Error('a run starts with its received event');
  return first;
};

/** Runs a command and returns the notices for the events it produced, as the workflow task would. */
export function step(run: CaseRun, city: CityConfig, produce: () => CaseEvent[], options: NoticeOptions = {}): NoticePlan {
  const events = produce();
  return noticesFor(events, run.state, city, { received: receivedOf(run), ...options });
}

export const byId = (plan: NoticePlan): Record<string, Notice> => Object.fromEntries(plan.notices.map((notice) => [notice.id, notice]));
export const ids = (plan: NoticePlan): string[] => plan.notices.map((notice) => notice.id);

export { actors };
