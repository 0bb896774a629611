import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enterpriseContacts, enterpriseMerges, enterpriseNames, enterprises, enterpriseTiers, leads, projects, users, visits } from '../db/schema.ts';
import { chainLinkRejections, chainPlacements, tripPlanStops } from '../db/schema-chains.ts';
import type { TEnterpriseDetail } from '../../shared/enterprises.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit, recordAuditMany, type AuditChange } from '../audit/audit.service.ts';
import { closedPeriods, recordCorrection } from '../closes/closes.service.ts';
import { closedMonthsOfProject } from '../../domain/month-close.ts';
import { refreshEnterpriseSearch } from './enterprise-search.ts';
import { loadEnterprise, recomputeFortuneGlobal500, refuseMergedEnterprise, type EnterpriseRow } from './enterprise-library.service.ts';
import {
  MERGE_KINDS,
  ZEnterpriseMergeRequest,
  ZUndoEnterpriseMergeRequest,
  type TEnterpriseMerge,
  type TEnterpriseMergePreview,
  type TEnterpriseMergeRequest,
  type TMergeCounts,
  type TMergeKind,
  type TUndoEnterpriseMergeRequest,
} from '../../shared/enterprise-merges.ts';

/**
 * Every column that points at an enterprise, decided once (issue 13, merging). `move`: the row goes to the survivor
 * (its kind in the merge record); `merge`: the merge's own bookkeeping, never moved; `derived`: recomputed, never moved. A test compares this list with the
 * database's foreign keys, so a new reference cannot be forgotten.
 */
export const ENTERPRISE_REFERENCES = {
  'projects.investor_enterprise_id': 'projects',
  'leads.enterprise_id': 'leads',
  'visits.enterprise_id': 'visits',
  'enterprise_contacts.enterprise_id': 'contacts',
  'enterprises.parent_enterprise_id': 'subsidiaries',
  'enterprise_names.enterprise_id': 'names',
  'enterprise_tiers.enterprise_id': 'tiers',
  'chain_placements.enterprise_id': 'chainPlacements',
  'chain_link_rejections.enterprise_id': 'chainRejections',
  'trip_plan_stops.enterprise_id': 'tripPlanStops',
  // Derived: a link's stored candidates, marked stale by any change of enterprises and rebuilt; never moved.
  'chain_link_candidates.enterprise_id': 'derived',
  'enterprises.merged_into_id': 'merge',
  'enterprise_merges.survivor_id': 'merge',
  'enterprise_merges.merged_id': 'merge',
} as const satisfies Record<string, TMergeKind | 'merge' | 'derived'>;

/** Ids per kind that moved; `addedNames` the survivor's names the merge created (the duplicate's own name). */
type Moved = Record<TMergeKind, number[]> & { addedNames: number[] };

/** Moves one kind's rows (by id) from one enterprise to another; returns the ids that moved. */
async function repoint(tx: Db, kind: TMergeKind, ids: number[], from: number, to: number): Promise<number[]> {
  if (ids.length === 0) return [];
  const moved = async (rows: { id: number }[]) => rows.map((r) => r.id);
  switch (kind) {
    case 'projects':
      return moved(await tx.update(projects).set({ investorEnterpriseId: to }).where(and(inArray(projects.id, ids), eq(projects.investorEnterpriseId, from))).returning({ id: projects.id }));
    case 'leads':
      return moved(await tx.update(leads).set({ enterpriseId: to }).where(and(inArray(leads.id, ids), eq(leads.enterpriseId, from))).returning({ id: leads.id }));
    case 'visits':
      return moved(await tx.update(visits).set({ enterpriseId: to }).where(and(inArray(visits.id, ids), eq(visits.enterpriseId, from))).returning({ id: visits.id }));
    case 'contacts':
      return moved(
        await tx.update(enterpriseContacts).set({ enterpriseId: to }).where(and(inArray(enterpriseContacts.id, ids), eq(enterpriseContacts.enterpriseId, from))).returning({ id: enterpriseContacts.id }),
      );
    case 'subsidiaries':
      return moved(
        await tx.update(enterprises).set({ parentEnterpriseId: to }).where(and(inArray(enterprises.id, ids), eq(enterprises.parentEnterpriseId, from))).returning({ id: enterprises.id }),
      );
    case 'names':
      return moved(await tx.update(enterpriseNames).set({ enterpriseId: to }).where(and(inArray(enterpriseNames.id, ids), eq(enterpriseNames.enterpriseId, from))).returning({ id: enterpriseNames.id }));
    case 'tiers':
      return moved(await tx.update(enterpriseTiers).set({ enterpriseId: to }).where(and(inArray(enterpriseTiers.id, ids), eq(enterpriseTiers.enterpriseId, from))).returning({ id: enterpriseTiers.id }));
    case 'chainPlacements':
      return moved(
        await tx.update(chainPlacements).set({ enterpriseId: to }).where(and(inArray(chainPlacements.id, ids), eq(chainPlacements.enterpriseId, from))).returning({ id: chainPlacements.id }),
      );
    case 'chainRejections':
      return moved(
        await tx.update(chainLinkRejections).set({ enterpriseId: to }).where(and(inArray(chainLinkRejections.id, ids), eq(chainLinkRejections.enterpriseId, from))).returning({ id: chainLinkRejections.id }),
      );
    case 'tripPlanStops':
      return moved(await tx.update(tripPlanStops).set({ enterpriseId: to }).where(and(inArray(tripPlanStops.id, ids), eq(tripPlanStops.enterpriseId, from))).returning({ id: tripPlanStops.id }));
  }
}

