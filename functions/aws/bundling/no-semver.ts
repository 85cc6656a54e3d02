/**
 * `semver` as the Lambda bundles see it (esbuild alias, `infra/bundling.ts`): refused by name.
 *
 * The one module of the bundles that requires semver is the X-Ray SDK's patcher of AWS SDK v2 clients
 * (`captureAWS`, `captureAWSClient`, under the Powertools tracer), for one `semver.gte(AWS.VERSION, ...)`
 * when it is handed a v2 SDK. No v2 SDK is installed here or shipped by Lambda's Node.js 24 runtime, and
 * the functions' clients are v3, traced with `captureAWSv3Client`. Bundled, semver's `gte` was 9 KB of
 * every function (its class and regular expressions). `test/infra/bundles.test.ts` checks that the
 * patcher is still its only user, that it asks for nothing but `gte`, and that no code here calls it.
 *
 * Only the bundler reads this file. Tests, the local runtime and the CDK app use the real module.
 */
export const gte = (): never => {
  throw new Error("civic-loop: semver is not bundled, since its only user here is the X-Ray SDK's patcher of AWS SDK v2 clients, which these functions have none of (functions/aws/bundling/no-semver.ts)");
};
