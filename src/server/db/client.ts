import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema.ts';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.ts';

export type Schema = typeof schema;
/** Both drivers give the same query builder; services only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  /** Runs raw SQL that may hold several statements (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for backups; absent on a PostgreSQL server. */
  pglite?: PGlite;
  /** The embedded data folder's lock, held until close (db/data-folder-lock.ts). */
  lock?: DataFolderLock;
};

export type OpenOptions = { databaseUrl?: string; dataDir?: string; pglite?: PGlite };

// node-postgres returns int8 as strings; our bigints are whole 元 well inside 2^53.
pg.types.setTypeParser(20, (value) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
});

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  // A data folder is opened by one process at a time: the lock comes first and is held until close.
  const lock = !options.pglite && options.dataDir ? lockDataFolder(options.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = options.pglite ?? (await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {}));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = drizzlePglite(yieldingBeforeQueries(pglite), { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    lock,
    execScript: async (script) => {
      await pglite.exec(script);
    },
    close: async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The embedded database runs each statement in this thread, and a chain of awaited statements never passes back
 * through the event loop on its own: a long import would hold every other request (even one that needs no
 * database) until it finished. Giving the loop back before each statement keeps the server answering.
 */
function yieldingBeforeQueries(pglite: PGlite): PGlite {
  type Queryable = Pick<PGlite, 'query'>;
  const wrap = <T extends Queryable>(client: T): T => {
    const query = client.query.bind(client) as Queryable['query'];
    return new Proxy(client, {
      get(target, key, receiver) {
        if (key === 'query') return async (...args: Parameters<Queryable['query']>) => (await yieldToOthers(), query(...args));
        if (key === 'transaction' && key in target) {
          const transaction = (target as unknown as PGlite).transaction.bind(target);
          return (callback: (tx: Queryable) => Promise<unknown>) => transaction((tx) => callback(wrap(tx as Queryable)));
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return wrap(pglite);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not take the process down;
  // the pool replaces it on next use.
  pool.on('error', (error) => console.warn(`zhaoshang: idle database connection lost: ${error.message}`));
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    execScript: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}

/** Rows of a raw SQL query; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs independent reads at once where `db` can — a pool gives each its own connection — and one after another in
 * a transaction, whose one connection takes one query at a time (node-postgres queues them for now, with a
 * deprecation warning, and will refuse them from version 9).
 */
export async function readAll<const T extends readonly (() => Promise<unknown>)[]>(
  db: Db,
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as never;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as never;
}
