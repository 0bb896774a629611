import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { SUITES, unavailableSuites } from './environment.ts';

/**
 * Ends the run with one plain line that any CI can read, "tests: N passed, N failed, N skipped", followed by the
 * suites that did not run, counted as skipped, each with its reason: "; suites: 2 skipped (postgres: no PostgreSQL
 * answers at …; e2e: no Chromium at …)". A suite the config left out names what was missing; one that had no test
 * file in this run says it was not selected (`--project` or file filters). Nobody mistakes a partial run for a full one.
 */
export default class ClosingLineReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const ran = new Set<string>();
    for (const module of testModules) {
      ran.add(module.project.name);
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    if (testModules.length >= 20) console.log(`\n${slowestFiles(testModules, 12)}`);
    console.log(`\n${closingLine({ passed, failed, skipped }, suitesNotRun(ran, unavailableSuites(), this.vitest?.projects.map((p) => p.name)))}`);
  }
}

/**
 * The files that held the run up longest, per suite, with how long each spent importing and testing: a full run's
 * log is then where the next person speeding CI up starts (the suite is kept under 20 minutes).
 */
export function slowestFiles(testModules: ReadonlyArray<TestModule>, count: number): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const timed = testModules.map((module) => {
    const d = module.diagnostic();
    return { name: `${module.project.name} ${module.moduleId.replace(process.cwd() + '/', '')}`, collect: d.collectDuration, tests: d.duration };
  });
  const bySuite = new Map<string, number>();
  for (const module of testModules) {
    const d = module.diagnostic();
    bySuite.set(module.project.name, (bySuite.get(module.project.name) ?? 0) + d.collectDuration + d.duration);
  }
  const lines = timed
    .sort((a, b) => b.collect + b.tests - (a.collect + a.tests))
    .slice(0, count)
    .map((t) => `  ${seconds(t.collect + t.tests).padStart(6)} s  (import ${seconds(t.collect)} s)  ${t.name}`);
  const suites = [...bySuite].map(([name, ms]) => `${name} ${seconds(ms)} s`).join(', ');
  return `slowest files (file time summed per suite: ${suites}):\n${lines.join('\n')}`;
}

export type SuiteNotRun = { name: string; reason: string };

/** Every suite with no test module in the run: the config's reason where it left the suite out, else "not selected". */
export function suitesNotRun(ran: ReadonlySet<string>, unavailable: Record<string, string>, selected?: readonly string[]): SuiteNotRun[] {
  return SUITES.filter((name) => !ran.has(name)).map((name) => ({
    name,
    reason: unavailable[name] ?? (selected && !selected.includes(name) ? 'not selected (--project)' : 'not selected (no test file matched)'),
  }));
}

export function closingLine(counts: { passed: number; failed: number; skipped: number }, notRun: SuiteNotRun[]): string {
  const tests = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
  if (notRun.length === 0) return tests;
  return `${tests}; suites: ${notRun.length} skipped (${notRun.map((s) => `${s.name}: ${s.reason}`).join('; ')})`;
}
