/**
 * One read of every open case, shared. Reading a city's open cases is the board's whole cost (10,000 digests
 * take a second or more on dynalite), so:
 *
 * - requests that arrive while a read runs share it (the console asks for counts, map and feed at once);
 * - a caller may accept a read up to `maxAgeMs` old (the console's board, which refreshes every few seconds
 *   anyway, says so with `?maxAge=`). Such a caller is answered at once from the last read, and when that
 *   read is more than `REFRESH_AFTER_MS` old a new one starts behind the answer, so a board that keeps
 *   polling gets data one poll old at most and costs one read per poll, as before.
 *
 * A caller that accepts no age (the default) always waits for a read that started after it arrived or was
 * already running, so an API client that acts and then reads sees its action. Ages are measured from when
 * a read started, on the process's monotonic clock (not the platform's clock, which the local runtime
 * scales). On Lambda a read started behind an answer may be frozen with the instance and finish on its
 * next request; it only ever replaces the kept read with a newer one.
 */
import type { CaseStore, OpenCaseDigest } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';

export interface OpenCaseSnapshot {
  digests: OpenCaseDigest[];
  /** The platform's clock when the read started: what the board is as of. */
  readAt: number;
}

/** Reads close together belong to one burst of requests; an older kept read is renewed behind the answer. */
export const REFRESH_AFTER_MS = 1_000;

export function sharedOpenCaseReader(store: CaseStore, clock: Clock, monotonic: () => number = () => performance.now()): (options?: { maxAgeMs?: number }) => Promise<OpenCaseSnapshot> {
  let kept: { snapshot: OpenCaseSnapshot; startedAt: number } | undefined;
  let inFlight: Promise<OpenCaseSnapshot> | undefined;

  const read = (): Promise<OpenCaseSnapshot> => {
    inFlight ??= (async () => {
      const startedAt = monotonic();
      const snapshot = { readAt: clock.now(), digests: await store.openCaseDigests() };
      if (!kept || kept.startedAt < startedAt) kept = { snapshot, startedAt };
      return snapshot;
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return ({ maxAgeMs = 0 } = {}) => {
    if (kept && maxAgeMs > 0) {
      const age = monotonic() - kept.startedAt;
      if (age <= maxAgeMs) {
        // A failed renewal is not this caller's problem: the next caller past the age limit reads again.
        if (age > REFRESH_AFTER_MS && !inFlight) read().catch(() => undefined);
        return Promise.resolve(kept.snapshot);
      }
    }
    return read();
  };
}
