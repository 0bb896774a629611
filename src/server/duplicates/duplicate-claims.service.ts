import { and, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { duplicateClaims, projectMerges, projects, units, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { requireProjectInScope, updateProject } from '../projects/projects.service.ts';
import { scopeRules } from '../metrics/metrics.service.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { industryName } from '../industries/industries.service.ts';
import { noticeDecision } from './duplicate-notices.ts';
import {
  ZDuplicateClaimListQuery,
  ZNotDuplicateRequest,
  PROJECT_MERGE_KINDS,
  ZSplitCreditRequest,
  type TClaimedProject,
  type TClaimMerge,
  type TProjectMergeCounts,
  type TProjectMergeKind,
  type TDuplicateClaim,
  type TDuplicateClaimListQuery,
  type TDuplicateClaimPage,
  type TDuplicateReason,
  type TNotDuplicateRequest,
  type TProjectDuplicateReview,
  type TSplitCreditRequest,
} from '../../shared/duplicate-claims.ts';

/**
 * The bureau's 甄别 queue (issue 17): pairs of projects of different units that may be one investment claimed twice,
 * with their score, reasons and both projects' key facts; the bureau decides "not a duplicate" (remembered: the pair
 * is never proposed again) or splits the credit through the 首报单位 share. A unit sees only that its own project is
 * under review and, after, by whom it was resolved (`projectDuplicateReview`).
 */

/** The queue is the bureau's: everybody else gets 403 (it is one city-wide list, not a record one may or may not see). */
export function assertBureau(ctx: ServiceContext): void {
  if (ctx.caller.role !== 'bureau') throw new AppError('auth.forbidden');
}

type SideRow = {
  id: number;
  name: string;
  codeName: string | null;
  unitId: number;
  unitName: string;
  reportedUnitName: string | null;
  investorName: string;
  investorCreditCode: string | null;
  totalInvestmentYuan: string | number;
  contractInvestmentYuan: string | number | null;
  industryCode: string | null;
  stage: TClaimedProject['stage'];
  signedOn: string | null;
  createdAt: string | Date;
};

async function claimedProjects(ctx: ServiceContext, ids: number[]): Promise<Map<number, TClaimedProject>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<SideRow>(
    ctx.db,
    sql`select p.id, p.name, p.code_name as "codeName", p.unit_id as "unitId", u.name as "unitName", r.name as "reportedUnitName",
          e.name as "investorName", e.credit_code as "investorCreditCode", p.total_investment_yuan as "totalInvestmentYuan",
          p.contract_investment_yuan as "contractInvestmentYuan", p.industry_code as "industryCode", p.stage, p.signed_on::text as "signedOn", p.created_at as "createdAt"
        from ${projects} p join ${units} u on u.id = p.unit_id join enterprises e on e.id = p.investor_enterprise_id
          left join ${units} r on r.id = p.reported_unit_id and p.reported_unit_id <> p.unit_id
        where p.id = any(${sql.param(ids)}::int[])`,
  );
  return new Map(
    rows.map((r) => {
      // As everywhere: outside the project's own unit a code name stands for the name and the investor is withheld.
      const confidential = !!r.codeName && ctx.caller.unitId !== r.unitId;
      return [
        r.id,
        {
          id: r.id,
          name: confidential ? r.codeName! : r.name,
          confidential,
          unitId: r.unitId,
          unitName: r.unitName,
          reportedUnitName: r.reportedUnitName,
          investorName: confidential ? '***' : r.investorName,
          investorCreditCode: confidential ? null : r.investorCreditCode,
          totalInvestmentYuan: Number(r.totalInvestmentYuan),
          contractInvestmentYuan: r.contractInvestmentYuan === null ? null : Number(r.contractInvestmentYuan),
          industryCode: r.industryCode,
          industryName: industryName(r.industryCode),
          stage: r.stage,
          signedOn: r.signedOn,
          createdAt: new Date(r.createdAt).toISOString(),
        },
      ];
    }),
  );
}

type ClaimRow = typeof duplicateClaims.$inferSelect & { resolvedByName: string | null };

function hideCreditCode(reasons: TDuplicateReason[], a: TClaimedProject, b: TClaimedProject): TDuplicateReason[] {
  if (!a.confidential && !b.confidential) return reasons;
  return reasons.map((r) => (r.kind === 'sameInvestor' ? { ...r, creditCode: null } : r));
}

/** Counts per kind of what a merge moved (its `moved` record lists ids per kind). */
export function mergeCounts(moved: Partial<Record<TProjectMergeKind, number[]>>): TProjectMergeCounts {
  return Object.fromEntries(PROJECT_MERGE_KINDS.map((kind) => [kind, moved[kind]?.length ?? 0])) as TProjectMergeCounts;
}

/** The merges standing (not undone) for some pairs, by pair. */
async function standingMerges(ctx: ServiceContext, claimIds: number[]): Promise<Map<number, TClaimMerge>> {
  if (claimIds.length === 0) return new Map();
  const rows = await ctx.db
    .select()
    .from(projectMerges)
    .where(and(inArray(projectMerges.claimId, claimIds), isNull(projectMerges.undoneAt)));
  return new Map(
    rows.map((m) => [
      m.claimId,
      { id: m.id, survivorProjectId: m.survivorId, mergedProjectId: m.mergedId, counts: mergeCounts(m.moved as Record<TProjectMergeKind, number[]>), mergedAt: m.mergedAt.toISOString() },
    ]),
  );
}

async function toClaims(ctx: ServiceContext, rows: ClaimRow[]): Promise<TDuplicateClaim[]> {
  const sides = await claimedProjects(ctx, rows.flatMap((r) => [r.projectAId, r.projectBId]));
  const merges = await standingMerges(ctx, rows.filter((r) => r.status === 'merged').map((r) => r.id));
  return rows.map((r) => {
    const projectA = sides.get(r.projectAId)!;
    const projectB = sides.get(r.projectBId)!;
    return {
      id: r.id,
      scorePermille: r.scorePermille,
      reasons: hideCreditCode(r.reasons as TDuplicateReason[], projectA, projectB),
      status: r.status as TDuplicateClaim['status'],
      detectedAt: r.detectedAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolvedByName: r.resolvedByName,
      reason: r.reason,
      resolution: r.status === 'creditSplit' ? ((r.resolution as TDuplicateClaim['resolution']) ?? null) : null,
      merge: merges.get(r.id) ?? null,
      projectA,
      projectB,
    };
  });
}

const CLAIM_WITH_NAMES = {
  id: duplicateClaims.id,
  projectAId: duplicateClaims.projectAId,
  projectBId: duplicateClaims.projectBId,
  scorePermille: duplicateClaims.scorePermille,
  reasons: duplicateClaims.reasons,
  status: duplicateClaims.status,
  detectedAt: duplicateClaims.detectedAt,
  scoredAt: duplicateClaims.scoredAt,
  resolvedAt: duplicateClaims.resolvedAt,
  resolvedBy: duplicateClaims.resolvedBy,
  resolution: duplicateClaims.resolution,
  reason: duplicateClaims.reason,
  resolvedByName: sql<string | null>`(select ${users.displayName} from ${users} where ${users.id} = ${duplicateClaims.resolvedBy})`,
};

/** The queue: open pairs highest score first, or decided ones newest first. */
export async function listDuplicateClaims(ctx: ServiceContext, query: TDuplicateClaimListQuery): Promise<TDuplicateClaimPage> {
  assertBureau(ctx);
  const { status, page, pageSize } = ZDuplicateClaimListQuery.parse(query);
  const where = status === 'open' ? eq(duplicateClaims.status, 'open') : ne(duplicateClaims.status, 'open');
  const order = status === 'open' ? [desc(duplicateClaims.scorePermille), desc(duplicateClaims.id)] : [desc(duplicateClaims.resolvedAt), desc(duplicateClaims.id)];
  const rows = await ctx.db.select(CLAIM_WITH_NAMES).from(duplicateClaims).where(where).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize);
  const [total] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(duplicateClaims).where(where);
  return { items: await toClaims(ctx, rows), total: total!.n, page, pageSize };
}

