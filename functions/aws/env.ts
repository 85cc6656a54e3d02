/**
 * The Lambda environment, parsed once at cold start. Each entry point asks only for the variables it
 * uses, and a missing or malformed one fails the cold start with its name, not the first request with a
 * SDK error about an empty table name.
 *
 * Plain checks rather than zod: every function reads its environment, and a function whose code has no
 * other use for zod (the health check, the workflow's tasks) should not load zod at its cold start for a
 * few strings (zod is about 180 KB of a bundle and 50 ms of an init on this machine).
 */

/** A variable's value, or why it is not one. `undefined` in: the variable is unset or empty. */
type Check<T> = (value: string | undefined) => { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (message: string) => ({ ok: false as const, message });
const NOT_SET = 'is not set';

const string =
  (min = 1, max = Infinity): Check<string> =>
  (value) => {
    if (value === undefined) return fail(NOT_SET);
    if (value.length < min) return fail(`must be at least ${min} characters`);
    if (value.length > max) return fail(`must be at most ${max} characters`);
    return ok(value);
  };

const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value) =>
    value === undefined ? ok(undefined) : check(value);

const withDefault =
  <T>(fallback: string, check: Check<T>): Check<T> =>
  (value) =>
    check(value ?? fallback);

const arn =
  (service: string): Check<string> =>
  (value) => {
    if (value === undefined) return fail(NOT_SET);
    return new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:`).test(value) ? ok(value) : fail(`must be an ARN of ${service}`);
  };

const httpsUrl: Check<string> = (value) => {
  if (value === undefined) return fail(NOT_SET);
  try {
    if (new URL(value).protocol === 'https:') return ok(value);
  } catch {
    // not a URL at all: the same answer
  }
  return fail('must be an https URL');
};

const oneOf =
  <const T extends string>(values: readonly T[]): Check<T> =>
  (value) => {
    if (value === undefined) return fail(NOT_SET);
    return (values as readonly string[]).includes(value) ? ok(value as T) : fail(`must be one of ${values.join(', ')}`);
  };

const SHA256_HEX = /^[0-9a-f]{64}$/;

const open311Clients: Check<Record<string, string>> = (value) => {
  const problem = (detail: string) => fail(`must be a JSON object of SHA-256 digests to client names (${detail})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '{}');
  } catch (error) {
    return problem((error as Error).message.split('\n')[0] ?? 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return problem('not an object');
  for (const [digest, name] of Object.entries(parsed)) {
    if (!SHA256_HEX.test(digest)) return problem('keys must be SHA-256 hex digests');
    if (typeof name !== 'string' || name.length === 0) return problem(`the client name of ${digest.slice(0, 12)}… must be a non-empty string`);
  }
  return ok(parsed as Record<string, string>);
};

/** Every variable the CDK construct sets, by what it is for. */
export const ENV = {
  /** The single table of `docs/data-model.md`. */
  TABLE_NAME: string(3, 255),
  /**
   * The state machine alias that new executions start on (never the bare state machine: see docs/deploy.md);
   * the reconciler lists executions on the state machine it qualifies.
   */
  STATE_MACHINE_ALIAS_ARN: arn('states'),
  /** The ARN of a recipient's email topic is this prefix + the topic's name (see `functions/aws/topics.ts`). */
  NOTICE_TOPIC_ARN_PREFIX: arn('sns'),
  /** The city's runtime configuration, shipped beside the bundle; relative paths are from the bundle's folder. */
  CITY_FILE: withDefault('city.json', string()),
  /** The API's public URL (custom domain or the execute-api one), for the OpenAPI document and Open311 discovery. */
  API_URL: httpsUrl,
  SMS_SENDER_ID: optional(string()),
  SMS_ORIGINATION_NUMBER: optional(string()),
  SMS_LANGUAGE: optional(oneOf(['zh', 'en'])),
  /** Open311 clients as JSON `{ "<sha256 of the api_key, hex>": "<client name>" }`: the keys themselves are never deployed. */
  OPEN311_CLIENTS: open311Clients,
  /** The version string /healthz reports (the deployed asset's). */
  APP_VERSION: withDefault('unknown', string()),
} satisfies Record<string, Check<unknown>>;

export type EnvName = keyof typeof ENV;
type ValueOf<C> = C extends Check<infer T> ? T : never;
export type EnvOf<K extends EnvName> = { [P in K]: ValueOf<(typeof ENV)[P]> };

/** A variable the function needs is missing or malformed: the message names it and says what it must be. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** Reads the named variables, or throws one error naming every bad one. */
export function readEnv<K extends EnvName>(names: readonly K[], env: Record<string, string | undefined> = process.env): EnvOf<K> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    const raw = env[name];
    const result = (ENV[name] as Check<unknown>)(raw === '' ? undefined : raw);
    if (result.ok) values[name] = result.value;
    else problems.push(`${name}: ${result.message}`);
  }
  if (problems.length > 0) throw new EnvironmentError(`civic-loop: bad Lambda environment — ${problems.join(' | ')}`);
  return values as EnvOf<K>;
}
