/**
 * The intake benchmark's clients, in a worker thread of their own: on AWS the callers are elsewhere, so
 * their HTTP work must not take the event loop the platform's handlers run on. They post through an undici
 * `Pool` of kept-alive connections, one per client: on two shared cores every millisecond a client spends
 * is taken from the platform under test. Measured per request on this machine: fetch about 1.7 ms of CPU,
 * node:http's request 0.06-0.13 ms, undici's Pool 0.04 ms (a trivial server, 50 connections).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

export interface ClientsJob {
  url: string;
  token: string;
  bodies: string[];
  clients: number;
}

export interface ClientsResult {
  seconds: number;
  latencies: number[];
  statuses: Record<number, number>;
  /** CPU time of the clients' thread over the run, ms: what the load generator took from the shared cores. */
  cpuMs: number;
}

async function post(pool: Pool, path: string, token: string, body: string): Promise<number> {
  const response = await pool.request({ path, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
  // The answer is read to its end, as a client that wants the case id does.
  await response.body.text();
  return response.statusCode;
}

async function run({ url, token, bodies, clients }: ClientsJob): Promise<ClientsResult> {
  const target = new URL(`${url}/cases`);
  const pool = new Pool(target.origin, { connections: clients });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  // Loaded and about to post: the bench starts counting the platform's CPU from here, not from the
  // thread's start (loading this module through tsx is no part of intake).
  parentPort?.postMessage('started');
  const cpu = process.threadCpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < bodies.length; index = next++) {
        const t = performance.now();
        const status = await post(pool, target.pathname, token, bodies[index] ?? '');
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.threadCpuUsage(cpu);
  await pool.close();
  return { seconds, latencies, statuses, cpuMs: (used.user + used.system) / 1000 };
}

parentPort?.postMessage(await run(workerData as ClientsJob));
