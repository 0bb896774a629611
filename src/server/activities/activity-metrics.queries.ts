import { sql, type SQL } from 'drizzle-orm';
import { eventProjects, events, projects, trips, visits } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inUnitSubtree, unitGrouping } from '../db/unit-groups.ts';
import type { ActivitySpec } from '../../domain/activity-metrics.ts';
import type { Period } from '../../domain/metrics.ts';

/**
 * Trips, visits and events as metrics (issue 6), each spec of src/domain/activity-metrics.ts compiled to one
 * statement grouped as the catalogue asks; the domain's evaluation is what these are tested against.
 */
type Scope = { period: Period; unit: { path: string } };
type Rows = { g: string; v: unknown }[];

const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : (result as { rows: Rows }).rows);

export async function activityValues(ctx: ServiceContext, spec: Extract<ActivitySpec, { kind: 'trips' | 'visits' | 'events' }>, scope: Scope, grouping: string): Promise<Map<string, number>> {
  const { from, to } = scope.period;
  let statement: SQL;
  if (spec.kind === 'trips') {
    const levels = spec.levels ? sql`and ${trips.leaderLevel} = any(${sql.param(spec.levels)}::text[])` : sql``;
    if (spec.measure === 'count') {
      const g = unitGrouping(grouping, scope.unit.path, trips.unitId, trips.fromOn);
      statement = sql`select ${g.group} as g, count(*) as v from ${trips} ${g.join}
        where ${inUnitSubtree(ctx.caller, trips.unitId, scope.unit.path)} ${levels} and ${trips.fromOn} between ${from}::date and ${to}::date group by 1`;
    } else {
      // A day counts once per leader (a name within a unit), however many of their trips cover it.
      const g = unitGrouping(grouping, scope.unit.path, trips.unitId, sql`trip_day.day`);
      statement = sql`select ${g.group} as g, count(distinct (${trips.unitId}, ${trips.leaderName}, trip_day.day)) as v from ${trips} ${g.join}
        cross join lateral generate_series(greatest(${trips.fromOn}, ${from}::date), least(${trips.toOn}, ${to}::date), interval '1 day') as trip_day(day)
        where ${inUnitSubtree(ctx.caller, trips.unitId, scope.unit.path)} ${levels} and ${trips.toOn} >= ${from}::date and ${trips.fromOn} <= ${to}::date
        group by 1`;
    }
  } else if (spec.kind === 'visits') {
    const g = unitGrouping(grouping, scope.unit.path, visits.unitId, visits.visitedOn);
    statement = sql`select ${g.group} as g, count(distinct coalesce('#' || ${visits.enterpriseId}::text, ${visits.enterpriseName})) as v from ${visits} ${g.join}
      where ${inUnitSubtree(ctx.caller, visits.unitId, scope.unit.path)} and ${visits.visitedOn} between ${from}::date and ${to}::date group by 1`;
  } else {
    const g = unitGrouping(grouping, scope.unit.path, events.unitId, events.heldOn);
    const held = sql`${inUnitSubtree(ctx.caller, events.unitId, scope.unit.path)} and ${events.heldOn} between ${from}::date and ${to}::date`;
    statement =
      spec.measure === 'held'
        ? sql`select ${g.group} as g, count(*) as v from ${events} ${g.join} where ${held} group by 1`
        : sql`select ${g.group} as g, ${spec.measure === 'signedCount' ? sql`count(*)` : sql`coalesce(sum(coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})), 0)`} as v
            from ${events} ${g.join} join ${eventProjects} on ${eventProjects.eventId} = ${events.id} join ${projects} on ${projects.id} = ${eventProjects.projectId}
            where ${held} group by 1`;
  }
  const rows = rowsOf(await ctx.db.execute(statement));
  return new Map(rows.map((r) => [String(r.g ?? ''), Number(r.v)]));
}
