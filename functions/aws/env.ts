/**
 * The Lambda environment, parsed once at cold start. Each entry point asks only for the variables it
 * uses, and a missing or malformed one fails the cold start with its name, not the first request with a
 * SDK error about an empty table name.
 */
import { z } from 'zod';

const arn = (service: string) => z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:`), `must be an ARN of ${service}`);

/** Every variable the CDK construct sets, by what it is for. */
export const ENV = {
  /** The single table of `docs/data-model.md`. */
  TABLE_NAME: z.string().min(3).max(255),
  /**
   * The state machine alias that new executions start on (never the bare state machine: see docs/deploy.md);
   * the reconciler lists executions on the state machine it qualifies.
   */
  STATE_MACHINE_ALIAS_ARN: arn('states'),
  /** The ARN of a recipient's email topic is this prefix + the topic's name (see `functions/aws/topics.ts`). */
  NOTICE_TOPIC_ARN_PREFIX: arn('sns'),
  /** The city's runtime configuration, shipped beside the bundle; relative paths are from the bundle's folder. */
  CITY_FILE: z.string().min(1).default('city.json'),
  /** The API's public URL (custom domain or the execute-api one), for the OpenAPI document and Open311 discovery. */
  API_URL: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  SMS_SENDER_ID: z.string().optional(),
  SMS_ORIGINATION_NUMBER: z.string().optional(),
  SMS_LANGUAGE: z.enum(['zh', 'en']).optional(),
  /** Open311 clients as JSON `{ "<sha256 of the api_key, hex>": "<client name>" }`: the keys themselves are never deployed. */
  OPEN311_CLIENTS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return z.record(z.string().regex(/^[0-9a-f]{64}$/, 'keys must be SHA-256 hex digests'), z.string().min(1)).parse(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `must be a JSON object of SHA-256 digests to client names (${(error as Error).message.split('\n')[0]})` });
        return z.NEVER;
      }
    }),
  /** The version string /healthz reports (the deployed asset's). */
  APP_VERSION: z.string().min(1).default('unknown'),
} as const;

export type EnvName = keyof typeof ENV;
export type EnvOf<K extends EnvName> = { [P in K]: z.output<(typeof ENV)[P]> };

/** A variable the function needs is missing or malformed: the message names it and says what it must be. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** Reads the named variables, or throws one error naming every bad one. */
export function readEnv<K extends EnvName>(names: readonly K[], env: Record<string, string | undefined> = process.env): EnvOf<K> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const result = ENV[name].safeParse(env[name] === '' ? undefined : env[name]);
    if (result.success) values[name] = result.data;
    else problems.push(`${name}: ${env[name] === undefined ? 'is not set' : result.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  if (problems.length > 0) throw new EnvironmentError(`civic-loop: bad Lambda environment — ${problems.join(' | ')}`);
  return values as EnvOf<K>;
}
