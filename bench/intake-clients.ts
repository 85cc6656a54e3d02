/**
 * The intake benchmark's clients, in a worker thread of their own: on AWS the callers are elsewhere, so
 * their HTTP work must not take the event loop the platform's handlers run on.
 */
import { parentPort, workerData } from 'node:worker_threads';

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
}

async function run({ url, token, bodies, clients }: ClientsJob): Promise<ClientsResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < bodies.length; index = next++) {
        const t = performance.now();
        const response = await fetch(`${url}/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: bodies[index] ?? '',
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
}

parentPort?.postMessage(await run(workerData as ClientsJob));
