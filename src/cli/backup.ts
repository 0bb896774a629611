import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteDir, type AppConfig } from '../server/config.ts';
import { migrate } from '../server/db/migrate.ts';
import { openDatabase } from '../server/db/client.ts';
import { lockDataFolder } from '../server/db/data-folder-lock.ts';

const PG_DUMP_HINT =
  'DATABASE_URL is set: back up a PostgreSQL server with its own tools, e.g.\n' +
  '  pg_dump --format=custom --file=zhaoshang.dump "$DATABASE_URL"\n' +
  '  pg_restore --clean --if-exists --dbname="$DATABASE_URL" zhaoshang.dump\n' +
  '(see README › Deployment on PostgreSQL)';

/**
 * A consistent copy of the embedded database: PGlite writes its whole data folder as one gzip'd tarball
 * from a running instance, so the copy is taken through the engine, never by copying files under it.
 * The server must be stopped: the embedded database has one process at a time.
 */
export async function backupDatabase(config: AppConfig, file: string): Promise<number> {
  if (config.databaseUrl) throw new Error(PG_DUMP_HINT);
  const dir = pgliteDir(config);
  if (!existsSync(dir)) throw new Error(`no embedded database in ${dir}`);
  // Opened like any other opener of the folder: refused while the server (or another command) holds it.
  const database = await openDatabase({ dataDir: dir });
  try {
    const blob = await database.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await blob.arrayBuffer());
    writeFileSync(file, bytes);
    return bytes.length;
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into the data folder. The current database, if any, is kept aside as db.before-restore-<time>.
 * The restored copy is opened and its migrations checked before it is put in place.
 */
export async function restoreDatabase(config: AppConfig, file: string, now = new Date()): Promise<string | null> {
  if (config.databaseUrl) throw new Error(PG_DUMP_HINT);
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const dir = pgliteDir(config);
  mkdirSync(dirname(dir), { recursive: true });
  // The folder is replaced under the lock: never while the server (or another command) has it open.
  const lock = lockDataFolder(dir);
  try {
    return await restoreLocked(dir, file, now);
  } finally {
    lock.release();
  }
}

async function restoreLocked(dir: string, file: string, now: Date): Promise<string | null> {
  const staging = `${dir}.restoring`;
  if (existsSync(staging)) throw new Error(`${staging} exists: an earlier restore was interrupted; remove it first`);
  const blob = new Blob([readFileSync(file)]);
  mkdirSync(staging, { recursive: true });
  const restored = await openDatabase({ pglite: await PGlite.create({ dataDir: staging, loadDataDir: blob }) });
  try {
    await migrate(restored.db);
  } finally {
    await restored.close();
  }
  let keptAside: string | null = null;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    keptAside = `${dir}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, keptAside);
  }
  renameSync(staging, dir);
  return keptAside;
}
