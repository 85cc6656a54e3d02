/**
 * The HTTP side of the local platform: a node:http server that plays API Gateway in front of the very
 * handlers Lambda runs. For each request it matches the route table, verifies the bearer token as the HTTP
 * API's JWT authorizer does (signature, issuer, audience, expiry) and passes its claims, builds the payload
 * v2 event, and writes the handler's result back. It also serves the local issuer (demo users and their
 * tokens) and the notification outbox, which exist only locally.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { createJwtVerifier, TokenRejected } from '../functions/adapters/jwt/jwt-verifier.js';
import { MAX_BODY_BYTES, problemResult, type HttpEvent, type HttpResult } from '../functions/http/handler.js';
import { makeBoardOverviewHandlers } from '../functions/http/native/board-overview.js';
import { makeCaseActionsHandler } from '../functions/http/native/case-actions.js';
import { makeCaseHandlers } from '../functions/http/native/cases.js';
import { makeCityDirectoryHandlers } from '../functions/http/native/city-directory.js';
import { makeHealthHandler } from '../functions/http/native/health.js';
import { makeQueryHandlers } from '../functions/http/native/queries.js';
import { makeTrackHandlers } from '../functions/http/native/track.js';
import { makeOpen311Handler } from '../functions/http/open311/lambda.js';
import { makeOpenApiHandlers } from '../functions/http/openapi/handlers.js';
import { HttpProblem } from '../functions/http/problem.js';
import { matchPath, ROUTES } from '../functions/http/routes.js';
import { consoleFiles } from './console-files.js';
import type { LocalIssuer } from './issuer.js';
import { createRateLimiter, type RateLimit } from './rate-limit.js';
import type { LocalPlatform } from './platform.js';

export interface LocalHttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

const lambdaContext = (name: string): Context =>
  ({ functionName: `civic-loop-${name}`, awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 29_000 }) as unknown as Context;

/** Reads at most one byte past the limit, so an oversize body is refused without buffering all of it. */
async function readBody(request: IncomingMessage): Promise<{ body: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { body: '', tooLarge: true };
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}

function send(response: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(result.headers ?? {})) headers[key] = String(value);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.body ?? '');
}

const sendJson = (response: ServerResponse, status: number, body: unknown) =>
  send(response, { statusCode: status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) });

export interface LocalHttpOptions {
  port?: number;
  host?: string;
  /** Open311 client apps: api_key → client name. */
  open311ApiKeys?: Record<string, string>;
  /** Per-caller throttling, as the HTTP API stage's on AWS; absent: none (tests and benchmarks). */
  rateLimit?: RateLimit;
  /** The built console (console/dist), served under /console/; absent: not served. */
  consoleDir?: string;
}

