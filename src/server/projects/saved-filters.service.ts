import { and, asc, eq } from 'drizzle-orm';
import { savedFilters } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import type { TSavedFilter } from '../../shared/timeline.ts';

type FilterRow = typeof savedFilters.$inferSelect;

const toFilter = (row: FilterRow): TSavedFilter => ({ id: row.id, name: row.name, query: row.query as Record<string, string> });

/** A user's own named filters of the project list; nobody else sees them. */
export async function listSavedFilters(ctx: ServiceContext): Promise<TSavedFilter[]> {
  const rows = await ctx.db.select().from(savedFilters).where(eq(savedFilters.userId, ctx.caller.userId)).orderBy(asc(savedFilters.name));
  return rows.map(toFilter);
}

export async function saveFilter(ctx: ServiceContext, input: { name: string; query: Record<string, string> }): Promise<TSavedFilter> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(savedFilters)
        .values({ userId: ctx.caller.userId, name: input.name, query: input.query, createdAt: ctx.now })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'savedFilter', entityId: row!.id, unitId: ctx.caller.unitId, action: 'create', after: row });
      return toFilter(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'saved_filters_user_name_key')) throw new AppError('savedFilter.nameTaken', { field: 'name' });
    throw error;
  }
}

export async function deleteSavedFilter(ctx: ServiceContext, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(savedFilters)
      .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, ctx.caller.userId)))
      .returning();
    if (!deleted) throw notFound('savedFilter');
    await recordAudit(tx, actorOf(ctx), { entity: 'savedFilter', entityId: id, unitId: ctx.caller.unitId, action: 'delete', before: deleted });
  });
}
