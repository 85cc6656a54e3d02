/**
 * One read of every open case shared by the requests that arrive while it runs. The console refreshes its
 * board with three requests at once (counts, map, escalations); each would otherwise read the whole open
 * index. Nothing is kept after the read completes, so a request never sees data older than its own arrival
 * by more than one read in flight — no expiry to tune, no stale board after an action.
 */
import type { CaseStore, OpenCaseDigest } from '../../ports/case-store.js';

export function sharedOpenCaseReader(store: CaseStore): () => Promise<OpenCaseDigest[]> {
  let inFlight: Promise<OpenCaseDigest[]> | undefined;
  return () => {
    inFlight ??= store.openCaseDigests().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
