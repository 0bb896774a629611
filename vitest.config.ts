import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_PATH, TEST_PG_URL, announceUnavailableSuites, postgresAnswers, shownUrl } from './test/support/environment.ts';

/**
 * Four suites: pure domain rules; the server's integration tests on the embedded database; the SAME
 * integration tests on a PostgreSQL server; browser journeys. Where PostgreSQL or Chromium is missing the
 * suite is skipped loudly, unless REQUIRE_PG / REQUIRE_E2E say it must run (CI sets both); the closing line
 * (test/support/closing-line-reporter.ts) names every suite that did not run and why.
 */
const pgUp = await postgresAnswers(TEST_PG_URL);
const chromiumUp = existsSync(CHROMIUM_PATH);
const banner = (text: string) => console.warn(`\n${'!'.repeat(78)}\n!! ${text}\n${'!'.repeat(78)}\n`);

if (!pgUp) {
  if (process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but no PostgreSQL answers at ${TEST_PG_URL}`);
  banner(`SKIPPING the PostgreSQL suite: no server answers at ${TEST_PG_URL} (set ZHAOSHANG_TEST_PG_URL)`);
}
if (!chromiumUp) {
  if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  banner(`SKIPPING the browser suite: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}
announceUnavailableSuites({
  ...(pgUp ? {} : { postgres: `no PostgreSQL answers at ${shownUrl(TEST_PG_URL)}` }),
  ...(chromiumUp ? {} : { e2e: `no Chromium at ${CHROMIUM_PATH}` }),
});

/**
 * The browser suite's server runs on the PostgreSQL server where one answers: the journeys test pages, not the engine
 * (both integration suites do that), and on two cores PGlite inside the test process made every page wait — a file took
 * ≈ 1.7× as long. spine.test.ts still runs on the embedded database, as the default install does. ZHAOSHANG_E2E_DB
 * chooses either for a run.
 */
const e2eDatabase = process.env.ZHAOSHANG_E2E_DB ?? (pgUp ? 'postgres' : 'pglite');
const integration = ['src/server/**/*.test.ts', 'src/cli/**/*.test.ts'];
/**
 * Two test files at a time outside the browser suite, even on a two-core machine (Vitest's default there is one): a
 * file spends much of its time waiting on a database server or on its own embedded one, so two overlap well.
 */
const workers = Number(process.env.ZHAOSHANG_TEST_WORKERS ?? 2);
/**
 * A worker keeps its loaded modules from one test file to the next (Vitest's `isolate: false`): importing the server
 * afresh cost each file 2–3 s, over 300 files. Safe here because every file builds its own app over its own
 * database, and module-level state is either constant or keyed by the database (vi.mock still applies per file).
 */
const isolate = false;

/** A project of browser files, each starting from the demo city. */
function browserProject(name: string, include: string) {
  return {
    test: {
      name,
      include: [include],
      env: { TEST_DB: e2eDatabase },
      globalSetup: ['test/support/global-setup.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // What a page shows after a request (a dialog closing once its save answered) can take longer than
      // expect.poll's default second on a loaded CI machine: wait as long as Playwright waits for an element.
      expect: { poll: { timeout: 15_000 } },
      // After the other suites (a group of its own), two browser files at a time: a journey mostly waits on
      // its page, so two fill two cores. Beside the other suites they missed their waits on a two-core machine.
      maxWorkers: Number(process.env.ZHAOSHANG_E2E_WORKERS ?? 2),
      isolate,
      sequence: { groupOrder: 1 },
    },
  };
}

export default defineConfig({
  test: {
    reporters: ['default', './test/support/closing-line-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/shared/**/*.test.ts', 'src/web/**/*.test.ts'], maxWorkers: workers, isolate } },
      {
        test: {
          name: 'pglite',
          include: integration,
          maxWorkers: workers,
          isolate,
          env: { TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pgUp
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                maxWorkers: workers,
                isolate,
                env: { TEST_DB: 'postgres' },
                globalSetup: ['test/support/global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      ...(chromiumUp ? [browserProject('e2e', 'test/e2e/**/*.test.ts')] : []),
      // `npm run screenshots` only (ZHAOSHANG_SCREENS=1): every page by role, language and width (test/screens).
      ...(chromiumUp && process.env.ZHAOSHANG_SCREENS === '1' ? [browserProject('screens', 'test/screens/**/*.screens.ts')] : []),
    ],
  },
});
