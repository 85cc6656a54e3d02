import type { z } from 'zod';

/** One thing wrong with a city configuration: where (a JSON path) and why. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** `units[3].boundary.coordinates[0]` from zod's path segments. */
export const formatPath = (segments: readonly PropertyKey[]): string =>
  segments.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    const key = String(segment);
    return out === '' ? key : `${out}.${key}`;
  }, '');

export const problemsFromZod = (error: z.ZodError): ConfigProblem[] =>
  error.issues.map((issue) => ({ path: formatPath(issue.path) || '(root)', message: issue.message }));
