import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainLinks, chainMembers, chains, departments, units, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, isUniqueViolation, notFound } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { chainTemplate, loadChainTemplates } from './chain-templates.ts';
import { DEFAULT_CHAIN_THRESHOLDS, type ChainThresholds } from '../../domain/chains/link-status.ts';
import { moveProblem, subtreeIds, treeOrder, type TreeLink } from '../../domain/chains/link-tree.ts';
import { type TChainTemplate, type TChainTemplateLink, type TChainSegment } from '../../shared/chain-templates.ts';
import {
  ZChainThresholds,
  type TAddLinkRequest,
  type TChain,
  type TChainLink,
  type TChainMembersRequest,
  type TChainSummary,
  type TCreateChainRequest,
  type TUpdateChainRequest,
  type TUpdateLinkRequest,
  ZAddLinkRequest,
} from '../../shared/chains.ts';

/**
 * The city's industrial chains (issue 14): copied from a template or built from scratch, edited by the bureau as a
 * tree of links, with a 链长, a lead department and a 专班. Everyone reads them (they are the city's, like its units);
 * only the bureau changes them, every change audited. Nothing is deleted: a link is retired with its sub-links.
 */
type LinkRow = typeof chainLinks.$inferSelect;
type ChainRow = typeof chains.$inferSelect;

// ——— templates ———

function countLinks(links: TChainTemplateLink[]): number {
  return links.reduce((n, link) => n + 1 + countLinks(link.children), 0);
}

export async function listChainTemplates() {
  return (await loadChainTemplates()).map((t) => ({
    key: t.key,
    name: t.name,
    nameEn: t.nameEn,
    note: t.note,
    links: countLinks([...t.segments.upstream, ...t.segments.midstream, ...t.segments.downstream]),
  }));
}

// ——— reading ———

export function thresholdsOf(row: { thresholds: unknown }): ChainThresholds {
  const stored = ZChainThresholds.partial().safeParse(row.thresholds);
  return { ...DEFAULT_CHAIN_THRESHOLDS, ...(stored.success ? stored.data : {}) };
}

function treeLinkOf(row: LinkRow): TreeLink {
  return { id: row.id, chainId: row.chainId, parentId: row.parentId, segment: row.segment as TChainSegment, position: row.position, retired: row.retiredAt !== null };
}

export function orderedLinks(rows: LinkRow[]): (LinkRow & { depth: number })[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return treeOrder(rows.map(treeLinkOf)).map((l) => ({ ...byId.get(l.id)!, depth: l.depth }));
}

export function toChainLink(row: LinkRow & { depth: number }): TChainLink {
  return {
    id: row.id,
    parentId: row.parentId,
    segment: row.segment as TChainSegment,
    name: row.name,
    nameEn: row.nameEn,
    industryCodes: row.industryCodes,
    keywords: row.keywords,
    products: row.products,
    position: row.position,
    retired: row.retiredAt !== null,
    depth: row.depth,
  };
}

/** The chain's row, or 404. */
export async function chainRow(db: Db, id: number): Promise<ChainRow> {
  const [row] = await db.select().from(chains).where(eq(chains.id, id));
  if (!row) throw notFound('chain');
  return row;
}

export async function linksOf(db: Db, chainId: number): Promise<LinkRow[]> {
  return db.select().from(chainLinks).where(eq(chainLinks.chainId, chainId));
}

export async function listChains(ctx: ServiceContext): Promise<TChainSummary[]> {
  const rows = await ctx.db
    .select({
      chain: chains,
      leaderName: users.displayName,
      leadDepartmentName: departments.name,
      links: sql<number>`(select count(*) from ${chainLinks} where ${chainLinks.chainId} = ${chains.id} and ${chainLinks.retiredAt} is null)`.mapWith(Number),
    })
    .from(chains)
    .leftJoin(users, eq(users.id, chains.leaderUserId))
    .leftJoin(departments, eq(departments.id, chains.leadDepartmentId))
    .orderBy(asc(chains.position), asc(chains.id));
  return rows.map((r) => summaryOf(r.chain, r.leaderName, r.leadDepartmentName, r.links));
}

