import { httpHandler } from '../handler.js';

/** Liveness: answers without touching the store, so a slow database does not restart healthy servers. */
export const makeHealthHandler = (version: string) =>
  httpHandler({
    auth: 'none',
    run: () => Promise.resolve({ body: { status: 'ok', version } }),
  });
