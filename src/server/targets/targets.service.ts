import { and, eq } from 'drizzle-orm';
import { targets } from '../db/schema.ts';
import { anyOf } from '../db/bulk.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNameOf } from '../units/units.service.ts';
import { metricValues } from '../metrics/metrics.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { isSummable, METRICS } from '../../domain/metrics.ts';
import { percentText } from '../../domain/rates.ts';
import type { TSetTargetsRequest } from '../../shared/targets.ts';

/** Metrics a target can be set for: amounts and counts (a rate's target would be a percentage, not a total). */
export const TARGETABLE = new Set(METRICS.filter(isSummable).map((m) => m.key));

export async function listTargets(ctx: ServiceContext, year: number) {
  const rows = await ctx.db
    .select({ unitId: targets.unitId, unitName: unitNameOf(targets.unitId), metricKey: targets.metricKey, value: targets.value })
    .from(targets)
    .where(and(eq(targets.year, year), inCallerScope(ctx.caller, targets.unitId)))
    .orderBy(targets.unitId, targets.metricKey);
  return { year, items: rows.map((r) => ({ ...r, unitName: r.unitName ?? '' })) };
}

/** The targets set for some units of a year (inside the caller's scope), by unit then metric. */
export async function targetsOfUnits(ctx: ServiceContext, year: number, unitIds: number[]): Promise<Map<number, Map<string, number>>> {
  const result = new Map<number, Map<string, number>>();
  if (unitIds.length === 0) return result;
  const rows = await ctx.db
    .select({ unitId: targets.unitId, metricKey: targets.metricKey, value: targets.value })
    .from(targets)
    .where(and(eq(targets.year, year), inCallerScope(ctx.caller, targets.unitId), anyOf(targets.unitId, unitIds, 'int')));
  for (const row of rows) {
    if (!result.has(row.unitId)) result.set(row.unitId, new Map());
    result.get(row.unitId)!.set(row.metricKey, row.value);
  }
  return result;
}

/** The bureau sets or clears cells of the year's grid, all in one transaction, each change in the audit trail. */
export async function setTargets(ctx: ServiceContext, input: TSetTargetsRequest) {
  await checkTargets(ctx, input);
  await ctx.db.transaction((tx) => writeTargets(tx, ctx, input));
  return listTargets(ctx, input.year);
}

/** What setTargets refuses before writing anything: the bureau only, targetable metrics, units in scope. */
export async function checkTargets(ctx: ServiceContext, input: TSetTargetsRequest): Promise<void> {
  assertCanAdminister(ctx.caller);
  input.items.forEach((item, i) => {
    if (!TARGETABLE.has(item.metricKey)) throw new AppError('validation.invalid', { field: `items.${i}.metricKey`, params: { detail: item.metricKey } });
  });
  for (const unitId of new Set(input.items.map((i) => i.unitId))) await requireUnitInScope(ctx, unitId, 'unitId');
}

/** The writes of checked targets, inside the caller's transaction (the xlsx import writes unit and chain rows in one). */
export async function writeTargets(tx: Db, ctx: ServiceContext, input: TSetTargetsRequest): Promise<void> {
  for (const item of input.items) {
    const key = and(eq(targets.year, input.year), eq(targets.unitId, item.unitId), eq(targets.metricKey, item.metricKey));
    const [before] = await tx.select().from(targets).where(key);
    if (item.value === null) {
      if (!before) continue;
      await tx.delete(targets).where(key);
      await recordAudit(tx, actorOf(ctx), { entity: 'target', entityId: before.id, unitId: item.unitId, action: 'delete', before });
      continue;
    }
    if (before?.value === item.value) continue;
    const [after] = await tx
      .insert(targets)
      .values({ year: input.year, unitId: item.unitId, metricKey: item.metricKey, value: item.value, updatedBy: ctx.caller.userId, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: [targets.year, targets.unitId, targets.metricKey], set: { value: item.value, updatedBy: ctx.caller.userId, updatedAt: ctx.now } })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'target', entityId: after!.id, unitId: item.unitId, action: before ? 'update' : 'create', before, after });
  }
}

/** A unit's progress: each of its targets against the metric over its subtree, from 1 January to today (or year end). */
export async function targetProgress(ctx: ServiceContext, year: number, unitId: number | undefined) {
  const unit = await requireUnitInScope(ctx, unitId ?? ctx.caller.unitId, 'unitId');
  const set = await ctx.db.select().from(targets).where(and(eq(targets.year, year), eq(targets.unitId, unit.id)));
  const today = chinaToday(ctx.now);
  const asOf = today < `${year}-12-31` ? today : `${year}-12-31`;
  if (set.length === 0 || asOf < `${year}-01-01`) return { year, unitId: unit.id, asOf, items: [] };
  const values = await metricValues(ctx, { from: `${year}-01-01`, to: asOf, unitId: unit.id, keys: set.map((t) => t.metricKey).join(',') });
  return {
    year,
    unitId: unit.id,
    asOf,
    items: set.map((t) => {
      const m = values.items.find((v) => v.key === t.metricKey)!;
      return { metricKey: t.metricKey, name: m.name, target: t.value, value: m.value, completion: percentText(m.value, t.value) ?? '—' };
    }),
  };
}
