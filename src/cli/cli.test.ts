import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { configFromEnv, pgliteDir, type AppConfig } from '../server/config.ts';
import { openAndMigrate, startServer } from '../server/start.ts';
import { projects, units, users } from '../server/db/schema.ts';
import { DEMO_PASSWORD, DEMO_UNITS, demoFirstPhases, demoProjects } from '../server/demo/demo-data.ts';

const DEMO_PROJECTS = demoProjects().length + demoFirstPhases().length;
import { backupDatabase, restoreDatabase } from './backup.ts';
import { addUserFromCli } from './user-add.ts';
import { TEST_DB_KIND } from '../../test/support/test-db.ts';
import { withScratchDatabase } from '../../test/support/environment.ts';

const folders: string[] = [];
function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zs-cli-'));
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function config(overrides: Partial<AppConfig>): AppConfig {
  return { ...configFromEnv({}), port: 0, host: '127.0.0.1', ...overrides };
}

async function countRows(cfg: AppConfig) {
  const { database } = await openAndMigrate(cfg);
  try {
    const [p] = await database.db.select({ n: count() }).from(projects);
    const [u] = await database.db.select({ n: count() }).from(units);
    return { projects: Number(p!.n), units: Number(u!.n) };
  } finally {
    await database.close();
  }
}

async function countRenamed(cfg: AppConfig) {
  const { database } = await openAndMigrate(cfg);
  try {
    const [row] = await database.db.select({ n: count() }).from(projects).where(eq(projects.name, '备份之后改的名字'));
    return Number(row!.n);
  } finally {
    await database.close();
  }
}

async function login(baseUrl: string, username: string, password: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, cookie };
}

function urlOf(app: Awaited<ReturnType<typeof startServer>>['app']): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}

describe.skipIf(TEST_DB_KIND !== 'pglite')('zhaoshang serve on the embedded database', () => {
  const dataDir = tempDataDir();

  it('first start creates the database in the data folder, loads the demo city and prints the URL and accounts', async () => {
    const lines: string[] = [];
    const { app, stop } = await startServer(config({ dataDir }), (line) => lines.push(line));
    try {
      expect(existsSync(join(dataDir, 'db'))).toBe(true);
      expect(lines.join('\n')).toMatch(/running at http:\/\/localhost:\d+/);
      expect(lines.join('\n')).toContain('loaded the demo city');
      expect(lines.join('\n')).toContain(DEMO_PASSWORD);
      const session = await login(urlOf(app), 'xiangcheng', DEMO_PASSWORD);
      expect(session.status).toBe(200);
      const created = await fetch(`${urlOf(app)}/api/enterprises`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: session.cookie },
        body: JSON.stringify({ name: '第二次启动仍在的企业有限公司' }),
      });
      expect(created.status).toBe(200);
    } finally {
      await stop();
    }
    expect(await countRows(config({ dataDir }))).toEqual({ projects: DEMO_PROJECTS, units: DEMO_UNITS.length });
    // The demo's first load takes a while on a busy machine; a timeout here would leave the server holding the folder.
  }, 120_000);

  it('a second start reuses the data and loads nothing over it', async () => {
    const lines: string[] = [];
    const { app, stop } = await startServer(config({ dataDir }), (line) => lines.push(line));
    try {
      expect(lines.join('\n')).not.toContain('loaded the demo city');
      const session = await login(urlOf(app), 'xiangcheng', DEMO_PASSWORD);
      const list = await fetch(`${urlOf(app)}/api/enterprises?q=${encodeURIComponent('第二次启动')}`, { headers: { cookie: session.cookie } });
      expect(((await list.json()) as { total: number }).total).toBe(1);
    } finally {
      await stop();
    }
    expect(await countRows(config({ dataDir }))).toEqual({ projects: DEMO_PROJECTS, units: DEMO_UNITS.length });
  });

  it('backup and restore give back exactly the backed-up database, keeping the replaced one aside', async () => {
    const file = join(tempDataDir(), 'zhaoshang.backup.tar.gz');
    const bytes = await backupDatabase(config({ dataDir }), file);
    expect(bytes).toBeGreaterThan(1000);
    expect(statSync(file).size).toBe(bytes);

    const { database } = await openAndMigrate(config({ dataDir }));
    await database.db.update(projects).set({ name: '备份之后改的名字' });
    await database.close();
    expect(await countRenamed(config({ dataDir }))).toBe(DEMO_PROJECTS);

    const keptAside = await restoreDatabase(config({ dataDir }), file);
    expect(keptAside).toMatch(/db\.before-restore-/);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('db.before-restore-'))).toHaveLength(1);
    expect(await countRows(config({ dataDir }))).toEqual({ projects: DEMO_PROJECTS, units: DEMO_UNITS.length });
    expect(await countRenamed(config({ dataDir }))).toBe(0);
  });

  it('user add creates an account that must change its password at first login', async () => {
    const { database } = await openAndMigrate(config({ dataDir }));
    try {
      const created = await addUserFromCli(database.db, { username: 'nanzhang', role: 'staff', unitCode: '420624', displayName: '南漳县 赵招商' });
      expect(created.unitName).toBe('南漳县');
      const [row] = await database.db.select().from(users).where(eq(users.username, 'nanzhang'));
      expect(row!.mustChangePassword).toBe(true);
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
      await expect(addUserFromCli(database.db, { username: 'x1', role: 'staff', unitCode: 'NOPE' })).rejects.toThrow(/no unit with code NOPE/);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(TEST_DB_KIND !== 'pglite')('zhaoshang serve without demo data', () => {
  it('creates the city and an admin whose printed initial password must be changed first', async () => {
    const dataDir = tempDataDir();
    const lines: string[] = [];
    const { app, stop } = await startServer(config({ dataDir, demo: false, cityName: '测试市', cityCode: '999900' }), (line) => lines.push(line));
    try {
      const password = /initial password: (\S+)/.exec(lines.join('\n'))?.[1];
      expect(password).toBeDefined();
      const session = await login(urlOf(app), 'admin', password!);
      expect(session.status).toBe(200);
      expect(session.body.mustChangePassword).toBe(true);
      const blocked = await fetch(`${urlOf(app)}/api/projects`, { headers: { cookie: session.cookie } });
      expect(blocked.status).toBe(403);
      expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('auth.mustChangePassword');
    } finally {
      await stop();
    }
    expect(pgliteDir(config({ dataDir }))).toBe(join(dataDir, 'db'));
  });
});

describe.skipIf(TEST_DB_KIND !== 'postgres')('zhaoshang serve with DATABASE_URL', () => {
  it('runs the same migrations and demo on a PostgreSQL server, and refuses the embedded-only backup', async () => {
    await withScratchDatabase('zs_t_serve', async (databaseUrl) => {
      const lines: string[] = [];
      const { app, stop } = await startServer(config({ databaseUrl, dataDir: tempDataDir() }), (line) => lines.push(line));
      try {
        expect(lines.join('\n')).toContain('PostgreSQL server');
        const health = (await (await fetch(`${urlOf(app)}/api/health`)).json()) as { database: string };
        expect(health.database).toBe('postgres');
        expect((await login(urlOf(app), 'bureau', DEMO_PASSWORD)).status).toBe(200);
      } finally {
        await stop();
      }
      await expect(backupDatabase(config({ databaseUrl }), '/tmp/never')).rejects.toThrow(/pg_dump/);
    });
    // A whole server start with migrations and the demo city: like the embedded first start above, it outlasts 30 s on
    // a loaded machine.
  }, 120_000);
});
