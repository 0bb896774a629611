import { and, asc, eq } from 'drizzle-orm';
import { projectCountOnce, projects, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { enterpriseNames, requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { checkCountOnce, countOnceEffect, type CountOnceAction } from '../../domain/count-once.ts';
import { closedMonthsOfProject } from '../../domain/month-close.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { ZCountOnceRequest, type TCountOnceList, type TCountOnceRecord, type TCountOnceRequest } from '../../shared/count-once.ts';
import { requireProjectInScope } from './projects.service.ts';
import { detectDuplicatesFor } from '../duplicates/duplicate-claims.detect.ts';

/** What a domain problem says where the catalogue has no code of its own. */
const DETAILS: Record<string, string> = {
  'count.notSigned': '项目签约后才能记录重签、补充协议、分期、增资扩产或投资方变更',
  'count.increment': '增资扩产须填写新增投资额（正整数元）',
  'count.investor': '投资方变更须选择另一家企业',
};

const ACTION_NAMES: Record<CountOnceAction, string> = {
  resign: '重新签约',
  supplement: '补充协议',
  phase: '已计分期',
  expansion: '增资扩产',
  investorChange: '投资方变更',
};

type Detail = { fromInvestorId?: number; fromInvestorName?: string; toInvestorId?: number; toInvestorName?: string };

function toRecord(row: typeof projectCountOnce.$inferSelect, recordedBy: string | null): TCountOnceRecord {
  const detail = row.detail as Detail;
  return {
    id: row.id,
    action: row.action as CountOnceAction,
    happenedOn: row.happenedOn,
    reason: row.reason,
    incrementYuan: row.incrementYuan,
    fromInvestorName: detail.fromInvestorName ?? null,
    toInvestorName: detail.toInvestorName ?? null,
    recordedBy,
    recordedAt: row.recordedAt.toISOString(),
  };
}

/** A project's count-once records, oldest first, shown with its stage history. */
export async function listCountOnce(ctx: ServiceContext, projectId: number): Promise<TCountOnceList> {
  await requireProjectInScope(ctx, projectId);
  const rows = await ctx.db
    .select({ row: projectCountOnce, by: users.displayName })
    .from(projectCountOnce)
    .leftJoin(users, eq(users.id, projectCountOnce.recordedBy))
    .where(eq(projectCountOnce.projectId, projectId))
    .orderBy(asc(projectCountOnce.id));
  return { items: rows.map((r) => toRecord(r.row, r.by)) };
}

/**
 * Records a re-signing, supplementary agreement, counted phase, expansion or change of investor on the project —
 * never a new project. Only an expansion changes an amount (by its increment), only a change of investor the investor;
 * a changed figure in a closed month is a correction with the action's reason. Audited in the same transaction.
 */
export async function recordCountOnce(ctx: ServiceContext, projectId: number, input: TCountOnceRequest): Promise<TCountOnceRecord> {
  assertCanWrite(ctx.caller);
  const request = ZCountOnceRequest.parse(input);
  if (request.action === 'investorChange' && request.investorEnterpriseId) await requireEnterpriseInScope(ctx, request.investorEnterpriseId, 'investorEnterpriseId');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.id, projectId), inCallerScope(ctx.caller, projects.unitId)))
      .for('update');
    if (!before) throw notFound('project');
    const problems = checkCountOnce(request, before, chinaToday(ctx.now));
    if (problems.length > 0) {
      const { field, code } = problems[0]!;
      if (DETAILS[code]) throw new AppError('validation.invalid', { field, params: { detail: DETAILS[code] } });
      throw new AppError(code as ErrorCode, { field });
    }
    const effect = countOnceEffect(request, before);
    let detail: Detail = {};
    if (request.action === 'investorChange') {
      const names = await enterpriseNames(tx, [before.investorEnterpriseId, effect.investorEnterpriseId]);
      detail = {
        fromInvestorId: before.investorEnterpriseId,
        fromInvestorName: names.get(before.investorEnterpriseId) ?? '',
        toInvestorId: effect.investorEnterpriseId,
        toInvestorName: names.get(effect.investorEnterpriseId) ?? '',
      };
    }
    const [row] = await tx
      .insert(projectCountOnce)
      .values({
        projectId,
        action: request.action,
        happenedOn: request.date,
        reason: request.reason,
        incrementYuan: request.action === 'expansion' ? request.incrementYuan! : null,
        detail,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      })
      .returning();
    const changes = effect.totalInvestmentYuan !== before.totalInvestmentYuan || effect.investorEnterpriseId !== before.investorEnterpriseId;
    if (changes) {
      if (effect.totalInvestmentYuan !== before.totalInvestmentYuan) {
        await recordCorrection(tx, ctx, {
          projectId,
          unitId: before.unitId,
          months: closedMonthsOfProject(before, await closedPeriods(tx)),
          summary: `${ACTION_NAMES[request.action]}：新增投资 ${request.incrementYuan} 元`,
          reason: request.reason,
          field: 'reason',
        });
      }
      const [after] = await tx
        .update(projects)
        .set({ totalInvestmentYuan: effect.totalInvestmentYuan, contractInvestmentYuan: effect.contractInvestmentYuan, investorEnterpriseId: effect.investorEnterpriseId, updatedAt: ctx.now })
        .where(eq(projects.id, projectId))
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: projectId, unitId: before.unitId, action: 'update', before, after, reason: request.reason });
      // A new investor or amount may make the project look like another unit's: looked for as on every edit.
      await detectDuplicatesFor(tx, [projectId], ctx.now);
    }
    await recordAudit(tx, actorOf(ctx), { entity: 'projectCountOnce', entityId: row!.id, unitId: before.unitId, action: 'create', after: row, reason: request.reason });
    const [by] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.caller.userId));
    return toRecord(row!, by?.name ?? null);
  });
}
