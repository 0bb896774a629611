import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chains, chainTargets, corrections, monthCloses, projects, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { assertCanAdminister, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { listUnits } from '../units/units.service.ts';
import { userNames } from '../users/users.service.ts';
import { metricGroups, metricScope } from '../metrics/metrics.service.ts';
import { targetsOfUnits } from '../targets/targets.service.ts';
import { CHAIN_TARGETABLE } from '../targets/chain-targets.service.ts';
import type { MetricScope } from '../projects/metrics.queries.ts';
import { chinaToday, daysInMonth } from '../../domain/calendar.ts';
import { isSummable, METRICS, samePeriodLastYear } from '../../domain/metrics.ts';
import { closedThrough, closeProblem, type ClosedThrough } from '../../domain/month-close.ts';
import type { TClosedFigures, TMonthClose } from '../../shared/closes.ts';

/**
 * Month close (issue 5): the bureau closes a month after its bulletin; the figures of every unit are kept as they
 * stood, and later changes to records of the closed period are corrections with a reason, listed by the next
 * bulletin. The rule of what a closed period is lives in src/domain/month-close.ts.
 */
export async function closedPeriods(db: Db): Promise<ClosedThrough> {
  return closedThrough(await db.select({ year: monthCloses.year, month: monthCloses.month }).from(monthCloses));
}

/**
 * Called inside the transaction of any change to a project's figures: when the change touches closed months it
 * needs a reason, and is recorded as a correction; otherwise nothing happens.
 */
export async function recordCorrection(
  tx: Db,
  ctx: ServiceContext,
  change: { projectId: number; unitId: number; months: string[]; summary: string; reason: string | null | undefined; field: string },
): Promise<void> {
  if (change.months.length === 0) return;
  if (!change.reason?.trim()) throw new AppError('month.closed', { field: change.field, params: { month: monthText(change.months[0]!) } });
  const [latest] = await tx.select({ id: monthCloses.id }).from(monthCloses).orderBy(desc(monthCloses.closedAt), desc(monthCloses.id)).limit(1);
  await tx.insert(corrections).values({
    projectId: change.projectId,
    unitId: change.unitId,
    closedMonth: change.months[0]!,
    afterCloseId: latest!.id,
    summary: change.summary,
    reason: change.reason.trim(),
    recordedBy: ctx.caller.userId,
    recordedAt: ctx.now,
  });
}

const monthText = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

/** Figures kept per unit: every metric that is a count or a sum (a rate is derived from counts). */
const KEPT = METRICS.filter(isSummable);

export async function closeMonth(ctx: ServiceContext, year: number, month: number): Promise<TMonthClose> {
  assertCanAdminister(ctx.caller);
  const problem = closeProblem(year, month, chinaToday(ctx.now), await closedPeriods(ctx.db));
  if (problem) throw new AppError(problem, { field: 'month', params: { month: monthText(`${year}-${String(month).padStart(2, '0')}`) } });
  const period = { from: `${year}-01-01`, to: `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}` };
  const scope = await metricScope(ctx, ctx.caller.unitId, period);
  const [tree, now, before] = await Promise.all([
    listUnits(ctx),
    metricGroups(ctx, KEPT, scope, 'subtree'),
    metricGroups(ctx, KEPT, { ...scope, period: samePeriodLastYear(period) }, 'subtree'),
  ]);
  const targets = await targetsOfUnits(ctx, year, tree.map((u) => u.id));
  const valuesOf = (values: (number | null)[] | undefined) => Object.fromEntries(KEPT.map((m, i) => [m.key, values?.[i] ?? 0]));
  const figures: TClosedFigures = {
    units: Object.fromEntries(
      tree.map((u) => [
        u.id,
        {
          name: u.name,
          kind: u.kind,
          parentId: u.parentId,
          now: valuesOf(now.get(String(u.id))),
          lastYear: valuesOf(before.get(String(u.id))),
          targets: Object.fromEntries(targets.get(u.id) ?? []),
        },
      ]),
    ),
  };
  figures.chains = await keptChainFigures(ctx, scope, year, tree);
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(monthCloses).values({ year, month, figures, closedBy: ctx.caller.userId, closedAt: ctx.now }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw new AppError('month.alreadyClosed', { field: 'month', params: { month: monthText(period.to.slice(0, 7)) } });
    await recordAudit(tx, actorOf(ctx), { entity: 'monthClose', entityId: inserted[0]!.id, unitId: ctx.caller.unitId, action: 'create', after: { year, month } });
    return inserted;
  });
  return { year: row!.year, month: row!.month, closedAt: row!.closedAt.toISOString() };
}

/**
 * The chain rows a closed month keeps (issue 14): every chain that is active or has a target this year, its targets,
 * and its figures from 1 January over each unit's subtree — the same evaluation as the targets grid's chain rows.
 */
