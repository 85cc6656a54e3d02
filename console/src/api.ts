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

export const api = {
  get: <T>(path: string, options?: { auth?: boolean }) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown, options?: { auth?: boolean }) => request<T>('POST', path, body, options),
};

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
