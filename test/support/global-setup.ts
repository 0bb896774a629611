import { randomBytes } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { loadDemo } from '../../src/server/demo/demo.service.ts';
import { TEST_PG_URL, withDatabase } from './environment.ts';

/** The projects whose files start from the demo city: the browser suite and `npm run screenshots`. */
const BROWSER_PROJECTS = ['e2e', 'screens'];

/**
 * Migrates one template per run; every test file then starts from a copy of it: a PGlite data-dir dump,
 * or a PostgreSQL database created WITH TEMPLATE. Each test file gets its own fresh database.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.TEST_DB ?? 'pglite';
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (kind === 'postgres') {
    const template = `zs_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, template) });
    await migrate(database.db);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgDemoTemplate', BROWSER_PROJECTS.includes(project.name) ? await makePostgresDemoTemplate(admin, template, runId) : undefined);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`zs_t%_${runId}%`]);
      for (const row of rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({});
  await migrate(database.db);
  const file = join(tmpdir(), `zs_tpl_${runId}.tar`);
  writeFileSync(file, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
  project.provide('pgliteTemplate', file);
  // The browser suite's files each start from the demo city: load it once here, not once per file (≈ 10 s each).
  const demoFile = join(tmpdir(), `zs_tpl_demo_${runId}.tar`);
  if (BROWSER_PROJECTS.includes(project.name)) {
    await loadDemo(database.db);
    writeFileSync(demoFile, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
    project.provide('pgliteDemoTemplate', demoFile);
  }
  await database.close();
  return () => {
    rmSync(file, { force: true });
    rmSync(demoFile, { force: true });
  };
}

/** The browser suite on PostgreSQL: the demo city loaded once into a template of its own, as on PGlite. */
async function makePostgresDemoTemplate(admin: pg.Client, template: string, runId: string): Promise<string> {
  const demoTemplate = `zs_tpl_demo_${runId}`;
  await admin.query(`create database ${demoTemplate} template ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, demoTemplate) });
  try {
    await loadDemo(database.db);
  } finally {
    await database.close();
  }
  return demoTemplate;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    /** The migrated template with the demo city loaded (the browser suite on PostgreSQL only). */
    pgDemoTemplate: string | undefined;
    pgliteTemplate: string;
    /** The migrated template with the demo city loaded (the browser suite only). */
    pgliteDemoTemplate: string | undefined;
  }
}
