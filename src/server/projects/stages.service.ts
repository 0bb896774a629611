import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { anyOf } from '../db/bulk.ts';
import { evidenceFiles, projects, projectStageEvents, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { activeDeadlineRules, listDeadlineRules, ruleNames, toDomainRule } from '../deadlines/deadlines.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { reportStageChange, stageEventCorrected, verificationsOfEvents } from '../verification/verification.service.ts';
import { chinaToday } from '../../domain/calendar.ts';
import { computeDeadlines, deadlineColumns, summarizeDeadlines, type DeadlineRule, type StageDates } from '../../domain/deadlines.ts';
import { checkCorrection, effectiveEvents, foldProgress, type StageEvent, type StageEventKind } from '../../domain/stage-history.ts';
import { checkTransition, transitionKind, type StageEvidence } from '../../domain/transitions.ts';
import { closedMonthsTouched } from '../../domain/month-close.ts';
import { STATE_NAMES, type ProjectState } from '../../domain/stages.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import type { TCorrectStageRequest, TMoveStageRequest, TProjectLifecycle, TStageEvent } from '../../shared/project-stages.ts';
import { ZCorrectStageRequest, ZMoveStageRequest } from '../../shared/project-stages.ts';

type EventRow = typeof projectStageEvents.$inferSelect;

export function toStageEvent(row: EventRow): StageEvent {
  return {
    id: row.id,
    kind: row.kind as StageEventKind,
    state: row.state as ProjectState,
    happenedOn: row.happenedOn,
    evidence: row.evidence as StageEvidence,
    reason: row.reason,
    correctsEventId: row.correctsEventId,
  };
}

async function loadProjectForUpdate(ctx: ServiceContext, tx: Db, id: number) {
  const [row] = await tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), inCallerScope(ctx.caller, projects.unitId)))
    .for('update');
  if (!row) throw notFound('project');
  // A project merged into another counts nowhere (issue 17): a stage moved on it would be a figure nobody sees.
  if (row.mergedIntoId !== null) throw new AppError('projectMerge.projectMerged');
  return row;
}

/** The stage histories of many projects at once, by project. */
export async function stageEventsOf(db: Db, projectIds: number[]): Promise<Map<number, StageEvent[]>> {
  const histories = new Map<number, StageEvent[]>();
  if (projectIds.length > 0) {
    const rows = await db.select().from(projectStageEvents).where(anyOf(projectStageEvents.projectId, projectIds, 'int')).orderBy(asc(projectStageEvents.id));
    for (const row of rows) {
      const list = histories.get(row.projectId) ?? [];
      list.push(toStageEvent(row));
      histories.set(row.projectId, list);
    }
  }
  return histories;
}

async function loadEvents(tx: Db, projectId: number): Promise<EventRow[]> {
  return tx.select().from(projectStageEvents).where(eq(projectStageEvents.projectId, projectId)).orderBy(asc(projectStageEvents.id));
}

/** The project row's copy of its history: state, stage dates and deadline columns, refolded after every change. */
export function projectColumns(events: StageEvent[], rules: DeadlineRule[]) {
  const progress = foldProgress(events);
  const d = progress.stageDates;
  return {
    stage: progress.state,
    signedOn: d.signed ?? null,
    registeredOn: d.registered ?? null,
    startedOn: d.started ?? null,
    producingOn: d.producing ?? null,
    inStatsOn: d.inStats ?? null,
    lastEventOn: progress.lastEventDate,
    ...deadlineColumns(progress.state, progress.stageDates, rules),
  };
}

function refuse(code: string, field: string): never {
  throw new AppError(code as ErrorCode, { field });
}

async function attachFiles(tx: Db, projectId: number, eventId: number, fileIds: number[]): Promise<void> {
  if (fileIds.length === 0) return;
  const attached = await tx
    .update(evidenceFiles)
    .set({ stageEventId: eventId })
    .where(and(inArray(evidenceFiles.id, fileIds), eq(evidenceFiles.projectId, projectId), sql`${evidenceFiles.stageEventId} is null`))
    .returning({ id: evidenceFiles.id });
  if (attached.length !== new Set(fileIds).size) refuse('notFound', 'fileIds');
}