function summaryOf(row: ChainRow, leaderName: string | null, leadDepartmentName: string | null, links: number): TChainSummary {
  return { id: row.id, name: row.name, nameEn: row.nameEn, templateKey: row.templateKey, active: row.active, leaderName, leadDepartmentName, links };
}

export async function getChain(ctx: ServiceContext, id: number): Promise<TChain> {
  const row = await chainRow(ctx.db, id);
  const links = orderedLinks(await linksOf(ctx.db, id));
  const [leader] = row.leaderUserId ? await ctx.db.select({ name: users.displayName }).from(users).where(eq(users.id, row.leaderUserId)) : [];
  const [department] = row.leadDepartmentId ? await ctx.db.select({ name: departments.name }).from(departments).where(eq(departments.id, row.leadDepartmentId)) : [];
  const members = await ctx.db
    .select({ userId: chainMembers.userId, displayName: users.displayName, unitName: units.name, role: chainMembers.role })
    .from(chainMembers)
    .innerJoin(users, eq(users.id, chainMembers.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(chainMembers.chainId, id))
    .orderBy(asc(chainMembers.id));
  return {
    ...summaryOf(row, leader?.name ?? null, department?.name ?? null, links.filter((l) => l.retiredAt === null).length),
    leaderUserId: row.leaderUserId,
    leadDepartmentId: row.leadDepartmentId,
    thresholds: thresholdsOf(row),
    linkTree: links.map(toChainLink),
    members: members.map((m) => ({ ...m, role: m.role as TChain['members'][number]['role'] })),
  };
}

// ——— writing ———

async function withNameCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'chains_name_key')) throw new AppError('chain.nameTaken', { field: 'name' });
    throw error;
  }
}

/** Copies a template's links under a new chain, in the template's order; returns how many links it wrote. */
async function copyLinks(tx: Db, chainId: number, segment: TChainSegment, links: TChainTemplateLink[], parentId: number | null): Promise<number> {
  let written = 0;
  for (const [position, link] of links.entries()) {
    const [row] = await tx
      .insert(chainLinks)
      .values({
        chainId,
        parentId,
        segment,
        name: link.name,
        nameEn: link.nameEn,
        industryCodes: link.industryCodes,
        keywords: link.keywords,
        products: link.products,
        position,
        templateKey: link.key,
      })
      .returning({ id: chainLinks.id });
    written += 1 + (await copyLinks(tx, chainId, segment, link.children, row!.id));
  }
  return written;
}

/** A new chain of the city: a copy of a template (its links, codes and keywords, to edit) or an empty one. */
export async function createChain(
  ctx: ServiceContext,
  input: TCreateChainRequest,
  findTemplate: (key: string) => Promise<TChainTemplate | undefined> = chainTemplate,
): Promise<TChain> {
  assertCanAdminister(ctx.caller);
  const template = input.templateKey === undefined ? undefined : await findTemplate(input.templateKey);
  if (input.templateKey !== undefined && !template) throw new AppError('chain.templateUnknown', { field: 'templateKey' });
  const name = input.name ?? template?.name;
  const nameEn = input.nameEn ?? template?.nameEn ?? name;
  if (!name || !nameEn) throw new AppError('validation.required', { field: 'name' });
  const id = await withNameCheck(() =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(chains)
        .values({ name, nameEn, templateKey: template?.key ?? null, createdBy: ctx.caller.userId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      let links = 0;
      if (template) for (const segment of ['upstream', 'midstream', 'downstream'] as const) links += await copyLinks(tx, row!.id, segment, template.segments[segment], null);
      await recordAudit(tx, actorOf(ctx), { entity: 'chain', entityId: row!.id, unitId: ctx.caller.unitId, action: 'create', after: { ...row, linksCopied: links } });
      return row!.id;
    }),
  );
  return getChain(ctx, id);
}

async function checkUser(db: Db, id: number, field: string): Promise<void> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
  if (!row) throw new AppError('notFound', { field, params: { entity: 'user' } });
}

