/**
 * The console's build: Preact JSX compiled by Vite's own oxc transformer (no Babel), relative asset URLs so
 * the same build works under `/console/` on the local server and at the root of a CloudFront site, and the
 * appraisal charts (ECharts) split into their own chunk, loaded only when the appraisal page draws one.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Source maps stay out of the deployed site; the bench measures what a browser downloads.
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
