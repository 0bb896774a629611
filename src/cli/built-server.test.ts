import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../../bin/cli-entry.js';
import { ledgerCsvGbk } from '../../test/support/ledgers.ts';
import { TEST_DB_KIND } from '../../test/support/test-db.ts';

/**
 * Issue 19: the server and the command ship built (scripts/build-server.mjs, part of `npm run build`), and
 * bin/zhaoshang.js runs the build when it is newer than every source file, the sources through tsx otherwise.
 * One engine is enough: the build is the same JavaScript whichever database it opens.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the checkout, so that the bundle finds node_modules as dist/server does.
const outDir = join(root, 'dist', `server-test-${process.pid}`);
const scratch = mkdtempSync(join(tmpdir(), 'zs-built-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(outDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function environment(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZHAOSHANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_DEMO: '1', ZHAOSHANG_REMINDERS: '0' };
  delete env.DATABASE_URL;
  // No loader: were the build to import a TypeScript file, Node itself would refuse it.
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs the built command; resolves with its output when it exits, or — for serve — once it answers /api/health. */
async function serveBuilt(dataDir: string): Promise<{ health: { status: string; migration: { tag: string } }; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(outDir, 'zhaoshang.js'), 'serve'], { env: environment(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode}): ${output}`);
    const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (response?.ok) {
      const health = (await response.json()) as { status: string; migration: { tag: string } };
      return { health, stop: async () => (child.kill('SIGTERM'), await exited) };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(TEST_DB_KIND !== 'pglite')('the server built to JavaScript (issue 19)', () => {
  it('bin/zhaoshang.js runs the build only while it is newer than every source file', () => {
    const fake = join(scratch, 'checkout');
    const file = (path: string, seconds: number) => {
      mkdirSync(join(fake, path, '..'), { recursive: true });
      writeFileSync(join(fake, path), '');
      utimesSync(join(fake, path), seconds, seconds);
    };
    const at = (seconds: number, ...folders: string[]) => folders.forEach((f) => utimesSync(join(fake, f), seconds, seconds));
    file('src/cli/main.ts', 1000);
    file('src/server/db/migrations/0001_x.sql', 1000);
    file('src/domain/money.ts', 1000);
    at(1000, 'src/cli', 'src/server/db/migrations', 'src/server/db', 'src/server', 'src/domain');
    expect(cliEntry(fake)).toEqual({ url: pathToFileURL(join(fake, 'src/cli/main.ts')).href, built: false });

    file('dist/server/zhaoshang.js', 2000);
    expect(cliEntry(fake)).toEqual({ url: pathToFileURL(join(fake, 'dist/server/zhaoshang.js')).href, built: true });

    // A source changed since the build: the sources run.
    utimesSync(join(fake, 'src/domain/money.ts'), 3000, 3000);
    expect(cliEntry(fake).built).toBe(false);
    utimesSync(join(fake, 'src/domain/money.ts'), 1000, 1000);
    expect(cliEntry(fake).built).toBe(true);

    // A migration added since the build (its folder's time changes), and a web file, which the server build ignores.
    at(3000, 'src/server/db/migrations');
    expect(cliEntry(fake).built).toBe(false);
    at(1000, 'src/server/db/migrations');
    file('src/web/App.tsx', 3000);
    expect(cliEntry(fake).built).toBe(true);
  });

  it('the built command starts on a new and on an existing data folder, answers /api/health, and reads a ledger', async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs'), '--out', outDir], { cwd: root });
    const dataDir = join(scratch, 'data');

    const first = await serveBuilt(dataDir);
    expect(first.health.status).toBe('ok');
    await first.stop();

    const again = await serveBuilt(dataDir);
    expect(again.health).toMatchObject({ status: 'ok', migration: first.health.migration });
    await again.stop();

    // A ledger is read in a worker thread, started from its own bundle beside the command's.
    const ledger = join(scratch, 'ledger.csv');
    writeFileSync(ledger, ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约时间'], [['构建后命令行导入的项目', '某某测试有限公司', '800', '2026.1.8']]));
    const out = execFileSync(process.execPath, [join(outDir, 'zhaoshang.js'), 'import', ledger, '--unit', '420602', '--dry-run'], {
      env: environment(dataDir, 1),
    }).toString();
    expect(out).toContain('新增 1');
  }, 300_000);
});
