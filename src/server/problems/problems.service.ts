import { and, asc, count, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { readAll, type Db } from '../db/client.ts';
import { anyOf } from '../db/bulk.ts';
import { problemNotes, problems } from '../db/schema.ts';
import type { Caller, ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inProblemScope, inUnitSubtree } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { projectNamesForCaller, projectUnitOf, requireProjectInScope } from '../projects/projects.service.ts';
import { departmentNames, requireDepartment } from '../departments/departments.service.ts';
import { userNames } from '../users/users.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { canWriteRecords } from '../../domain/roles.ts';
import type { TProblem } from '../../shared/problems.ts';
import type { z } from 'zod';
import type { ZProblemListQuery, ZRaiseProblemRequest, ZUpdateProblemRequest } from '../../shared/problems.ts';

type ProblemRow = typeof problems.$inferSelect;

const scope = (caller: Caller) => inProblemScope(caller, problems.departmentId, projectUnitOf(problems.projectId));

async function toProblems(ctx: ServiceContext, db: Db, rows: ProblemRow[]): Promise<TProblem[]> {
  const ids = rows.map((r) => r.id);
  const notes = ids.length ? await db.select().from(problemNotes).where(inArray(problemNotes.problemId, ids)).orderBy(asc(problemNotes.id)) : [];
  const [projectNames, departments, authors] = await readAll(db, [
    () => projectNamesForCaller({ ...ctx, db }, rows.map((r) => r.projectId)),
    () => departmentNames(db, rows.flatMap((r) => (r.departmentId ? [r.departmentId] : []))),
    () => userNames(db, notes.flatMap((n) => (n.authorId ? [n.authorId] : []))),
  ]);
  const today = chinaToday(ctx.now);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    projectName: projectNames.get(r.projectId) ?? '',
    category: r.category as TProblem['category'],
    description: r.description,
    departmentId: r.departmentId,
    departmentName: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
    dueOn: r.dueOn,
    state: r.state as TProblem['state'],
    level: r.level as TProblem['level'],
    overdue: r.state === 'open' && !!r.dueOn && r.dueOn < today,
    resolution: r.resolution,
    createdAt: r.createdAt.toISOString(),
    notes: notes
      .filter((n) => n.problemId === r.id)
      .map((n) => ({
        id: n.id,
        kind: n.kind as TProblem['notes'][number]['kind'],
        text: n.text,
        author: n.authorId ? (authors.get(n.authorId) ?? null) : null,
        createdAt: n.createdAt.toISOString(),
      })),
  }));
}

export async function listProblems(ctx: ServiceContext, options: z.output<typeof ZProblemListQuery>) {
  const where = and(
    scope(ctx.caller),
    options.projectId ? eq(problems.projectId, options.projectId) : undefined,
    options.state ? eq(problems.state, options.state) : undefined,
    options.level ? eq(problems.level, options.level) : undefined,
    options.departmentId ? eq(problems.departmentId, options.departmentId) : undefined,
    // Past due as the list marks it (`overdue` above): open, with a due date before today.
    options.overdue ? and(eq(problems.state, 'open'), lt(problems.dueOn, chinaToday(ctx.now))) : undefined,
    options.unitId ? inUnitSubtree(projectUnitOf(problems.projectId), options.unitId) : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(problems)
    .where(where)
    .orderBy(sql`${problems.state} = 'resolved'`, sql`${problems.dueOn} asc nulls last`, desc(problems.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(problems).where(where);
  return { items: await toProblems(ctx, ctx.db, rows), total: Number(total), page: options.page, pageSize: options.pageSize };
}

async function loadInScope(ctx: ServiceContext, db: Db, id: number): Promise<ProblemRow> {
  const [row] = await db.select().from(problems).where(and(eq(problems.id, id), scope(ctx.caller)));
  if (!row) throw notFound('problem');
  return row;
}

export async function getProblem(ctx: ServiceContext, id: number): Promise<TProblem> {
  return (await toProblems(ctx, ctx.db, [await loadInScope(ctx, ctx.db, id)]))[0]!;
}

/** Raises a blocker on a project of the caller's units, optionally routed to a department with a due date. */
export async function raiseProblem(ctx: ServiceContext, projectId: number, input: z.output<typeof ZRaiseProblemRequest>): Promise<TProblem> {
  assertCanWrite(ctx.caller);
  const project = await requireProjectInScope(ctx, projectId);
  if (input.departmentId) await requireDepartment(ctx.db, input.departmentId, 'departmentId');
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(problems)
      .values({
        projectId,
        category: input.category,
        description: input.description,
        departmentId: input.departmentId ?? null,
        dueOn: input.dueOn ?? null,
        createdBy: ctx.caller.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'problem', entityId: row!.id, unitId: project.unitId, action: 'create', after: row });
    return (await toProblems(ctx, tx, [row!]))[0]!;
  });
}

/** Re-routes or re-dates a problem (the project's units only); the change is noted on the problem. */
export async function updateProblem(ctx: ServiceContext, id: number, input: z.output<typeof ZUpdateProblemRequest>): Promise<TProblem> {
  assertCanWrite(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    const project = await requireProjectInScope({ ...ctx, db: tx }, before.projectId);
    if (before.state === 'resolved') throw new AppError('problem.resolved');
    if (input.departmentId) await requireDepartment(tx, input.departmentId, 'departmentId');
    const [row] = await tx
      .update(problems)
      .set({
        category: input.category,
        description: input.description,
        departmentId: input.departmentId,
        dueOn: input.dueOn,
        updatedAt: ctx.now,
      })
      .where(eq(problems.id, id))
      .returning();
    if (input.departmentId !== undefined && input.departmentId !== before.departmentId) {
      const names = await departmentNames(tx, input.departmentId ? [input.departmentId] : []);
      await tx.insert(problemNotes).values({
        problemId: id,
        kind: 'assignment',
        text: input.departmentId ? `交办：${names.get(input.departmentId)}` : '取消交办',
        authorId: ctx.caller.userId,
        createdAt: ctx.now,
      });
    }
    await recordAudit(tx, actorOf(ctx), { entity: 'problem', entityId: id, unitId: project.unitId, action: 'update', before, after: row });
    return (await toProblems(ctx, tx, [row!]))[0]!;
  });
}

