/**
 * Throttling on the local server, as API Gateway's stage throttling does on AWS: a token bucket per caller
 * (the token's subject, else the address). A caller over its rate gets 429 with Retry-After; nothing runs.
 */
export interface RateLimit {
  /** Sustained requests per second per caller. */
  ratePerSecond: number;
  /** Requests a caller may make at once before the rate applies. */
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  return {
    /** Takes one request's token; answers how many seconds to wait when there is none. */
    take(caller: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const t = now();
      const bucket = buckets.get(caller) ?? { tokens: limit.burst, at: t };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.ratePerSecond);
      bucket.at = t;
      buckets.set(caller, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.ratePerSecond)) };
    },
  };
}
