/**
 * The API's OpenAPI description as the `openapi` and `docs` functions serve it: made at build from the
 * routes' zod schemas (`buildBundles` in `infra/bundling.ts` writes it beside their bundles) and read
 * at cold start, with the deployed URL as its server. Making it in the function cost ~130 ms of its cold
 * start on the bench machine (zod and every schema loaded, then converted to JSON Schema) for a document
 * that only the code decides: the same code gives the same description, and the bundle's hash covers the
 * code (`infra/bundle-hash.ts`). Locally, `makeOpenApiHandlers` still makes it in the process.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from '../http/openapi/types.js';

/** The file beside the bundle of each function that uses `apiDescription` (`entry-points.ts`). */
export const API_DESCRIPTION_FILE = 'openapi.json';

/** The text the build writes: the description with no server, which each function names at cold start. */
export const apiDescriptionText = (document: OpenApiDocument): string => JSON.stringify({ ...document, servers: [] });

/** The description written at build, its server the given URL; `file` defaults to the one beside the bundle. */
export function readApiDescription(serverUrl: string, file = join(dirname(fileURLToPath(import.meta.url)), API_DESCRIPTION_FILE)): OpenApiDocument {
  const document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  if (typeof document.openapi !== 'string' || !Array.isArray(document.servers)) throw new Error(`${file} is not the API description the build writes`);
  // In place, so the key keeps its position in the JSON the function answers with.
  document.servers = [{ url: serverUrl }];
  return document;
}
