import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['functions/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'cities/**/*.test.ts', 'local/**/*.test.ts'],
    environment: 'node',
    // Two cores on CI: threads keep memory low and start fast.
    pool: 'threads',
    testTimeout: 20_000,
    // Builds the console for the browser tests when it is missing or stale (a no-op otherwise).
    globalSetup: ['test/browser/global-setup.ts'],
  },
});
