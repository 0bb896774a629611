import { and, eq, getTableColumns, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { readAll, type Db } from '../db/client.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { projectFunds, projects } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNameOf, unitNames } from '../units/units.service.ts';
import { enterpriseNameOf, requireEnterpriseInScope } from '../enterprises/enterprises.service.ts';
import { requireColleagueInScope, userNameOf } from '../users/users.service.ts';
import { findIndustry, industryName } from '../industries/industries.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { statusFromColumns } from '../../domain/deadlines.ts';
import { scopeRules } from '../metrics/metrics.service.ts';
import { closedMonthsOfProject } from '../../domain/month-close.ts';
import { detectDuplicatesFor } from '../duplicates/duplicate-claims.detect.ts';
import { PROJECT_STAGES, type ProjectState } from '../../domain/stages.ts';
import { ZCreateProjectRequest, ZUpdateProjectRequest } from '../../shared/projects.ts';
import type { TCreateProjectRequest, TProject, TUpdateProjectRequest } from '../../shared/projects.ts';
import type { z } from 'zod';

type ProjectRow = typeof projects.$inferSelect;

const STAGE_DATE_COLUMNS = {
  signed: 'signedOn',
  registered: 'registeredOn',
  started: 'startedOn',
  producing: 'producingOn',
  inStats: 'inStatsOn',
} as const;
const DATED_STAGES = PROJECT_STAGES.slice(1).map((stage) => [stage, STAGE_DATE_COLUMNS[stage as keyof typeof STAGE_DATE_COLUMNS]] as const);

/** A project row with the display names of what it points at, fetched in the same query. */
export const PROJECT_WITH_NAMES = {
  ...getTableColumns(projects),
  unitName: unitNameOf(projects.unitId),
  reportedUnitName: unitNameOf(projects.reportedUnitId),
  investorName: enterpriseNameOf(projects.investorEnterpriseId),
  officerName: userNameOf(projects.responsibleOfficerId),
};
export type ProjectWithNames = ProjectRow & { unitName: string | null; reportedUnitName: string | null; investorName: string | null; officerName: string | null };

function selectProjects(db: Db) {
  return db.select(PROJECT_WITH_NAMES).from(projects);
}

/**
 * A project as the caller may see it. Outside the project's own unit, a project with a code name shows the code
 * name and withholds its investor — the confidentiality the issue asks for, even from the city level.
 */
export function toProject(ctx: ServiceContext, row: ProjectWithNames, today = chinaToday(ctx.now)): TProject {
  const confidential = !!row.codeName && ctx.caller.unitId !== row.unitId;
  const stageDates: Record<string, string> = {};
  for (const [stage, column] of DATED_STAGES) {
    const date = row[column];
    if (date) stageDates[stage] = date;
  }
  return {
    id: row.id,
    name: confidential ? row.codeName! : row.name,
    confidential,
    investorEnterpriseId: confidential ? null : row.investorEnterpriseId,
    investorName: confidential ? '***' : (row.investorName ?? ''),
    unitId: row.unitId,
    unitName: row.unitName ?? '',
    reportedUnitId: row.reportedUnitId,
    reportedUnitName: row.reportedUnitName,
    projectType: row.projectType as TProject['projectType'],
    industryCode: row.industryCode,
    industryName: industryName(row.industryCode),
    totalInvestmentYuan: row.totalInvestmentYuan,
    contractInvestmentYuan: row.contractInvestmentYuan,
    fundSource: row.fundSource as TProject['fundSource'],
    foreignInvestmentUsd: row.foreignInvestmentUsd,
    isMajor: row.isMajor,
    threeBatch: row.threeBatch,
    amountsEstimated: row.amountsEstimated,
    responsibleLeader: row.responsibleLeader,
    responsibleOfficerId: row.responsibleOfficerId,
    responsibleOfficerName: row.officerName,
    codeName: confidential ? null : row.codeName,
    code: confidential ? null : row.code,
    note: confidential ? null : row.note,
    localIndustry: row.localIndustry,
    stage: row.stage as ProjectState,
    stageDates,
    nextDueOn: row.nextDueOn,
    nextDueRule: row.nextDueRule,
    deadlineStatus: statusFromColumns(row, today),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function projectById(ctx: ServiceContext, db: Db, id: number): Promise<TProject> {
  const [row] = await selectProjects(db).where(eq(projects.id, id));
  return toProject(ctx, row!);
}

async function loadInScope(ctx: ServiceContext, id: number, db: Db = ctx.db): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(and(eq(projects.id, id), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('project');
  return row;
}

export async function getProject(ctx: ServiceContext, id: number): Promise<TProject> {
  const [row] = await selectProjects(ctx.db).where(and(eq(projects.id, id), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('project');
  return toProject(ctx, row);
}

type ProjectFields = Partial<z.output<typeof ZUpdateProjectRequest>>;

/** Every reference a request names must lie in the caller's scope; checked through `db` (the transaction, if any). */
async function checkReferences(ctx: ServiceContext, input: ProjectFields): Promise<void> {
  if (input.unitId !== undefined) await requireUnitInScope(ctx, input.unitId, 'unitId');
  if (input.reportedUnitId) await requireUnitInScope(ctx, input.reportedUnitId, 'reportedUnitId');
  if (input.investorEnterpriseId !== undefined) await requireEnterpriseInScope(ctx, input.investorEnterpriseId, 'investorEnterpriseId');
  if (input.responsibleOfficerId) await requireColleagueInScope(ctx, input.responsibleOfficerId, 'responsibleOfficerId');
  if (input.industryCode && !findIndustry(input.industryCode)) throw new AppError('industry.unknown', { field: 'industryCode' });
}

export async function createProject(ctx: ServiceContext, input: TCreateProjectRequest): Promise<TProject> {
  assertCanWrite(ctx.caller);
  const fields = ZCreateProjectRequest.parse(input);
  await checkReferences(ctx, fields);
  return withCodeCheck(() => ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        ...fields,
        reportedUnitId: fields.reportedUnitId ?? fields.unitId,
        stage: 'lead',
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: row!.id, unitId: row!.unitId, action: 'create', after: row });
    // Another unit may have recorded the same investment (issue 17): the pair goes to the bureau's 甄别 queue.
    await detectDuplicatesFor(tx, [row!.id], ctx.now);
    return projectById(ctx, tx, row!.id);
  }));
}

/** A project code another project already has is refused by the database's unique index; say so by field. */
async function withCodeCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'projects_code_key')) throw new AppError('project.codeTaken', { field: 'code' });
    throw error;
  }
}

