import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  chainPlacements,
  duplicateClaims,
  eventProjects,
  evidenceFiles,
  leads,
  problems,
  projectFunds,
  projectMerges,
  projects,
  visits,
} from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { actorOf, recordAudit, recordAuditMany, type AuditChange } from '../audit/audit.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { activeDeadlineRules } from '../deadlines/deadlines.service.ts';
import { projectColumns, stageEventsOf } from '../projects/stages.service.ts';
import { closedMonthOf, closedMonthsOfProject, type ClosedThrough } from '../../domain/month-close.ts';
import { detectDuplicatesFor } from './duplicate-claims.detect.ts';
import { noticeDecision } from './duplicate-notices.ts';
import { assertBureau, claimById, loadOpenForDecision } from './duplicate-claims.service.ts';
import {
  PROJECT_MERGE_KINDS,
  ZMergeClaimRequest,
  ZUndoProjectMergeRequest,
  type TDuplicateClaim,
  type TMergeClaimRequest,
  type TProjectMergeKind,
  type TUndoProjectMergeRequest,
} from '../../shared/duplicate-claims.ts';

/**
 * Merging a pair from the 甄别 queue (issue 17), after the enterprise merge (enterprise-merge.service.ts): one project
 * survives; what people recorded about the other — funds arrived, files, problems, leads, visits, its event and its
 * chain link — moves to it, listed by id so that undoing the merge puts back exactly that. The merged project is kept
 * in its own unit with its stage history and comments (both append-only; a fold of two histories would invent dates;
 * each unit's record of what it did stays as it did it), marked merged: it counts in no figure, is due nothing and is
 * proposed in no pair.
 * Stage evidence files stay with the stage event they prove. Moved funds or a merged project in a closed month make
 * the merge (and its undo) a correction of that month, with the bureau's reason.
 */

/** Ids per kind that moved, and the other pairs of the merged project the merge closed (re-detected on undo). */
type Moved = Record<TProjectMergeKind, number[]>;

/** The table and the name of each kind in the audit trail. */
const KIND_ENTITY: Record<TProjectMergeKind, string> = {
  funds: 'fund',
  files: 'evidenceFile',
  problems: 'problem',
  leads: 'lead',
  visits: 'visit',
  events: 'eventProject',
  chainPlacements: 'chainPlacement',
};

/** Moves one kind's rows (by id) from one project to another; returns the ids that moved. */
async function repoint(tx: Db, kind: TProjectMergeKind, ids: number[], from: number, to: number): Promise<number[]> {
  if (ids.length === 0) return [];
  const moved = (rows: { id: number }[]) => rows.map((r) => r.id);
  switch (kind) {
    case 'funds':
      return moved(await tx.update(projectFunds).set({ projectId: to }).where(and(inArray(projectFunds.id, ids), eq(projectFunds.projectId, from))).returning({ id: projectFunds.id }));
    case 'files':
      return moved(
        await tx
          .update(evidenceFiles)
          .set({ projectId: to })
          .where(and(inArray(evidenceFiles.id, ids), eq(evidenceFiles.projectId, from), isNull(evidenceFiles.stageEventId)))
          .returning({ id: evidenceFiles.id }),
      );
    case 'problems':
      return moved(await tx.update(problems).set({ projectId: to }).where(and(inArray(problems.id, ids), eq(problems.projectId, from))).returning({ id: problems.id }));
    case 'leads':
      return moved(await tx.update(leads).set({ projectId: to }).where(and(inArray(leads.id, ids), eq(leads.projectId, from))).returning({ id: leads.id }));
    case 'visits':
      return moved(await tx.update(visits).set({ projectId: to }).where(and(inArray(visits.id, ids), eq(visits.projectId, from))).returning({ id: visits.id }));
    case 'events': {
      // event_projects has no id of its own: a project is in one event at most, so its event id names the row.
      const rows = await tx
        .update(eventProjects)
        .set({ projectId: to })
        .where(and(inArray(eventProjects.eventId, ids), eq(eventProjects.projectId, from)))
        .returning({ id: eventProjects.eventId });
      return moved(rows);
    }
    case 'chainPlacements':
      return moved(await tx.update(chainPlacements).set({ projectId: to }).where(and(inArray(chainPlacements.id, ids), eq(chainPlacements.projectId, from))).returning({ id: chainPlacements.id }));
  }
}

