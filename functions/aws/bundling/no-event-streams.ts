/**
 * `@smithy/core/event-streams` as the Lambda bundles see it (esbuild alias, `infra/bundling.ts`): refused
 * by name.
 *
 * The SDK's HTTP protocols import event streams' serde dynamically, when an operation's input or output
 * has an event-stream member, so esbuild emits it as a chunk of its own (14 KB) in the folder of every
 * function with a client. No operation of the clients the functions use (DynamoDB, Step Functions, SNS)
 * has one: `test/infra/bundles.test.ts` reads every operation's schema of those clients and fails when one
 * appears (a client update, or a new client), and then this alias must go.
 *
 * Only the bundler reads this file. Tests, the local runtime and the CDK app use the real module.
 */
const refused = (): never => {
  throw new Error('civic-loop: event streams are not bundled, since no operation of the clients these functions use has one (functions/aws/bundling/no-event-streams.ts)');
};

export class EventStreamSerde {
  constructor() {
    refused();
  }
}

export const eventStreamSerdeProvider = refused;
