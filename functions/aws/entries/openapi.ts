/** `GET /openapi.json`: the API's description, built once per cold start for the deployed URL. */
import { makeOpenApiHandlers } from '../../http/openapi/handlers.js';
import { readEnv } from '../env.js';
import { observed } from '../observability.js';

export const handler = observed(makeOpenApiHandlers({ serverUrl: readEnv(['API_URL']).API_URL }).openapi);
