import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultProvider, LambdaCredentialsError } from './lambda-credentials.js';

const CLEARED = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];

describe('the credentials of the Lambda bundles (the alias of the default chain)', () => {
  afterEach(() => vi.unstubAllEnvs());
  const clear = () => {
    for (const name of CLEARED) vi.stubEnv(name, undefined);
  };

  it("takes the execution role's credentials from Lambda's environment, read again on every call", async () => {
    clear();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDFIRST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret-1');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token-1');
    const provider = defaultProvider();
    expect(await provider()).toMatchObject({ accessKeyId: 'AKIDFIRST', secretAccessKey: 'secret-1', sessionToken: 'token-1' });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDSECOND');
    expect(await provider()).toMatchObject({ accessKeyId: 'AKIDSECOND' });
  });

  describe('from the container endpoint when the environment has none', () => {
    let server: Server;
    const served: { token?: string | undefined }[] = [];
    let expiresInMs = 60 * 60_000;
    beforeAll(async () => {
      server = createServer((request, response) => {
        served.push({ token: request.headers.authorization });
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ AccessKeyId: `AKIDCONTAINER${served.length}`, SecretAccessKey: 'container-secret', Token: 'container-token', Expiration: new Date(Date.now() + expiresInMs).toISOString() }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('fetches once, keeps them until they near expiry, then fetches again', async () => {
      clear();
      vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`);
      vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN', 'the-token');
      const provider = defaultProvider();
      expect(await provider()).toMatchObject({ accessKeyId: 'AKIDCONTAINER1', sessionToken: 'container-token' });
      expect(await provider()).toMatchObject({ accessKeyId: 'AKIDCONTAINER1' });
      expect(served).toEqual([{ token: 'the-token' }]);
      // The next ones expire within the SDK's five-minute window: each use fetches again.
      expiresInMs = 60_000;
      const fresh = defaultProvider();
      const first = await fresh();
      const fetched = served.length;
      const second = await fresh();
      expect(served.length).toBeGreaterThan(fetched);
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
    });
  });

  it('names what it looked for when Lambda gave no credentials', async () => {
    clear();
    await expect(defaultProvider()()).rejects.toThrow(LambdaCredentialsError);
    await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY nor a container credentials endpoint/);
  });

  describe('in a client, as the bundles configure it', () => {
    const table = dynalite({ createTableMs: 0 });
    let endpoint: string;
    beforeAll(async () => {
      await new Promise<void>((resolve) => table.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(table.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => table.close(() => resolve())));

    it('signs every request with the environment credentials', async () => {
      clear();
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDSIGNING');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'signing-secret');
      // What the alias does in a bundle: the client's runtime config takes this as its default chain.
      const client = new DynamoDBClient({ endpoint, region: 'ap-east-1', credentialDefaultProvider: defaultProvider });
      const authorizations: string[] = [];
      client.middlewareStack.add(
        (next) => (args) => {
          authorizations.push(String((args.request as { headers: Record<string, string> }).headers.authorization));
          return next(args);
        },
        { step: 'finalizeRequest', name: 'seeSignature', priority: 'low' },
      );
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
      expect(authorizations).toHaveLength(1);
      expect(authorizations[0]).toMatch(/Credential=AKIDSIGNING\/\d{8}\/ap-east-1\/dynamodb\/aws4_request/);
      client.destroy();
    });
  });
});
