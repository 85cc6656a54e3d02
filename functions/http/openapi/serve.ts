/**
 * The handlers of `GET /openapi.json` and `GET /docs` for a description already made: the page is
 * rendered once, when the handlers are made. Apart from `handlers.ts`, which makes the description from
 * the routes' zod schemas, so that the Lambda functions, which get the description made at build
 * (`functions/aws/api-description.ts`), load neither the schemas nor zod.
 */
import { httpHandler } from '../handler.js';
import { DOCS_CSP, renderDocs } from './render-docs.js';
import type { OpenApiDocument } from './types.js';

export function makeOpenApiHandlersFor(document: OpenApiDocument) {
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
