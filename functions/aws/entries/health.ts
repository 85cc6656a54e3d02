/** `GET /healthz`: answers without touching the table or the city, so its cold start is the smallest. */
import { makeHealthHandler } from '../../http/native/health.js';
import { readEnv } from '../env.js';
import { observed } from '../observability.js';

export const handler = observed(makeHealthHandler(readEnv(['APP_VERSION']).APP_VERSION));
