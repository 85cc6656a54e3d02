/**
 * dynalite in its own process, so the platform and its database use both cores. Started by
 * `startLocalDynamo({ separateProcess: true })`; reports its port to the parent and exits with it.
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

const path = process.argv[2];
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
