/**
 * Human names for what a case refers to by id: categories and the unit, department or office that
 * handles it (`agency_responsible`), in the answer's language.
 */
import type { CityContext } from '../../app/city-context.js';
import type { Category, Duration } from '../../domain/city/schema.js';
import { versionAt } from '../../domain/routing/context.js';
import { pick, type Language } from './language.js';

/** A unit, department or office by id; the id itself for one the configuration no longer has. */
export function handlerName(city: CityContext, id: string, language: Language): string {
  const { routing } = city;
  const named = routing.departmentsById.get(id) ?? routing.unitsById.get(id) ?? routing.officesById.get(id);
  return named ? pick(named.name, language) : id;
}

const UNIT_WORDS: Record<Duration['unit'], Record<Language, [string, string]>> = {
  workingDays: { en: ['working day', 'working days'], zh: ['个工作日', '个工作日'] },
  workingHours: { en: ['working hour', 'working hours'], zh: ['个工作小时', '个工作小时'] },
  naturalMinutes: { en: ['minute', 'minutes'], zh: ['分钟', '分钟'] },
  naturalHours: { en: ['hour', 'hours'], zh: ['小时', '小时'] },
  naturalDays: { en: ['day', 'days'], zh: ['天', '天'] },
};

export function durationText(duration: Duration, language: Language): string {
  const [one, many] = UNIT_WORDS[duration.unit][language];
  if (language === 'zh') return `${duration.amount}${one}`;
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

const KIND_WORDS: Record<Category['kind'], Record<Language, string>> = {
  component: { en: 'Component (city property)', zh: '部件' },
  event: { en: 'Event', zh: '事件' },
  hotline: { en: '12345 hotline topic', zh: '12345热线诉求' },
};

export const kindText = (category: Category, language: Language): string => KIND_WORDS[category.kind][language];

/** The handling limit a case of the category gets at its default urgency (a responsibility-list row may override it). */
export function handlingLimit(category: Category): Duration {
  return (category.limits[category.defaultUrgency] ?? category.limits.routine).handle;
}

/**
 * What "done" means for a category: the closing condition (结案条件) of the responsibility list in effect at
 * `at`. Rows narrowed to an area may say it differently; the row for the given lead, else the city-wide
 * row, else the first, is the one told.
 */
export function closingCondition(city: CityContext, categoryCode: string, at: number, language: Language, leadId?: string): string | undefined {
  const rows = versionAt(city.routing, at)?.rowsByCategory.get(categoryCode) ?? [];
  const row = (leadId ? rows.find((candidate) => candidate.ownerIds.includes(leadId)) : undefined) ?? rows.find((candidate) => !candidate.areaIds) ?? rows[0];
  return row ? pick(row.closingCondition, language) : undefined;
}
