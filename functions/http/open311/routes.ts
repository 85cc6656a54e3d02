/**
 * `{resource}.{format}` → which endpoint, in which format. Resource ids arrive percent-encoded and are
 * decoded here, once.
 */
import { Open311Error, notFound } from './errors.js';
import type { Format } from './render.js';

export type Route =
  | { endpoint: 'discovery' }
  | { endpoint: 'services' }
  | { endpoint: 'serviceDefinition'; serviceCode: string }
  | { endpoint: 'requests' }
  | { endpoint: 'request'; requestId: string }
  | { endpoint: 'token'; token: string };

const ALLOWED: Record<Route['endpoint'], readonly string[]> = {
  discovery: ['GET'],
  services: ['GET'],
  serviceDefinition: ['GET'],
  requests: ['GET', 'POST'],
  request: ['GET'],
  token: ['GET'],
};

/** The format a path asks for, when it names one of the two. */
export function formatOf(path: string): Format | undefined {
  const match = /\.(json|xml)$/i.exec(path);
  return match ? (match[1]?.toLowerCase() as Format) : undefined;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound('the path is not a valid URL path');
  }
}

/** The route, or a 404 (unknown resource or format); `path` is the part after `/open311/v2/`. */
export function routeOf(path: string): { route: Route; format: Format } {
  const trimmed = path.replace(/^\/+/, '');
  const format = formatOf(trimmed);
  if (!format) throw notFound(`'${trimmed}' names no resource: resources end in .xml or .json`);
  const segments = trimmed.slice(0, -(format.length + 1)).split('/').map(decode);
  const [resource, id, ...rest] = segments;
  const valid = (value: string | undefined): value is string => value !== undefined && value !== '' && rest.length === 0;
  if (resource === 'discovery' && id === undefined) return { route: { endpoint: 'discovery' }, format };
  if (resource === 'services' && id === undefined) return { route: { endpoint: 'services' }, format };
  if (resource === 'services' && valid(id)) return { route: { endpoint: 'serviceDefinition', serviceCode: id }, format };
  if (resource === 'requests' && id === undefined) return { route: { endpoint: 'requests' }, format };
  if (resource === 'requests' && valid(id)) return { route: { endpoint: 'request', requestId: id }, format };
  if (resource === 'tokens' && valid(id)) return { route: { endpoint: 'token', token: id }, format };
  throw notFound(`'${trimmed}' names no resource of this endpoint`);
}

/** A 405 for a method the resource does not take, with the `allow` header the status requires. */
export function checkMethod(route: Route, method: string): void {
  const allowed = ALLOWED[route.endpoint];
  if (!allowed.includes(method.toUpperCase())) {
    throw new Open311Error(405, [`${method.toUpperCase()} is not supported here; use ${allowed.join(' or ')}`], { allow: allowed.join(', ') });
  }
}
