import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openBlankDatabase } from '../../../test/support/test-db.ts';
import { queryRows, type Database, type Db } from './client.ts';
import { latestMigration, migrate, MigrationError } from './migrate.ts';

/** What a migration could change: tables and columns, triggers, and the migration record. */
async function schemaOf(db: Db) {
  return {
    columns: await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      db,
      sql`select table_name, column_name, data_type from information_schema.columns where table_schema = 'public' order by 1, 2`,
    ),
    triggers: await queryRows<{ tgname: string }>(db, sql`select tgname from pg_trigger where not tgisinternal order by 1`),
    migrations: await recorded(db),
  };
}

async function recorded(db: Db) {
  const exists = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from information_schema.tables where table_name = 'zs_migrations'`);
  if (exists[0]!.n === 0) return [];
  return queryRows<{ version: number; tag: string; hash: string; applied_at: unknown }>(db, sql`select * from zs_migrations order by version`);
}

async function tables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(db, sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
  return rows.map((r) => r.table_name);
}

describe('migrations', { timeout: 120_000 }, () => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
  });
  async function blank(): Promise<Db> {
    const database = await openBlankDatabase();
    opened.push(database);
    return database.db;
  }

  it('bring a blank database to the latest version, and running them again changes nothing', async () => {
    const db = await blank();
    const latest = latestMigration();
    expect(await migrate(db)).toEqual(latest);
    const migrations = await recorded(db);
    expect(migrations.map((m) => m.version)).toEqual([...Array(latest.version + 1).keys()]);
    expect(migrations[migrations.length - 1]!.tag).toBe(latest.tag);
    expect(await tables(db)).toEqual(expect.arrayContaining(['audit_log', 'enterprises', 'projects', 'sessions', 'units', 'users', 'zs_migrations']));
    const after = await schemaOf(db);

    expect(await migrate(db)).toEqual(latest);
    expect(await schemaOf(db)).toEqual(after);
  });

  it('two starters at once apply every migration once', async () => {
    const db = await blank();
    const results = await Promise.all([migrate(db), migrate(db)]);
    expect(results).toEqual([latestMigration(), latestMigration()]);
    expect((await recorded(db)).length).toBe(latestMigration().version + 1);
  });

  it('refuse a database that has tables but no migration record, applying nothing', async () => {
    const db = await blank();
    await db.execute(sql`create table customers (id integer primary key, name text)`);
    const before = await schemaOf(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db)).rejects.toThrow(/customers/);
    expect(await schemaOf(db)).toEqual(before);
    expect(await tables(db)).toEqual(['customers']);
  });

  it('refuse a database where a recorded migration differs from this code’s', async () => {
    const db = await blank();
    await migrate(db);
    await db.execute(sql`update zs_migrations set hash = 'edited-after-the-fact' where version = 0`);
    const before = await schemaOf(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db)).rejects.toThrow(/migration 0 .* differs/);
    expect(await schemaOf(db)).toEqual(before);
  });

  it('refuse a database with more migrations recorded than this code knows', async () => {
    const db = await blank();
    await migrate(db);
    const next = latestMigration().version + 1;
    await db.execute(sql`insert into zs_migrations (version, tag, hash) values (${next}, ${`${String(next).padStart(4, '0')}_from_the_future`}, 'x')`);
    const before = await schemaOf(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(db)).rejects.toThrow(/newer than this version/);
    expect(await schemaOf(db)).toEqual(before);
  });
});
