import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainLinkRejections, chainLinks, chainPlacements, chains, enterprises, leads, projects, units, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope, unitPathInScope } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { findIndustry } from '../industries/industries.service.ts';
import { localIndustryLookup } from '../local-industries/local-industries.service.ts';
import { refuseMergedEnterprise } from '../enterprises/enterprise-library.service.ts';
import { suggestPlacements, type PlacementLink } from '../../domain/chains/placement.ts';
import { treeOrder } from '../../domain/chains/link-tree.ts';
import type { TCandidateRejection, TPlacement, TPlacements, TRejectCandidateRequest } from '../../shared/chains.ts';
import type { TChainSegment } from '../../shared/chain-templates.ts';

/**
 * What sits on a chain's links (issue 14): a project, a lead or an enterprise, suggested from its industry code and
 * words and confirmed by a person. Who may place (docs/decisions.md): a project or a lead, whoever may write it (its unit
 * subtree, the bureau); an enterprise — a public fact of the city — the bureau, or staff of the unit it is local to.
 * A project or a lead sits on one link: placing it again moves it. "Not a fit" marks stop a candidate being proposed.
 */
export type PlacedKind = 'project' | 'lead' | 'enterprise';

type Item = {
  kind: PlacedKind;
  id: number;
  /** The unit its audit rows belong to. */
  unitId: number | null;
  codes: string[];
  texts: string[];
  localIndustry: string | null;
  /** Whether the caller may place it (they may read it, or it would be 404). */
  writable: boolean;
};

const column = { project: chainPlacements.projectId, lead: chainPlacements.leadId, enterprise: chainPlacements.enterpriseId } as const;

function recordColumn(kind: PlacedKind, id: number) {
  return kind === 'project' ? { projectId: id } : kind === 'lead' ? { leadId: id } : { enterpriseId: id };
}

/** The item as the caller may see it; 404 when it is not there or not theirs to see. */
async function itemOf(ctx: ServiceContext, kind: PlacedKind, id: number): Promise<Item> {
  if (kind === 'project') {
    const [row] = await ctx.db
      .select({ unitId: projects.unitId, name: projects.name, industryCode: projects.industryCode, localIndustry: projects.localIndustry, note: projects.note })
      .from(projects)
      .where(and(eq(projects.id, id), inCallerScope(ctx.caller, projects.unitId)));
    if (!row) throw notFound('project');
    const mapped = row.localIndustry ? (await localIndustryLookup(ctx.db))(row.localIndustry)?.industryCode : undefined;
    return {
      kind,
      id,
      unitId: row.unitId,
      codes: [row.industryCode, mapped].filter((c): c is string => !!c),
      texts: [row.name, row.localIndustry ?? '', row.note ?? ''],
      localIndustry: row.localIndustry,
      writable: true,
    };
  }
  if (kind === 'lead') {
    const [row] = await ctx.db
      .select({ unitId: leads.unitId, name: leads.enterpriseName, industryCode: leads.industryCode, note: leads.note, scope: enterprises.businessScope, enterpriseCodes: enterprises.industryCodes })
      .from(leads)
      .leftJoin(enterprises, eq(enterprises.id, leads.enterpriseId))
      .where(and(eq(leads.id, id), inCallerScope(ctx.caller, leads.unitId)));
    if (!row) throw notFound('lead');
    return {
      kind,
      id,
      unitId: row.unitId,
      codes: [...new Set([row.industryCode, ...(row.enterpriseCodes ?? [])].filter((c): c is string => !!c))],
      texts: [row.name, row.note ?? '', row.scope ?? ''],
      localIndustry: null,
      writable: true,
    };
  }
  const [row] = await ctx.db
    .select({ name: enterprises.name, codes: enterprises.industryCodes, scope: enterprises.businessScope, localUnitId: enterprises.localUnitId, localPath: units.path, mergedIntoId: enterprises.mergedIntoId })
    .from(enterprises)
    .leftJoin(units, eq(units.id, enterprises.localUnitId))
    .where(eq(enterprises.id, id));
  if (!row) throw notFound('enterprise');
  await refuseMergedEnterprise(ctx.db, row);
  const writable = ctx.caller.role === 'bureau' || (ctx.caller.role === 'staff' && row.localPath !== null && unitPathInScope(ctx.caller, row.localPath));
  return { kind, id, unitId: row.localUnitId, codes: row.codes, texts: [row.name, row.scope ?? ''], localIndustry: null, writable };
}

