import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTVerifyGetKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, TokenRejected } from './jwt-verifier.js';

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'civic-loop';
const T0 = Date.parse('2026-12-01T00:00:00Z');

let privateKey: CryptoKey;
let otherKey: CryptoKey;
let keys: JWTVerifyGetKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), alg: 'ES256', kid: 'k1' }] });
});

const token = (claims: Record<string, unknown>, options: { key?: CryptoKey; exp?: number | null } = {}) => {
  const jwt = new SignJWT({ sub: 'u1', aud: AUDIENCE, ...claims }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(ISSUER).setIssuedAt(T0 / 1000);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? T0 / 1000 + 3600);
  return jwt.sign(options.key ?? privateKey);
};

describe('createJwtVerifier', () => {
  it('keeps refusing an expired token that verified while it was valid', async () => {
    let now = T0;
    const verify = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, keys, clockToleranceSeconds: 30, now: () => now });
    const good = await token({});
    await expect(verify(good)).resolves.toMatchObject({ sub: 'u1' });
    now = T0 + 3600_000 + 29_000; // inside the tolerance: still served from memory
    await expect(verify(good)).resolves.toMatchObject({ sub: 'u1' });
    now = T0 + 3600_000 + 30_000;
    await expect(verify(good)).rejects.toThrow(new TokenRejected('the token has expired'));
    await expect(verify(good)).rejects.toThrow(TokenRejected); // and not remembered as good afterwards
  });

  it('never lets a remembered token vouch for a different one', async () => {
    const verify = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, keys, now: () => T0 });
    const good = await token({});
    await verify(good);
    const [header, payload] = good.split('.');
    const forged = await token({ sub: 'admin' }, { key: otherKey });
    await expect(verify(`${header}.${payload}.${forged.split('.')[2]}`)).rejects.toThrow('the token signature does not verify');
    await expect(verify(await token({ aud: 'another-api' }))).rejects.toThrow('the token is not for this API');
  });

  it('does not remember a token without an expiry, nor more tokens than its size', async () => {
    const verify = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, keys, cacheSize: 2, now: () => T0 });
    const forever = await token({}, { exp: null });
    await expect(verify(forever)).resolves.toMatchObject({ sub: 'u1' });
    const tokens = await Promise.all([1, 2, 3].map((n) => token({ sub: `u${n}` })));
    for (const t of tokens) await verify(t);
    // Each still verifies: the evicted one is simply checked again.
    for (const t of tokens) await expect(verify(t)).resolves.toHaveProperty('sub');
  });

  it('answers from memory without checking the signature again', async () => {
    let calls = 0;
    const counting: JWTVerifyGetKey = (...args) => {
      calls++;
      return keys(...args);
    };
    const verify = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: counting, now: () => T0 });
    const good = await token({});
    for (let i = 0; i < 5; i++) await verify(good);
    expect(calls).toBe(1);
    const off = createJwtVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: counting, cacheSize: 0, now: () => T0 });
    for (let i = 0; i < 3; i++) await off(good);
    expect(calls).toBe(4);
  });
});