async function keptChainFigures(ctx: ServiceContext, scope: MetricScope, year: number, tree: { id: number; path: string }[]): Promise<NonNullable<TClosedFigures['chains']>> {
  const [all, set] = await Promise.all([
    ctx.db.select().from(chains).orderBy(asc(chains.position), asc(chains.id)),
    ctx.db.select().from(chainTargets).where(eq(chainTargets.year, year)),
  ]);
  const kept = all.filter((c) => c.active || set.some((t) => t.chainId === c.id));
  const result: NonNullable<TClosedFigures['chains']> = Object.fromEntries(
    kept.map((c, order) => [
      String(c.id),
      { order, name: c.name, nameEn: c.nameEn, targets: Object.fromEntries(set.filter((t) => t.chainId === c.id).map((t) => [t.metricKey, t.value])), byUnit: {} },
    ]),
  );
  if (kept.length === 0) return result;
  // One statement per unit (grouped by chain); a city has tens of units, and a close happens once a month.
  for (const unit of tree) {
    const groups = await metricGroups(ctx, CHAIN_TARGETABLE, { ...scope, unit: { id: unit.id, path: unit.path } }, 'chain');
    for (const chain of kept) {
      const values = groups.get(String(chain.id));
      result[String(chain.id)]!.byUnit[String(unit.id)] = Object.fromEntries(CHAIN_TARGETABLE.map((m, i) => [m.key, values?.[i] ?? 0]));
    }
  }
  return result;
}

export async function listCloses(ctx: ServiceContext): Promise<TMonthClose[]> {
  const rows = await ctx.db
    .select({ year: monthCloses.year, month: monthCloses.month, closedAt: monthCloses.closedAt })
    .from(monthCloses)
    .orderBy(desc(monthCloses.year), desc(monthCloses.month));
  return rows.map((r) => ({ ...r, closedAt: r.closedAt.toISOString() }));
}

/** A closed month's kept figures, and when it was closed; null for an open month. */
export async function closedFigures(db: Db, year: number, month: number) {
  const [row] = await db.select().from(monthCloses).where(and(eq(monthCloses.year, year), eq(monthCloses.month, month)));
  return row ? { figures: row.figures as TClosedFigures, closedAt: row.closedAt } : null;
}

/**
 * The corrections a month's bulletin lists (更正情况): those made while the close before that month was the latest,
 * for projects of the unit's subtree. Kept by close, not by clock, so a closed bulletin's list never changes.
 */
export async function correctionsFor(ctx: ServiceContext, year: number, month: number, unitPath: string) {
  const before = or(lt(monthCloses.year, year), and(eq(monthCloses.year, year), lt(monthCloses.month, month)));
  const [previous] = await ctx.db.select({ id: monthCloses.id }).from(monthCloses).where(before).orderBy(desc(monthCloses.year), desc(monthCloses.month)).limit(1);
  if (!previous) return [];
  const rows = await ctx.db
    .select({
      projectId: corrections.projectId,
      name: projects.name,
      codeName: projects.codeName,
      unitId: corrections.unitId,
      unitName: units.name,
      closedMonth: corrections.closedMonth,
      summary: corrections.summary,
      reason: corrections.reason,
      recordedById: corrections.recordedBy,
      recordedAt: corrections.recordedAt,
    })
    .from(corrections)
    .innerJoin(projects, eq(projects.id, corrections.projectId))
    .innerJoin(units, eq(units.id, corrections.unitId))
    .where(
      and(
        inCallerScope(ctx.caller, corrections.unitId),
        sql`${units.path} like ${unitPath.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`,
        eq(corrections.afterCloseId, previous.id),
      ),
    )
    .orderBy(asc(corrections.recordedAt), asc(corrections.id));
  const names = await userNames(ctx.db, rows.flatMap((r) => (r.recordedById ? [r.recordedById] : [])));
  return rows.map((r) => {
    const confidential = !!r.codeName && r.unitId !== ctx.caller.unitId;
    return {
      projectId: r.projectId,
      projectName: confidential ? r.codeName! : r.name,
      unitName: r.unitName,
      closedMonth: r.closedMonth,
      summary: r.summary,
      reason: r.reason,
      recordedBy: r.recordedById ? (names.get(r.recordedById) ?? null) : null,
      recordedAt: r.recordedAt.toISOString(),
    };
  });
}

/**
 * Every correction recorded against a closed month of a year, with the path of the unit it concerns (within the
 * caller's scope): what may explain a closed figure that no longer matches the records (`zhaoshang verify`, issue 17).
 */
export async function correctionsOfYear(ctx: ServiceContext, year: number): Promise<{ closedMonth: string; unitPath: string }[]> {
  return ctx.db
    .select({ closedMonth: corrections.closedMonth, unitPath: units.path })
    .from(corrections)
    .innerJoin(units, eq(units.id, corrections.unitId))
    .where(and(inCallerScope(ctx.caller, corrections.unitId), sql`${corrections.closedMonth} like ${`${year}-%`}`));
}