function assertMayPlace(ctx: ServiceContext, item: Item): void {
  assertCanWrite(ctx.caller);
  if (!item.writable) throw new AppError('chain.placeEnterpriseForbidden');
}

async function placementsOf(db: Db, kind: PlacedKind, id: number): Promise<TPlacement[]> {
  const rows = await db
    .select({
      id: chainPlacements.id,
      chainId: chains.id,
      chainName: chains.name,
      linkId: chainLinks.id,
      linkName: chainLinks.name,
      status: chainPlacements.status,
      reason: chainPlacements.reason,
      confirmedAt: chainPlacements.confirmedAt,
    })
    .from(chainPlacements)
    .innerJoin(chainLinks, eq(chainLinks.id, chainPlacements.linkId))
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .where(eq(column[kind], id))
    .orderBy(asc(chainPlacements.id));
  return rows.map((r) => ({ ...r, status: r.status as TPlacement['status'], confirmedAt: r.confirmedAt?.toISOString() ?? null }));
}

/** Every active link of every active chain, in each chain's reading order, for the placement rule. */
async function placeableLinks(db: Db): Promise<PlacementLink[]> {
  const rows = await db
    .select({ link: chainLinks, chainName: chains.name })
    .from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .where(and(isNull(chainLinks.retiredAt), eq(chains.active, true)));
  const byId = new Map(rows.map((r) => [r.link.id, r]));
  const ordered = treeOrder(rows.map((r) => ({ id: r.link.id, chainId: r.link.chainId, parentId: r.link.parentId, segment: r.link.segment as TChainSegment, position: r.link.position, retired: false })));
  return ordered.map((l, order) => {
    const { link, chainName } = byId.get(l.id)!;
    return { id: link.id, chainId: link.chainId, chainName, name: link.name, industryCodes: link.industryCodes, keywords: link.keywords, products: link.products, order };
  });
}

export async function listPlacements(ctx: ServiceContext, kind: PlacedKind, id: number): Promise<TPlacements> {
  const item = await itemOf(ctx, kind, id);
  const placements = await placementsOf(ctx.db, kind, id);
  const links = await placeableLinks(ctx.db);
  const placed = new Set(placements.map((p) => p.linkId));
  const names = new Map(links.map((l) => [l.id, l]));
  const suggestions = suggestPlacements({ industryCodes: item.codes, sectionOf: (code) => findIndustry(code)?.section, texts: item.texts, localIndustry: item.localIndustry }, links.filter((l) => !placed.has(l.id)));
  return {
    placements,
    suggestions: suggestions.map((s) => ({ chainId: s.chainId, chainName: names.get(s.linkId)!.chainName, linkId: s.linkId, linkName: names.get(s.linkId)!.name, score: s.score, reason: s.reason })),
  };
}

async function placeableLink(db: Db, linkId: number) {
  const [link] = await db
    .select({ id: chainLinks.id, retiredAt: chainLinks.retiredAt, chainActive: chains.active })
    .from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .where(eq(chainLinks.id, linkId));
  if (!link) throw new AppError('notFound', { field: 'linkId', params: { entity: 'chainLink' } });
  if (link.retiredAt || !link.chainActive) throw new AppError('chain.linkRetired', { field: 'linkId' });
  return link;
}

