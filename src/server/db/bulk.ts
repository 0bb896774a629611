import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';
import { queryRows } from './client.ts';

/**
 * Bulk writes for imports: thousands of rows sent as one JSON parameter and unpacked by PostgreSQL's own
 * `jsonb_to_recordset`, instead of statements with tens of thousands of parameters. Plain PostgreSQL, so the
 * embedded database and a server behave the same. Column names and types come from the schema, never from input.
 */
// Small enough that one statement on the embedded database (which runs in this thread) holds the event loop for
// a fraction of a second; the loop is given back between statements.
const CHUNK = 1000;
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** serial columns are plain integers once written. */
function recordType(sqlType: string): string {
  return sqlType === 'serial' ? 'integer' : sqlType === 'bigserial' ? 'bigint' : sqlType;
}

/**
 * The rows' JSON is unpacked by the schema's property names, so a chunk is sent as `JSON.stringify` writes it
 * (dates as ISO text, absent properties as null) without being copied into objects keyed by column names first.
 */
function unpacking(table: PgTable, rows: Record<string, unknown>[]) {
  const present = new Set<string>();
  for (const row of rows) for (const key in row) present.add(key);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  return {
    names: sql.join(columns.map(([, column]) => sql.identifier(column.name)), sql`, `),
    fields: sql.join(columns.map(([key]) => sql.identifier(key)), sql`, `),
    types: sql.join(columns.map(([key, column]) => sql`${sql.identifier(key)} ${sql.raw(recordType(column.getSQLType()))}`), sql`, `),
  };
}

/**
 * Inserts rows (keyed by the schema's property names; every row must name the same properties). `alongside`, when
 * given, writes in the same statement from the same JSON (a `jsonb` array of the chunk's rows, as sent): the JSON
 * is sent and parsed once for both.
 */
export async function insertJsonRows(db: Db, table: PgTable, rows: Record<string, unknown>[], alongside?: (rows: SQL) => SQL): Promise<void> {
  if (rows.length === 0) return;
  const { names, fields, types } = unpacking(table, rows);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const payload = JSON.stringify(rows.slice(i, i + CHUNK));
    if (!alongside) {
      await db.execute(sql`insert into ${table} (${names}) select ${fields} from jsonb_to_recordset(${payload}::jsonb) as x(${types})`);
    } else {
      const doc = sql`(select rows from doc)`;
      await db.execute(sql`with doc as (select ${payload}::jsonb as rows),
        inserted as (insert into ${table} (${names}) select ${fields} from jsonb_to_recordset(${doc}) as x(${types}))
        ${alongside(doc)}`);
    }
    await yieldToOthers();
  }
}

/** Takes `count` ids from a table's serial sequence, so rows can be written with their ids known beforehand. */
export async function takeIds(db: Db, table: PgTable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { name } = getTableConfig(table);
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${name}, 'id'))::int as id from generate_series(1, ${count}::int) order by 1`,
  );
  return rows.map((r) => r.id);
}


/**
 * `column = any($1)` with the values as one array parameter: for thousands of values, far cheaper to send and
 * plan than `in ($1, …, $5000)`.
 */
export function anyOf(column: AnyPgColumn, values: readonly (string | number)[], type: 'int' | 'text'): SQL {
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(type)}[])`;
}