/** The rows of the duplicate a merge would move, by kind; names and tier entries the survivor already has stay behind. */
async function movableOf(tx: Db, survivor: EnterpriseRow, merged: EnterpriseRow): Promise<{ ids: Record<TMergeKind, number[]>; tiersKept: number; mergedNameAsFormer: boolean }> {
  const id = merged.id;
  const [p, l, v, c, s, names, survivorNames, tiers, survivorTiers, placements, survivorPlacements, rejections, survivorRejections, stops, survivorStops] = [
    await tx.select({ id: projects.id }).from(projects).where(eq(projects.investorEnterpriseId, id)),
    await tx.select({ id: leads.id }).from(leads).where(eq(leads.enterpriseId, id)),
    await tx.select({ id: visits.id }).from(visits).where(eq(visits.enterpriseId, id)),
    await tx.select({ id: enterpriseContacts.id }).from(enterpriseContacts).where(eq(enterpriseContacts.enterpriseId, id)),
    await tx.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.parentEnterpriseId, id)),
    await tx.select().from(enterpriseNames).where(eq(enterpriseNames.enterpriseId, id)),
    await tx.select().from(enterpriseNames).where(eq(enterpriseNames.enterpriseId, survivor.id)),
    await tx.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, id)),
    await tx.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, survivor.id)),
    await tx.select({ id: chainPlacements.id, linkId: chainPlacements.linkId }).from(chainPlacements).where(eq(chainPlacements.enterpriseId, id)),
    await tx.select({ linkId: chainPlacements.linkId }).from(chainPlacements).where(eq(chainPlacements.enterpriseId, survivor.id)),
    await tx.select({ id: chainLinkRejections.id, linkId: chainLinkRejections.linkId }).from(chainLinkRejections).where(eq(chainLinkRejections.enterpriseId, id)),
    await tx.select({ linkId: chainLinkRejections.linkId }).from(chainLinkRejections).where(eq(chainLinkRejections.enterpriseId, survivor.id)),
    await tx.select({ id: tripPlanStops.id, planId: tripPlanStops.planId }).from(tripPlanStops).where(eq(tripPlanStops.enterpriseId, id)),
    await tx.select({ planId: tripPlanStops.planId }).from(tripPlanStops).where(eq(tripPlanStops.enterpriseId, survivor.id)),
  ];
  // A plan calls on an enterprise once: a stop on a plan the survivor is already on stays behind.
  const plannedOn = new Set(survivorStops.map((r) => r.planId));
  // An enterprise sits on a link once and is 'not a fit' for a link once: what the survivor already has stays behind.
  const onLinks = (rows: { linkId: number }[]) => new Set(rows.map((r) => r.linkId));
  const [placedLinks, rejectedLinks] = [onLinks(survivorPlacements), onLinks(survivorRejections)];
  const nameKeys = new Set(survivorNames.map((n) => `${n.kind}\u0000${n.name}`));
  const tierKeys = new Set(survivorTiers.map((t) => `${t.list}\u0000${t.year}`));
  const movingTiers = tiers.filter((t) => !tierKeys.has(`${t.list}\u0000${t.year}`));
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
  return {
    ids: {
      projects: ids(p),
      leads: ids(l),
      visits: ids(v),
      contacts: ids(c),
      subsidiaries: ids(s),
      names: ids(names.filter((n) => !nameKeys.has(`${n.kind}\u0000${n.name}`))),
      tiers: ids(movingTiers),
      chainPlacements: ids(placements.filter((r) => !placedLinks.has(r.linkId))),
      chainRejections: ids(rejections.filter((r) => !rejectedLinks.has(r.linkId))),
      tripPlanStops: ids(stops.filter((r) => !plannedOn.has(r.planId))),
    },
    tiersKept: tiers.length - movingTiers.length,
    mergedNameAsFormer: merged.name !== survivor.name && !nameKeys.has(`former\u0000${merged.name}`),
  };
}