/**
 * Places the item on a link, confirmed by the caller. A project or a lead moves there from any link it sat on; an
 * enterprise suggested there is confirmed; one already confirmed there is refused.
 */
export async function placeOnLink(ctx: ServiceContext, kind: PlacedKind, id: number, linkId: number): Promise<TPlacements> {
  const item = await itemOf(ctx, kind, id);
  assertMayPlace(ctx, item);
  await placeableLink(ctx.db, linkId);
  try {
    await ctx.db.transaction(async (tx) => {
      const confirmed = { status: 'confirmed', confirmedBy: ctx.caller.userId, confirmedAt: ctx.now };
      const existing = await tx
        .select()
        .from(chainPlacements)
        .where(kind === 'enterprise' ? and(eq(column[kind], id), eq(chainPlacements.linkId, linkId)) : eq(column[kind], id))
        .for('update');
      const before = existing[0];
      if (before && kind === 'enterprise' && before.status === 'confirmed') throw new AppError('chain.alreadyPlaced', { field: 'linkId' });
      const [after] = before
        ? await tx.update(chainPlacements).set({ linkId, ...confirmed }).where(eq(chainPlacements.id, before.id)).returning()
        : await tx.insert(chainPlacements).values({ linkId, ...recordColumn(kind, id), ...confirmed, createdAt: ctx.now }).returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'chainPlacement', entityId: after!.id, unitId: item.unitId, action: before ? 'update' : 'create', ...(before ? { before } : {}), after });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('chain.alreadyPlaced', { field: 'linkId' });
    throw error;
  }
  return listPlacements(ctx, kind, id);
}

/** Takes the item off a link (a project or lead off its one link); the record itself is untouched. */
export async function removeFromLink(ctx: ServiceContext, kind: PlacedKind, id: number, linkId?: number): Promise<TPlacements> {
  const item = await itemOf(ctx, kind, id);
  assertMayPlace(ctx, item);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(chainPlacements)
      .where(linkId === undefined ? eq(column[kind], id) : and(eq(column[kind], id), eq(chainPlacements.linkId, linkId)))
      .for('update');
    if (!before) throw notFound('chainPlacement');
    await tx.delete(chainPlacements).where(eq(chainPlacements.id, before.id));
    await recordAudit(tx, actorOf(ctx), { entity: 'chainPlacement', entityId: before.id, unitId: item.unitId, action: 'delete', before });
  });
  return listPlacements(ctx, kind, id);
}

/** Confirms a suggested placement; the caller must be one who may place its record. */
export async function confirmPlacement(ctx: ServiceContext, placementId: number): Promise<TPlacement> {
  const [row] = await ctx.db.select().from(chainPlacements).where(eq(chainPlacements.id, placementId));
  if (!row) throw notFound('chainPlacement');
  const kind: PlacedKind = row.projectId !== null ? 'project' : row.leadId !== null ? 'lead' : 'enterprise';
  const itemId = (row.projectId ?? row.leadId ?? row.enterpriseId)!;
  let item: Item;
  try {
    item = await itemOf(ctx, kind, itemId);
  } catch (error) {
    // Another unit's record: the placement is as unknown as the record.
    if (error instanceof AppError && error.code === 'notFound') throw notFound('chainPlacement');
    throw error;
  }
  assertMayPlace(ctx, item);
  await ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(chainPlacements)
      .set({ status: 'confirmed', confirmedBy: ctx.caller.userId, confirmedAt: ctx.now })
      .where(and(eq(chainPlacements.id, placementId), eq(chainPlacements.status, 'suggested')))
      .returning();
    if (after) await recordAudit(tx, actorOf(ctx), { entity: 'chainPlacement', entityId: placementId, unitId: item.unitId, action: 'update', before: row, after });
  });
  return (await placementsOf(ctx.db, kind, itemId)).find((p) => p.id === placementId)!;
}

// ——— "not a fit" ———

