/** `ANY /open311/v2/{proxy+}`: Open311 GeoReport v2; clients identify with an api_key whose digest is deployed. */
import middy from '@middy/core';
import { makeOpen311Handler } from '../../http/open311/lambda.js';
import { readEnv } from '../env.js';
import { observed, warn } from '../observability.js';
import { HashedApiKeys } from '../open311-clients.js';
import { city } from '../city.js';
import '../city-grids.js';
import { service } from '../service.js';
import { store } from '../store.js';
import { systemClock } from '../clock.js';

const env = readEnv(['API_URL', 'OPEN311_CLIENTS']);

// Every report is located in a grid: the index is built at cold start.
void city().grids;

export const handler = observed(
  middy(
    makeOpen311Handler({
      service: service(),
      store: store(),
      city: city(),
      clock: systemClock,
      apiKeys: new HashedApiKeys(env.OPEN311_CLIENTS),
      baseUrl: `${env.API_URL.replace(/\/$/, '')}/open311/v2`,
      warn,
    }),
  ),
);
