import { and, asc, count, eq, getTableColumns, isNotNull, lte, lt, or, sql } from 'drizzle-orm';
import { userNameOf } from '../users/users.service.ts';
import { projects } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import type { ServiceContext } from '../context.ts';
import { projectNameMatches } from './project-search.ts';
import { inCallerScope, inUnitSubtree } from '../access/scope.ts';
import { unitNames } from '../units/units.service.ts';
import { activeDeadlineRules, listDeadlineRules, toDomainRule } from '../deadlines/deadlines.service.ts';
import { projectNamesForCaller } from './projects.service.ts';
import { chinaToday, daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { computeDeadlines, statusFromColumns, type DeadlineStatus, type StageDates } from '../../domain/deadlines.ts';
import type { ProjectState } from '../../domain/stages.ts';
import type { TBoardItem, TRemindDeadlineResponse, TSupervisionItem } from '../../shared/deadlines.ts';
import { remindersFor } from '../../domain/reminders.ts';
import { assertCanWrite } from '../access/scope.ts';
import { AppError, notFound } from '../errors.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { auditedAfters } from '../audit/audit-reads.ts';
import { pushDeadlineNotifications } from '../reminders/notifications.service.ts';

export type ListSupervisionOptions = { unitId?: number; status?: 'dueSoon' | 'overdue'; q?: string; groupBy?: 'unit'; page: number; pageSize: number };

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
    options.q ? projectNameMatches(options.q, ctx.caller.unitId) : undefined,
  );
  const byUnit = options.groupBy === 'unit' ? [unitTreeOrder(projects.unitId), asc(projects.unitId)] : [];
  const rows = await ctx.db
    .select({ ...getTableColumns(projects), officerName: userNameOf(projects.responsibleOfficerId) })
    .from(projects)
    .where(where)
    .orderBy(...byUnit, asc(projects.nextDueOn), asc(projects.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  // Each unit's count over the whole filtered list, so a group's heading never calls a page's rows its total.
  const perUnit = await ctx.db
    .select({ unitId: projects.unitId, total: count(), overdue: sql<number>`count(*) filter (where ${overdue})` })
    .from(projects)
    .where(where)
    .groupBy(projects.unitId);
  const total = perUnit.reduce((sum, u) => sum + Number(u.total), 0);
  const [units, rules, names, reminded] = await Promise.all([
    unitNames(ctx.db, [...rows.map((r) => r.unitId), ...perUnit.map((u) => u.unitId)]),
    listDeadlineRules(ctx.db),
    projectNamesForCaller(ctx, rows.map((r) => r.id)),
    remindedToday(ctx, rows.map((r) => ({ projectId: r.id, ruleKey: r.nextDueRule ?? '', dueOn: r.nextDueOn! }))),
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
      officerMissing: row.responsibleOfficerId === null,
      remindedToday: reminded.has(`${row.id}:${row.nextDueRule}`),
    };
  });
  const unitCounts = perUnit
    .map((u) => ({ unitId: u.unitId, unitName: units.get(u.unitId) ?? '', total: Number(u.total), overdue: Number(u.overdue) }))
    .sort((a, b) => b.overdue - a.overdue || b.total - a.total || a.unitId - b.unitId);
  return { items, total, units: unitCounts, page: options.page, pageSize: options.pageSize };
}

/** Orders rows by their unit's place in the tree (a county, then its parks), the way the unit tree reads. */
function unitTreeOrder(unitId: typeof projects.unitId) {
  return sql`(select u.path from units u where u.id = ${unitId})`;
}

/** Which of these deadlines had a 催办 today (China's day), as `projectId:ruleKey`. */
async function remindedToday(ctx: ServiceContext, deadlines: { projectId: number; ruleKey: string; dueOn: string }[]): Promise<Set<string>> {
  const day = chinaToday(ctx.now);
  const rows = await auditedAfters(ctx.db, { entity: 'project', entityIds: deadlines.map((d) => d.projectId), action: 'remind', afterContains: { day } });
  const sent = new Set(rows.map((r) => { const after = r.after as { ruleKey?: string; dueOn?: string }; return `${r.entityId}:${after.ruleKey}:${after.dueOn}`; }));
  return new Set(deadlines.filter((d) => sent.has(`${d.projectId}:${d.ruleKey}:${d.dueOn}`)).map((d) => `${d.projectId}:${d.ruleKey}`));
}

export type RemindDeadlineOptions = { projectId: number; ruleKey: string };

/**
 * 催办 (issue 16): one deadline's reminder, now — the bell notifications the reminder job makes (to the unit and the
 * responsible officer), made again and unread if the job made them already. Only a deadline due soon or overdue,
 * once a deadline a day (the project row is locked while the day's 催办 are counted, so two clicks make one),
 * audited in the same transaction. A project outside the caller's subtree is not found.
 */
export async function remindDeadline(ctx: ServiceContext, options: RemindDeadlineOptions): Promise<TRemindDeadlineResponse> {
  assertCanWrite(ctx.caller);
  const today = chinaToday(ctx.now);
  const rules = await activeDeadlineRules(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(projects)
      .where(and(eq(projects.id, options.projectId), inCallerScope(ctx.caller, projects.unitId)))
      .for('update');
    if (!row) throw notFound('project');
    const reminder = remindersFor(row.stage as ProjectState, stageDatesOf(row), rules, today).find((r) => r.ruleKey === options.ruleKey);
    if (!reminder) throw new AppError('supervision.notOnTheClock', { field: 'ruleKey' });
    const deadline = { ruleKey: reminder.ruleKey, dueOn: reminder.dueOn };
    const already = await auditedAfters(tx, { entity: 'project', entityIds: [row.id], action: 'remind', afterContains: { ...deadline, day: today } });
    if (already.length > 0) throw new AppError('supervision.remindedToday', { field: 'ruleKey' });
    const notice = { projectId: row.id, unitId: row.unitId, responsibleOfficerId: row.responsibleOfficerId, ruleKey: reminder.ruleKey, dueOn: reminder.dueOn, level: reminder.level };
    const recipients = await pushDeadlineNotifications(tx, notice, ctx.now);
    await recordAudit(tx, actorOf(ctx), {
      entity: 'project',
      entityId: row.id,
      unitId: row.unitId,
      action: 'remind',
      after: { ...deadline, level: reminder.level, day: today, responsibleOfficerId: row.responsibleOfficerId },
    });
    return { projectId: row.id, ...deadline, level: reminder.level, recipients, officerMissing: row.responsibleOfficerId === null };
  });
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
    options.q ? projectNameMatches(options.q, ctx.caller.unitId) : undefined,
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
