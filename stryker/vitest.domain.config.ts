import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The `unit` suite's domain tests alone, for StrykerJS (`npm run mutate`, stryker.config.mjs): the runner takes
 * no --project, so it gets a config of one project. src/domain/chains/ is left out while it is being written.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['src/domain/**/*.test.ts'],
    exclude: ['src/domain/chains/**', '**/node_modules/**'],
    // Instrumented code under a shared machine's load: the property tests need more than the default 5 s.
    testTimeout: 60_000,
  },
});