export async function loadOpenForDecision(ctx: ServiceContext, id: number): Promise<typeof duplicateClaims.$inferSelect> {
  const [row] = await ctx.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, id)).for('update');
  if (!row) throw notFound('duplicateClaim');
  if (row.status !== 'open') throw new AppError('duplicateClaim.decided');
  return row;
}

export async function claimById(ctx: ServiceContext, id: number): Promise<TDuplicateClaim> {
  const rows = await ctx.db.select(CLAIM_WITH_NAMES).from(duplicateClaims).where(eq(duplicateClaims.id, id));
  return (await toClaims(ctx, rows))[0]!;
}

/** "Not a duplicate": remembered for the pair, which detection never proposes again. */
export async function markNotDuplicate(ctx: ServiceContext, id: number, input: TNotDuplicateRequest): Promise<TDuplicateClaim> {
  assertBureau(ctx);
  const { reason } = ZNotDuplicateRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await loadOpenForDecision(txCtx, id);
    const [after] = await tx
      .update(duplicateClaims)
      .set({ status: 'notDuplicate', resolvedAt: ctx.now, resolvedBy: ctx.caller.userId, reason: reason || null })
      .where(eq(duplicateClaims.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'duplicateClaim', entityId: id, unitId: ctx.caller.unitId, action: 'update', before, after, ...(reason ? { reason } : {}) });
    await noticeDecision(tx, [before.projectAId, before.projectBId], 'notDuplicate', ctx.caller.userId, ctx.now);
    return claimById(txCtx, id);
  });
}

