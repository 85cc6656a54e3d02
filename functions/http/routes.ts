/**
 * The native API's routes, in API Gateway HTTP API's own syntax: the CDK stack creates exactly these
 * routes (with the JWT authorizer where `auth` is `jwt`), and the local server serves the same table.
 */
export interface RouteSpec {
  /** `ANY` with a greedy `{proxy+}` path hands a whole sub-API to one handler (Open311). */
  method: 'GET' | 'POST' | 'ANY';
  /** HTTP API route path, e.g. `/cases/{caseId}`. */
  path: string;
  handler:
    | 'health' | 'intake' | 'getCase' | 'act' | 'inbox' | 'board' | 'appraisal' | 'openapi' | 'docs' | 'follow' | 'rate' | 'open311'
    | 'boardSummary' | 'boardMap' | 'escalations' | 'cityDirectory' | 'cityOutlines' | 'caseActions';
  auth: 'jwt' | 'none';
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/healthz', handler: 'health', auth: 'none' },
  { method: 'POST', path: '/cases', handler: 'intake', auth: 'jwt' },
  { method: 'GET', path: '/cases/{caseId}', handler: 'getCase', auth: 'jwt' },
  { method: 'POST', path: '/cases/{caseId}/actions/{action}', handler: 'act', auth: 'jwt' },
  { method: 'GET', path: '/units/{unitId}/inbox', handler: 'inbox', auth: 'jwt' },
  { method: 'GET', path: '/board/{unitId}', handler: 'board', auth: 'jwt' },
  { method: 'GET', path: '/appraisal', handler: 'appraisal', auth: 'jwt' },
  // The command board of a territory (counts, map points, escalation feed) and the city's names and outlines.
  { method: 'GET', path: '/board/{unitId}/summary', handler: 'boardSummary', auth: 'jwt' },
  { method: 'GET', path: '/board/{unitId}/map', handler: 'boardMap', auth: 'jwt' },
  { method: 'GET', path: '/board/{unitId}/escalations', handler: 'escalations', auth: 'jwt' },
  { method: 'GET', path: '/city', handler: 'cityDirectory', auth: 'jwt' },
  { method: 'GET', path: '/city/outlines/{level}', handler: 'cityOutlines', auth: 'jwt' },
  { method: 'GET', path: '/cases/{caseId}/actions', handler: 'caseActions', auth: 'jwt' },
  // The API's own description is public: a client reads it before it has a token.
  { method: 'GET', path: '/openapi.json', handler: 'openapi', auth: 'none' },
  { method: 'GET', path: '/docs', handler: 'docs', auth: 'none' },
  // Citizens follow and rate their case with its id and their phone's last digits, without an account.
  { method: 'GET', path: '/track/{caseId}', handler: 'follow', auth: 'none' },
  { method: 'POST', path: '/track/{caseId}/rating', handler: 'rate', auth: 'none' },
  // Open311 GeoReport v2: clients identify with api_key on POST; reads are public (the spec's model).
  { method: 'ANY', path: '/open311/v2/{proxy+}', handler: 'open311', auth: 'none' },
];

/** Matches a concrete path against a route path, returning its path parameters. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  const greedy = want.at(-1)?.endsWith('+}') ?? false;
  if (greedy ? got.length < want.length : want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? '';
    const value = got[i] ?? '';
    if (part.endsWith('+}') && i === want.length - 1) {
      // A greedy parameter takes the rest of the path, slashes included, still encoded as it arrived.
      const rest = got.slice(i).join('/');
      if (rest === '') return undefined;
      params[part.slice(1, -2)] = rest;
      return params;
    }
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      params[part.slice(1, -1)] = decodeURIComponent(value);
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}