/** The rows of the merged project a merge would move; its event and chain link only where the survivor has none. */
async function movableOf(tx: Db, survivorId: number, mergedId: number): Promise<Moved> {
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  const [funds, files, problemRows, leadRows, visitRows, events, survivorEvents, placements, survivorPlacements] = [
    await tx.select({ id: projectFunds.id }).from(projectFunds).where(eq(projectFunds.projectId, mergedId)),
    await tx.select({ id: evidenceFiles.id }).from(evidenceFiles).where(and(eq(evidenceFiles.projectId, mergedId), isNull(evidenceFiles.stageEventId))),
    await tx.select({ id: problems.id }).from(problems).where(eq(problems.projectId, mergedId)),
    await tx.select({ id: leads.id }).from(leads).where(eq(leads.projectId, mergedId)),
    await tx.select({ id: visits.id }).from(visits).where(eq(visits.projectId, mergedId)),
    await tx.select({ id: eventProjects.eventId }).from(eventProjects).where(eq(eventProjects.projectId, mergedId)),
    await tx.select({ id: eventProjects.eventId }).from(eventProjects).where(eq(eventProjects.projectId, survivorId)),
    await tx.select({ id: chainPlacements.id }).from(chainPlacements).where(eq(chainPlacements.projectId, mergedId)),
    await tx.select({ id: chainPlacements.id }).from(chainPlacements).where(eq(chainPlacements.projectId, survivorId)),
  ];
  return {
    funds: ids(funds),
    files: ids(files),
    problems: ids(problemRows),
    leads: ids(leadRows),
    visits: ids(visitRows),
    // A project is in one event and on one link at most: the survivor's own stays, the merged project's stays behind.
    events: survivorEvents.length > 0 ? [] : ids(events),
    chainPlacements: survivorPlacements.length > 0 ? [] : ids(placements),
  };
}

type ProjectRow = typeof projects.$inferSelect;

