import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { configFromEnv } from '../server/config.ts';
import { openAndMigrate } from '../server/start.ts';
import { projects, users } from '../server/db/schema.ts';
import { DEMO_PASSWORD } from '../server/demo/demo-data.ts';
import { ledgerCsvGbk } from '../../test/support/ledgers.ts';
import { TEST_DB_KIND } from '../../test/support/test-db.ts';

/**
 * Issue 12: `zhaoshang serve` holds the embedded data folder; every other command run on it (as separate processes,
 * the way a bureau runs them) is refused at once with what to do, and nothing is lost. A server killed with
 * kill -9 blocks neither a restart nor a command.
 */
const BIN = fileURLToPath(new URL('../../bin/zhaoshang.js', import.meta.url));
const PASSWORD = 'Zs-Lock-9f3kQ2x!';
const dataDir = mkdtempSync(join(tmpdir(), 'zs-running-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
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

function environment(port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ZHAOSHANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ZHAOSHANG_DEMO: '1', ZHAOSHANG_REMINDERS: '0' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  return env;
}

type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

function run(args: string[], port = 1): { child: ChildProcess; output: () => string; done: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: environment(port), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, output: () => stdout + stderr, done };
}

async function startServe(port: number) {
  const server = run(['serve'], port);
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (server.output().includes('is running at')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void server.done.then((finished) => {
      clearInterval(timer);
      reject(new Error(`serve exited (${finished.code ?? finished.signal}): ${finished.stderr}`));
    });
  });
  return server;
}

async function login(base: string, username: string, password: string) {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: response.status, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? '' };
}

async function stored() {
  const { database } = await openAndMigrate({ ...configFromEnv({}), dataDir, databaseUrl: undefined });
  try {
    const names = (await database.db.select({ username: users.username }).from(users)).map((u) => u.username);
    const [row] = await database.db.select({ n: count() }).from(projects);
    const imported = await database.db.select({ id: projects.id }).from(projects).where(eq(projects.name, '服务器运行时命令行导入的项目'));
    return { names, projects: Number(row!.n), imported: imported.length };
  } finally {
    await database.close();
  }
}

describe.skipIf(TEST_DB_KIND !== 'pglite')('the CLI beside a running server on the embedded database', () => {
  it('refuses every command at once while serve holds the data folder, says what to do, and loses nothing', async () => {
    const port = await freePort();
    const server = await startServe(port);
    const base = `http://127.0.0.1:${port}`;
    const bureau = await login(base, 'bureau', DEMO_PASSWORD);
    expect(bureau.status).toBe(200);
    const units = (await (await fetch(`${base}/api/units`, { headers: { cookie: bureau.cookie } })).json()) as { items: { id: number; code: string }[] };
    const xiangcheng = units.items.find((u) => u.code === '420602')!;
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: bureau.cookie },
      body: JSON.stringify({ username: 'added_by_api', displayName: '服务器里添加的账号', role: 'staff', unitId: xiangcheng.id, password: PASSWORD }),
    });
    expect(created.status).toBe(200);
    const projectsBefore = ((await (await fetch(`${base}/api/projects?pageSize=1`, { headers: { cookie: bureau.cookie } })).json()) as { total: number }).total;

    const ledger = join(dataDir, 'ledger.csv');
    writeFileSync(ledger, ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约时间'], [['服务器运行时命令行导入的项目', '某某测试有限公司', '800', '2026.1.8']]));
    const backup = join(dataDir, 'copy.tar.gz');
    const commands: { args: string[]; advice: RegExp }[] = [
      { args: ['user', 'add', 'added_by_cli', '--role', 'staff', '--unit', '420602', '--password', PASSWORD], advice: /add the user in the web app's 用户 page as the bureau \(http:\/\/localhost:\d+\), or stop the server/ },
      { args: ['import', ledger, '--unit', '420602'], advice: /import the ledger in the web app's 台账导入 page \(http:\/\/localhost:\d+\), or stop the server/ },
      { args: ['backup', backup], advice: /stop the server \(Ctrl\+C in its terminal, or kill \d+\), then run the backup again/ },
      { args: ['restore', ledger], advice: /stop the server .*, then restore/ },
      { args: ['demo'], advice: /demo --reset would delete the database the server has open/ },
      { args: ['demo', '--reset'], advice: /demo --reset would delete the database the server has open/ },
      { args: ['serve'], advice: /it already serves this data folder \(http:\/\/localhost:\d+\); stop the server .* first, or give this one another ZHAOSHANG_DATA_DIR/ },
    ];
    const secondPort = await freePort();
    const results = await Promise.all(commands.map(({ args }) => run(args, secondPort).done));
    commands.forEach(({ args, advice }, i) => {
      const result = results[i]!;
      const name = args[0] === 'user' ? 'user add' : args[0];
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`zhaoshang ${name}: refused, nothing was changed: the server is running on this data folder (${join(dataDir, 'db')}): zhaoshang serve, pid ${server.child.pid}, since `);
      expect(result.stderr).toContain(`port ${port}.`);
      expect(result.stderr).toMatch(advice);
    });
    expect(existsSync(backup)).toBe(false);
    // The second serve never listened.
    await expect(fetch(`http://127.0.0.1:${secondPort}/api/health`)).rejects.toThrow();

    // The running server is untouched: its data, and what it was given meanwhile.
    expect((await login(base, 'added_by_api', PASSWORD)).status).toBe(200);
    expect((await login(base, 'added_by_cli', PASSWORD)).status).toBe(401);
    expect(((await (await fetch(`${base}/api/projects?pageSize=1`, { headers: { cookie: bureau.cookie } })).json()) as { total: number }).total).toBe(projectsBefore);

    server.child.kill('SIGTERM');
    expect((await server.done).code).toBe(0);
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);
    const after = await stored();
    expect(after.names).toContain('added_by_api');
    expect(after.names).not.toContain('added_by_cli');
    expect(after.projects).toBe(projectsBefore);
    expect(after.imported).toBe(0);
  }, 240_000);

  it('a server killed with kill -9 blocks neither a command nor a restart', async () => {
    const port = await freePort();
    const killed = await startServe(port);
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(true);

    const added = await run(['user', 'add', 'after_kill', '--role', 'staff', '--unit', '420602', '--password', PASSWORD]).done;
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('added after_kill (staff) in 襄城区');
    expect(added.stderr).toContain(`took over the lock on ${join(dataDir, 'db')}, left by a process that is no longer running (zhaoshang serve, pid ${killed.child.pid}`);

    const again = await startServe(port);
    const base = `http://127.0.0.1:${port}`;
    expect((await login(base, 'after_kill', PASSWORD)).status).toBe(200);
    expect((await login(base, 'added_by_api', PASSWORD)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect((await again.done).code).toBe(0);
  }, 240_000);
});
