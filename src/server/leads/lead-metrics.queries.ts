import { sql } from 'drizzle-orm';
import { leads, projects } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inUnitSubtree, unitGrouping } from '../db/unit-groups.ts';
import { inCallerScope } from '../access/scope.ts';
import type { ActivitySpec } from '../../domain/activity-metrics.ts';
import type { Period, ScopeRules } from '../../domain/metrics.ts';
import { projectCounts } from '../projects/metric-credits.ts';
import { countedDate } from '../projects/metrics.queries.ts';

/**
 * Leads as metrics (issue 6): collected in the period; of them, the share whose project was signed by the period's
 * end; and the median days from collection to that signing. Null where there is nothing to divide or rank.
 */
type Rows = { g: string; collected: unknown; signed: unknown; median: unknown }[];
type Scope = { period: Period; unit: { path: string }; rules?: Pick<ScopeRules, 'holdOutUnderReview' | 'confirmedOnly'> };

/**
 * The day a lead's project was signed as figures count it (issue 17): none while the signing waits for confirmation
 * under confirmed-only, none for a project held out under review (a merged project's leads move to its survivor).
 */
const countedSigning = (rules: Scope['rules'] = {}) => sql`(case when ${projectCounts(rules)} then ${countedDate('signedOn', rules)} end)`;

export async function leadValues(ctx: ServiceContext, spec: Extract<ActivitySpec, { kind: 'leads' }>, scope: Scope, grouping: string) {
  const { from, to } = scope.period;
  const g = unitGrouping(grouping, scope.unit.path, leads.unitId, leads.collectedOn);
  const signedOn = countedSigning(scope.rules);
  const signedBy = sql`${signedOn} <= ${to}::date`;
  const result = await ctx.db.execute(
    sql`select ${g.group} as g, count(*) as collected, count(*) filter (where ${signedBy}) as signed,
          percentile_cont(0.5) within group (order by ${signedOn} - ${leads.collectedOn}) filter (where ${signedBy}) as median
        from ${leads} ${g.join} left join ${projects} on ${projects.id} = ${leads.projectId}
        where ${inUnitSubtree(ctx.caller, leads.unitId, scope.unit.path)} and ${leads.collectedOn} between ${from}::date and ${to}::date
        group by 1`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: Rows }).rows) as Rows;
  return new Map<string, number | null>(
    rows.map((r) => {
      const collected = Number(r.collected);
      const value =
        spec.measure === 'collected' ? collected : spec.measure === 'conversionRate' ? (collected === 0 ? null : Number(r.signed) / collected) : r.median === null ? null : Number(r.median);
      return [String(r.g ?? ''), value];
    }),
  );
}

/** The leads behind a lead figure: each adds 1 to those collected; for the rate, 1 when its project was signed in time. */
export async function leadRecords(ctx: ServiceContext, spec: Extract<ActivitySpec, { kind: 'leads' }>, scope: Scope) {
  const { from, to } = scope.period;
  const rows = await ctx.db
    .select({ id: leads.id, enterpriseName: leads.enterpriseName, unitId: leads.unitId, collectedOn: leads.collectedOn, projectId: leads.projectId, signedOn: sql<string | null>`to_char(${countedSigning(scope.rules)}, 'YYYY-MM-DD')` })
    .from(leads)
    .leftJoin(projects, sql`${projects.id} = ${leads.projectId}`)
    .where(sql`${inUnitSubtree(ctx.caller, leads.unitId, scope.unit.path)} and ${leads.collectedOn} between ${from}::date and ${to}::date`)
    .orderBy(leads.collectedOn, leads.id);
  return rows.map((l) => ({
    recordKind: 'lead' as const,
    recordId: l.id,
    projectId: l.projectId,
    label: l.enterpriseName,
    unitId: l.unitId,
    date: l.collectedOn,
    contribution: spec.measure === 'collected' ? 1 : l.signedOn && l.signedOn <= to ? 1 : 0,
  }));
}

/** How many leads each trip brought (a trip's outcomes). */
export async function leadCountsOfTrips(ctx: ServiceContext, tripIds: number[]): Promise<Map<number, number>> {
  if (tripIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ tripId: leads.tripId, n: sql<number>`count(*)::int` })
    .from(leads)
    .where(sql`${leads.tripId} = any(${sql.param(tripIds)}::int[]) and ${inCallerScope(ctx.caller, leads.unitId)}`)
    .groupBy(leads.tripId);
  return new Map(rows.map((r) => [r.tripId!, Number(r.n)]));
}
