import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { projectFunds, projects } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { userNames } from '../users/users.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { percentText } from '../../domain/rates.ts';
import { closedMonthOf } from '../../domain/month-close.ts';
import { yuanToWanText } from '../../domain/money.ts';
import { ZRecordFundsRequest, type TFundEntry, type TProjectFunds, type TRecordFundsRequest } from '../../shared/funds.ts';

async function projectInScope(ctx: ServiceContext, db: Db, projectId: number, forUpdate = false) {
  const query = db
    .select({ id: projects.id, unitId: projects.unitId, contractInvestmentYuan: projects.contractInvestmentYuan })
    .from(projects)
    .where(and(eq(projects.id, projectId), inCallerScope(ctx.caller, projects.unitId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('project');
  return row;
}

export async function getProjectFunds(ctx: ServiceContext, projectId: number, db: Db = ctx.db): Promise<TProjectFunds> {
  const project = await projectInScope(ctx, db, projectId);
  const rows = await db.select().from(projectFunds).where(eq(projectFunds.projectId, projectId)).orderBy(asc(projectFunds.arrivedOn), asc(projectFunds.id));
  const names = await userNames(db, rows.flatMap((r) => (r.recordedBy ? [r.recordedBy] : [])));
  const entries: TFundEntry[] = rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    arrivedOn: r.arrivedOn,
    source: r.source as TFundEntry['source'],
    amountYuan: r.amountYuan,
    amountUsd: r.amountUsd,
    evidenceRef: r.evidenceRef,
    note: r.note,
    recordedBy: r.recordedBy ? (names.get(r.recordedBy) ?? null) : null,
    recordedAt: r.recordedAt.toISOString(),
    voided: r.voidedAt !== null,
    voidReason: r.voidReason,
  }));
  const counted = entries.filter((e) => !e.voided);
  const arrivedYuan = counted.reduce((sum, e) => sum + (e.amountYuan ?? 0), 0);
  const arrivedUsd = counted.reduce((sum, e) => sum + (e.amountUsd ?? 0), 0);
  return {
    projectId,
    entries,
    arrivedYuan,
    arrivedUsd,
    contractInvestmentYuan: project.contractInvestmentYuan,
    arrivalRate: project.contractInvestmentYuan ? percentText(arrivedYuan, project.contractInvestmentYuan) : null,
  };
}

const fundAmountText = (entry: { amountYuan: number | null; amountUsd: number | null }) =>
  entry.amountUsd !== null ? `${yuanToWanText(entry.amountUsd)}万美元` : `${yuanToWanText(entry.amountYuan ?? 0)}万元`;

/** Records money that arrived; dated the day it arrived, never in the future, with its evidence. */
export async function recordFundsArrived(ctx: ServiceContext, projectId: number, input: TRecordFundsRequest): Promise<TProjectFunds> {
  assertCanWrite(ctx.caller);
  const entry = ZRecordFundsRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const project = await projectInScope(ctx, tx, projectId, true);
    if (entry.arrivedOn > chinaToday(ctx.now)) throw new AppError('date.future', { field: 'arrivedOn' });
    const [row] = await tx
      .insert(projectFunds)
      .values({
        projectId,
        arrivedOn: entry.arrivedOn,
        source: entry.source,
        amountYuan: entry.amountYuan ?? null,
        amountUsd: entry.amountUsd ?? null,
        evidenceRef: entry.evidenceRef,
        note: entry.note ?? null,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      })
      .returning();
    await recordCorrection(tx, ctx, {
      projectId,
      unitId: project.unitId,
      months: [closedMonthOf(entry.arrivedOn, await closedPeriods(tx))].filter((m): m is string => m !== null),
      summary: `补录到位资金 ${fundAmountText(row!)} ${entry.arrivedOn}`,
      reason: entry.correctionReason,
      field: 'correctionReason',
    });
    await recordAudit(tx, actorOf(ctx), { entity: 'fundEntry', entityId: row!.id, unitId: project.unitId, action: 'create', after: row, reason: entry.correctionReason ?? undefined });
    return getProjectFunds(ctx, projectId, tx);
  });
}

/** A mistaken entry is voided with a reason: it stops counting but stays on the record. */
export async function voidFundsEntry(ctx: ServiceContext, projectId: number, entryId: number, reason: string): Promise<TProjectFunds> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const project = await projectInScope(ctx, tx, projectId, true);
    const [before] = await tx.select().from(projectFunds).where(and(eq(projectFunds.id, entryId), eq(projectFunds.projectId, projectId)));
    if (!before) throw notFound('fundEntry');
    const [after] = await tx
      .update(projectFunds)
      .set({ voidedAt: ctx.now, voidedBy: ctx.caller.userId, voidReason: reason })
      .where(and(eq(projectFunds.id, entryId), isNull(projectFunds.voidedAt)))
      .returning();
    if (!after) throw new AppError('funds.alreadyVoided');
    await recordCorrection(tx, ctx, {
      projectId,
      unitId: project.unitId,
      months: [closedMonthOf(before.arrivedOn, await closedPeriods(tx))].filter((m): m is string => m !== null),
      summary: `作废到位资金 ${fundAmountText(before)} ${before.arrivedOn}`,
      reason,
      field: 'reason',
    });
    await recordAudit(tx, actorOf(ctx), { entity: 'fundEntry', entityId: entryId, unitId: project.unitId, action: 'update', before, after, reason });
    return getProjectFunds(ctx, projectId, tx);
  });
}

