import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The `pglite` suite for StrykerJS (`npm run mutate:server`, stryker/server.config.mjs): the server's integration
 * tests on the embedded database, one fresh database per test file as in vitest.config.ts. STRYKER_TESTS narrows
 * the test files (comma-separated globs) for a run on one server file.
 */
const narrowed = process.env.STRYKER_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: narrowed ?? ['src/server/**/*.test.ts'],
    exclude: ['src/server/chains/**', '**/node_modules/**'],
    env: { TEST_DB: 'pglite' },
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
