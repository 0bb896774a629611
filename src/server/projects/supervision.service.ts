import { and, asc, count, eq, getTableColumns, isNotNull, lte, lt, or, sql } from 'drizzle-orm';
import { userNameOf } from '../users/users.service.ts';
import { projects } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { containsPattern } from '../db/search.ts';
import { inCallerScope, inUnitSubtree } from '../access/scope.ts';
import { unitNames } from '../units/units.service.ts';
import { listDeadlineRules, toDomainRule } from '../deadlines/deadlines.service.ts';
import { projectNamesForCaller } from './projects.service.ts';
import { chinaToday, daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { computeDeadlines, statusFromColumns, type DeadlineStatus, type StageDates } from '../../domain/deadlines.ts';
import type { ProjectState } from '../../domain/stages.ts';
import type { TBoardItem, TSupervisionItem } from '../../shared/deadlines.ts';

export type ListSupervisionOptions = { unitId?: number; status?: 'dueSoon' | 'overdue'; q?: string; page: number; pageSize: number };

/**
 * The 督办 list (挂图作战): projects whose next deadline is due soon or overdue, most overdue first.
 * Status is read from the kept deadline columns against today, so the list is one indexed query.
 */
export async function listSupervision(ctx: ServiceContext, options: ListSupervisionOptions) {
  const today = chinaToday(ctx.now);
  const overdue = lt(projects.nextDueOn, today);
  const dueSoon = and(lte(projects.warnFromOn, today), sql`${projects.nextDueOn} >= ${today}`);
  const where = and(
    inCallerScope(ctx.caller, projects.unitId),
    isNotNull(projects.nextDueOn),
    options.status === 'overdue' ? overdue : options.status === 'dueSoon' ? dueSoon : or(overdue, dueSoon),
    options.unitId ? inUnitSubtree(projects.unitId, options.unitId) : undefined,
    options.q ? sql`${projects.name} ilike ${containsPattern(options.q)}` : undefined,
  );
  const rows = await ctx.db
    .select({ ...getTableColumns(projects), officerName: userNameOf(projects.responsibleOfficerId) })
    .from(projects)
    .where(where)
    .orderBy(asc(projects.nextDueOn), asc(projects.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(projects).where(where);
  const [units, rules, names] = await Promise.all([
    unitNames(ctx.db, rows.map((r) => r.unitId)),
    listDeadlineRules(ctx.db),
    projectNamesForCaller(ctx, rows.map((r) => r.id)),
  ]);
  const ruleByKey = new Map(rules.map((r) => [r.key, r]));
  const items: TSupervisionItem[] = rows.map((row) => {
    const status = statusFromColumns(row, today) as Exclude<DeadlineStatus, 'onTrack'>;
    const rule = ruleByKey.get(row.nextDueRule ?? '');
    return {
      projectId: row.id,
      projectName: names.get(row.id) ?? row.name,
      unitId: row.unitId,
      unitName: units.get(row.unitId) ?? '',
      stage: row.stage as ProjectState,
      totalInvestmentYuan: row.totalInvestmentYuan,
      ruleKey: row.nextDueRule ?? '',
      ruleName: rule?.name ?? row.nextDueRule ?? '',
      dueDate: row.nextDueOn!,
      status,
      colour: rule?.colours[status] ?? (status === 'overdue' ? 'red' : 'yellow'),
      daysOverdue: Math.max(0, daysBetween(row.nextDueOn!, today)),
      // 包联领导 and the responsible officer, as the 督办 list names them.
      responsible: [row.responsibleLeader, row.officerName].filter(Boolean).join(' / ') || null,
    };
  });
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}

export type ProjectOnTheClock = {
  id: number;
  name: string;
  unitId: number;
  responsibleOfficerId: number | null;
  state: ProjectState;
  stageDates: StageDates;
};

/** Projects with a deadline that is due soon or overdue today, for the reminder job (no caller: the system asks). */
export async function projectsOnTheClock(db: Db, today: IsoDate): Promise<ProjectOnTheClock[]> {
  const rows = await db
    .select()
    .from(projects)
    .where(and(isNotNull(projects.nextDueOn), lte(projects.warnFromOn, today)))
    .orderBy(asc(projects.id));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    unitId: row.unitId,
    responsibleOfficerId: row.responsibleOfficerId,
    state: row.stage as ProjectState,
    stageDates: stageDatesOf(row),
  }));
}

/** The 挂图作战 board: projects under the deadline regime (signed and on), next due first, with every milestone. */
export async function supervisionBoard(ctx: ServiceContext, options: { unitId?: number; q?: string; page: number; pageSize: number }) {
  const today = chinaToday(ctx.now);
  const where = and(
    inCallerScope(ctx.caller, projects.unitId),
    isNotNull(projects.signedOn),
    options.unitId ? inUnitSubtree(projects.unitId, options.unitId) : undefined,
    options.q ? sql`${projects.name} ilike ${containsPattern(options.q)}` : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(where)
    .orderBy(sql`${projects.nextDueOn} asc nulls last`, asc(projects.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(projects).where(where);
  const [units, allRules, names] = await Promise.all([
    unitNames(ctx.db, rows.map((r) => r.unitId)),
    listDeadlineRules(ctx.db),
    projectNamesForCaller(ctx, rows.map((r) => r.id)),
  ]);
  const rules = allRules.filter((r) => r.active).map(toDomainRule);
  const ruleName = new Map(allRules.map((r) => [r.key, r.name]));
  const items: TBoardItem[] = rows.map((row) => {
    const stageDates = stageDatesOf(row);
    return {
      projectId: row.id,
      projectName: names.get(row.id) ?? row.name,
      unitName: units.get(row.unitId) ?? '',
      stage: row.stage as ProjectState,
      stageDates: stageDates as Record<string, string>,
      deadlines: computeDeadlines({ state: row.stage as ProjectState, stageDates, rules, today }).map((d) => ({
        ruleKey: d.rule.key,
        ruleName: ruleName.get(d.rule.key) ?? d.rule.key,
        toStage: d.rule.toStage,
        startDate: d.startDate,
        dueDate: d.dueDate,
        doneDate: d.open ? null : d.doneDate,
        status: d.open ? d.status : d.outcome,
        colour: d.open ? d.colour : null,
      })),
    };
  });
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}

function stageDatesOf(row: typeof projects.$inferSelect): StageDates {
  const pairs = [
    ['signed', row.signedOn],
    ['registered', row.registeredOn],
    ['started', row.startedOn],
    ['producing', row.producingOn],
    ['inStats', row.inStatsOn],
  ] as const;
  return Object.fromEntries(pairs.filter(([, date]) => date !== null)) as StageDates;
}