/**
 * The fields a project's figures depend on (the metric catalogue's scope rules, sums and units). The 首报单位 is one
 * where the bureau splits credit with it: moving it then moves a share of the project between units.
 */
const FIGURE_FIELDS = ['unitId', 'reportedUnitId', 'projectType', 'industryCode', 'totalInvestmentYuan', 'contractInvestmentYuan', 'fundSource', 'threeBatch', 'amountsEstimated'] as const;
const FIGURE_FIELD_NAMES: Record<(typeof FIGURE_FIELDS)[number], string> = {
  unitId: '落地单位',
  reportedUnitId: '首报单位',
  projectType: '项目类型',
  industryCode: '行业',
  totalInvestmentYuan: '总投资',
  contractInvestmentYuan: '合同投资',
  fundSource: '资金来源',
  threeBatch: '三个一批批次',
  amountsEstimated: '金额为估算',
};

/** Edits the record; the stage is not a field here — it moves only through the lifecycle rules. */
export async function updateProject(ctx: ServiceContext, id: number, input: TUpdateProjectRequest): Promise<TProject> {
  assertCanWrite(ctx.caller);
  const { correctionReason, ...fields } = ZUpdateProjectRequest.parse(input);
  return withCodeCheck(() => ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, id, tx);
    // Checks read through the transaction: the embedded database has one connection, which the transaction holds.
    await checkReferences({ ...ctx, db: tx }, fields);
    const creditSplit = ((await scopeRules({ ...ctx, db: tx })).rules.reportingUnitSharePercent ?? 0) > 0;
    const changed = FIGURE_FIELDS.filter((key) => key in fields && fields[key] !== before[key] && (key !== 'reportedUnitId' || creditSplit));
    await recordCorrection(tx, ctx, {
      projectId: id,
      unitId: before.unitId,
      months: changed.length > 0 ? closedMonthsOfProject(before, await closedPeriods(tx)) : [],
      summary: `修改${changed.map((key) => FIGURE_FIELD_NAMES[key]).join('、')}`,
      reason: correctionReason,
      field: 'correctionReason',
    });
    const [row] = await tx
      .update(projects)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(projects.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: id, unitId: row!.unitId, action: 'update', before, after: row, reason: correctionReason });
    // Moving a project to another 落地单位 is its own audited act (issue 12's conflict rule: imports never move one),
    // made here on the project page by someone whose scope holds both units; the row is filed under the unit it left
    // (the update's row is under the one it joined).
    if (row!.unitId !== before.unitId) {
      const names = await unitNames(tx, [before.unitId, row!.unitId]);
      const at = (unitId: number) => ({ unitId, unitName: names.get(unitId) ?? null });
      await recordAudit(tx, actorOf(ctx), { entity: 'project', entityId: id, unitId: before.unitId, action: 'move', before: at(before.unitId), after: at(row!.unitId), reason: correctionReason });
    }
    await detectDuplicatesFor(tx, [id], ctx.now);
    return projectById(ctx, tx, row!.id);
  }));
}