export async function updateChain(ctx: ServiceContext, id: number, input: TUpdateChainRequest): Promise<TChain> {
  assertCanAdminister(ctx.caller);
  await withNameCheck(() =>
    ctx.db.transaction(async (tx) => {
      const [before] = await tx.select().from(chains).where(eq(chains.id, id)).for('update');
      if (!before) throw notFound('chain');
      if (input.leaderUserId) await checkUser(tx, input.leaderUserId, 'leaderUserId');
      if (input.leadDepartmentId) {
        const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.leadDepartmentId));
        if (!department) throw new AppError('notFound', { field: 'leadDepartmentId', params: { entity: 'department' } });
      }
      const { thresholds, ...fields } = input;
      const [after] = await tx
        .update(chains)
        .set({ ...fields, ...(thresholds ? { thresholds } : {}), updatedAt: ctx.now })
        .where(eq(chains.id, id))
        .returning();
      await recordAudit(tx, actorOf(ctx), { entity: 'chain', entityId: id, unitId: ctx.caller.unitId, action: 'update', before, after });
    }),
  );
  return getChain(ctx, id);
}

/** The 专班 as a whole: the members sent replace the members there were. */
export async function setChainMembers(ctx: ServiceContext, id: number, input: TChainMembersRequest): Promise<TChain> {
  assertCanAdminister(ctx.caller);
  await ctx.db.transaction(async (tx) => {
    const [chain] = await tx.select({ id: chains.id }).from(chains).where(eq(chains.id, id)).for('update');
    if (!chain) throw notFound('chain');
    const seen = new Set<number>();
    for (const [i, member] of input.members.entries()) {
      if (seen.has(member.userId)) throw new AppError('chain.memberTwice', { field: `members.${i}.userId` });
      seen.add(member.userId);
      await checkUser(tx, member.userId, `members.${i}.userId`);
    }
    const before = await tx.select({ userId: chainMembers.userId, role: chainMembers.role }).from(chainMembers).where(eq(chainMembers.chainId, id)).orderBy(asc(chainMembers.id));
    await tx.delete(chainMembers).where(eq(chainMembers.chainId, id));
    if (input.members.length) await tx.insert(chainMembers).values(input.members.map((m) => ({ chainId: id, userId: m.userId, role: m.role, createdAt: ctx.now })));
    await recordAudit(tx, actorOf(ctx), { entity: 'chainMembers', entityId: id, unitId: ctx.caller.unitId, action: 'update', before, after: input.members });
  });
  return getChain(ctx, id);
}

/** The link, of this chain, locked for the change; 404 for a link of another chain too. */
async function lockedLink(tx: Db, chainId: number, linkId: number, field?: string): Promise<LinkRow> {
  const [row] = await tx.select().from(chainLinks).where(eq(chainLinks.id, linkId)).for('update');
  if (!row || row.chainId !== chainId) {
    if (row && field) throw new AppError('chain.crossChain', { field });
    throw new AppError('notFound', { ...(field ? { field } : {}), params: { entity: 'chainLink' } });
  }
  return row;
}

export async function addLink(ctx: ServiceContext, chainId: number, input: TAddLinkRequest): Promise<TChainLink> {
  assertCanAdminister(ctx.caller);
  const fields = ZAddLinkRequest.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [chain] = await tx.select({ id: chains.id }).from(chains).where(eq(chains.id, chainId)).for('update');
    if (!chain) throw notFound('chain');
    const parent = fields.parentId === null ? null : await lockedLink(tx, chainId, fields.parentId, 'parentId');
    if (parent?.retiredAt) throw new AppError('chain.retiredParent', { field: 'parentId' });
    const segment = parent ? parent.segment : fields.segment;
    const siblings = await tx
      .select({ position: chainLinks.position })
      .from(chainLinks)
      .where(and(eq(chainLinks.chainId, chainId), parent ? eq(chainLinks.parentId, parent.id) : and(isNull(chainLinks.parentId), eq(chainLinks.segment, segment))));
    const position = fields.position ?? siblings.reduce((max, s) => Math.max(max, s.position + 1), 0);
    const [row] = await tx
      .insert(chainLinks)
      .values({ chainId, parentId: parent?.id ?? null, segment, name: fields.name, nameEn: fields.nameEn, industryCodes: dedupe(fields.industryCodes), keywords: dedupe(fields.keywords), products: dedupe(fields.products), position, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'chainLink', entityId: row!.id, unitId: ctx.caller.unitId, action: 'create', after: row });
    return toChainLink({ ...row!, depth: parent ? depthOf(await linksOf(tx, chainId), row!.id) : 0 });
  });
}