/** Moves a project to another stage under the lifecycle rules; the history row, project row and audit row commit together. */
export async function moveProjectStage(ctx: ServiceContext, projectId: number, input: TMoveStageRequest) {
  assertCanWrite(ctx.caller);
  const request = ZMoveStageRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const before = await loadProjectForUpdate(ctx, tx, projectId);
    const events = (await loadEvents(tx, projectId)).map(toStageEvent);
    const progress = foldProgress(events);
    const evidence: StageEvidence = { ...request.evidence, fileCount: request.fileIds.length };
    const problems = checkTransition(progress, { to: request.to, date: request.date, evidence, reason: request.reason }, chinaToday(ctx.now));
    if (problems.length > 0) refuse(problems[0]!.code, problems[0]!.field);
    const kind = transitionKind(progress, request.to);
    const [event] = await tx
      .insert(projectStageEvents)
      .values({
        projectId,
        kind,
        state: request.to,
        happenedOn: request.date,
        evidence: request.evidence,
        reason: request.reason ?? null,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      })
      .returning();
    await attachFiles(tx, projectId, event!.id, request.fileIds);
    await reportStageChange(tx, ctx, { projectId, unitId: before.unitId, totalInvestmentYuan: before.totalInvestmentYuan, eventId: event!.id, kind, stage: request.to });
    const columns = projectColumns([...events, toStageEvent(event!)], await activeDeadlineRules(tx));
    await recordCorrection(tx, ctx, {
      projectId,
      unitId: before.unitId,
      months: closedMonthsTouched(before, columns, await closedPeriods(tx)),
      summary: `${STATE_NAMES[request.to].zh} ${request.date}`,
      reason: request.reason,
      field: 'reason',
    });
    const [after] = await tx.update(projects).set({ ...columns, updatedAt: ctx.now }).where(eq(projects.id, projectId)).returning();
    await recordAudit(tx, actorOf(ctx), {
      entity: 'project',
      entityId: projectId,
      unitId: before.unitId,
      action: 'update',
      before: { stage: before.stage, stageEvent: null },
      after: { stage: after!.stage, stageEvent: event },
      reason: request.reason ?? undefined,
    });
    return lifecycleOf(ctx, tx, projectId);
  });
}

/** Corrects the date or evidence of an earlier stage record, or revokes the latest one — never silently: with a reason, as a new record. */
export async function correctProjectStage(ctx: ServiceContext, projectId: number, input: TCorrectStageRequest) {
  assertCanWrite(ctx.caller);
  const request = ZCorrectStageRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const before = await loadProjectForUpdate(ctx, tx, projectId);
    const events = (await loadEvents(tx, projectId)).map(toStageEvent);
    const target = effectiveEvents(events).find((e) => e.id === request.correctsEventId);
    const happenedOn = request.kind === 'correct' ? (request.happenedOn ?? target?.happenedOn) : target?.happenedOn;
    const problem = checkCorrection(events, { kind: request.kind, correctsEventId: request.correctsEventId, happenedOn, reason: request.reason });
    if (problem) refuse(problem, problem.startsWith('date') ? 'happenedOn' : problem === 'reason.required' ? 'reason' : 'correctsEventId');
    if (request.kind === 'correct') {
      const today = chinaToday(ctx.now);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(happenedOn!)) refuse('date.invalid', 'happenedOn');
      if (happenedOn! > today) refuse('date.future', 'happenedOn');
    }
    const [event] = await tx
      .insert(projectStageEvents)
      .values({
        projectId,
        kind: request.kind,
        state: target!.state,
        happenedOn: happenedOn!,
        evidence: request.evidence ?? {},
        reason: request.reason,
        correctsEventId: request.correctsEventId,
        recordedBy: ctx.caller.userId,
        recordedAt: ctx.now,
      })
      .returning();
    await stageEventCorrected(tx, ctx, { correctsEventId: request.correctsEventId, kind: request.kind, unitId: before.unitId, reason: request.reason });
    const columns = projectColumns([...events, toStageEvent(event!)], await activeDeadlineRules(tx));
    await recordCorrection(tx, ctx, {
      projectId,
      unitId: before.unitId,
      months: closedMonthsTouched(before, columns, await closedPeriods(tx)),
      summary: request.kind === 'revoke' ? `撤销${STATE_NAMES[target!.state].zh} ${target!.happenedOn}` : `${STATE_NAMES[target!.state].zh} ${target!.happenedOn} → ${happenedOn}`,
      reason: request.reason,
      field: 'reason',
    });
    const [after] = await tx.update(projects).set({ ...columns, updatedAt: ctx.now }).where(eq(projects.id, projectId)).returning();
    await recordAudit(tx, actorOf(ctx), {
      entity: 'project',
      entityId: projectId,
      unitId: before.unitId,
      action: 'update',
      before: { stage: before.stage, corrected: target },
      after: { stage: after!.stage, stageEvent: event },
      reason: request.reason,
    });
    return lifecycleOf(ctx, tx, projectId);
  });
}

