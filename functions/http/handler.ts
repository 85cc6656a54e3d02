/**
 * How every native API handler is built: a middy stack for API Gateway HTTP API (payload v2) events.
 * Headers are normalised, the body size and content type are checked before anything is parsed, JSON is
 * parsed by middy's parser (with prototype-pollution protection), the caller is taken from the verified
 * token's claims, and any error leaves as `application/problem+json`. Handlers only say what to do.
 */
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpProblem, toProblem } from './problem.js';
import { principalFromClaims, type Principal } from './principal.js';

/** Larger bodies are refused with 413 before parsing; photos travel as URLs, not in the body. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HandlerRequest<Body> {
  event: HttpEvent;
  body: Body;
  /** Absent only on public routes. */
  principal: Principal | undefined;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
}

/** What a handler answers: a value sent as JSON, or (for the few non-JSON pages) text in its own content type. */
export type HandlerOutput =
  | { status?: number; body?: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; contentType: string; headers?: Record<string, string> };

export interface HandlerSpec<Body> {
  /** Whether the route needs a signed-in caller (401 without a token). */
  auth: 'required' | 'optional' | 'none';
  /** A JSON body is parsed (and required to be JSON) for these handlers. */
  jsonBody?: boolean;
  /**
   * Directives merged into the security headers' Content-Security-Policy. The default policy allows nothing
   * at all, which suits JSON; a page that carries its own stylesheet names it here (by hash), since a CSP
   * header of the handler's own would be overwritten by the security-headers middleware.
   */
  contentSecurityPolicy?: Record<string, string>;
  run(request: HandlerRequest<Body>): Promise<HandlerOutput>;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json; charset=utf-8'): HttpResult => ({
  statusCode: status,
  headers: { 'content-type': contentType, 'cache-control': 'no-store', ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

export function problemResult(error: unknown, instance?: string): HttpResult {
  const problem = toProblem(error);
  return json(problem.status, problem.body(instance), problem.options.headers, 'application/problem+json; charset=utf-8');
}

/** middy's parser reports unparseable JSON as 422; the API says 400 (the request is not JSON at all). */
function asHttpProblem(error: unknown): unknown {
  const failure = error as { statusCode?: number; message?: string; cause?: { package?: string } };
  if (failure.cause?.package === '@middy/http-json-body-parser') {
    if (failure.statusCode === 415) return new HttpProblem(415, 'send the body as application/json', { code: 'UnsupportedMediaType', errors: [{ field: 'header/content-type', reason: 'must be application/json' }] });
    return new HttpProblem(400, 'the body is not valid JSON', { code: 'MalformedJson', errors: [{ field: 'body', reason: 'not valid JSON' }] });
  }
  return error;
}

const problemOnError: middy.MiddlewareObj<HttpEvent, HttpResult> = {
  onError: (request) => {
    request.response = problemResult(asHttpProblem(request.error), request.event.rawPath);
  },
};

export function httpHandler<Body = unknown>(spec: HandlerSpec<Body>) {
  const checks: middy.MiddlewareObj<HttpEvent, HttpResult> = {
    before: (request) => {
      const { body, isBase64Encoded } = request.event;
      const size = body === undefined ? 0 : isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
      if (size > MAX_BODY_BYTES) throw new HttpProblem(413, `the body is ${size} bytes; at most ${MAX_BODY_BYTES} are accepted`, { code: 'ContentTooLarge' });
      if (spec.jsonBody && (body === undefined || body === '')) {
        throw new HttpProblem(400, 'this request needs a JSON body', { code: 'MissingBody', errors: [{ field: 'body', reason: 'required' }] });
      }
    },
  };
  const core = async (event: HttpEvent): Promise<HttpResult> => {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    const principal = spec.auth === 'none' || (spec.auth === 'optional' && !claims) ? undefined : principalFromClaims(claims);
    const result = await spec.run({
      event,
      body: event.body as Body,
      principal,
      pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
      query: (event.queryStringParameters ?? {}) as Record<string, string>,
    });
    if ('raw' in result) {
      return { statusCode: result.status ?? 200, headers: { 'content-type': result.contentType, 'cache-control': 'no-store', ...result.headers }, body: result.raw };
    }
    return json(result.status ?? 200, result.body, result.headers);
  };
  const handler = middy<HttpEvent, HttpResult>()
    .use(httpHeaderNormalizer())
    .use(checks)
    .use(spec.jsonBody ? httpJsonBodyParser() : { before: () => undefined })
    .use(httpSecurityHeaders(spec.contentSecurityPolicy ? { contentSecurityPolicy: spec.contentSecurityPolicy } : {}))
    .use(problemOnError)
    .handler(core);
  return handler;
}