/** Names of projects as the caller may see them (code names outside the project's unit), for other areas' lists. */
export async function projectNamesForCaller(ctx: ServiceContext, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: projects.id, name: projects.name, codeName: projects.codeName, unitId: projects.unitId })
    .from(projects)
    .where(inArray(projects.id, unique));
  return new Map(rows.map((r) => [r.id, r.codeName && r.unitId !== ctx.caller.unitId ? r.codeName : r.name]));
}

/** The unit of the project a row points at, as SQL: other areas scope their project-owned rows with it. */
export function projectUnitOf(projectIdColumn: AnyPgColumn): SQL {
  return sql`(select ${projects.unitId} from ${projects} where ${projects.id} = ${projectIdColumn})`;
}

/** A project the caller may file things under (problems, funds…), or 404. */
export async function requireProjectInScope(ctx: ServiceContext, projectId: number): Promise<{ id: number; unitId: number }> {
  const [row] = await ctx.db
    .select({ id: projects.id, unitId: projects.unitId })
    .from(projects)
    .where(and(eq(projects.id, projectId), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('project');
  return row;
}

/** Projects of some investors, anywhere in the city, for another area's duplicate check (it decides what to show). */
export async function projectsOfInvestors(db: Db, enterpriseIds: number[]) {
  if (enterpriseIds.length === 0) return [];
  return db
    .select({ id: projects.id, name: projects.name, codeName: projects.codeName, unitId: projects.unitId, investorEnterpriseId: projects.investorEnterpriseId })
    .from(projects)
    .where(inArray(projects.investorEnterpriseId, enterpriseIds))
    .limit(200);
}

/** What an event's cohort is computed from (issue 6): the projects' stage dates and signed amounts, and funds arrived. */
export async function cohortFacts(db: Db, projectIds: number[]) {
  if (projectIds.length === 0) return { projects: [], funds: [] };
  const [rows, funds] = await readAll(db, [
    () =>
      db
        .select({
          id: projects.id,
          signedOn: projects.signedOn,
          registeredOn: projects.registeredOn,
          startedOn: projects.startedOn,
          producingOn: projects.producingOn,
          signedYuan: sql<number>`coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})`.mapWith(Number),
        })
        .from(projects)
        .where(inArray(projects.id, projectIds)),
    () =>
      db
        .select({ arrivedOn: projectFunds.arrivedOn, amountYuan: sql<number>`${projectFunds.amountYuan}`.mapWith(Number) })
        .from(projectFunds)
        .where(and(inArray(projectFunds.projectId, projectIds), isNull(projectFunds.voidedAt), isNotNull(projectFunds.amountYuan))),
  ]);
  return { projects: rows, funds };
}

/** The signing days of some projects the caller may see (a trip's outcomes: which projects were signed on it). */
export async function signingDaysForCaller(ctx: ServiceContext, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: projects.id, signedOn: projects.signedOn })
    .from(projects)
    .where(and(inArray(projects.id, ids), inCallerScope(ctx.caller, projects.unitId)));
  return new Map(rows.map((r) => [r.id, r.signedOn]));
}
