/**
 * Verifies bearer tokens as the HTTP API's JWT authorizer does: signature against the issuer's keys,
 * issuer, audience (or Cognito access tokens' client_id) and expiry. Used by the local server in front of
 * the same handlers; on AWS, API Gateway does this before a Lambda runs.
 *
 * A client sends the same token with every request until it expires, and checking an ES256 or RS256
 * signature is the dearest part of serving a request (about a tenth of an intake's CPU). So a token that
 * verified is remembered by its exact text until its expiry: a later request with the same bytes carries
 * the same signed claims, and only the expiry can change the answer, which is checked again every time.
 * A token that failed is not remembered, so a bad token never takes the place of a good one.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface JwtVerifierSettings {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  /** Clock skew tolerated, in seconds. */
  clockToleranceSeconds?: number;
  /** Verified tokens remembered at once (default 1000); the least recently used goes first. 0 turns it off. */
  cacheSize?: number;
  /** The clock the cached expiry is checked against (epoch ms); default Date.now, as jose's own checks use. */
  now?: () => number;
}

export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

interface Verified {
  payload: JWTPayload;
  /** Epoch ms after which the token no longer passes, tolerance included. */
  until: number;
}

export function createJwtVerifier(settings: JwtVerifierSettings) {
  const tolerance = settings.clockToleranceSeconds ?? 30;
  const capacity = settings.cacheSize ?? 1000;
  const now = settings.now ?? Date.now;
  const verified = new Map<string, Verified>();

  const check = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, settings.keys, { issuer: settings.issuer, clockTolerance: tolerance, currentDate: new Date(now()) });
      // Cognito ID tokens carry `aud`; access tokens carry `client_id` instead.
      const audiences = [payload.aud, payload.client_id].flat().filter((value): value is string => typeof value === 'string');
      if (!audiences.includes(settings.audience)) throw new TokenRejected(`the token is not for this API (audience ${settings.audience})`);
      return payload;
    } catch (error) {
      if (error instanceof TokenRejected) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenRejected('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new TokenRejected(`the token's ${error.claim} claim is not accepted`);
      if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenRejected('the token signature does not verify');
      if (error instanceof errors.JOSEError) throw new TokenRejected(`the token cannot be verified (${error.code})`);
      throw error;
    }
  };

  return async (token: string): Promise<JWTPayload> => {
    const known = verified.get(token);
    if (known) {
      verified.delete(token);
      if (now() >= known.until) throw new TokenRejected('the token has expired');
      verified.set(token, known); // most recently used last
      return { ...known.payload }; // each request its own claims object: no handler can change another's
    }
    const payload = await check(token);
    // Only a token with an expiry is remembered: one without stays valid forever, so each use re-verifies it.
    if (capacity > 0 && typeof payload.exp === 'number') {
      verified.set(token, { payload, until: (payload.exp + tolerance) * 1000 });
      if (verified.size > capacity) verified.delete(verified.keys().next().value as string);
    }
    return payload;
  };
}
