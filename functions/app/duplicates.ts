/**
 * Duplicate detection (并单): a new case of the same category within the city's radius and time window of
 * an open case is the same problem reported twice. The new one is merged into the earlier (its master),
 * closes with it, and its reporter gets the master's answer; a dispatcher can unmerge it.
 */
import type { CaseState } from '../domain/case/case-state.js';
import type { GeoPoint } from '../domain/case/events.js';
import type { CityConfig } from '../domain/city/schema.js';
import type { CaseStore } from '../ports/case-store.js';

const HOUR_MS = 3_600_000;

/** The open case this one duplicates, nearest first, or undefined. Only cases received before it qualify. */
export async function findMasterCase(store: CaseStore, city: CityConfig, state: CaseState, location: GeoPoint | undefined): Promise<string | undefined> {
  const { enabled, radiusMeters, windowHours } = city.duplicateDetection;
  if (!location || !enabled) return undefined;
  const receivedAt = Date.parse(state.receivedAt);
  const since = new Date(receivedAt - windowHours * HOUR_MS).toISOString();
  const near = await store.casesNear(state.categoryCode, location, radiusMeters, since);
  const master = near.find(
    (candidate) =>
      candidate.state.id !== state.id &&
      candidate.state.stage !== 'mergedAsDuplicate' &&
      candidate.state.stage !== 'closed' &&
      Date.parse(candidate.state.receivedAt) <= receivedAt,
  );
  return master?.state.id;
}
