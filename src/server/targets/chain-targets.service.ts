import { and, asc, eq } from 'drizzle-orm';
import { chains, chainTargets } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { metricGroups, metricScope } from '../metrics/metrics.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { isActivitySpec, isSummable, METRICS } from '../../domain/metrics.ts';
import { percentText } from '../../domain/rates.ts';
import type { TChainTargetList, TSetChainTargetsRequest } from '../../shared/targets.ts';

/**
 * Chain targets (issue 14): the targets grid's chain rows. The bureau sets them for the city; everyone reads them, and
 * each reader's figures are the year to date of the projects confirmed on the chain's links inside the unit chosen
 * (the caller's own by default) — the cockpit's breakdown by chain over 1 January to today, the same definitions.
 */

/** Amounts and counts of projects and funds: what a chain can be measured by (trips, visits, events and leads cannot). */
export const CHAIN_TARGETABLE = METRICS.filter((m) => isSummable(m) && !isActivitySpec(m.spec));
const CHAIN_TARGETABLE_KEYS = new Set(CHAIN_TARGETABLE.map((m) => m.key));

export async function listChainTargets(ctx: ServiceContext, year: number, unitId: number | undefined): Promise<TChainTargetList> {
  const today = chinaToday(ctx.now);
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  const started = asOf >= `${year}-01-01`;
  // A year not begun has no figures yet: the period is its first day, whose figures are empty.
  const scope = await metricScope(ctx, unitId, { from: `${year}-01-01`, to: started ? asOf : `${year}-01-01` });
  const [all, set, groups] = await Promise.all([
    ctx.db.select().from(chains).orderBy(asc(chains.position), asc(chains.id)),
    ctx.db.select().from(chainTargets).where(eq(chainTargets.year, year)),
    started ? metricGroups(ctx, CHAIN_TARGETABLE, scope, 'chain') : Promise.resolve(new Map<string, (number | null)[]>()),
  ]);
  const targetOf = new Map(set.map((t) => [`${t.chainId}:${t.metricKey}`, t.value]));
  const listed = all.filter((c) => c.active || set.some((t) => t.chainId === c.id));
  return {
    year,
    unitId: scope.unit.id,
    unitName: scope.unitName,
    asOf,
    metricKeys: CHAIN_TARGETABLE.map((m) => m.key),
    items: listed.map((chain) => ({
      chainId: chain.id,
      name: chain.name,
      nameEn: chain.nameEn,
      active: chain.active,
      cells: CHAIN_TARGETABLE.map((m, i) => {
        const value = groups.get(String(chain.id))?.[i] ?? 0;
        const target = targetOf.get(`${chain.id}:${m.key}`) ?? null;
        return { metricKey: m.key, target, value, completion: target === null ? null : (percentText(value, target) ?? null) };
      }),
    })),
  };
}

/** The bureau sets or clears chain cells of the year's grid, all in one transaction, each change in the audit trail. */
export async function setChainTargets(ctx: ServiceContext, input: TSetChainTargetsRequest): Promise<TChainTargetList> {
  await checkChainTargets(ctx, input);
  await ctx.db.transaction((tx) => writeChainTargets(tx, ctx, input));
  return listChainTargets(ctx, input.year, undefined);
}

/** What setChainTargets refuses before writing anything: the bureau only, metrics a chain can have, known chains. */
export async function checkChainTargets(ctx: ServiceContext, input: TSetChainTargetsRequest): Promise<void> {
  assertCanAdminister(ctx.caller);
  input.items.forEach((item, i) => {
    if (!CHAIN_TARGETABLE_KEYS.has(item.metricKey)) throw new AppError('validation.invalid', { field: `items.${i}.metricKey`, params: { detail: item.metricKey } });
  });
  const known = new Set((await ctx.db.select({ id: chains.id }).from(chains)).map((c) => c.id));
  input.items.forEach((item, i) => {
    if (!known.has(item.chainId)) throw new AppError('notFound', { field: `items.${i}.chainId`, params: { entity: 'chain' } });
  });
}

/** The writes of checked chain targets, inside the caller's transaction. */
export async function writeChainTargets(tx: Db, ctx: ServiceContext, input: TSetChainTargetsRequest): Promise<void> {
  for (const item of input.items) {
    const key = and(eq(chainTargets.year, input.year), eq(chainTargets.chainId, item.chainId), eq(chainTargets.metricKey, item.metricKey));
    const [before] = await tx.select().from(chainTargets).where(key);
    if (item.value === null) {
      if (!before) continue;
      await tx.delete(chainTargets).where(key);
      await recordAudit(tx, actorOf(ctx), { entity: 'chainTarget', entityId: before.id, unitId: ctx.caller.unitId, action: 'delete', before });
      continue;
    }
    if (before?.value === item.value) continue;
    const values = { value: item.value, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
    const [after] = await tx
      .insert(chainTargets)
      .values({ year: input.year, chainId: item.chainId, metricKey: item.metricKey, ...values })
      .onConflictDoUpdate({ target: [chainTargets.year, chainTargets.chainId, chainTargets.metricKey], set: values })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'chainTarget', entityId: after!.id, unitId: ctx.caller.unitId, action: before ? 'update' : 'create', before, after });
  }
}
