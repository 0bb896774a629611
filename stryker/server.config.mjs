// @ts-check
/**
 * Mutation testing of the server's riskiest files (docs/testing.md, "Mutation testing"): `npm run mutate:server`.
 * Slow — every mutant runs the integration tests that cover it on a fresh embedded database — so it is a manual or
 * nightly run, never part of `npm test`. Narrow it to one file and its tests while working on them:
 *   STRYKER_TESTS=src/server/access/role-pairings.test.ts npm run mutate:server -- --mutate src/server/access/scope.ts
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.server.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [
    'src/server/access/scope.ts',
    'src/server/projects/funds.service.ts',
    'src/server/deadlines/deadlines.service.ts',
    'src/server/closes/closes.service.ts',
    'src/server/projects/ledger.service.ts',
    'src/server/metrics/metrics.service.ts',
  ],
  ignorePatterns: ['data/db', 'dist', 'docs', 'test-results', 'reports', 'bench', 'scratch', '/data-*', 'test/e2e'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'stryker/incremental-server.json',
  concurrency: 1,
  timeoutMS: 120_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/server.html' },
  jsonReporter: { fileName: 'reports/mutation/server.json' },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