export async function startLocalHttpServer(platform: LocalPlatform, issuer: LocalIssuer, options: LocalHttpOptions = {}): Promise<LocalHttpServer> {
  const verify = createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: issuer.keys });
  const cases = makeCaseHandlers({ service: platform.service, city: platform.city });
  const queries = makeQueryHandlers({ store: platform.store, city: platform.city, clock: platform.clock });
  const track = makeTrackHandlers({ service: platform.service, city: platform.city });
  const overview = makeBoardOverviewHandlers({ store: platform.store, city: platform.city, clock: platform.clock });
  const cityDirectory = makeCityDirectoryHandlers({ city: platform.city });
  const open311 = makeOpen311Handler({
    service: platform.service,
    store: platform.store,
    city: platform.city,
    clock: platform.clock,
    apiKeys: new Map(Object.entries(options.open311ApiKeys ?? {}).map(([key, clientName]) => [key, { clientName }])),
    get baseUrl() {
      return `${url}/open311/v2`;
    },
  });
  let url = '';
  let openApiHandlers: ReturnType<typeof makeOpenApiHandlers> | undefined;
  const openApi = () => (openApiHandlers ??= makeOpenApiHandlers({ serverUrl: url }));
  const handlers: Record<(typeof ROUTES)[number]['handler'], Handler> = {
    health: makeHealthHandler('local'),
    intake: cases.intake,
    getCase: cases.getCase,
    act: cases.act,
    inbox: queries.inbox,
    board: queries.board,
    appraisal: queries.appraisal,
    // The document names the server's URL, known only once it listens (the port may be chosen by the OS).
    openapi: (event, context) => openApi().openapi(event, context),
    docs: (event, context) => openApi().docs(event, context),
    follow: track.follow,
    rate: track.rate,
    open311: (event) => open311(event),
    boardSummary: overview.summary,
    boardMap: overview.map,
    escalations: overview.escalations,
    cityDirectory: cityDirectory.directory,
    cityOutlines: cityDirectory.outline,
    caseActions: makeCaseActionsHandler({ service: platform.service, city: platform.city }),
  };
  const users = platform.city.city.users;
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  const serveConsole = options.consoleDir ? consoleFiles(options.consoleDir) : undefined;

  // Requests being served: while there are any, the workflow steps back (see LocalWorkflow.setForegroundLoad).
  let inFlight = 0;
  const server = createServer((request, response) => {
    platform.workflow.setForegroundLoad(++inFlight);
    response.once('close', () => platform.workflow.setForegroundLoad(--inFlight));
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      try {
        if (limiter) {
          // The token's subject when there is one (read, not trusted: it only picks the bucket), else the address.
          const bearer = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(request.headers.authorization ?? '')?.[1];
          let caller = request.socket.remoteAddress ?? 'unknown';
          try {
            if (bearer) caller = `sub:${String((JSON.parse(Buffer.from(bearer, 'base64url').toString('utf8')) as { sub?: unknown }).sub)}`;
          } catch {
            // an unreadable token counts against its address
          }
          const verdict = limiter.take(caller);
          if (!verdict.allowed) {
            throw new HttpProblem(429, `too many requests; try again in ${verdict.retryAfterSeconds} s`, {
              code: 'TooManyRequests',
              headers: { 'retry-after': String(verdict.retryAfterSeconds) },
            });
          }
        }
        if (await serveLocalOnly(method, url, request, response)) return;
        if (serveConsole && (await serveConsole(method, url.pathname, response))) return;
        const match = ROUTES.map((route) => ({ route, params: route.method === method || route.method === 'ANY' ? matchPath(route.path, url.pathname) : undefined })).find((m) => m.params);
        if (!match) {
          const known = ROUTES.some((route) => matchPath(route.path, url.pathname));
          throw known ? new HttpProblem(405, `${method} is not allowed on ${url.pathname}`, { code: 'MethodNotAllowed' }) : new HttpProblem(404, `no route ${url.pathname}`, { code: 'NoRoute' });
        }
        const { body, tooLarge } = await readBody(request);
        if (tooLarge) throw new HttpProblem(413, `the body is over ${MAX_BODY_BYTES} bytes`, { code: 'ContentTooLarge' });
        let claims: Record<string, unknown> | undefined;
        if (match.route.auth === 'jwt') {
          const header = request.headers.authorization ?? '';
          const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
          if (!token) throw new HttpProblem(401, 'a bearer token is required (Authorization: Bearer <token>)', { code: 'Unauthenticated', headers: { 'www-authenticate': 'Bearer' } });
          try {
            claims = await verify(token);
          } catch (error) {
            if (error instanceof TokenRejected) throw new HttpProblem(401, error.message, { code: 'InvalidToken', headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
            throw error;
          }
        }
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(',') : value;
        const event = {
          version: '2.0',
          routeKey: `${match.route.method} ${match.route.path}`,
          rawPath: url.pathname,
          rawQueryString: url.search.slice(1),
          headers,
          queryStringParameters: Object.fromEntries(url.searchParams),
          pathParameters: match.params,
          requestContext: {
            http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
            ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
            routeKey: `${match.route.method} ${match.route.path}`,
            stage: '$default',
            requestId: crypto.randomUUID(),
            timeEpoch: Date.now(),
          },
          body,
          isBase64Encoded: false,
        } as unknown as HttpEvent;
        send(response, await handlers[match.route.handler](event, lambdaContext(match.route.handler)));
      } catch (error) {
        send(response, problemResult(error, url.pathname));
      }
    })();
  });

  /** The local issuer and the outbox: routes that exist only on one machine. */
  async function serveLocalOnly(method: string, url: URL, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    if (method === 'GET' && url.pathname === '/local/jwks.json') {
      sendJson(response, 200, issuer.jwks);
      return true;
    }
    if (method === 'GET' && url.pathname === '/local/users') {
      sendJson(response, 200, users.map((user) => ({ id: user.id, name: user.name, role: user.role, unitId: user.unitId, scopeUnitId: user.scopeUnitId })));
      return true;
    }
    if (method === 'POST' && url.pathname === '/local/token') {
      const { body } = await readBody(request);
      let userId: unknown;
      try {
        userId = (JSON.parse(body) as { userId?: unknown }).userId;
      } catch {
        throw new HttpProblem(400, 'send {"userId": "<a demo user id>"} as JSON', { code: 'MalformedJson', errors: [{ field: 'body', reason: 'not valid JSON' }] });
      }
      const user = users.find((candidate) => candidate.id === userId);
      if (!user) throw new HttpProblem(422, `no demo user "${String(userId)}"; GET /local/users lists them`, { code: 'UnknownUser', errors: [{ field: 'body/userId', reason: 'not a demo user' }] });
      sendJson(response, 200, { token: await issuer.tokenFor(user), tokenType: 'Bearer', user: { id: user.id, role: user.role, unitId: user.unitId } });
      return true;
    }
    if (method === 'GET' && url.pathname === '/local/outbox') {
      const caseId = url.searchParams.get('caseId') ?? undefined;
      sendJson(response, 200, platform.outbox.list(caseId ? { caseId } : {}));
      return true;
    }
    return false;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
