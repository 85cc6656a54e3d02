/**
 * The facts every notice about a case repeats, in both languages: its id, its category's name, where it
 * is, and deadlines on the city's clock. A recipient must be able to act on the text alone.
 */
import type { LocalizedText } from '../city/schema.js';
import type { TerritoryLink } from '../case/events.js';
import type { Directory } from './directory.js';
import { localTime } from './local-time.js';

export interface CaseFacts {
  caseId: string;
  category: LocalizedText;
  /** The address as given, with the grid (or the lowest known unit) in brackets; the grid alone without one. */
  place: LocalizedText;
  description?: string;
  /** An instant as `YYYY-MM-DD HH:mm` in the city's time zone. */
  time(instant: string): string;
}

/** What a case says about itself at intake; the state keeps only part of it, so either can be the source. */
export interface CaseWhat {
  categoryCode: string;
  gridId?: string;
  territory?: readonly TerritoryLink[];
  address?: string;
  description?: string;
}

const same = (text: string): LocalizedText => ({ zh: text, en: text });

function area(what: CaseWhat, directory: Directory): LocalizedText | undefined {
  if (what.gridId) return directory.units.get(what.gridId)?.name ?? same(what.gridId);
  const lowest = what.territory?.[0];
  return lowest ? (directory.units.get(lowest.unitId)?.name ?? same(lowest.unitId)) : undefined;
}

function place(what: CaseWhat, directory: Directory): LocalizedText {
  const where = area(what, directory);
  const address = what.address?.trim();
  if (address && where) return { zh: `${address}（${where.zh}）`, en: `${address} (${where.en})` };
  if (address) return same(address);
  return where ?? { zh: '地点不详', en: 'no location given' };
}

export function caseFacts(caseId: string, what: CaseWhat, directory: Directory): CaseFacts {
  const category = directory.city.categories.find((candidate) => candidate.code === what.categoryCode);
  const timeZone = directory.city.calendar.timeZone;
  return {
    caseId,
    category: category?.name ?? same(what.categoryCode),
    place: place(what, directory),
    ...(what.description ? { description: what.description } : {}),
    time: (instant) => localTime(instant, timeZone),
  };
}
