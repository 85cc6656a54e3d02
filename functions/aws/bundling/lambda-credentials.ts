/**
 * `@aws-sdk/credential-provider-node` as the Lambda bundles see it (esbuild alias, `infra/bundling.ts`):
 * the credential sources Lambda itself uses, and nothing else.
 *
 * Every client's runtime config imports the SDK's default chain statically. That chain reaches, through
 * dynamic imports, the SSO, INI-file, process, web-identity, login and instance-metadata providers and
 * the STS/SSO clients they call: 130 KB of every function's folder (`npm run bench:bundles --
 * --packages 20`), none of which a function's credentials ever come from. Lambda hands a function its
 * execution role's credentials in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
 * (reserved variables, refreshed by Lambda between invocations); where an environment lives longer than
 * those credentials (Lambda Managed Instances, SnapStart), Lambda serves them from a container endpoint
 * named by `AWS_CONTAINER_CREDENTIALS_FULL_URI`. Those are the two links kept, in the SDK's own order.
 *
 * Only the bundler reads this file. Tests, the local runtime and the CDK app use the SDK's default chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';

type ProviderInit = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];
type CredentialsProvider = ReturnType<typeof fromHttp>;

export class LambdaCredentialsError extends Error {
  override readonly name = 'LambdaCredentialsError';
}

const ENV_KEY = 'AWS_ACCESS_KEY_ID';
const ENV_SECRET = 'AWS_SECRET_ACCESS_KEY';
const CONTAINER_URIS = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] as const;

/** The SDK calls this once per client, as it calls the default chain. */
export const defaultProvider = (init: ProviderInit = {}): CredentialsProvider => {
  // The endpoint's credentials expire: memoized and refreshed before expiry, as the default chain does.
  let container: CredentialsProvider | undefined;
  return async (properties) => {
    // Read on every call, as the default chain's first link does: Lambda may change them between invocations.
    if (process.env[ENV_KEY] && process.env[ENV_SECRET]) return fromEnv(init)();
    if (CONTAINER_URIS.some((name) => process.env[name])) {
      const memoized = (container ??= memoizeIdentityProvider(fromHttp(init), isIdentityExpired, doesIdentityRequireRefresh) as CredentialsProvider);
      return memoized(properties);
    }
    throw new LambdaCredentialsError(
      `no credentials: neither ${ENV_KEY}/${ENV_SECRET} nor a container credentials endpoint is set. This bundle reads credentials only the way Lambda gives them (functions/aws/bundling/lambda-credentials.ts)`,
    );
  };
};