async function lockProjects(tx: Db, ids: number[]): Promise<Map<number, ProjectRow>> {
  const rows = await tx.select().from(projects).where(inArray(projects.id, ids)).orderBy(projects.id).for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

/** The closed months of funds moving between projects. */
async function closedFundMonths(tx: Db, fundIds: number[], closed: ClosedThrough): Promise<string[]> {
  if (fundIds.length === 0) return [];
  const rows = await tx.select({ arrivedOn: projectFunds.arrivedOn }).from(projectFunds).where(inArray(projectFunds.id, fundIds));
  return rows.map((r) => closedMonthOf(r.arrivedOn, closed)).filter((m): m is string => m !== null);
}

/**
 * The corrections a merge (or its undo) makes: the merged project's figures leave (or come back to) every closed month
 * its dates lie in, and moved funds leave one project's closed months for the other's.
 */
async function recordMergeCorrections(tx: Db, ctx: ServiceContext, survivor: ProjectRow, merged: ProjectRow, fundIds: number[], reason: string, undo: boolean): Promise<void> {
  const closed = await closedPeriods(tx);
  const fundMonths = await closedFundMonths(tx, fundIds, closed);
  const sorted = (months: string[]) => [...new Set(months)].sort();
  const what = undo ? '撤销项目合并' : '项目合并';
  await recordCorrection(tx, ctx, {
    projectId: merged.id,
    unitId: merged.unitId,
    months: sorted([...closedMonthsOfProject(merged, closed), ...fundMonths]),
    summary: undo ? `${what}：本项目恢复计入` : `${what}：本项目并入另一项目，不再计入`,
    reason,
    field: 'reason',
  });
  await recordCorrection(tx, ctx, {
    projectId: survivor.id,
    unitId: survivor.unitId,
    months: sorted(fundMonths),
    summary: undo ? `${what}：并入的到位资金移回` : `${what}：并入另一项目的到位资金`,
    reason,
    field: 'reason',
  });
}

/** Audit rows of every moved record, so each one's own trail shows the merge (or its undo). */
function movedAudits(mergeId: number, undo: boolean, moved: Moved, from: ProjectRow, to: ProjectRow): AuditChange[] {
  return PROJECT_MERGE_KINDS.flatMap((kind) =>
    moved[kind].map((id) => ({
      entity: KIND_ENTITY[kind],
      entityId: id,
      unitId: from.unitId,
      action: 'update' as const,
      before: { projectId: from.id },
      after: { projectId: to.id },
      reason: undo ? `撤销项目合并 #${mergeId}` : `甄别合并项目 #${mergeId}`,
    })),
  );
}

/**
 * Merges a pair of the queue (bureau only): `survivorProjectId` survives, the other project's records move to it and
 * it is marked merged; the pair is decided 'merged', the merged project's other open pairs are dropped (detection
 * skips a merged project). Each unit then sees only that its project was resolved, and by whom.
 */
export async function mergeDuplicateClaim(ctx: ServiceContext, claimId: number, input: TMergeClaimRequest): Promise<TDuplicateClaim> {
  assertBureau(ctx);
  const { survivorProjectId, reason } = ZMergeClaimRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const claim = await loadOpenForDecision(txCtx, claimId);
    if (survivorProjectId !== claim.projectAId && survivorProjectId !== claim.projectBId) throw new AppError('duplicateClaim.notInPair', { field: 'survivorProjectId' });
    const mergedId = survivorProjectId === claim.projectAId ? claim.projectBId : claim.projectAId;
    const rows = await lockProjects(tx, [survivorProjectId, mergedId]);
    const survivor = rows.get(survivorProjectId)!;
    const merged = rows.get(mergedId)!;
    if (survivor.mergedIntoId !== null || merged.mergedIntoId !== null) throw new AppError('projectMerge.alreadyMerged', { field: 'survivorProjectId' });

    const movable = await movableOf(tx, survivor.id, merged.id);
    await recordMergeCorrections(tx, ctx, survivor, merged, movable.funds, reason, false);
    const moved = {} as Moved;
    for (const kind of PROJECT_MERGE_KINDS) moved[kind] = await repoint(tx, kind, movable[kind], merged.id, survivor.id);

    // The merged project is due nothing while merged: its deadline columns are cleared (refolded on undo).
    const cleared = { mergedIntoId: survivor.id, nextDueOn: null, nextDueRule: null, warnFromOn: null, updatedAt: ctx.now };
    await tx.update(projects).set(cleared).where(eq(projects.id, merged.id));
    const [merge] = await tx
      .insert(projectMerges)
      .values({ claimId: claim.id, survivorId: survivor.id, mergedId: merged.id, moved, reason, mergedBy: ctx.caller.userId, mergedAt: ctx.now })
      .returning();
    const [decided] = await tx
      .update(duplicateClaims)
      .set({ status: 'merged', resolvedAt: ctx.now, resolvedBy: ctx.caller.userId, reason, resolution: { survivorProjectId: survivor.id, mergeId: merge!.id } })
      .where(eq(duplicateClaims.id, claim.id))
      .returning();
    // The merged project's other open pairs are the app's own proposals about a record that no longer counts.
    const dropped = await tx
      .delete(duplicateClaims)
      .where(and(eq(duplicateClaims.status, 'open'), or(eq(duplicateClaims.projectAId, merged.id), eq(duplicateClaims.projectBId, merged.id))))
      .returning({ id: duplicateClaims.id });

    const actor = actorOf(ctx);
    await recordAudit(tx, actor, { entity: 'projectMerge', entityId: merge!.id, unitId: null, action: 'create', after: merge, reason });
    await recordAudit(tx, actor, { entity: 'duplicateClaim', entityId: claim.id, unitId: ctx.caller.unitId, action: 'update', before: claim, after: decided, reason });
    await noticeDecision(tx, [claim.projectAId, claim.projectBId], 'merged', ctx.caller.userId, ctx.now);
    for (const project of [merged, survivor]) {
      const change = project === merged ? { before: { mergedIntoId: null }, after: { mergedIntoId: survivor.id } } : { before: null, after: { mergeOf: merged.id } };
      await recordAudit(tx, actor, { entity: 'project', entityId: project.id, unitId: project.unitId, action: 'update', ...change, reason: `甄别合并项目 #${merge!.id}` });
    }
    await recordAuditMany(tx, actor, [
      ...movedAudits(merge!.id, false, moved, merged, survivor),
      ...dropped.map((d) => ({ entity: 'duplicateClaim', entityId: d.id, unitId: null, action: 'delete' as const, reason: `甄别合并项目 #${merge!.id}` })),
    ]);
    return claimById(txCtx, claim.id);
  });
}

