// @ts-check
/**
 * Mutation testing of the pure rules (docs/testing.md, "Mutation testing"): `npm run mutate`.
 * Every mutant of src/domain is run against the domain's unit tests (stryker/vitest.domain.config.ts) and
 * type-checked first, so a mutant the compiler refuses is not counted. Incremental: results are kept in
 * stryker/incremental-domain.json (committed), so a run after a change tests only the mutants whose code or
 * tests changed.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'stryker/vitest.domain.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'stryker/tsconfig.domain.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.test.ts', '!src/domain/chains/**'],
  ignorePatterns: ['data/db', 'dist', 'docs', 'test-results', 'reports', 'bench', 'scratch', '/data-*'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables: dictionaries, region lists, field names — 1,756 of 6,433) are run against
  // every test, 95 % of a full run's time (≈ 4 h here); they are left out and listed as "ignored" in the report.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'stryker/incremental-domain.json',
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/domain.html' },
  jsonReporter: { fileName: 'reports/mutation/domain.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
