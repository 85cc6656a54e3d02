import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('the local rate limiter', () => {
  it('lets a burst through, then the rate, per caller, and says how long to wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true); // another caller has its own bucket
    now = 500; // half a second refills one token at 2 per second
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now = 10_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
  });
});