function dedupe(words: string[]): string[] {
  return [...new Set(words)];
}

function depthOf(rows: LinkRow[], id: number): number {
  return orderedLinks(rows).find((l) => l.id === id)?.depth ?? 0;
}

/** Rename, re-code, move (with its sub-links), re-order, retire or bring back a link; the id never changes. */
export async function updateLink(ctx: ServiceContext, chainId: number, linkId: number, input: TUpdateLinkRequest): Promise<TChainLink> {
  assertCanAdminister(ctx.caller);
  return ctx.db.transaction(async (tx) => {
    const [chain] = await tx.select({ id: chains.id }).from(chains).where(eq(chains.id, chainId)).for('update');
    if (!chain) throw notFound('chain');
    const before = await lockedLink(tx, chainId, linkId);
    const rows = await linksOf(tx, chainId);
    const tree = rows.map(treeLinkOf);
    const subtree = subtreeIds(tree, linkId);
    const set: Partial<typeof chainLinks.$inferInsert> = { updatedAt: ctx.now };
    for (const key of ['name', 'nameEn', 'position'] as const) if (input[key] !== undefined) (set as Record<string, unknown>)[key] = input[key];
    for (const key of ['industryCodes', 'keywords', 'products'] as const) if (input[key] !== undefined) set[key] = dedupe(input[key]);
    let segment = before.segment;
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      if (input.parentId !== null) {
        const parent = await lockedLink(tx, chainId, input.parentId, 'parentId');
        const problem = moveProblem(tree, linkId, parent.id);
        if (problem) throw new AppError(`chain.${problem}` as const, { field: 'parentId' });
        segment = parent.segment;
      }
      set.parentId = input.parentId;
    }
    if ((input.parentId ?? before.parentId) === null && input.segment !== undefined) segment = input.segment;
    if (segment !== before.segment) await tx.update(chainLinks).set({ segment, updatedAt: ctx.now }).where(inArray(chainLinks.id, subtree));
    const newParent = set.parentId !== undefined ? set.parentId : before.parentId;
    if (input.position === undefined && (newParent !== before.parentId || segment !== before.segment)) {
      // A link that changes place goes after its new siblings unless told where.
      const siblings = rows.filter((r) => r.id !== linkId && r.parentId === newParent && (newParent !== null || r.segment === segment));
      set.position = siblings.reduce((max, r) => Math.max(max, r.position + 1), 0);
    }
    if (input.retired === true && before.retiredAt === null) {
      await tx.update(chainLinks).set({ retiredAt: ctx.now, updatedAt: ctx.now }).where(and(inArray(chainLinks.id, subtree), isNull(chainLinks.retiredAt)));
    }
    if (input.retired === false && before.retiredAt !== null) {
      const parentId = set.parentId !== undefined ? set.parentId : before.parentId;
      if (parentId !== null && rows.find((r) => r.id === parentId)?.retiredAt) throw new AppError('chain.retiredParent', { field: 'retired' });
      await tx.update(chainLinks).set({ retiredAt: null, updatedAt: ctx.now }).where(inArray(chainLinks.id, subtree));
    }
    const [after] = await tx.update(chainLinks).set(set).where(eq(chainLinks.id, linkId)).returning();
    await recordAudit(tx, actorOf(ctx), {
      entity: 'chainLink',
      entityId: linkId,
      unitId: ctx.caller.unitId,
      action: set.parentId !== undefined ? 'move' : 'update',
      before,
      after: { ...after, subtree },
    });
    return toChainLink({ ...after!, depth: depthOf(await linksOf(tx, chainId), linkId) });
  });
}
