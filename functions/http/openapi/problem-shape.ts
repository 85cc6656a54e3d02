/**
 * The RFC 9457 problem details every error leaves as (`problem.ts`), as a zod schema for the OpenAPI
 * document, and the reusable problem responses. The type check below ties the schema to `ProblemBody`.
 */
import { z } from 'zod';
import type { ProblemBody } from '../problem.js';
import type { Response } from './types.js';

const problemDetails = z
  .object({
    type: z.string().meta({ format: 'uri', description: 'Identifies the kind of problem; ends in `code`.' }),
    title: z.string().meta({ description: 'The HTTP status in words.' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong with this request, for people.' }),
    instance: z.string().optional().meta({ description: 'The path of the request.' }),
    code: z.string().optional().meta({ description: 'A stable code for programs, such as `IllegalTransition` or `VersionConflict`.' }),
    errors: z
      .array(
        z.object({
          field: z.string().meta({ description: 'Where in the request: `body/location/lat`, `query/limit`, `path/caseId`, `header/idempotency-key`.' }),
          reason: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'Each bad field and why; a refused request has written nothing.' }),
  })
  .meta({ description: 'RFC 9457 problem details, sent as `application/problem+json`.' });

// Compiles only while the schema describes `ProblemBody` exactly: the same fields, types and optionality.
type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
export const ProblemDetails: Same<z.output<typeof problemDetails>, ProblemBody> extends true ? typeof problemDetails : { mismatch: 'ProblemDetails ≠ ProblemBody' } =
  problemDetails;

export const PROBLEM_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** When each status is answered, in words common to every operation. */
const WHEN: Record<ProblemStatus, [name: string, description: string]> = {
  400: ['BadRequest', 'The request is malformed: not JSON, a bad query parameter or header.'],
  401: ['Unauthorized', 'No bearer token, or one that is expired, forged or for another audience.'],
  403: ['Forbidden', 'The caller’s role or unit may not do this, or see this case or unit.'],
  404: ['NotFound', 'No such case, unit or action.'],
  409: ['Conflict', 'The case is not in a stage where the action applies, or someone else changed it first (reload and retry).'],
  413: ['ContentTooLarge', 'The body is over 1 MiB.'],
  415: ['UnsupportedMediaType', 'The body is not sent as application/json.'],
  422: ['UnprocessableContent', 'The body is JSON but a field is missing or wrong; `errors` names each.'],
};

export const problemResponseName = (status: ProblemStatus): string => WHEN[status][0];

export function problemResponses(): Record<string, Response> {
  return Object.fromEntries(
    PROBLEM_STATUSES.map((status) => {
      const [name, description] = WHEN[status];
      const headers = status === 401 ? { headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } } } : {};
      return [name, { description, ...headers, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } }];
    }),
  );
}
