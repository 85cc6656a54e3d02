/** `GET /docs`: the API's description, made at build and read at cold start for the deployed URL (`api-description.ts`). */
import { makeOpenApiHandlersFor } from '../../http/openapi/serve.js';
import { readApiDescription } from '../api-description.js';
import { readEnv } from '../env.js';
import { observed } from '../observability.js';

export const handler = observed(makeOpenApiHandlersFor(readApiDescription(readEnv(['API_URL']).API_URL)).docs);
