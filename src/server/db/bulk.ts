import { getTableColumns, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
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

/**
 * Statements sent without waiting for each one's answer: each starts when the one before it has finished, so they
 * run in order (a transaction's all on its one connection), while this thread goes on preparing the next. On a
 * PostgreSQL server both then work at once, on two cores; the embedded database runs them in this thread either
 * way. A statement that fails keeps the ones after it from starting, and `flush` throws its error.
 */
export class Pipeline {
  #last: Promise<unknown> = Promise.resolve();
  #stopped = false;

  constructor(readonly db: Db) {}

  /** Runs `statement` after every one run before; await the answer only where it is needed (reads). */
  run<T>(statement: () => PromiseLike<T>): Promise<T> {
    const result = this.#last.then(() => {
      if (this.#stopped) throw new Error('pipeline stopped');
      return statement();
    });
    this.#last = result;
    result.catch(() => {}); // answered by `flush`, or by whoever awaits the result
    return result;
  }

  /** Waits for every statement run so far; throws the first failure. */
  async flush(): Promise<void> {
    await this.#last;
  }

  /** After a failure: starts nothing more and waits for the statement running, so that none outlives its transaction. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#last.catch(() => {});
  }
}

/** Runs `work` with a pipeline on `db`, all of whose statements have finished when it returns or throws. */
export async function pipelined<T>(db: Db, work: (pipeline: Pipeline) => Promise<T>): Promise<T> {
  const pipeline = new Pipeline(db);
  try {
    const result = await work(pipeline);
    await pipeline.flush();
    return result;
  } catch (error) {
    await pipeline.stop();
    throw error;
  }
}

/** serial columns are plain integers once written. */
function recordType(sqlType: string): string {
  return sqlType === 'serial' ? 'integer' : sqlType === 'bigserial' ? 'bigint' : sqlType;
}

/**
 * A column written beside the schema's own, outside the Drizzle table (a search document, say): read from the rows'
 * JSON under `key` as `type`, and written as `value` of it (the field itself when not given).
 */
export type ExtraColumn = { name: string; key: string; type: 'text' | 'integer'; value?: (field: SQLWrapper) => SQL };

/**
 * The rows' JSON is unpacked by the schema's property names, so a chunk is sent as `JSON.stringify` writes it
 * (dates as ISO text, absent properties as null) without being copied into objects keyed by column names first.
 */
function unpacking(table: PgTable, rows: Record<string, unknown>[], extra: readonly ExtraColumn[] = []) {
  const present = new Set<string>();
  for (const row of rows) for (const key in row) present.add(key);
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  return {
    names: sql.join([...columns.map(([, column]) => sql.identifier(column.name)), ...extra.map((c) => sql.identifier(c.name))], sql`, `),
    fields: sql.join(
      [...columns.map(([key]) => sql.identifier(key)), ...extra.map((c) => (c.value ? c.value(sql.identifier(c.key)) : sql.identifier(c.key)))],
      sql`, `,
    ),
    types: sql.join(
      [
        ...columns.map(([key, column]) => sql`${sql.identifier(key)} ${sql.raw(recordType(column.getSQLType()))}`),
        ...extra.map((c) => sql`${sql.identifier(c.key)} ${sql.raw(c.type)}`),
      ],
      sql`, `,
    ),
  };
}

/**
 * Inserts rows (keyed by the schema's property names; every row must name the same properties). `alongside`, when
 * given, writes in the same statement from the same JSON (a `jsonb` array of the chunk's rows, as sent): the JSON
 * is sent and parsed once for both. `extra` columns are written beside the table's own in the same row. Through a
 * pipeline, it returns once the statements are sent.
 */
export async function insertJsonRows(
  target: Db | Pipeline,
  table: PgTable,
  rows: Record<string, unknown>[],
  alongside?: (rows: SQL) => SQL,
  extra: readonly ExtraColumn[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  if (!(target instanceof Pipeline)) return pipelined(target, (pipeline) => insertJsonRows(pipeline, table, rows, alongside, extra));
  const pipeline = target;
  const { names, fields, types } = unpacking(table, rows, extra);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const payload = JSON.stringify(rows.slice(i, i + CHUNK));
    const doc = sql`(select rows from doc)`;
    const statement = alongside
      ? sql`with doc as (select ${payload}::jsonb as rows),
          inserted as (insert into ${table} (${names}) select ${fields} from jsonb_to_recordset(${doc}) as x(${types}))
          ${alongside(doc)}`
      : sql`insert into ${table} (${names}) select ${fields} from jsonb_to_recordset(${payload}::jsonb) as x(${types})`;
    void pipeline.run(() => pipeline.db.execute(statement));
    await yieldToOthers();
  }
}

/**
 * Takes `count` ids from a table's serial sequence, so rows can be written with their ids known beforehand. The
 * sequence is looked up once (not once per id), and the ids come back as one JSON array: ten thousand one-column
 * rows cost both drivers more to send and read.
 */
export async function takeIds(db: Db, table: PgTable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { name } = getTableConfig(table);
  const [row] = await queryRows<{ ids: string }>(
    db,
    sql`select json_agg(id order by id)::text as ids from (
          select nextval((select pg_get_serial_sequence(${name}, 'id')::regclass))::int as id from generate_series(1, ${count}::int)
        ) taken`,
  );
  return JSON.parse(row!.ids) as number[];
}


/**
 * `column = any($1)` with the values as one array parameter: for thousands of values, far cheaper to send and
 * plan than `in ($1, …, $5000)`.
 */
export function anyOf(column: AnyPgColumn, values: readonly (string | number)[], type: 'int' | 'text'): SQL {
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(type)}[])`;
}
