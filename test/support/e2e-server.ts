import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, WEB_DIST } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { latestMigration, migrate } from '../../src/server/db/migrate.ts';
import { loadDemo } from '../../src/server/demo/demo.service.ts';
import { runReminderJob } from '../../src/server/reminders/reminders.job.ts';
import { openDemoTemplateDatabase, openTestDatabase } from './test-db.ts';

export type E2eServer = { url: string; close(): Promise<void> };

/**
 * The real app, in-process, for browser tests: a fresh migrated database with the demo city 襄阳 loaded (and
 * today's reminders made, as a started server makes them),
 * the built web app from dist/web (run `npm run build` first), listening on a free port of 127.0.0.1.
 */
export async function startE2eServer(options: { idleMinutes?: number; embedded?: boolean } = {}): Promise<E2eServer> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app in ${WEB_DIST}: run \`npm run build\` before the browser suite`);
  }
  const copied = options.embedded ? null : await openDemoTemplateDatabase();
  const database = copied ?? (options.embedded ? await openEmbeddedDatabase() : await openTestDatabase());
  try {
    if (!copied) await loadDemo(database.db);
    // As `zhaoshang serve` does when it starts: today's deadline reminders are in the bell.
    await runReminderJob({ db: database.db, now: new Date() });
    const app = await buildApp({
      db: database.db,
      databaseKind: database.kind,
      migration: latestMigration(),
      clock: () => new Date(),
      auth: { idleMinutes: options.idleMinutes ?? 30 },
      demo: true,
      secureCookies: false,
      webDist: WEB_DIST,
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: address,
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The embedded database the product starts on by default (PGlite, in memory), migrated here: for the journey that
 * proves the default install in a browser while the rest of the suite runs on the PostgreSQL server.
 */
async function openEmbeddedDatabase() {
  const database = await openDatabase({});
  await migrate(database.db);
  return database;
}
