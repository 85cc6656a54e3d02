/**
 * Which local dates are working days: Monday to Friday, minus the holidays and plus the make-up working
 * days of the holiday source, with the city's overrides winning over both.
 */
import type { WorkingCalendar } from '../city/schema.js';
import { chineseDaysSchedule } from './holiday-source.js';
import { dayNumberOf, isWeekend } from './local-date.js';

export type DayKindConfig = Pick<WorkingCalendar, 'holidaySource' | 'overrides'>;

/** Whether a day number is a working day. */
export type IsWorkingDay = (day: number) => boolean;

export function createDayKinds(config: DayKindConfig): IsWorkingDay {
  const exceptions = new Map<number, boolean>(
    config.holidaySource === 'chinese-days' ? chineseDaysSchedule().days : [],
  );
  // The city validation refuses a date overridden twice; should one slip through, the later entry wins.
  for (const override of config.overrides) exceptions.set(dayNumberOf(override.date), override.kind === 'workday');
  return (day) => exceptions.get(day) ?? !isWeekend(day);
}