export async function getProjectLifecycle(ctx: ServiceContext, projectId: number): Promise<TProjectLifecycle> {
  const [row] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, projectId), inCallerScope(ctx.caller, projects.unitId)));
  if (!row) throw notFound('project');
  return lifecycleOf(ctx, ctx.db, projectId);
}

async function lifecycleOf(ctx: ServiceContext, db: Db, projectId: number): Promise<TProjectLifecycle> {
  const rows = await db
    .select({ event: projectStageEvents, recordedBy: users.displayName })
    .from(projectStageEvents)
    .leftJoin(users, eq(users.id, projectStageEvents.recordedBy))
    .where(eq(projectStageEvents.projectId, projectId))
    .orderBy(asc(projectStageEvents.id));
  const files = await db
    .select({ id: evidenceFiles.id, eventId: evidenceFiles.stageEventId })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.projectId, projectId), isNotNull(evidenceFiles.stageEventId)));
  const stageEvents = rows.map((r) => toStageEvent(r.event));
  const verifications = await verificationsOfEvents(db, rows.map((r) => r.event.id));
  const effective = new Set(effectiveEvents(stageEvents).map((e) => e.id));
  const progress = foldProgress(stageEvents);
  const allRules = await listDeadlineRules(db);
  const names = ruleNames(allRules);
  const deadlines = computeDeadlines({
    state: progress.state,
    stageDates: progress.stageDates,
    rules: allRules.filter((r) => r.active).map(toDomainRule),
    today: chinaToday(ctx.now),
  });
  const events: TStageEvent[] = rows.map(({ event, recordedBy }) => ({
    id: event.id,
    kind: event.kind as TStageEvent['kind'],
    state: event.state as ProjectState,
    happenedOn: event.happenedOn,
    evidence: event.evidence as TStageEvent['evidence'],
    reason: event.reason,
    correctsEventId: event.correctsEventId,
    recordedBy,
    recordedAt: event.recordedAt.toISOString(),
    effective: event.kind === 'correct' || event.kind === 'revoke' ? true : effective.has(event.id),
    fileIds: files.filter((f) => f.eventId === event.id).map((f) => f.id),
    verification: verifications.get(event.id) ?? null,
  }));
  return {
    projectId,
    state: progress.state,
    stageDates: progress.stageDates as Record<string, string>,
    events,
    deadlines: deadlines.map((d) => ({
      ruleKey: d.rule.key,
      ruleName: names.get(d.rule.key) ?? d.rule.key,
      fromStage: d.rule.fromStage,
      toStage: d.rule.toStage,
      startDate: d.startDate,
      dueDate: d.dueDate,
      open: d.open,
      status: d.open ? d.status : null,
      colour: d.open ? d.colour : null,
      daysLeft: d.open ? d.daysLeft : null,
      outcome: d.open ? null : d.outcome,
      doneDate: d.open ? null : d.doneDate,
    })),
    status: summarizeDeadlines(deadlines).status,
  };
}

/** After the rules change, every project's deadline columns are refolded from its stage dates. */
export async function recomputeAllDeadlines(tx: Db, rules: DeadlineRule[]): Promise<number> {
  const rows = await tx
    .select({
      id: projects.id,
      stage: projects.stage,
      signed: projects.signedOn,
      registered: projects.registeredOn,
      started: projects.startedOn,
      producing: projects.producingOn,
      inStats: projects.inStatsOn,
    })
    .from(projects)
    // A project merged into another is due nothing while merged (its undo refolds it).
    .where(and(isNotNull(projects.signedOn), isNull(projects.mergedIntoId)));
  for (const row of rows) {
    const stageDates: StageDates = Object.fromEntries(
      (['signed', 'registered', 'started', 'producing', 'inStats'] as const).filter((s) => row[s]).map((s) => [s, row[s]!]),
    );
    await tx.update(projects).set(deadlineColumns(row.stage as ProjectState, stageDates, rules)).where(eq(projects.id, row.id));
  }
  return rows.length;
}