/**
 * Undoes a merge (bureau only): every record it moved that still belongs to the survivor goes back, the merged project
 * counts again with its deadlines refolded, the pair is open again and the merged project's pairs are looked for anew.
 * Refused once the survivor has itself been merged into another (undo that one first).
 */
export async function undoProjectMerge(ctx: ServiceContext, mergeId: number, input: TUndoProjectMergeRequest): Promise<TDuplicateClaim> {
  assertBureau(ctx);
  const { reason } = ZUndoProjectMergeRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [merge] = await tx.select().from(projectMerges).where(eq(projectMerges.id, mergeId)).for('update');
    if (!merge) throw notFound('projectMerge');
    if (merge.undoneAt !== null) throw new AppError('projectMerge.undone');
    const rows = await lockProjects(tx, [merge.survivorId, merge.mergedId]);
    const survivor = rows.get(merge.survivorId)!;
    const merged = rows.get(merge.mergedId)!;
    if (survivor.mergedIntoId !== null) throw new AppError('projectMerge.survivorMergedSince');
    const moved = merge.moved as Moved;

    const back = {} as Moved;
    for (const kind of PROJECT_MERGE_KINDS) back[kind] = await repoint(tx, kind, moved[kind] ?? [], survivor.id, merged.id);
    const events = (await stageEventsOf(tx, [merged.id])).get(merged.id) ?? [];
    const { nextDueOn, nextDueRule, warnFromOn } = projectColumns(events, await activeDeadlineRules(tx));
    const [restored] = await tx.update(projects).set({ mergedIntoId: null, nextDueOn, nextDueRule, warnFromOn, updatedAt: ctx.now }).where(eq(projects.id, merged.id)).returning();
    await recordMergeCorrections(tx, ctx, survivor, restored!, back.funds, reason, true);
    const [after] = await tx.update(projectMerges).set({ undoneAt: ctx.now, undoneBy: ctx.caller.userId, undoReason: reason }).where(eq(projectMerges.id, merge.id)).returning();
    const [claim] = await tx.select().from(duplicateClaims).where(eq(duplicateClaims.id, merge.claimId)).for('update');
    const [reopened] = await tx
      .update(duplicateClaims)
      .set({ status: 'open', resolvedAt: null, resolvedBy: null, reason: null, resolution: null })
      .where(eq(duplicateClaims.id, merge.claimId))
      .returning();

    const actor = actorOf(ctx);
    await recordAudit(tx, actor, { entity: 'projectMerge', entityId: merge.id, unitId: null, action: 'revert', before: merge, after, reason });
    await recordAudit(tx, actor, { entity: 'duplicateClaim', entityId: merge.claimId, unitId: ctx.caller.unitId, action: 'update', before: claim, after: reopened, reason });
    await noticeDecision(tx, [merge.survivorId, merge.mergedId], 'mergeUndone', ctx.caller.userId, ctx.now);
    await recordAudit(tx, actor, {
      entity: 'project',
      entityId: merged.id,
      unitId: merged.unitId,
      action: 'update',
      before: { mergedIntoId: survivor.id },
      after: { mergedIntoId: null },
      reason: `撤销项目合并 #${merge.id}`,
    });
    await recordAuditMany(tx, actor, movedAudits(merge.id, true, back, survivor, merged));
    // The pairs the merge dropped are the app's own: looked for again now that the project counts.
    await detectDuplicatesFor(tx, [merged.id], ctx.now);
    return claimById(txCtx, merge.claimId);
  });
}
