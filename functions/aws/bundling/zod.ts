/**
 * `zod` as the Lambda bundles see it (esbuild `--alias:zod=`, see `infra/bundling.ts`): the same classic
 * API, the same module instances, without the forty-odd locales. The code base writes
 * `import { z } from 'zod'`, and zod's `z` is a namespace object that carries `locales`: esbuild then keeps
 * every locale (264 KB of the 450 KB zod takes in a bundle). Here `z` is the namespace of this module's
 * own re-exports, which are zod's (`zod/v4/classic/external`) less the locales; English, the default, is
 * registered by zod's schemas module itself. Only the bundler reads this file; tests and the local runtime
 * use zod as published.
 */
import * as z from './zod-namespace.js';

export * from './zod-namespace.js';
export { z, z as default };