/**
 * Adds a note. 领导批示 (instructions) come from leaders and the bureau; progress notes from those who work the
 * problem: the project's staff and the department it is routed to.
 */
export async function addProblemNote(ctx: ServiceContext, id: number, input: { kind: 'instruction' | 'progress'; text: string }): Promise<TProblem> {
  const role = ctx.caller.role;
  if (input.kind === 'instruction' && role !== 'leader' && role !== 'bureau') throw new AppError('problem.instructionByLeader');
  if (input.kind === 'progress' && !canWriteRecords(role) && role !== 'department') throw new AppError('auth.readOnly');
  return ctx.db.transaction(async (tx) => {
    const problem = await loadInScope(ctx, tx, id);
    const [note] = await tx
      .insert(problemNotes)
      .values({ problemId: id, kind: input.kind, text: input.text, authorId: ctx.caller.userId, createdAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'problem', entityId: id, unitId: null, action: 'update', after: { note } });
    await tx.update(problems).set({ updatedAt: ctx.now }).where(eq(problems.id, problem.id));
    return (await toProblems(ctx, tx, [problem]))[0]!;
  });
}

/** Resolves a problem with a note: the project's writers or the department it is routed to. */
export async function resolveProblem(ctx: ServiceContext, id: number, resolution: string): Promise<TProblem> {
  if (!canWriteRecords(ctx.caller.role) && ctx.caller.role !== 'department') throw new AppError('auth.readOnly');
  return ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    if (before.state === 'resolved') throw new AppError('problem.resolved');
    const [row] = await tx
      .update(problems)
      .set({ state: 'resolved', resolution, resolvedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(problems.id, id))
      .returning();
    await tx.insert(problemNotes).values({ problemId: id, kind: 'resolution', text: resolution, authorId: ctx.caller.userId, createdAt: ctx.now });
    await recordAudit(tx, actorOf(ctx), { entity: 'problem', entityId: id, unitId: null, action: 'update', before, after: row });
    return (await toProblems(ctx, tx, [row!]))[0]!;
  });
}

/** Open problems past their due date go up to the city (run by the daily job); each is escalated once. */
export async function escalateOverdueProblems(db: Db, now: Date): Promise<number> {
  const today = chinaToday(now);
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(problems)
      .set({ level: 'city', escalatedAt: now, updatedAt: now })
      .where(and(eq(problems.state, 'open'), eq(problems.level, 'unit'), isNotNull(problems.dueOn), lt(problems.dueOn, today)))
      .returning();
    for (const row of rows) {
      await tx.insert(problemNotes).values({ problemId: row.id, kind: 'escalation', text: `逾期未办结（时限${row.dueOn}），已提级至市级督办`, createdAt: now });
      await recordAudit(tx, { userId: null, unitId: null, requestId: 'job:deadlineReminders' }, { entity: 'problem', entityId: row.id, unitId: null, action: 'update', after: { level: 'city' } });
    }
    return rows.length;
  });
}

/** Which of these projects have problems on record (a ledger import's revert leaves such projects alone). */
export async function projectsWithProblems(ctx: ServiceContext, projectIds: number[]): Promise<Set<number>> {
  const found = new Set<number>();
  if (projectIds.length === 0) return found;
  for (const row of await ctx.db.selectDistinct({ id: problems.projectId }).from(problems).where(anyOf(problems.projectId, projectIds, 'int'))) found.add(row.id);
  return found;
}
