import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { leaderLevels } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import type { TLeaderLevel } from '../../shared/activities.ts';

/**
 * 带队级别 (issue 6): who may lead a trip is the bureau's list — renamed, added to, deactivated — each level with
 * the role the metrics read ('principal' for 主要领导带队, 'principal' or 'leader' for 领导带队).
 */
export async function listLeaderLevels(db: Db): Promise<TLeaderLevel[]> {
  return db.select().from(leaderLevels).orderBy(asc(leaderLevels.sort), asc(leaderLevels.key)) as Promise<TLeaderLevel[]>;
}

/** An active level for a new trip, or a refusal naming the field. */
export async function requireActiveLevel(db: Db, key: string, field: string): Promise<TLeaderLevel> {
  const [level] = await db.select().from(leaderLevels).where(eq(leaderLevels.key, key));
  if (!level || !level.active) throw new AppError('validation.invalid', { field, params: { detail: key } });
  return level as TLeaderLevel;
}

export async function setLeaderLevels(ctx: ServiceContext, items: TLeaderLevel[]): Promise<TLeaderLevel[]> {
  assertCanAdminister(ctx.caller);
  const keys = items.map((i) => i.key);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate) throw new AppError('validation.invalid', { field: `items.${keys.lastIndexOf(duplicate)}.key`, params: { detail: duplicate } });
  await ctx.db.transaction(async (tx) => {
    const before = await listLeaderLevels(tx);
    for (const item of items) {
      await tx.insert(leaderLevels).values(item).onConflictDoUpdate({ target: leaderLevels.key, set: item });
    }
    // A level left out of the list is deactivated: trips that name it keep it.
    for (const gone of before.filter((b) => !keys.includes(b.key) && b.active)) {
      await tx.update(leaderLevels).set({ active: false }).where(eq(leaderLevels.key, gone.key));
    }
    await recordAudit(tx, actorOf(ctx), { entity: 'leaderLevels', entityId: 0, unitId: ctx.caller.unitId, action: 'update', before, after: await listLeaderLevels(tx) });
  });
  return listLeaderLevels(ctx.db);
}
