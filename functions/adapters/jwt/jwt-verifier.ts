/**
 * Verifies bearer tokens as the HTTP API's JWT authorizer does: signature against the issuer's keys,
 * issuer, audience (or Cognito access tokens' client_id) and expiry. Used by the local server in front of
 * the same handlers; on AWS, API Gateway does this before a Lambda runs.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface JwtVerifierSettings {
  issuer: string;
  audience: string;
  keys: JWTVerifyGetKey;
  /** Clock skew tolerated, in seconds. */
  clockToleranceSeconds?: number;
}

export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

export function createJwtVerifier(settings: JwtVerifierSettings) {
  return async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, settings.keys, {
        issuer: settings.issuer,
        clockTolerance: settings.clockToleranceSeconds ?? 30,
      });
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
}
