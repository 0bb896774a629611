import cluster from 'node:cluster';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromEnv, type AppConfig } from '../server/config.ts';
import { serve, workerConfig } from '../server/workers.ts';
import { REMINDER_JOB } from '../server/reminders/reminders.job.ts';
import { DEMO_PASSWORD } from '../server/demo/demo-data.ts';
import { TEST_DB_KIND } from '../../test/support/test-db.ts';
import { withScratchDatabase } from '../../test/support/environment.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function config(overrides: Partial<AppConfig>): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-workers-'));
  folders.push(dataDir);
  return { ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir, ...overrides };
}

describe('zhaoshang serve --workers', () => {
  it('reads ZHAOSHANG_WORKERS: one process unless told, a positive whole number', () => {
    expect(configFromEnv({}).workers).toBe(1);
    expect(configFromEnv({ ZHAOSHANG_WORKERS: '3' }).workers).toBe(3);
    expect(() => configFromEnv({ ZHAOSHANG_WORKERS: '0' })).toThrow(/ZHAOSHANG_WORKERS/);
    expect(() => configFromEnv({ ZHAOSHANG_WORKERS: 'two' })).toThrow(/ZHAOSHANG_WORKERS/);
  });

  it('refuses several processes on the embedded database, before opening it', async () => {
    const embedded = config({ databaseUrl: undefined, workers: 2 });
    await expect(serve(embedded, () => {})).rejects.toThrow(/2 workers need a PostgreSQL server \(DATABASE_URL\)/);
    expect(existsSync(join(embedded.dataDir, 'db'))).toBe(false);
  });

  it('leaves the scheduled jobs to the primary: a worker never runs the reminder job', () => {
    const workers = workerConfig(config({ databaseUrl: 'postgres://x/y', workers: 2, reminders: true }));
    expect(workers.reminders).toBe(false);
    expect(workers.workers).toBe(2);
  });
});

describe.skipIf(TEST_DB_KIND !== 'postgres')('zhaoshang serve --workers 2 on a PostgreSQL server', () => {
  it('serves from two processes, a session made on one valid on any, the jobs run by the primary; stop ends them all', async () => {
    await withScratchDatabase('zs_t_workers', async (databaseUrl) => {
      const lines: string[] = [];
      const { port, stop } = await serve(config({ databaseUrl, workers: 2, reminders: true }), (line) => lines.push(line));
      try {
        expect(Object.keys(cluster.workers ?? {})).toHaveLength(2);
        expect(lines.join('\n')).toContain('2 server processes (workers) share the port');
        expect(lines.filter((line) => line.includes('loaded the demo city'))).toHaveLength(1);
        const base = `http://127.0.0.1:${port}`;
        const login = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'bureau', password: DEMO_PASSWORD }),
        });
        expect(login.status).toBe(200);
        const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
        // Fresh connections, spread over the processes by the primary.
        const totals = await Promise.all(
          Array.from({ length: 12 }, async () => {
            const response = await fetch(`${base}/api/projects?pageSize=5`, { headers: { cookie, connection: 'close' } });
            expect(response.status).toBe(200);
            return ((await response.json()) as { total: number }).total;
          }),
        );
        expect(new Set(totals).size).toBe(1);

        // Every process now holds the session in its cache; a logout in one is relayed to the others at once,
        // well within the cache's 2 s.
        const logout = await fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { cookie, connection: 'close' } });
        expect(logout.status).toBeLessThan(300);
        await expect
          .poll(async () => {
            const statuses = [];
            for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/api/projects`, { headers: { cookie, connection: 'close' } })).status);
            return statuses;
          }, { timeout: 1_000, interval: 50 })
          .toEqual([401, 401, 401, 401]);
        const runs = new pg.Client({ connectionString: databaseUrl });
        await runs.connect();
        try {
          await expect.poll(async () => (await runs.query('select count(*)::int as n from job_runs where name = $1', [REMINDER_JOB])).rows[0].n).toBe(1);
        } finally {
          await runs.end();
        }
      } finally {
        await stop();
      }
      expect(Object.keys(cluster.workers ?? {})).toHaveLength(0);
    });
  }, 90_000); // two processes load the app from source: slow on a busy machine
});