async function linkOfChain(db: Db, chainId: number, linkId: number) {
  const [link] = await db.select({ id: chainLinks.id, chainId: chainLinks.chainId }).from(chainLinks).where(eq(chainLinks.id, linkId));
  if (!link || link.chainId !== chainId) throw notFound('chainLink');
  return link;
}

/** The enterprises marked "not a fit" for a link, with who said so and why; read by everyone, as the link is the city's. */
export async function listRejections(ctx: ServiceContext, chainId: number, linkId: number): Promise<TCandidateRejection[]> {
  await linkOfChain(ctx.db, chainId, linkId);
  const rows = await ctx.db
    .select({
      linkId: chainLinkRejections.linkId,
      enterpriseId: chainLinkRejections.enterpriseId,
      enterpriseName: enterprises.name,
      reason: chainLinkRejections.reason,
      unitName: units.name,
      userName: users.displayName,
      createdAt: chainLinkRejections.createdAt,
    })
    .from(chainLinkRejections)
    .innerJoin(enterprises, eq(enterprises.id, chainLinkRejections.enterpriseId))
    .innerJoin(units, eq(units.id, chainLinkRejections.unitId))
    .innerJoin(users, eq(users.id, chainLinkRejections.userId))
    .where(eq(chainLinkRejections.linkId, linkId))
    .orderBy(asc(chainLinkRejections.id));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The ids the candidate engine leaves out for a link. */
export async function rejectedEnterpriseIds(db: Db, linkId: number): Promise<number[]> {
  const rows = await db.select({ id: chainLinkRejections.enterpriseId }).from(chainLinkRejections).where(eq(chainLinkRejections.linkId, linkId));
  return rows.map((r) => r.id);
}

export async function rejectCandidate(ctx: ServiceContext, chainId: number, linkId: number, input: TRejectCandidateRequest): Promise<TCandidateRejection[]> {
  assertCanWrite(ctx.caller);
  await linkOfChain(ctx.db, chainId, linkId);
  const [enterprise] = await ctx.db.select({ id: enterprises.id, mergedIntoId: enterprises.mergedIntoId }).from(enterprises).where(eq(enterprises.id, input.enterpriseId));
  if (!enterprise) throw new AppError('notFound', { field: 'enterpriseId', params: { entity: 'enterprise' } });
  await refuseMergedEnterprise(ctx.db, enterprise, 'enterpriseId');
  try {
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(chainLinkRejections)
        .values({ linkId, enterpriseId: input.enterpriseId, reason: input.reason, unitId: ctx.caller.unitId, userId: ctx.caller.userId, createdAt: ctx.now })
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'chainRejection', entityId: row!.id, unitId: ctx.caller.unitId, action: 'create', after: row });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'chain_link_rejections_key')) throw new AppError('chain.alreadyRejected', { field: 'enterpriseId' });
    throw error;
  }
  return listRejections(ctx, chainId, linkId);
}

/** Takes a "not a fit" mark back: the bureau, or the unit that made it (its subtree); another unit's mark is 404. */
export async function withdrawRejection(ctx: ServiceContext, chainId: number, linkId: number, enterpriseId: number): Promise<TCandidateRejection[]> {
  assertCanWrite(ctx.caller);
  await linkOfChain(ctx.db, chainId, linkId);
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(chainLinkRejections)
      .where(and(eq(chainLinkRejections.linkId, linkId), eq(chainLinkRejections.enterpriseId, enterpriseId), inCallerScope(ctx.caller, chainLinkRejections.unitId)))
      .for('update');
    if (!before) throw notFound('chainRejection');
    await tx.delete(chainLinkRejections).where(eq(chainLinkRejections.id, before.id));
    await recordAudit(tx, actorOf(ctx), { entity: 'chainRejection', entityId: before.id, unitId: before.unitId, action: 'delete', before });
  });
  return listRejections(ctx, chainId, linkId);
}
