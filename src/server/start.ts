import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { scheduleCandidateLists } from './chains/candidate-lists.job.ts';
import { pgliteDir, type AppConfig } from './config.ts';
import { scheduleDuplicateScan } from './duplicates/duplicate-claims.job.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate, type MigrationState } from './db/migrate.ts';
import { prepareEnterpriseSearch } from './enterprises/enterprise-search.ts';
import { isDatabaseEmpty, loadDemo } from './demo/demo.service.ts';
import { createCityAndAdmin } from './setup/setup.service.ts';
import { purgeIdleSessions } from './auth/auth.service.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-data.ts';
import type { ZApp } from './deps.ts';
import { scheduleReminderJob } from './reminders/reminders.job.ts';

/** Opens the configured database (embedded unless DATABASE_URL is set) and brings its schema up to date. */
export async function openAndMigrate(config: AppConfig): Promise<{ database: Database; migration: MigrationState }> {
  let database: Database;
  if (config.databaseUrl) {
    database = await openDatabase({ databaseUrl: config.databaseUrl });
  } else {
    mkdirSync(pgliteDir(config), { recursive: true });
    database = await openDatabase({ dataDir: pgliteDir(config) });
  }
  try {
    const migration = await migrate(database.db);
    // Search documents the migrations could not compute (pinyin is the app's): rows from before issue 13, and every
    // row again when the token rules changed (ENTERPRISE_SEARCH_VERSION).
    await prepareEnterpriseSearch(database.db);
    return { database, migration };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export type FirstStart = { kind: 'demo' } | { kind: 'admin'; username: string; password: string } | { kind: 'existing' };

/** Fills an empty database once: the demo city, or a bare city with an admin. Never reloads over data. */
export async function prepareFirstStart(database: Database, config: AppConfig): Promise<FirstStart> {
  if (!(await isDatabaseEmpty(database.db))) return { kind: 'existing' };
  if (config.demo) {
    await loadDemo(database.db);
    return { kind: 'demo' };
  }
  return { kind: 'admin', ...(await createCityAndAdmin(database.db, { cityCode: config.cityCode, cityName: config.cityName })) };
}

export async function startServer(config: AppConfig, log: (line: string) => void = console.log): Promise<{ app: ZApp; stop: () => Promise<void> }> {
  refuseWorkersOnEmbedded(config);
  const { database, migration } = await openAndMigrate(config);
  const firstStart = await prepareFirstStart(database, config);
  const clock = () => new Date();
  const app = await buildServerApp(config, database, migration, clock);
  await app.listen({ port: config.port, host: config.host });
  // A command refused on this data folder names the port to use instead.
  database.lock?.describe({ port: (app.server.address() as { port: number }).port });
  const stopJobs = scheduleJobs(database, config, clock, log);
  announce(config, database.kind, migration, firstStart, log);
  return {
    app,
    stop: async () => {
      stopJobs();
      await app.close();
      await database.close();
    },
  };
}

/** The embedded database lives inside one process: several server processes need a PostgreSQL server. */
export function refuseWorkersOnEmbedded(config: AppConfig): void {
  if (config.workers > 1 && !config.databaseUrl) {
    throw new Error(
      `${config.workers} workers need a PostgreSQL server (DATABASE_URL): the embedded database belongs to one process; start without --workers / ZHAOSHANG_WORKERS`,
    );
  }
}

export function buildServerApp(config: AppConfig, database: Database, migration: MigrationState, clock: () => Date): Promise<ZApp> {
  return buildApp({
    db: database.db,
    databaseKind: database.kind,
    migration,
    clock,
    auth: { idleMinutes: config.idleMinutes },
    demo: config.demo,
    secureCookies: config.secureCookies,
    allowedOrigins: config.allowedOrigins,
    webhooks: { extraHosts: config.webhookHosts },
    trustProxy: config.trustProxy || undefined,
    logger: { level: process.env.LOG_LEVEL || 'warn' },
  });
}

/** The scheduled jobs (idle sessions purged, deadline reminders): one process of a deployment runs them. */
export function scheduleJobs(database: Database, config: AppConfig, clock: () => Date, log: (line: string) => void): () => void {
  const purge = setInterval(() => void purgeIdleSessions(database.db, clock(), { idleMinutes: config.idleMinutes }), 10 * 60_000);
  purge.unref();
  const stopReminders = config.reminders ? scheduleReminderJob(database.db, clock, log, { extraHosts: config.webhookHosts }) : () => {};
  // The stored candidate lists pay off over a large library on a PostgreSQL server; the embedded database (one process,
  // a small library) answers live, and its requests never wait behind a rebuild (docs/decisions.md, issue 14).
  const stopCandidateLists = database.kind === 'postgres' ? scheduleCandidateLists(database.db, clock, log) : () => {};
  const stopDuplicateScan = scheduleDuplicateScan(database.db, clock, log);
  return () => {
    clearInterval(purge);
    stopReminders();
    stopDuplicateScan();
    stopCandidateLists();
  };
}

export function announce(config: AppConfig, kind: Database['kind'], migration: MigrationState, firstStart: FirstStart, log: (line: string) => void): void {
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  log(`zhaoshang 招商 is running at http://${shownHost}:${config.port}`);
  log(`database: ${kind === 'pglite' ? `embedded PostgreSQL in ${pgliteDir(config)}` : 'PostgreSQL server (DATABASE_URL)'}, migration ${migration.version} (${migration.tag})`);
  if (config.workers > 1) log(`${config.workers} server processes (workers) share the port`);
  if (firstStart.kind === 'demo') log('loaded the demo city 襄阳 (first start)');
  if (firstStart.kind === 'admin') {
    log(`created the city "${config.cityName}" and the account admin with the initial password: ${firstStart.password}`);
    log('it must be changed at first login; it is not shown again.');
  }
  if (config.demo) {
    log(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) log(`  ${user.username.padEnd(12)} ${user.role.padEnd(11)} ${user.note}`);
  }
}
