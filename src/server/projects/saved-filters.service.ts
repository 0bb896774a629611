import { and, asc, eq } from 'drizzle-orm';
import { savedFilters } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import type { TSavedFilter } from '../../shared/timeline.ts';

/** A user's own named filters of the project list; nobody else sees them. */
export async function listSavedFilters(ctx: ServiceContext): Promise<TSavedFilter[]> {
  const rows = await ctx.db.select().from(savedFilters).where(eq(savedFilters.userId, ctx.caller.userId)).orderBy(asc(savedFilters.name));
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query as Record<string, string> }));
}

export async function saveFilter(ctx: ServiceContext, input: { name: string; query: Record<string, string> }): Promise<TSavedFilter> {
  try {
    const [row] = await ctx.db
      .insert(savedFilters)
      .values({ userId: ctx.caller.userId, name: input.name, query: input.query, createdAt: ctx.now })
      .returning();
    return { id: row!.id, name: row!.name, query: row!.query as Record<string, string> };
  } catch (error) {
    if (isUniqueViolation(error, 'saved_filters_user_name_key')) throw new AppError('savedFilter.nameTaken', { field: 'name' });
    throw error;
  }
}

export async function deleteSavedFilter(ctx: ServiceContext, id: number): Promise<void> {
  const deleted = await ctx.db
    .delete(savedFilters)
    .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, ctx.caller.userId)))
    .returning({ id: savedFilters.id });
  if (deleted.length === 0) throw notFound('savedFilter');
}
