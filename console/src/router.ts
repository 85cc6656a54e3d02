/**
 * Hash routes (`#/board`, `#/case/<id>` …): the console is static files, so a path route would need the
 * web server to answer every path with index.html; a hash needs nothing from it (S3, CloudFront, local).
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'signIn' }
  | { page: 'board' }
  | { page: 'case'; caseId: string }
  | { page: 'inbox'; unitId?: string }
  | { page: 'appraisal'; month?: string; group?: string }
  | { page: 'outbox' }
  | { page: 'notFound'; path: string };

export function parseRoute(hash: string): Route {
  const [path = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  const arg = rest.length > 0 ? decodeURIComponent(rest.join('/')) : undefined;
  switch (path) {
    case '':
    case 'sign-in':
      return path === '' ? { page: 'board' } : { page: 'signIn' };
    case 'board':
      return { page: 'board' };
    case 'case':
      return arg ? { page: 'case', caseId: arg } : { page: 'notFound', path: hash };
    case 'inbox':
      return arg ? { page: 'inbox', unitId: arg } : { page: 'inbox' };
    case 'appraisal':
      // `#/appraisal/<month>/<group>`: both optional, the group only after a month.
      return { page: 'appraisal', ...(rest[0] ? { month: decodeURIComponent(rest[0]) } : {}), ...(rest[1] ? { group: decodeURIComponent(rest[1]) } : {}) };
    case 'outbox':
      return { page: 'outbox' };
    default:
      return { page: 'notFound', path: hash };
  }
}

export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;
export const navigate = (...parts: string[]) => {
  location.hash = href(...parts);
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
