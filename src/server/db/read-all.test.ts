import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openBlankDatabase } from '../../../test/support/test-db.ts';
import { queryRows, readAll, type Database, type Db } from './client.ts';

/** Which connection answered, and when its 0.2 s read began and ended (the server's clock). */
const timedRead = (db: Db) => async () => {
  const [row] = await queryRows<{ pid: number; began: string; ended: string }>(
    db,
    sql`select pg_backend_pid() as pid, clock_timestamp()::text as began, (select clock_timestamp()::text from pg_sleep(0.2)) as ended`,
  );
  return row!;
};

describe('independent reads, at once where the database can', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openBlankDatabase();
  });
  afterAll(() => database.close());

  it('gives the results in the order asked, with their own types', async () => {
    const [one, words] = await readAll(database.db, [async () => 1, async () => ['签约', '开工']]);
    expect(one + 1).toBe(2);
    expect(words.join('→')).toBe('签约→开工');
  });

  it('inside a transaction, runs them one after another on its one connection, with no driver warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      // Three: node-postgres warns from the third query waiting on a busy connection.
      const reads = await database.db.transaction((tx) => readAll(tx, [timedRead(tx), timedRead(tx), timedRead(tx)]));
      for (const [i, read] of reads.entries()) {
        expect(read.pid).toBe(reads[0]!.pid);
        if (i > 0) expect(read.began >= reads[i - 1]!.ended).toBe(true);
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });

  it('on a PostgreSQL server outside a transaction, runs them at once on two connections', async (ctx) => {
    // Skipped, not passed, on the embedded database: it has one connection (this runs in the postgres suite).
    ctx.skip(database.kind !== 'postgres', 'the embedded database has one connection: runs in the postgres suite');
    const [first, second] = await readAll(database.db, [timedRead(database.db), timedRead(database.db)]);
    expect(second.pid).not.toBe(first.pid);
    expect(second.began < first.ended).toBe(true);
  });
});