/** Refuses a merge of a record with itself, of a record already merged, or one that would loop the group tree. */
async function checkPair(tx: Db, survivor: EnterpriseRow, merged: EnterpriseRow): Promise<void> {
  if (survivor.id === merged.id) throw new AppError('enterpriseMerge.same', { field: 'mergedId' });
  if (merged.mergedIntoId !== null) throw new AppError('enterpriseMerge.alreadyMerged', { field: 'mergedId' });
  await refuseMergedEnterprise(tx, survivor);
  // The survivor takes the duplicate's subsidiaries: it may not itself lie below the duplicate.
  const seen = new Set<number>();
  for (let parent = survivor.parentEnterpriseId; parent !== null && !seen.has(parent); ) {
    if (parent === merged.id) throw new AppError('enterpriseMerge.survivorBelowMerged', { field: 'mergedId' });
    seen.add(parent);
    const [row] = await tx.select({ parent: enterprises.parentEnterpriseId }).from(enterprises).where(eq(enterprises.id, parent));
    parent = row?.parent ?? null;
  }
}

/** The closed months the figures of these projects lie in (a moved investor may move a counted figure). */
async function closedMonthsOf(tx: Db, projectIds: number[]): Promise<Map<number, { unitId: number; months: string[] }>> {
  const found = new Map<number, { unitId: number; months: string[] }>();
  if (projectIds.length === 0) return found;
  const closed = await closedPeriods(tx);
  for (const row of await tx.select().from(projects).where(inArray(projects.id, projectIds))) {
    const months = closedMonthsOfProject(row, closed);
    if (months.length > 0) found.set(row.id, { unitId: row.unitId, months });
  }
  return found;
}

function countsOf(moved: Record<TMergeKind, number[]>): TMergeCounts {
  return Object.fromEntries(MERGE_KINDS.map((kind) => [kind, moved[kind]?.length ?? 0])) as TMergeCounts;
}

/** What merging `mergedId` into enterprise `survivorId` would move (bureau only). */
export async function previewEnterpriseMerge(ctx: ServiceContext, survivorId: number, mergedId: number): Promise<TEnterpriseMergePreview> {
  assertCanAdminister(ctx.caller);
  const survivor = await loadEnterprise(ctx.db, survivorId);
  const merged = await loadEnterprise(ctx.db, mergedId);
  await checkPair(ctx.db, survivor, merged);
  const movable = await movableOf(ctx.db, survivor, merged);
  const closed = await closedMonthsOf(ctx.db, movable.ids.projects);
  return {
    survivorId,
    mergedId,
    mergedName: merged.name,
    counts: countsOf(movable.ids),
    tiersKept: movable.tiersKept,
    closedMonths: [...new Set([...closed.values()].flatMap((c) => c.months))].sort(),
  };
}

/** Audit rows of every moved record, so each one's own trail shows the merge (or its undo). */
function movedAudits(merge: number, kind: 'merge' | 'undo', ids: Record<TMergeKind, number[]>, from: number, to: number): AuditChange[] {
  const entity: Record<TMergeKind, [string, string]> = {
    projects: ['project', 'investorEnterpriseId'],
    leads: ['lead', 'enterpriseId'],
    visits: ['visit', 'enterpriseId'],
    contacts: ['contact', 'enterpriseId'],
    subsidiaries: ['enterprise', 'parentEnterpriseId'],
    names: ['enterpriseName', 'enterpriseId'],
    tiers: ['enterpriseTier', 'enterpriseId'],
    chainPlacements: ['chainPlacement', 'enterpriseId'],
    chainRejections: ['chainLinkRejection', 'enterpriseId'],
    tripPlanStops: ['tripPlanStop', 'enterpriseId'],
  };
  return MERGE_KINDS.flatMap((k) =>
    ids[k].map((id) => ({
      entity: entity[k][0],
      entityId: id,
      unitId: null,
      action: 'update' as const,
      before: { [entity[k][1]]: from },
      after: { [entity[k][1]]: to },
      reason: kind === 'merge' ? `合并重复企业 #${merge}` : `撤销合并 #${merge}`,
    })),
  );
}

