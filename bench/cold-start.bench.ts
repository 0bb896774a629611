/**
 * Benchmark: cold start on an existing data folder (issue 19) — from `node … serve` to the first 200 of /api/health,
 * the embedded database already created, migrated and filled (the demo city), reminders off. Five runs each, the
 * median and the spread, of the built server (dist/server, `npm run build`) and of the TypeScript sources through tsx
 * (what bin/zhaoshang.js ran before the build, and still runs when a source is newer than the build).
 * Run: npm run bench:start   — figures go to docs/benchmarks.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'zs-cold-start-'));

const MODES: Record<string, string[]> = {
  'built (dist/server/zhaoshang.js)': [join(root, 'dist/server/zhaoshang.js'), 'serve'],
  'sources through tsx (src/cli/main.ts)': ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'serve'],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Milliseconds from spawn to the first healthy answer, and the CPU the process used until then (from its exit). */
async function start(args: string[]): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ZHAOSHANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_REMINDERS: '0' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before answering`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - began;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`);
console.log(execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root }).toString().trim());
try {
  // The data folder's first start: creates, migrates and fills it (not measured).
  await start(MODES['built (dist/server/zhaoshang.js)']!);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(MODES).map((m) => [m, []]));
  // Interleaved, so that a change in the machine's load touches both alike.
  for (let i = 0; i < RUNS; i++) for (const [mode, args] of Object.entries(MODES)) times[mode]!.push(await start(args));
  console.log('\n| start | median ms | min ms | max ms | runs |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [mode, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(`| ${mode} | ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} | ${Math.round(sorted[0]!)} | ${Math.round(sorted.at(-1)!)} | ${sorted.map(Math.round).join(', ')} |`);
  }
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