/**
 * Splits the credit between the two units with the existing 首报单位 share: the kept project's 首报单位 becomes the
 * other project's unit (an audited edit of the project, a correction where a closed month changes), and the pair is
 * decided. Refused while the counting rules give the 首报单位 no share — the split would change no figure.
 */
export async function splitDuplicateCredit(ctx: ServiceContext, id: number, input: TSplitCreditRequest): Promise<TDuplicateClaim> {
  assertBureau(ctx);
  const { keptProjectId, reason } = ZSplitCreditRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const before = await loadOpenForDecision(txCtx, id);
    if (keptProjectId !== before.projectAId && keptProjectId !== before.projectBId) throw new AppError('duplicateClaim.notInPair', { field: 'keptProjectId' });
    const sharePercent = Math.trunc((await scopeRules(txCtx)).rules.reportingUnitSharePercent ?? 0);
    if (sharePercent <= 0) throw new AppError('duplicateClaim.noShare', { field: 'keptProjectId' });
    const otherId = keptProjectId === before.projectAId ? before.projectBId : before.projectAId;
    const [other] = await tx.select({ unitId: projects.unitId }).from(projects).where(eq(projects.id, otherId));
    await updateProject(txCtx, keptProjectId, { reportedUnitId: other!.unitId, correctionReason: reason });
    const resolution = { keptProjectId, creditedUnitId: other!.unitId, sharePercent };
    const [after] = await tx
      .update(duplicateClaims)
      .set({ status: 'creditSplit', resolvedAt: ctx.now, resolvedBy: ctx.caller.userId, reason, resolution })
      .where(eq(duplicateClaims.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'duplicateClaim', entityId: id, unitId: ctx.caller.unitId, action: 'update', before, after, reason });
    await noticeDecision(tx, [before.projectAId, before.projectBId], 'creditSplit', ctx.caller.userId, ctx.now);
    return claimById(txCtx, id);
  });
}

/**
 * A unit's view of its own project (404 outside the caller's scope): under review while any pair with it is open;
 * otherwise the last decision, by whom and from which unit — nothing of the other project.
 */
export async function projectDuplicateReview(ctx: ServiceContext, projectId: number): Promise<TProjectDuplicateReview> {
  await requireProjectInScope(ctx, projectId);
  const touching = or(eq(duplicateClaims.projectAId, projectId), eq(duplicateClaims.projectBId, projectId));
  const [open] = await ctx.db.select({ id: duplicateClaims.id }).from(duplicateClaims).where(and(touching, eq(duplicateClaims.status, 'open'))).limit(1);
  if (open) return { status: 'underReview', outcome: null, resolvedAt: null, resolvedByName: null, resolvedByUnitName: null };
  const [last] = await ctx.db
    .select({
      status: duplicateClaims.status,
      resolvedAt: duplicateClaims.resolvedAt,
      resolvedByName: users.displayName,
      resolvedByUnitName: units.name,
    })
    .from(duplicateClaims)
    .leftJoin(users, eq(users.id, duplicateClaims.resolvedBy))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(touching, ne(duplicateClaims.status, 'open')))
    .orderBy(desc(duplicateClaims.resolvedAt), desc(duplicateClaims.id))
    .limit(1);
  if (!last) return { status: 'none', outcome: null, resolvedAt: null, resolvedByName: null, resolvedByUnitName: null };
  return {
    status: 'resolved',
    outcome: last.status as Exclude<TDuplicateClaim['status'], 'open'>,
    resolvedAt: last.resolvedAt?.toISOString() ?? null,
    resolvedByName: last.resolvedByName,
    resolvedByUnitName: last.resolvedByUnitName,
  };
}
