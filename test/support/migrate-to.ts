import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/server/db/client.ts';
import { MIGRATIONS_FOLDER } from '../../src/server/db/migrate.ts';

/**
 * Brings a blank database to an earlier version (up to and including the migration `tag`), recorded as `migrate`
 * records it: a migration test fills it as that version of the app would, then lets `migrate` apply the rest.
 */
export async function migrateTo(db: Db, tag: string): Promise<void> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag}`);
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  await db.transaction(async (tx) => {
    await tx.execute(sql`create table zs_migrations (version integer primary key, tag text not null, hash text not null, applied_at timestamptz not null default now())`);
    for (let i = 0; i <= last; i++) {
      for (const statement of files[i]!.sql) if (statement.trim()) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into zs_migrations (version, tag, hash) values (${i}, ${journal.entries[i]!.tag}, ${files[i]!.hash})`);
    }
  });
}
