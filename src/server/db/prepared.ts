import { createHash } from 'node:crypto';
import { Placeholder, sql, type SQLWrapper } from 'drizzle-orm';

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

/**
 * Prepares a query whose every value is a placeholder. A value written inline would be frozen into the statement
 * and served to the next caller of the same shape (another unit's scope!), so it is refused here.
 */
export function prepareShaped<T>(query: Preparable<T>, name: string): T {
  const inlined = query.toSQL().params.filter((param) => !(param instanceof Placeholder));
  if (inlined.length > 0) throw new Error(`statement ${name} holds inline values ${JSON.stringify(inlined)}; bind them`);
  return query.prepare(name);
}
