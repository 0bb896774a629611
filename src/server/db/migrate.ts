import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { queryRows, type Db } from './client.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export type MigrationState = { version: number; tag: string };

type Migration = { index: number; tag: string; hash: string; statements: string[] };

export class MigrationError extends Error {}

function loadMigrations(): Migration[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  return files.map((file, i) => ({ index: i, tag: journal.entries[i]!.tag, hash: file.hash, statements: file.sql }));
}

/**
 * Applies pending migrations in ONE transaction, so a failure leaves the schema as it was.
 * Refuses to go on when the database holds a schema this code did not make: tables without a migration
 * record, a recorded migration whose file changed, or more migrations than this code knows.
 */
export async function migrate(db: Db): Promise<MigrationState> {
  const migrations = loadMigrations();
  return db.transaction(async (tx) => {
    // One starter at a time on a shared server.
    await tx.execute(sql`select pg_advisory_xact_lock(727001)`);
    // Created only when missing: the app's own role (README › PostgreSQL) may not create anything, even "if not exists".
    const [present] = await queryRows<{ present: boolean }>(tx, sql`select to_regclass('zs_migrations') is not null as present`);
    if (!present?.present) {
      await tx.execute(sql`create table zs_migrations (
        version integer primary key, tag text not null, hash text not null,
        applied_at timestamptz not null default now())`);
    }
    const applied = await queryRows<{ version: number; tag: string; hash: string }>(
      tx,
      sql`select version, tag, hash from zs_migrations order by version`,
    );
    if (applied.length === 0) await refuseForeignTables(tx);
    for (const row of applied) {
      const known = migrations[row.version];
      if (!known) {
        throw new MigrationError(
          `database schema is at migration ${row.version} (${row.tag}), newer than this version of zhaoshang knows; refusing to start`,
        );
      }
      if (known.hash !== row.hash) {
        throw new MigrationError(`migration ${row.version} (${row.tag}) differs from the one applied to this database; refusing to start`);
      }
    }
    for (const migration of migrations.slice(applied.length)) {
      for (const statement of migration.statements) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into zs_migrations (version, tag, hash) values (${migration.index}, ${migration.tag}, ${migration.hash})`,
      );
    }
    const last = migrations[migrations.length - 1]!;
    return { version: last.index, tag: last.tag };
  });
}

async function refuseForeignTables(tx: Db): Promise<void> {
  const tables = await queryRows<{ table_name: string }>(
    tx,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_name <> 'zs_migrations'`,
  );
  if (tables.length > 0) {
    throw new MigrationError(
      `database has tables (${tables.map((t) => t.table_name).join(', ')}) but no migration record: a half-migrated or foreign schema; refusing to start`,
    );
  }
}

export function latestMigration(): MigrationState {
  const migrations = loadMigrations();
  const last = migrations[migrations.length - 1]!;
  return { version: last.index, tag: last.tag };
}