/**
 * Merges the duplicate `mergedId` into enterprise `survivorId` (bureau only): the survivor keeps its facts; the
 * duplicate's projects, leads, visits, contacts, subsidiaries, other names, tier entries, chain placements and 'not a
 * fit' marks move to it (a name, a tier entry of the same list and year, or a placement or mark on a link it already has
 * stays on the duplicate), the duplicate's name becomes a former name of the survivor, and the duplicate is kept,
 * marked merged, hidden from search and lists. A moved project whose
 * figures lie in a closed month makes the merge a correction: a reason is required and recorded per project.
 */
export async function mergeEnterprises(ctx: ServiceContext, survivorId: number, input: TEnterpriseMergeRequest): Promise<TEnterpriseMerge> {
  assertCanAdminister(ctx.caller);
  const { mergedId, reason } = ZEnterpriseMergeRequest.parse(input);
  const id = await ctx.db.transaction(async (tx) => {
    const survivor = await loadEnterprise(tx, survivorId);
    const merged = await loadEnterprise(tx, mergedId);
    await checkPair(tx, survivor, merged);
    const movable = await movableOf(tx, survivor, merged);
    for (const [projectId, { unitId, months }] of await closedMonthsOf(tx, movable.ids.projects)) {
      await recordCorrection(tx, ctx, { projectId, unitId, months, summary: `投资方合并：${merged.name} → ${survivor.name}`, reason, field: 'reason' });
    }
    const moved = { addedNames: [] } as unknown as Moved;
    for (const kind of MERGE_KINDS) moved[kind] = await repoint(tx, kind, movable.ids[kind], merged.id, survivor.id);
    if (movable.mergedNameAsFormer) {
      const [name] = await tx
        .insert(enterpriseNames)
        .values({ enterpriseId: survivor.id, kind: 'former', name: merged.name, createdBy: ctx.caller.userId, createdAt: ctx.now })
        .returning();
      moved.addedNames.push(name!.id);
      await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseName', entityId: name!.id, unitId: survivor.unitId, action: 'create', after: name });
    }
    await tx.update(enterprises).set({ mergedIntoId: survivor.id, updatedAt: ctx.now }).where(eq(enterprises.id, merged.id));
    const [merge] = await tx
      .insert(enterpriseMerges)
      .values({ survivorId: survivor.id, mergedId: merged.id, moved, reason: reason || null, mergedBy: ctx.caller.userId, mergedAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseMerge', entityId: merge!.id, unitId: survivor.unitId, action: 'create', after: merge, reason: reason || undefined });
    await recordAudit(tx, actorOf(ctx), {
      entity: 'enterprise',
      entityId: merged.id,
      unitId: merged.unitId,
      action: 'update',
      before: { mergedIntoId: null },
      after: { mergedIntoId: survivor.id },
      reason: `合并重复企业 #${merge!.id}`,
    });
    await recordAuditMany(tx, actorOf(ctx), movedAudits(merge!.id, 'merge', moved, merged.id, survivor.id));
    await refreshEnterpriseSearch(tx, [survivor.id, merged.id]);
    if (moved.tiers.length > 0) await recomputeFortuneGlobal500(ctx, tx);
    return merge!.id;
  });
  return loadMerge(ctx.db, id);
}

/**
 * Undoes a merge (bureau only): every record it moved that still points at the survivor goes back to the duplicate,
 * the former name it added is removed, the duplicate shows again. Refused once the survivor has itself been merged
 * into another (undo that one first). A moved project in a closed month again needs a reason.
 */
export async function undoEnterpriseMerge(ctx: ServiceContext, mergeId: number, input: TUndoEnterpriseMergeRequest): Promise<TEnterpriseMerge> {
  assertCanAdminister(ctx.caller);
  const { reason } = ZUndoEnterpriseMergeRequest.parse(input);
  await ctx.db.transaction(async (tx) => {
    const [merge] = await tx.select().from(enterpriseMerges).where(eq(enterpriseMerges.id, mergeId)).for('update');
    if (!merge) throw notFound('enterpriseMerge');
    if (merge.undoneAt !== null) throw new AppError('enterpriseMerge.undone');
    const survivor = await loadEnterprise(tx, merge.survivorId);
    const merged = await loadEnterprise(tx, merge.mergedId);
    if (survivor.mergedIntoId !== null) {
      const into = await loadEnterprise(tx, survivor.mergedIntoId);
      throw new AppError('enterpriseMerge.survivorMergedSince', { params: { name: into.name } });
    }
    const moved = merge.moved as Moved;
    for (const [projectId, { unitId, months }] of await closedMonthsOf(tx, moved.projects)) {
      await recordCorrection(tx, ctx, { projectId, unitId, months, summary: `撤销投资方合并：${survivor.name} → ${merged.name}`, reason, field: 'reason' });
    }
    if (moved.addedNames.length > 0) {
      const removed = await tx.delete(enterpriseNames).where(and(inArray(enterpriseNames.id, moved.addedNames), eq(enterpriseNames.enterpriseId, survivor.id))).returning();
      for (const name of removed) await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseName', entityId: name.id, unitId: survivor.unitId, action: 'delete', before: name });
    }
    const back = {} as Record<TMergeKind, number[]>;
    for (const kind of MERGE_KINDS) back[kind] = await repoint(tx, kind, moved[kind] ?? [], survivor.id, merged.id);
    await tx.update(enterprises).set({ mergedIntoId: null, updatedAt: ctx.now }).where(eq(enterprises.id, merged.id));
    const [after] = await tx.update(enterpriseMerges).set({ undoneAt: ctx.now, undoneBy: ctx.caller.userId }).where(eq(enterpriseMerges.id, merge.id)).returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'enterpriseMerge', entityId: merge.id, unitId: survivor.unitId, action: 'revert', before: merge, after, reason: reason || undefined });
    await recordAudit(tx, actorOf(ctx), {
      entity: 'enterprise',
      entityId: merged.id,
      unitId: merged.unitId,
      action: 'update',
      before: { mergedIntoId: survivor.id },
      after: { mergedIntoId: null },
      reason: `撤销合并 #${merge.id}`,
    });
    await recordAuditMany(tx, actorOf(ctx), movedAudits(merge.id, 'undo', back, survivor.id, merged.id));
    await refreshEnterpriseSearch(tx, [survivor.id, merged.id]);
    if (back.tiers.length > 0) await recomputeFortuneGlobal500(ctx, tx);
  });
  return loadMerge(ctx.db, mergeId);
}

