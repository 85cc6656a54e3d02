/**
 * `GET /openapi.json` and `GET /docs`: the API's description as JSON and as a page. Both are built once,
 * when the handlers are made (a cold start), since nothing in them changes while the process runs.
 */
import { API_VERSION, openApiDocument } from './document.js';
import { makeOpenApiHandlersFor } from './serve.js';

export function makeOpenApiHandlers({ serverUrl, version = API_VERSION }: { serverUrl: string; version?: string }) {
  return makeOpenApiHandlersFor(openApiDocument({ serverUrl, version }));
}
