/**
 * DynamoDB on one machine: dynalite (a DynamoDB-compatible server on LevelDB) on a loopback port, on disk
 * under a data folder by default or in memory, reached by the real AWS SDK client through an endpoint
 * override — so the adapter that runs on AWS is the one that runs here.
 */
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  /** The child process running dynalite, when it runs in one. */
  pid?: number;
  close(): Promise<void>;
}

export interface LocalDynamoOptions {
  /** A folder for the LevelDB files; absent keeps everything in memory. */
  path?: string;
  port?: number;
  /**
   * Run dynalite in a child process: it then has a core of its own instead of sharing the platform's event
   * loop (on two cores this roughly doubles what the local platform sustains). Tests keep it in-process.
   */
  separateProcess?: boolean;
}

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  if (options.separateProcess) return startInChildProcess(options.path);
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path ? { path: options.path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = clientFor(endpoint);
  return {
    client,
    endpoint,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
    // dynalite answers locally; a deeper socket pool keeps a burst of cases from queuing in the SDK.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) },
  });
}

async function startInChildProcess(path: string | undefined): Promise<LocalDynamo> {
  const child = fork(fileURLToPath(new URL('./dynalite-server.ts', import.meta.url)), path ? [path] : [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`dynalite exited with code ${code ?? 'none'} before it listened`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = clientFor(endpoint);
  return {
    client,
    endpoint,
    ...(child.pid ? { pid: child.pid } : {}),
    close: async () => {
      client.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      await exited;
    },
  };
}

/** Creates the table unless it exists (a data folder from an earlier run keeps it). */
export async function ensureTable(client: DynamoDBClient, definition: CreateTableCommandInput): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    // dynalite cannot add an index to an existing table: say so plainly rather than fail on the first query.
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = (definition.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new Error(
        `the local table ${definition.TableName} predates index(es) ${missing.join(', ')} of this version; ` +
          'start on a fresh data folder (remove it, or pass --data <new folder>) or with --in-memory',
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(definition));
  }
}
