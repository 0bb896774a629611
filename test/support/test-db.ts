import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { TEST_PG_URL, withDatabase } from './environment.ts';

export const TEST_DB_KIND = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** A fresh, migrated database of the suite's kind, copied from the run's template. */
export async function openTestDatabase(): Promise<Database> {
  if (TEST_DB_KIND === 'postgres') return copyPostgresDatabase(inject('pgTemplate'));
  const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
  return openDatabase({ pglite: await PGlite.create({ loadDataDir: blob }) });
}

/** A fresh copy of the demo city's database where the run made one (the browser suite), else null. */
export async function openDemoTemplateDatabase(): Promise<Database | null> {
  if (TEST_DB_KIND === 'postgres') {
    const demo = inject('pgDemoTemplate');
    return demo ? copyPostgresDatabase(demo) : null;
  }
  const demo = inject('pgliteDemoTemplate');
  if (!demo) return null;
  return openDatabase({ pglite: await PGlite.create({ loadDataDir: new Blob([readFileSync(demo)]) }) });
}

/** A new PostgreSQL database made WITH TEMPLATE, named so that the run's teardown drops it (`zs_t…_<runId>…`). */
async function copyPostgresDatabase(template: string): Promise<Database> {
  const name = `zs_t_${template.slice('zs_tpl_'.length)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  return openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
}

/** An empty, unmigrated database, for the migration tests. */
export async function openBlankDatabase(): Promise<Database> {
  if (TEST_DB_KIND === 'postgres') {
    const name = `zs_t_blank_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    const database = await openDatabase({ databaseUrl: withDatabase(TEST_PG_URL, name) });
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: TEST_PG_URL });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  return openDatabase({});
}
