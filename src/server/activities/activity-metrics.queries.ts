import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { eventProjects, events, leaderLevels, projects, trips, visits } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { inUnitSubtree, unitGrouping } from '../db/unit-groups.ts';
import type { ActivitySpec } from '../../domain/activity-metrics.ts';
import { addDays } from '../../domain/calendar.ts';
import type { Period, ScopeRules } from '../../domain/metrics.ts';
import { projectCounts } from '../projects/metric-credits.ts';
import { stageWaiting } from '../projects/metrics.queries.ts';

/**
 * Trips, visits and events as metrics (issue 6), each spec of src/domain/activity-metrics.ts compiled to one
 * statement grouped as the catalogue asks; the domain's evaluation is what these are tested against.
 */
type Scope = { period: Period; unit: { path: string }; rules?: Pick<ScopeRules, 'holdOutUnderReview' | 'confirmedOnly'> };

/**
 * A project signed at an event counts as the project figures count it (issue 17): never once merged into another,
 * not while held out under review, not while its signing waits for confirmation under confirmed-only.
 */
const signedAtEventCounts = (rules: Scope['rules'] = {}) => sql`${projectCounts(rules)} and not ${stageWaiting('signedOn', rules)}`;
type Rows = { g: string; v: unknown }[];

const rowsOf = (result: unknown): Rows => (Array.isArray(result) ? result : (result as { rows: Rows }).rows);

export async function activityValues(ctx: ServiceContext, spec: Extract<ActivitySpec, { kind: 'trips' | 'visits' | 'events' }>, scope: Scope, grouping: string): Promise<Map<string, number>> {
  const { from, to } = scope.period;
  let statement: SQL;
  if (spec.kind === 'trips') {
    const levels = spec.roles ? sql`and ${withRoles(spec.roles)}` : sql``;
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
            where ${held} and ${signedAtEventCounts(scope.rules)} group by 1`;
  }
  const rows = rowsOf(await ctx.db.execute(statement));
  return new Map(rows.map((r) => [String(r.g ?? ''), Number(r.v)]));
}

export type ActivityRecord = {
  recordKind: 'trip' | 'visit' | 'event' | 'project';
  recordId: number;
  projectId: number | null;
  label: string;
  unitId: number;
  date: string;
  contribution: number;
  /** A visit's enterprise (by id, else its name as written): a breakdown row counts each once within itself. */
  distinctKey?: string;
};

/** Trips led at a level whose role is one of these (the bureau's list of levels decides). */
const withRoles = (roles: string[]) =>
  sql`exists (select 1 from ${leaderLevels} where ${leaderLevels.key} = ${trips.leaderLevel} and ${leaderLevels.role} = any(${sql.param(roles)}::text[]))`;

/** The records behind an activity figure, each with what it adds; their contributions add up to the figure. */
export async function activityRecords(ctx: ServiceContext, spec: Extract<ActivitySpec, { kind: 'trips' | 'visits' | 'events' }>, scope: Scope): Promise<ActivityRecord[]> {
  const { from, to } = scope.period;
  if (spec.kind === 'trips') {
    const rows = await ctx.db
      .select({ ...getTableColumns(trips), levelName: leaderLevels.nameZh })
      .from(trips)
      .innerJoin(leaderLevels, eq(leaderLevels.key, trips.leaderLevel))
      .where(
        sql`${inUnitSubtree(ctx.caller, trips.unitId, scope.unit.path)} ${spec.roles ? sql`and ${withRoles(spec.roles)}` : sql``}
            and ${spec.measure === 'count' ? sql`${trips.fromOn} between ${from}::date and ${to}::date` : sql`${trips.toOn} >= ${from}::date and ${trips.fromOn} <= ${to}::date`}`,
      )
      .orderBy(trips.fromOn, trips.id);
    // Days: each trip adds the days in the period that no earlier trip of the same leader already counted.
    const counted = new Map<string, Set<string>>();
    return rows.map((t) => {
      let contribution = 1;
      if (spec.measure === 'days') {
        const leader = `${t.unitId}/${t.leaderName}`;
        const days = counted.get(leader) ?? new Set<string>();
        const before = days.size;
        for (let d = t.fromOn < from ? from : t.fromOn; d <= (t.toOn > to ? to : t.toOn); d = addDays(d, 1)) days.add(d);
        counted.set(leader, days);
        contribution = days.size - before;
      }
      return { recordKind: 'trip' as const, recordId: t.id, projectId: null, label: `${t.leaderName}(${t.levelName}) ${t.fromOn}–${t.toOn}`, unitId: t.unitId, date: t.fromOn, contribution };
    });
  }
  if (spec.kind === 'visits') {
    const rows = await ctx.db
      .select()
      .from(visits)
      .where(sql`${inUnitSubtree(ctx.caller, visits.unitId, scope.unit.path)} and ${visits.visitedOn} between ${from}::date and ${to}::date`)
      .orderBy(visits.visitedOn, visits.id);
    // An enterprise counts once: its first visit in the period adds 1, later ones 0.
    const seen = new Set<string>();
    return rows.map((v) => {
      const key = v.enterpriseId ? `#${v.enterpriseId}` : v.enterpriseName;
      const contribution = seen.has(key) ? 0 : 1;
      seen.add(key);
      return { recordKind: 'visit' as const, recordId: v.id, projectId: v.projectId, label: v.enterpriseName, unitId: v.unitId, date: v.visitedOn, contribution, distinctKey: key };
    });
  }
  const held = await ctx.db
    .select()
    .from(events)
    .where(sql`${inUnitSubtree(ctx.caller, events.unitId, scope.unit.path)} and ${events.heldOn} between ${from}::date and ${to}::date`)
    .orderBy(events.heldOn, events.id);
  if (spec.measure === 'held') return held.map((e) => ({ recordKind: 'event' as const, recordId: e.id, projectId: null, label: e.name, unitId: e.unitId, date: e.heldOn, contribution: 1 }));
  const signed = held.length === 0
    ? []
    : await ctx.db
        .select({ eventId: eventProjects.eventId, projectId: projects.id, name: projects.name, codeName: projects.codeName, unitId: projects.unitId, amount: sql<number>`coalesce(${projects.contractInvestmentYuan}, ${projects.totalInvestmentYuan})`.mapWith(Number) })
        .from(eventProjects)
        .innerJoin(projects, sql`${projects.id} = ${eventProjects.projectId}`)
        .where(sql`${eventProjects.eventId} = any(${sql.param(held.map((e) => e.id))}::int[]) and ${signedAtEventCounts(scope.rules)}`);
  return signed.map((p) => {
    const event = held.find((e) => e.id === p.eventId)!;
    const name = p.codeName && p.unitId !== ctx.caller.unitId ? p.codeName : p.name;
    // The figure credits the event's unit (a breakdown by unit groups events by theirs): so does its record.
    return { recordKind: 'project' as const, recordId: p.projectId, projectId: p.projectId, label: `${name}(${event.name})`, unitId: event.unitId, date: event.heldOn, contribution: spec.measure === 'signedCount' ? 1 : p.amount };
  });
}
