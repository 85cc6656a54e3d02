/**
 * zod's `v4/classic/external` minus `locales` and `core` (see `zod.ts`), line for line with zod 4.6. `core`
 * goes too because it re-exports the locales; the code base reads `z.core` only in types, which esbuild
 * drops (`functions/aws/aws.test.ts` checks that no code under functions/ names either).
 *
 * Also left out: the schema compiler (`compile`, `withParser`, `INVALID`, `ZodCompile*Error`; 29 KB) and
 * `fromJSONSchema` (12 KB). No function uses them, but a namespace object used as a value keeps every
 * export it has, so each function with zod carried them: 41 KB, ~10 ms of every such cold start here
 * (the same test checks that no code names them). `toJSONSchema` stays: the OpenAPI document uses it, and
 * its processors are in every schema class anyway (`ZodType.toJSONSchema()`).
 */
export * from '../../../node_modules/zod/v4/classic/schemas.js';
export * from '../../../node_modules/zod/v4/classic/checks.js';
export * from '../../../node_modules/zod/v4/classic/errors.js';
export * from '../../../node_modules/zod/v4/classic/parse.js';
export * from '../../../node_modules/zod/v4/classic/compat.js';
export {
  globalRegistry,
  registry,
  config,
  memoizer,
  $output,
  $input,
  $brand,
  clone,
  regexes,
  treeifyError,
  prettifyError,
  formatError,
  flattenError,
  TimePrecision,
  util,
  NEVER,
  toZod,
  getDiscriminatedOption,
} from '../../../node_modules/zod/v4/core/index.js';
export { toJSONSchema } from '../../../node_modules/zod/v4/core/json-schema-processors.js';
export { deepPartial } from '../../../node_modules/zod/v4/classic/deep-partial.js';
export { input, output } from '../../../node_modules/zod/v4/classic/in-out.js';
export { ZodISODateTime, ZodISODate, ZodISOTime, ZodISODuration } from '../../../node_modules/zod/v4/classic/iso.js';
export * as iso from '../../../node_modules/zod/v4/classic/iso.js';
export * as coerce from '../../../node_modules/zod/v4/classic/coerce.js';
