/** The local server throttles per caller as the HTTP API stage does on AWS: 429 with Retry-After, nothing run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { ManualClock } from '../../local/clock.js';
import { startLocalHttpServer, type LocalHttpServer } from '../../local/http-server.js';
import { LocalIssuer } from '../../local/issuer.js';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.js';

let platform: LocalPlatform;
let http: LocalHttpServer;
let issuer: LocalIssuer;

beforeAll(async () => {
  platform = await startLocalPlatform({ city: tinyCity(), clock: new ManualClock(Date.parse('2026-12-01T09:00:00+08:00')), warn: () => undefined });
  issuer = await LocalIssuer.create({ issuer: 'http://127.0.0.1/local', audience: 'civic-loop' });
  http = await startLocalHttpServer(platform, issuer, { port: 0, rateLimit: { ratePerSecond: 0.01, burst: 3 } });
});
afterAll(async () => {
  await http.close();
  await platform.stop();
});

describe('throttling', () => {
  it('answers 429 problem+json with Retry-After once a caller spends its burst; other callers go on', async () => {
    const users = platform.city.city.users;
    const dispatcher = await issuer.tokenFor(users.find((u) => u.id === 'dispatcher-sun')!);
    const supervisor = await issuer.tokenFor(users.find((u) => u.id === 'supervisor-wu')!);
    const get = (token: string) => fetch(`${http.url}/appraisal`, { headers: { authorization: `Bearer ${token}` } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(dispatcher)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await get(dispatcher);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await throttled.json()) as { code: string }).code).toBe('TooManyRequests');
    expect((await get(supervisor)).status).toBe(200);
  });
});
