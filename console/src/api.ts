/**
 * The console's only way to the platform: the public API with the signed-in user's bearer token. Errors
 * arrive as RFC 9457 problem+json; they are thrown as `ApiProblem` with the field errors keyed by field
 * (`body/reason` → `reason`), so a form can show each next to its field.
 */
export interface FieldError {
  field: string;
  reason: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code: string | undefined,
    readonly errors: FieldError[],
  ) {
    super(detail);
  }

  /** Field errors by the field's own name, without the `body/` or `query/` prefix. */
  byField(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.errors) {
      const name = error.field.replace(/^(body|query|path|header)\//, '').split('/')[0] ?? error.field;
      fields[name] = fields[name] ? `${fields[name]}; ${error.reason}` : error.reason;
    }
    return fields;
  }
}

interface ApiState {
  baseUrl: string;
  token: string | undefined;
  onUnauthorized: () => void;
}

const state: ApiState = { baseUrl: '', token: undefined, onUnauthorized: () => undefined };

export function configureApi(next: Partial<ApiState>): void {
  Object.assign(state, next);
}

async function request<T>(method: string, path: string, body?: unknown, options: { auth?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.auth !== false && state.token) headers.authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${state.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed ?? {}) as { detail?: string; title?: string; code?: string; errors?: FieldError[] };
    if (response.status === 401 && options.auth !== false) state.onUnauthorized();
    throw new ApiProblem(response.status, problem.detail ?? problem.title ?? response.statusText, problem.code, problem.errors ?? []);
  }
  return parsed as T;
}

/**
 * Reads started before the page that needs them is drawn (see `prefetch`), each handed to the first `get`
 * of the same path and then forgotten, so a later `get` (a poll) always asks the API again.
 */
const early = new Map<string, Promise<unknown>>();

export const api = {
  get: <T>(path: string, options?: { auth?: boolean }) => {
    const started = early.get(path);
    if (started) {
      early.delete(path);
      // The answer may have come before the app set its sign-out handler: a refused token signs out now.
      return started.catch((failure: unknown) => {
        if (failure instanceof ApiProblem && failure.status === 401 && options?.auth !== false) state.onUnauthorized();
        throw failure;
      }) as Promise<T>;
    }
    return request<T>('GET', path, undefined, options);
  },
  /**
   * Starts a read now, while the page's code is still loading and rendering; the page's own `get` of the
   * path takes it over. A failure surfaces there, not here.
   */
  prefetch: (path: string) => {
    if (early.has(path)) return;
    const started = request('GET', path);
    started.catch(() => undefined);
    early.set(path, started);
  },
  post: <T>(path: string, body: unknown, options?: { auth?: boolean }) => request<T>('POST', path, body, options),
};

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
