import { and, eq, isNull, sql } from 'drizzle-orm';
import { projectFunds, projects, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import type { FundFacts, ProjectFacts } from '../../domain/metrics.ts';

/**
 * Projects and funds as the metric catalogue reads them (issue 5): the caller's scope, or one unit's subtree
 * inside it. Voided fund entries do not count.
 */
export async function projectFacts(ctx: ServiceContext, unitPath: string | null): Promise<{ projects: ProjectFacts[]; funds: FundFacts[] }> {
  const subtree = unitPath
    ? sql`${projects.unitId} = any(array(select ${units.id} from ${units} where ${units.path} like ${unitPath.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}))`
    : undefined;
  const where = and(inCallerScope(ctx.caller, projects.unitId), subtree);
  const rows = await ctx.db
    .select({
      id: projects.id,
      unitId: projects.unitId,
      projectType: projects.projectType,
      fundSource: projects.fundSource,
      industryCode: projects.industryCode,
      totalInvestmentYuan: projects.totalInvestmentYuan,
      contractInvestmentYuan: projects.contractInvestmentYuan,
      signedOn: projects.signedOn,
      registeredOn: projects.registeredOn,
      startedOn: projects.startedOn,
      producingOn: projects.producingOn,
      inStatsOn: projects.inStatsOn,
      threeBatch: projects.threeBatch,
      amountsEstimated: projects.amountsEstimated,
    })
    .from(projects)
    .where(where);
  const funds = await ctx.db
    .select({
      id: projectFunds.id,
      projectId: projectFunds.projectId,
      arrivedOn: projectFunds.arrivedOn,
      source: projectFunds.source,
      amountYuan: sql<number>`coalesce(${projectFunds.amountYuan}, 0)`.mapWith(Number),
      amountUsd: sql<number>`coalesce(${projectFunds.amountUsd}, 0)`.mapWith(Number),
    })
    .from(projectFunds)
    .innerJoin(projects, eq(projects.id, projectFunds.projectId))
    .where(and(where, isNull(projectFunds.voidedAt)));
  return { projects: rows as ProjectFacts[], funds };
}
