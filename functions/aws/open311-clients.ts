/**
 * Open311 api keys on AWS. The deployment holds only SHA-256 digests of the keys (the template, the
 * function's configuration and its logs never see a key); a presented key is hashed and looked up. The
 * Open311 module reads the map with `get` alone.
 */
import { createHash } from 'node:crypto';
import type { Open311Client } from '../http/open311/types.js';

export const apiKeyDigest = (apiKey: string): string => createHash('sha256').update(apiKey, 'utf8').digest('hex');

export class HashedApiKeys extends Map<string, Open311Client> {
  /** From `{ digest: client name }`, as OPEN311_CLIENTS carries it. */
  constructor(digests: Record<string, string>) {
    super(Object.entries(digests).map(([digest, clientName]) => [digest, { clientName }]));
  }

  override get(apiKey: string): Open311Client | undefined {
    return super.get(apiKeyDigest(apiKey));
  }

  override has(apiKey: string): boolean {
    return super.has(apiKeyDigest(apiKey));
  }
}
