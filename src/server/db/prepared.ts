import { createHash } from 'node:crypto';
import { Column, Placeholder, SQL, is, sql, type SQLWrapper } from 'drizzle-orm';

/**
 * How a value enters a query: inline as an ordinary parameter (the default), or as a named placeholder of a
 * prepared statement. Helpers that build SQL for other areas take one, so a hot query can be prepared whole.
 */
export type Binder = {
  bind(name: string, value: unknown): SQLWrapper;
  /** Records a choice that changes the statement's text (a filter present, a sort, the caller's reach). */
  choose(choice: string): void;
};
export const INLINE: Binder = { bind: (_name, value) => sql`${value}`, choose: () => {} };

/**
 * The parameters of a statement being prepared, and its shape: the names bound and the structural choices made
 * (which filters, which sort). Two requests with the same shape run the same statement text.
 */
export class StatementShape implements Binder {
  readonly values: Record<string, unknown> = {};
  private readonly parts: string[] = [];

  bind(name: string, value: unknown): SQLWrapper {
    this.values[name] = value;
    this.parts.push(name);
    return sql.placeholder(name);
  }

  choose(choice: string): void {
    this.parts.push(choice);
  }

  /** A statement name for the shape: the same on every connection and in every process, never reused for other text. */
  nameFor(prefix: string): string {
    return `${prefix}_${createHash('sha1').update(this.parts.join('|')).digest('hex').slice(0, 16)}`;
  }
}

/**
 * Prepared statements kept by name for each database handle. PostgreSQL then parses and plans each shape once per
 * connection instead of on every request, and the query builder runs once per shape instead of once per request.
 */
export class PreparedStatements<T> {
  private readonly byHandle = new WeakMap<object, Map<string, T>>();

  get(handle: object, name: string, prepare: () => T): T {
    let statements = this.byHandle.get(handle);
    if (!statements) this.byHandle.set(handle, (statements = new Map()));
    let statement = statements.get(name);
    if (!statement) statements.set(name, (statement = prepare()));
    return statement;
  }
}

type Preparable<T> = { toSQL(): { params: unknown[] }; prepare(name: string): T };
type DecodedRows<R> = (rows: unknown[][]) => R[];
type Executable<R> = { execute(values: Record<string, unknown>): Promise<R[]> };

/**
 * Prepares a query whose every value is a placeholder. A value written inline would be frozen into the statement
 * and served to the next caller of the same shape (another unit's scope!), so it is refused here.
 * With `decode` (see `rowsDecoder`), its rows skip drizzle's generic row mapping.
 */
export function prepareShaped<T>(query: Preparable<T>, name: string): T;
export function prepareShaped<T, R>(query: Preparable<T>, name: string, decode: DecodedRows<R>): Executable<R>;
export function prepareShaped<T, R>(query: Preparable<T>, name: string, decode?: DecodedRows<R>): T | Executable<R> {
  const inlined = query.toSQL().params.filter((param) => !(param instanceof Placeholder));
  if (inlined.length > 0) throw new Error(`statement ${name} holds inline values ${JSON.stringify(inlined)}; bind them`);
  const statement = query.prepare(name);
  if (!decode) return statement;
  // Both drivers' prepared queries fetch rows as arrays and hand them to this mapper when one is set (drizzle's
  // relational queries use it); a drizzle upgrade that drops it must fail here, not mis-map rows.
  if (!statement || typeof statement !== 'object' || !('customResultMapper' in statement)) {
    throw new Error(`statement ${name}: this drizzle version's prepared query takes no row mapper`);
  }
  (statement as { customResultMapper: unknown }).customResultMapper = decode;
  return statement as unknown as Executable<R>;
}

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/**
 * A flat selection's rows decoded from the driver's arrays with each field's own decoder: what drizzle's row
 * mapping does, without its per-field type dispatch and nested paths, which cost the project list about a tenth
 * of its CPU under load. The selection must be the one the query selects (same object, same key order).
 */
export function rowsDecoder<R>(selection: Record<string, unknown>): DecodedRows<R> {
  const keys = Object.keys(selection);
  const decoders = keys.map((key): Decoder => {
    const field = selection[key];
    if (is(field, Column)) return field as unknown as Decoder;
    if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
    if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
    throw new Error(`rowsDecoder: ${key} is not a column or an SQL expression (nested selections are not decoded here)`);
  });
  const width = keys.length;
  return (rows) => {
    const out = new Array<R>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length !== width) throw new Error(`rowsDecoder: a row of ${row.length} fields for a selection of ${width}`);
      const record: Record<string, unknown> = {};
      for (let i = 0; i < width; i++) {
        const raw = row[i];
        record[keys[i]!] = raw === null ? null : decoders[i]!.mapFromDriverValue(raw);
      }
      out[r] = record as R;
    }
    return out;
  };
}
