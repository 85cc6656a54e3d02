/**
 * The Open311 GeoReport v2 endpoint's contract with whatever transport carries it (API Gateway's Lambda
 * events, the local node:http server, tests): a plain request in, a plain response out.
 */
import type { CaseService } from '../../app/case-service.js';
import type { CityContext } from '../../app/city-context.js';
import type { CaseStore } from '../../ports/case-store.js';
import type { Clock } from '../../ports/clock.js';

export interface Open311Request {
  method: 'GET' | 'POST' | (string & {});
  /** The part after `/open311/v2/`, still percent-encoded: `requests.xml`, `services/S0102.json`. */
  path: string;
  /** Query parameters, already decoded. */
  query: Record<string, string | undefined>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The raw request body (POST: `application/x-www-form-urlencoded`). */
  body?: string;
}

export interface Open311Response {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Open311Client {
  /** Who holds the key (an app, a city's web form); recorded as the actor who opened the case. */
  clientName: string;
}

export interface Open311Deps {
  service: CaseService;
  store: CaseStore;
  city: CityContext;
  clock: Clock;
  /** api_key → the client it was issued to. */
  apiKeys: ReadonlyMap<string, Open311Client>;
  /** The endpoint's public URL up to and including `/open311/v2`, for discovery. */
  baseUrl: string;
  /** The jurisdiction this endpoint serves; the city's id when absent. */
  jurisdictionId?: string;
  /** Where unexpected failures are reported before a 500 is answered; default console.error. */
  warn?: (message: string, error: unknown) => void;
}
