import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseStore, OpenCaseDigest } from '../../ports/case-store.js';
import { RENEW_DELAY_MS, sharedOpenCaseReader } from './open-case-snapshot.js';

/** A store whose reads the test finishes by hand, counting them; only `openCaseDigests` is ever called. */
function storeWithManualReads() {
  const pending: ((digests: OpenCaseDigest[]) => void)[] = [];
  const store = { openCaseDigests: () => new Promise<OpenCaseDigest[]>((resolve) => pending.push(resolve)) } as unknown as CaseStore;
  const finish = (count: number) => pending.shift()!(Array.from({ length: count }, (_, i) => ({ id: `c${i}` }) as OpenCaseDigest));
  return { store, pending, finish };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('the shared read of the open cases', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares a read in flight and reads again for a caller that accepts no age', async () => {
    const { store, pending, finish } = storeWithManualReads();
    let now = 0;
    const read = sharedOpenCaseReader(store, { now: () => 1_000_000 + now }, () => now);
    const a = read();
    const b = read({ maxAgeMs: 5_000 });
    expect(pending).toHaveLength(1);
    finish(2);
    expect((await a).digests).toHaveLength(2);
    expect(await b).toBe(await a);
    now += 10;
    const c = read();
    expect(pending).toHaveLength(1);
    // A caller that accepts no age, arriving while that read runs, gets the one after it: the running read
    // may have started before the caller's own write.
    const d = read();
    expect(pending).toHaveLength(1);
    finish(3);
    expect((await c).digests).toHaveLength(3);
    await settled();
    expect(pending).toHaveLength(1);
    finish(4);
    expect((await d).digests).toHaveLength(4);
  });

  it('answers a caller that accepts an age from the kept read and renews it behind the answer', async () => {
    const { store, pending, finish } = storeWithManualReads();
    let now = 0;
    const read = sharedOpenCaseReader(store, { now: () => 1_000_000 + now }, () => now);
    const first = read();
    finish(1);
    expect((await first).readAt).toBe(1_000_000);

    // Under half the caller's limit: no new read, now or later.
    now = 2_000;
    expect(await read({ maxAgeMs: 5_000 })).toBe(await first);
    vi.advanceTimersByTime(RENEW_DELAY_MS);
    expect(pending).toHaveLength(0);

    // Past half the caller's limit: the kept read at once, and a new one a little later (once, however
    // many callers come meanwhile).
    now = 3_000;
    expect(await read({ maxAgeMs: 5_000 })).toBe(await first);
    expect(await read({ maxAgeMs: 5_000 })).toBe(await first);
    expect(pending).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(1);
    now = 3_500; // the renewal starts when its timer fires
    vi.advanceTimersByTime(RENEW_DELAY_MS);
    expect(pending).toHaveLength(1);
    now = 4_000;
    expect(await read({ maxAgeMs: 5_000 })).toBe(await first);
    vi.advanceTimersByTime(RENEW_DELAY_MS);
    expect(pending).toHaveLength(1);
    finish(4);
    await settled();
    const renewed = await read({ maxAgeMs: 5_000 });
    expect(renewed.digests).toHaveLength(4);
    // The read's age counts from when it started, not from the answer that asked for it.
    expect(renewed.readAt).toBe(1_003_500);

    // Past the caller's limit: it waits for a new read.
    now = 9_000;
    const late = read({ maxAgeMs: 5_000 });
    expect(pending).toHaveLength(1);
    finish(5);
    expect((await late).digests).toHaveLength(5);
  });

  it('keeps the last good read when a renewal fails', async () => {
    let calls = 0;
    const store = {
      openCaseDigests: () => (++calls === 1 ? Promise.resolve([{ id: 'c1' } as OpenCaseDigest]) : Promise.reject(new Error('throttled'))),
    } as unknown as CaseStore;
    let now = 0;
    const read = sharedOpenCaseReader(store, { now: () => now }, () => now);
    const first = await read();
    now = 3_000;
    expect(await read({ maxAgeMs: 5_000 })).toBe(first);
    vi.advanceTimersByTime(RENEW_DELAY_MS);
    await settled();
    expect(calls).toBe(2);
    expect(await read({ maxAgeMs: 5_000 })).toBe(first);
    await expect(read()).rejects.toThrow('throttled');
  });
});