/** The merge (not undone) that took this record into another, with who did it: the merged record's page says so. */
export async function activeMergeOf(db: Db, mergedId: number): Promise<TEnterpriseDetail['mergedInto']> {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, mergedAt: enterpriseMerges.mergedAt, mergedByName: users.displayName })
    .from(enterpriseMerges)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseMerges.survivorId))
    .leftJoin(users, eq(users.id, enterpriseMerges.mergedBy))
    .where(and(eq(enterpriseMerges.mergedId, mergedId), isNull(enterpriseMerges.undoneAt)));
  return row ? { id: row.id, name: row.name, mergedAt: row.mergedAt.toISOString(), mergedByName: row.mergedByName } : null;
}

/** The merges an enterprise took part in, as survivor or as the duplicate, newest first (bureau only). */
export async function listEnterpriseMerges(ctx: ServiceContext, enterpriseId: number): Promise<{ items: TEnterpriseMerge[] }> {
  assertCanAdminister(ctx.caller);
  await loadEnterprise(ctx.db, enterpriseId);
  const rows = await ctx.db
    .select({ id: enterpriseMerges.id })
    .from(enterpriseMerges)
    .where(or(eq(enterpriseMerges.survivorId, enterpriseId), eq(enterpriseMerges.mergedId, enterpriseId)))
    .orderBy(sql`${enterpriseMerges.id} desc`);
  return { items: await Promise.all(rows.map((r) => loadMerge(ctx.db, r.id))) };
}

async function loadMerge(db: Db, id: number): Promise<TEnterpriseMerge> {
  const [merge] = await db.select().from(enterpriseMerges).where(eq(enterpriseMerges.id, id));
  if (!merge) throw notFound('enterpriseMerge');
  const [survivor, merged] = [await loadEnterprise(db, merge.survivorId), await loadEnterprise(db, merge.mergedId)];
  return {
    id: merge.id,
    survivorId: merge.survivorId,
    survivorName: survivor.name,
    mergedId: merge.mergedId,
    mergedName: merged.name,
    counts: countsOf(merge.moved as Moved),
    reason: merge.reason,
    mergedAt: merge.mergedAt.toISOString(),
    undoneAt: merge.undoneAt ? merge.undoneAt.toISOString() : null,
  };
}
