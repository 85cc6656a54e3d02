/**
 * The intake benchmark's clients, in a worker thread of their own: on AWS the callers are elsewhere, so
 * their HTTP work must not take the event loop the platform's handlers run on. They post with node:http on
 * kept-alive sockets rather than fetch: on two shared cores every millisecond a client spends is taken from
 * the platform under test, and undici's fetch cost about 1.7 ms of CPU per request here against well under
 * half of that for http.request.
 */
import { Agent, request } from 'node:http';
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

function post(agent: Agent, url: URL, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        // The answer is read to its end, as a client that wants the case id does.
        response.on('data', () => undefined);
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

async function run({ url, token, bodies, clients }: ClientsJob): Promise<ClientsResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(`${url}/cases`);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let index = next++; index < bodies.length; index = next++) {
        const t = performance.now();
        const status = await post(agent, target, token, bodies[index] ?? '');
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { seconds, latencies, statuses };
}

parentPort?.postMessage(await run(workerData as ClientsJob));
