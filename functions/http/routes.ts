/**
 * The native API's routes, in API Gateway HTTP API's own syntax: the CDK stack creates exactly these
 * routes (with the JWT authorizer where `auth` is `jwt`), and the local server serves the same table.
 */
export interface RouteSpec {
  method: 'GET' | 'POST';
  /** HTTP API route path, e.g. `/cases/{caseId}`. */
  path: string;
  handler: 'health' | 'intake' | 'getCase' | 'act' | 'inbox' | 'board' | 'appraisal';
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
];

/** Matches a concrete path against a route path, returning its path parameters. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i] ?? '';
    const value = got[i] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (value === '') return undefined;
      params[part.slice(1, -1)] = decodeURIComponent(value);
    } else if (part !== value) {
      return undefined;
    }
  }
  return params;
}
