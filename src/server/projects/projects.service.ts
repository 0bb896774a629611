import { and, count, desc, eq, ilike } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { projects } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNames } from '../units/units.service.ts';
import { enterpriseNames, requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import type { ProjectState } from '../../domain/stages.ts';
import type { TCreateProjectRequest, TProject, TUpdateProjectRequest } from '../../shared/projects.ts';

type ProjectRow = typeof projects.$inferSelect;

async function toProjects(db: Db, rows: ProjectRow[]): Promise<TProject[]> {
  const [units, investors] = await Promise.all([
    unitNames(db, rows.map((r) => r.unitId)),
    enterpriseNames(db, rows.map((r) => r.investorEnterpriseId)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    investorEnterpriseId: row.investorEnterpriseId,
    investorName: investors.get(row.investorEnterpriseId) ?? '',
    unitId: row.unitId,
    unitName: units.get(row.unitId) ?? '',
    totalInvestmentYuan: row.totalInvestmentYuan,
    stage: row.stage as ProjectState,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export type ListProjectsOptions = { q?: string; unitId?: number; stage?: ProjectState; page: number; pageSize: number };

export async function listProjects(ctx: ServiceContext, options: ListProjectsOptions) {
  const where = and(
    inCallerScope(ctx.caller, projects.unitId),
    options.unitId ? eq(projects.unitId, options.unitId) : undefined,
    options.stage ? eq(projects.stage, options.stage) : undefined,
    options.q ? ilike(projects.name, `%${options.q}%`) : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(where)
    .orderBy(desc(projects.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(projects).where(where);
  return { items: await toProjects(ctx.db, rows), total: Number(total), page: options.page, pageSize: options.pageSize };
}

async function loadInScope(ctx: ServiceContext, id: number, db: Db = ctx.db): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, id), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('project');
  return row;
}

export async function getProject(ctx: ServiceContext, id: number): Promise<TProject> {
  return (await toProjects(ctx.db, [await loadInScope(ctx, id)]))[0]!;
}

export async function createProject(ctx: ServiceContext, input: TCreateProjectRequest): Promise<TProject> {
  assertCanWrite(ctx.caller);
  await requireUnitInScope(ctx, input.unitId, 'unitId');
  await requireEnterpriseInScope(ctx, input.investorEnterpriseId, 'investorEnterpriseId');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        name: input.name,
        unitId: input.unitId,
        investorEnterpriseId: input.investorEnterpriseId,
        totalInvestmentYuan: input.totalInvestmentYuan,
        stage: input.stage ?? 'lead',
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: row!.id, unitId: row!.unitId, action: 'create', after: row });
    return (await toProjects(tx, [row!]))[0]!;
  });
}

export async function updateProject(ctx: ServiceContext, id: number, input: TUpdateProjectRequest): Promise<TProject> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, id, tx);
    // Checks read through the transaction: the embedded database has one connection, which the transaction holds.
    const txCtx = { ...ctx, db: tx };
    if (input.unitId !== undefined) await requireUnitInScope(txCtx, input.unitId, 'unitId');
    if (input.investorEnterpriseId !== undefined) {
      await requireEnterpriseInScope(txCtx, input.investorEnterpriseId, 'investorEnterpriseId');
    }
    const [row] = await tx
      .update(projects)
      .set({
        name: input.name,
        unitId: input.unitId,
        investorEnterpriseId: input.investorEnterpriseId,
        totalInvestmentYuan: input.totalInvestmentYuan,
        stage: input.stage,
        updatedAt: ctx.now,
      })
      .where(eq(projects.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: id, unitId: row!.unitId, action: 'update', before, after: row });
    return (await toProjects(tx, [row!]))[0]!;
  });
}
