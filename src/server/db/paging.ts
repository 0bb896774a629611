import { sql } from 'drizzle-orm';

export type PageRequest = { page: number; pageSize: number };
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/**
 * Selected beside a list's columns, the total number of matching rows comes with the page in one scan,
 * instead of a second COUNT query that filters everything again.
 */
export const totalCount = () => sql<number>`count(*) over()`.mapWith(Number);

export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

/**
 * Splits `total` off the rows. A page past the end has no row to carry the total, so `countAll` is asked then.
 */
export async function toPage<R extends { total: number }, T>(
  rows: R[],
  request: PageRequest,
  countAll: () => Promise<number>,
  map: (rows: Omit<R, 'total'>[]) => Promise<T[]>,
): Promise<Page<T>> {
  const total = rows[0]?.total ?? (request.page > 1 ? await countAll() : 0);
  const items = await map(rows.map(({ total: _total, ...row }) => row));
  return { items, total, page: request.page, pageSize: request.pageSize };
}
