/**
 * `GET /openapi.json` and `GET /docs`: the API's description as JSON and as a page. Both are built once,
 * when the handlers are made (a cold start), since nothing in them changes while the process runs.
 */
import { httpHandler } from '../handler.js';
import { API_VERSION, openApiDocument } from './document.js';
import { DOCS_CSP, renderDocs } from './render-docs.js';

export function makeOpenApiHandlers({ serverUrl, version = API_VERSION }: { serverUrl: string; version?: string }) {
  const document = openApiDocument({ serverUrl, version });
  const page = renderDocs(document);

  const openapi = httpHandler({
    auth: 'none',
    run: () => Promise.resolve({ body: document }),
  });

  const docs = httpHandler({
    auth: 'none',
    contentSecurityPolicy: DOCS_CSP,
    run: () => Promise.resolve({ raw: page, contentType: 'text/html; charset=utf-8' }),
  });

  return { openapi, docs };
}
