/**
 * A real token issuer for the local platform's demo users — not an auth bypass. It signs ES256 JWTs with
 * Cognito-compatible claims, publishes its public key as a JWKS, and the local server verifies every request
 * against it exactly as the HTTP API's JWT authorizer does on AWS. The key is kept under the data folder so
 * tokens survive a restart.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import type { User } from '../functions/domain/city/schema.js';

const ALG = 'ES256';
type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface LocalIssuerOptions {
  issuer: string;
  audience: string;
  /** Where the signing key is kept; absent: a fresh key each start. */
  keyFile?: string;
}

export class LocalIssuer {
  readonly keys: JWTVerifyGetKey;

  private constructor(
    readonly issuer: string,
    readonly audience: string,
    private readonly privateKey: SigningKey,
    readonly jwks: JSONWebKeySet,
  ) {
    this.keys = createLocalJWKSet(jwks);
  }

  static async create(options: LocalIssuerOptions): Promise<LocalIssuer> {
    const stored = options.keyFile ? readKey(options.keyFile) : undefined;
    let privateJwk: JWK;
    if (stored) {
      privateJwk = stored;
    } else {
      const { privateKey } = await generateKeyPair(ALG, { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: ALG, use: 'sig' };
      if (options.keyFile) {
        mkdirSync(dirname(options.keyFile), { recursive: true });
        writeFileSync(options.keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
      }
    }
    const { d: _private, ...publicJwk } = privateJwk;
    const privateKey = await importJWK(privateJwk, ALG);
    return new LocalIssuer(options.issuer, options.audience, privateKey, { keys: [publicJwk] });
  }

  /** A signed ID token for a configured user, as Cognito would issue after sign-in. */
  async tokenFor(user: User, ttlSeconds = 8 * 3600): Promise<string> {
    const claims: Record<string, unknown> = {
      'cognito:groups': [user.role],
      'cognito:username': user.id,
      token_use: 'id',
      name: user.name,
      ...(user.email ? { email: user.email } : {}),
      ...(user.phone ? { phone_number: user.phone } : {}),
      ...(user.unitId ? { 'custom:unitId': user.unitId } : {}),
      ...(user.scopeUnitId ? { 'custom:scopeUnitId': user.scopeUnitId } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: this.jwks.keys[0]?.kid ?? 'local' })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }
}

function readKey(file: string): JWK | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch {
    return undefined; // first start: a key is made and kept
  }
}
