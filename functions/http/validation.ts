/**
 * The request schemas' two helpers: `validate`, how a handler checks a body or query against its schema
 * (always, never the schema's own `safeParse`), and `described`, how a schema carries its description for
 * the OpenAPI document.
 *
 * The request schemas are zod/mini (`import * as z from 'zod/mini'`), whose functions a bundle keeps only
 * as far as it calls them; classic zod's methods live on its classes, so each function that validated
 * carried all of it (132 KB). zod/mini registers no locale, and an issue without a message of the schema's
 * own would read "Invalid input". So every parse here is given zod's English messages ("Invalid option:
 * expected one of …", "Unrecognized key: …"), which the API has always answered with: per parse rather
 * than with `z.config`, so they hold in a bundle where nothing else sets a locale, and a module that only
 * imports a schema file (the case's action menu reads PERSON_ACTIONS) does not keep them. In tests and the
 * local server classic zod (the city schema's) sets English globally on its first schema, which would
 * hide a parse without it: `validation.test.ts` clears the global locale to check.
 */
import { globalRegistry, safeParse } from 'zod/mini';
import type { $ZodType, output, util } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

// Pure, so a bundle that never validates drops it with the locale.
const english = /* @__PURE__ */ en();

/** `input` read by `schema`, or the error whose issues name each bad field in English (`fieldProblems`). */
export const validate = <S extends $ZodType>(schema: S, input: unknown): util.SafeParseResult<output<S>> => safeParse(schema, input, { error: english.localeError });

/**
 * `schema` with its description in zod's global registry, where the OpenAPI conversion (`z.toJSONSchema`)
 * reads it: what classic zod's `.meta({ description })` does, without its copy of the schema. Marked free of
 * side effects, as zod's own `meta` is: a bundle that leaves a schema unused leaves its description too.
 */
/* @__NO_SIDE_EFFECTS__ */
export function described<S extends $ZodType>(schema: S, description: string): S {
  globalRegistry.add(schema, { description });
  return schema;
}
