/**
 * Open311 behind API Gateway: one route, `ANY /open311/v2/{proxy+}`, whose payload v2 event is handed to
 * the transport-independent module. No JWT: Open311 clients identify with `api_key` on POST, reads are public.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { handleOpen311 } from './handler.js';
import type { Open311Deps } from './types.js';

export const OPEN311_PREFIX = '/open311/v2/';

export function makeOpen311Handler(deps: Open311Deps) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = value;
    // The module expects the path after the prefix still percent-encoded, as it arrived.
    const path = event.rawPath.startsWith(OPEN311_PREFIX) ? event.rawPath.slice(OPEN311_PREFIX.length) : '';
    const query: Record<string, string | undefined> = {};
    for (const [key, value] of new URLSearchParams(event.rawQueryString ?? '')) query[key] = value;
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    const response = await handleOpen311({ method: event.requestContext.http.method, path, query, headers, ...(body !== undefined ? { body } : {}) }, deps);
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}
