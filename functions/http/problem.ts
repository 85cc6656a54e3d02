/**
 * Errors as the native API answers them: RFC 9457 problem details (`application/problem+json`), naming
 * each bad field and why. Every error a user can cause maps here, and a refused request has written nothing.
 */
import type { $ZodError } from 'zod/v4/core';
import { CaseNotFound } from '../app/case-service.js';
import { isDomainError, type DomainError } from '../domain/case/errors.js';
import { InvalidCursor, VersionConflict } from '../ports/case-store.js';

export interface FieldProblem {
  /** A JSON Pointer-like path into the request, e.g. `body/location/lat` or `path/caseId`. */
  field: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  /** A stable machine-readable code (e.g. `IllegalTransition`). */
  code?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: { errors?: FieldProblem[]; code?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }

  body(instance?: string): ProblemBody {
    return {
      type: `https://civic-loop.example/problems/${this.options.code ?? String(this.status)}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.options.errors ? { errors: this.options.errors } : {}),
      ...(this.options.code ? { code: this.options.code } : {}),
    };
  }
}

/**
 * zod issues as field problems, under a location prefix (`body`, `query`, `path`). Their messages are
 * made when the request is parsed, in English when parsed through `validate` (validation.ts).
 */
export const fieldProblems = (prefix: string, error: $ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].join('/'), reason: issue.message }));

const DOMAIN_STATUS: Record<DomainError['code'], number> = {
  ILLEGAL_TRANSITION: 409,
  NOT_PERMITTED: 403,
  MISSING_FIELD: 422,
  INVALID_FIELD: 422,
  RETURN_LIMIT_REACHED: 409,
  DEADLINE_PASSED: 409,
  CORRUPT_HISTORY: 500,
};

/** Any error thrown while handling a request, as the problem the caller sees. */
export function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof CaseNotFound) return new HttpProblem(404, error.message, { code: 'CaseNotFound' });
  if (error instanceof VersionConflict) {
    return new HttpProblem(409, `${error.message}: someone else changed the case; reload it and try again`, { code: 'VersionConflict' });
  }
  if (error instanceof InvalidCursor) return new HttpProblem(400, error.message, { code: 'InvalidCursor', errors: [{ field: 'query/cursor', reason: error.message }] });
  if (isDomainError(error)) {
    const field = 'field' in error && typeof error.field === 'string' ? error.field : undefined;
    return new HttpProblem(DOMAIN_STATUS[error.code], error.message, {
      code: error.name,
      ...(field ? { errors: [{ field: `body/${field.replaceAll('.', '/')}`, reason: error.message }] } : {}),
    });
  }
  return new HttpProblem(500, 'Something went wrong on our side; nothing you sent was lost or half-written.', { code: 'Internal' });
}
