/**
 * One read of every open case, shared. Reading a city's open cases is the board's whole cost (10,000 digests
 * take a second or more on dynalite), so:
 *
 * - requests that arrive while a read runs share it (the console asks for counts, map and feed at once);
 * - a caller may accept a read up to `maxAgeMs` old (the console's board, which refreshes every few seconds
 *   anyway, says so with `?maxAge=`). Such a caller is answered at once from the last read, and when that
 *   read is past half the caller's limit a new one starts `RENEW_DELAY_MS` later, so the callers keep
 *   finding a read within their limit: a board polling every 5 s with `maxAge=10` is answered at once from
 *   a read at most 10 s old and costs a read every other poll (every poll did before). The delay keeps the read
 *   (hundreds of milliseconds of this process's CPU for 10,000 cases) out of the burst of requests a page
 *   load makes — counts, map, feed, names, outlines, the page's own code on the local server — since
 *   the renewed read only serves the next poll anyway.
 *
 * A caller that accepts no age (the default) always waits for a read that starts after it arrived: one
 * already running may have started before the caller's own write, so it waits that one out and shares
 * the next. An API client that acts and then reads sees its action. Ages are measured from when
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

export const RENEW_DELAY_MS = 1_500;

export function sharedOpenCaseReader(store: CaseStore, clock: Clock, monotonic: () => number = () => performance.now()): (options?: { maxAgeMs?: number }) => Promise<OpenCaseSnapshot> {
  let kept: { snapshot: OpenCaseSnapshot; startedAt: number } | undefined;
  let inFlight: Promise<OpenCaseSnapshot> | undefined;
  let renewal: ReturnType<typeof setTimeout> | undefined;

  const read = (): Promise<OpenCaseSnapshot> => {
    inFlight ??= (async () => {
      const startedAt = monotonic();
      const snapshot = { readAt: clock.now(), digests: await store.openCaseDigests() };
      kept = { snapshot, startedAt }; // reads never overlap (one in flight at a time): this one is the newest
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
        if (age > maxAgeMs / 2 && !inFlight && !renewal) {
          renewal = setTimeout(() => {
            renewal = undefined;
            // A failed renewal is not this caller's problem: the next caller past the age limit reads again.
            read().catch(() => undefined);
          }, RENEW_DELAY_MS);
          // A kept read is a convenience: it never holds a process (a test, a shutting-down server) open.
          renewal.unref?.();
        }
        return Promise.resolve(kept.snapshot);
      }
    }
    // A read in flight started before this caller arrived. One that accepts an age shares it; one that
    // accepts none waits it out and shares the next.
    const running = inFlight;
    return running && maxAgeMs === 0 ? running.then(read, read) : read();
  };
}
