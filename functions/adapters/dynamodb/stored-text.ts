/**
 * A case item's `projection` and a commit's `events` are stored as JSON text rather than as nested maps.
 * Nothing reads inside them on the server: every key, condition and filter is on top-level attributes, and
 * the indexes only carry them along. A nested map is costly at every hop that a string crosses for almost
 * nothing: the SDK marshals each field into a typed attribute value and back, DynamoDB (and dynalite)
 * parse and validate each one, and the index entries copy them. Measured on dynalite, a new case's
 * BatchWriteItem with both as text took about 40% less of dynalite's CPU and 13% less of the client's.
 * On AWS the item size is about the same (names and values counted either way), so the price is nil.
 *
 * Items written before are maps; reads take both shapes, so a store written by an older version reads on.
 */
import type { CaseEvent } from '../../domain/case/events.js';
import type { CaseProjection } from '../../ports/case-store.js';

export const projectionText = (projection: CaseProjection): string => JSON.stringify(projection);

/** The projection of a stored item (text, or a map as first written); undefined when the item has none. */
export function storedProjection(value: unknown): CaseProjection | undefined {
  if (value === undefined) return undefined;
  return (typeof value === 'string' ? parsed(value, 'projection') : value) as CaseProjection;
}

/** JSON text this store wrote; anything else is a damaged item, said as such rather than as a SyntaxError. */
function parsed(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`a stored ${what} is not the JSON text this store writes`, { cause: error });
  }
}

/** The projection an index entry or case item must carry (every case item is written with one). */
export function projectionOf(item: { pk?: unknown; projection?: unknown }): CaseProjection {
  const projection = storedProjection(item.projection);
  if (!projection) throw new Error(`the stored item ${String(item.pk)} has no projection`);
  return projection;
}

export const eventsText = (events: readonly CaseEvent[]): string => JSON.stringify(events);

/** The events of a stored commit (text, or a list as first written); undefined when it holds no list. */
export function storedEvents(value: unknown): CaseEvent[] | undefined {
  let events: unknown = value;
  if (typeof value === 'string') {
    try {
      events = JSON.parse(value);
    } catch {
      return undefined; // the caller reports the commit as holding no events (CorruptHistory)
    }
  }
  return Array.isArray(events) ? (events as CaseEvent[]) : undefined;
}
