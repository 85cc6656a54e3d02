/**
 * The local platform behind its HTTP server, for API tests: requests go through node:http, the route
 * table, token verification and the Lambda handlers, exactly as a client's would.
 */
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { ManualClock } from '../../local/clock.js';
import { startLocalHttpServer, type LocalHttpServer } from '../../local/http-server.js';
import { LocalIssuer } from '../../local/issuer.js';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.js';

export interface ApiHarness {
  platform: LocalPlatform;
  http: LocalHttpServer;
  issuer: LocalIssuer;
  clock: ManualClock;
  /** A token for a demo user of the tiny city. */
  tokenFor(userId: string): Promise<string>;
  request(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any }>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApi(): Promise<ApiHarness> {
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const city = tinyCity();
  // Most API tests report the same spot many times; duplicate merging has its own workflow tests.
  city.duplicateDetection.enabled = false;
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined });
  const issuer = await LocalIssuer.create({ issuer: 'http://127.0.0.1/local', audience: 'civic-loop' });
  const http = await startLocalHttpServer(platform, issuer, { port: 0, open311ApiKeys: { 'test-open311-key': 'Test app' } });
  const users = platform.city.city.users;
  return {
    platform,
    http,
    issuer,
    clock,
    tokenFor: async (userId) => {
      const user = users.find((candidate) => candidate.id === userId);
      if (!user) throw new Error(`no user ${userId}`);
      return issuer.tokenFor(user);
    },
    request: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${http.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      return { status: response.status, headers: response.headers, json };
    },
    settle: () => platform.workflow.idle(),
    stop: async () => {
      await http.close();
      await platform.stop();
    },
  };
}
