import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { chainLinks, chainPlacements, enterprises, enterpriseTiers, leads, projects, units } from '../db/schema.ts';
import type { Caller, ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { inCallerScope } from '../access/scope.ts';
import { seesUnitRecords } from '../../domain/roles.ts';
import { gapRank, isLeadingEnterprise, linkStatus } from '../../domain/chains/link-status.ts';
import { subtreeIds, type TreeLink } from '../../domain/chains/link-tree.ts';
import type { TChainGaps, TChainMap, TChainMapNode, TLinkFigures, TLinkRecords } from '../../shared/chains.ts';
import type { TChainSegment } from '../../shared/chain-templates.ts';
import { chainRow, linksOf, orderedLinks, thresholdsOf } from './chains.service.ts';

/**
 * The chain map (issue 14): per link its numbers — local and leading enterprises, target enterprises, open leads,
 * projects signed and started — and its status 强/弱/缺 with the reason; the records behind a node, which add up to
 * its numbers (both come from the one `recordsOnChain` read below); the gap list.
 *
 * A node counts its own records and its active sub-links', each record once. Only confirmed placements count; a
 * retired link is not on the map and its records do not count. Enterprises are the city's public facts and count for
 * everyone; leads and projects count only where the caller may see them (their unit subtree, the bureau all), and the
 * answer says so. The status is computed from the same numbers, so a county's map is its own view of the chain.
 */

type EnterpriseOnLink = TLinkRecords['enterprises'][number];
type LeadOnLink = TLinkRecords['leads'][number];
type ProjectOnLink = TLinkRecords['projects'][number];
type Records = { enterprises: EnterpriseOnLink[]; leads: LeadOnLink[]; projects: ProjectOnLink[] };

const OPEN_LEAD_STATES = ['new', 'following'];

export function countScope(caller: Caller): TChainMap['scope'] {
  if (!seesUnitRecords(caller.role)) {
    return { kind: 'subtree', note: { zh: '线索和项目不计入（部门用户不查看单位的线索和项目）；企业为全市公开信息', en: 'Leads and projects are not counted (department users see no unit’s leads or projects); enterprises are the city’s public facts' } };
  }
  const cityWide = caller.role === 'bureau' || caller.unitPath.split('/').filter(Boolean).length === 1;
  if (cityWide) return { kind: 'city', note: { zh: '线索和项目为全市数据', en: 'Leads and projects of the whole city' } };
  return {
    kind: 'subtree',
    note: { zh: '线索和项目仅计本单位及下级单位的；企业为全市公开信息', en: 'Leads and projects of your unit and the units under it only; enterprises are the city’s public facts' },
  };
}

/** Every confirmed record on the chain's active links that the caller may see, with the link it sits on. */
async function recordsOnChain(ctx: ServiceContext, linkIds: number[]): Promise<Records> {
  if (linkIds.length === 0) return { enterprises: [], leads: [], projects: [] };
  const onLinks = and(inArray(chainPlacements.linkId, linkIds), eq(chainPlacements.status, 'confirmed'));
  const localUnit = alias(units, 'local_unit');
  const enterpriseRows = await ctx.db
    .select({
      placementId: chainPlacements.id,
      linkId: chainPlacements.linkId,
      id: enterprises.id,
      name: enterprises.name,
      localUnitId: enterprises.localUnitId,
      localUnitName: localUnit.name,
      sizeBand: enterprises.sizeBand,
      tierLists: sql<string[]>`coalesce((select array_agg(distinct ${enterpriseTiers.list}) from ${enterpriseTiers} where ${enterpriseTiers.enterpriseId} = ${enterprises.id}), '{}'::text[])`,
    })
    .from(chainPlacements)
    .innerJoin(enterprises, eq(enterprises.id, chainPlacements.enterpriseId))
    .leftJoin(localUnit, eq(localUnit.id, enterprises.localUnitId))
    .where(and(onLinks, isNull(enterprises.mergedIntoId)));
  const leadRows = await ctx.db
    .select({ placementId: chainPlacements.id, linkId: chainPlacements.linkId, id: leads.id, enterpriseName: leads.enterpriseName, state: leads.state, unitName: units.name })
    .from(chainPlacements)
    .innerJoin(leads, eq(leads.id, chainPlacements.leadId))
    .innerJoin(units, eq(units.id, leads.unitId))
    .where(and(onLinks, inArray(leads.state, OPEN_LEAD_STATES), inCallerScope(ctx.caller, leads.unitId)));
  const projectRows = await ctx.db
    .select({
      placementId: chainPlacements.id,
      linkId: chainPlacements.linkId,
      id: projects.id,
      name: projects.name,
      codeName: projects.codeName,
      unitId: projects.unitId,
      unitName: units.name,
      stage: projects.stage,
      signedOn: projects.signedOn,
      startedOn: projects.startedOn,
    })
    .from(chainPlacements)
    .innerJoin(projects, eq(projects.id, chainPlacements.projectId))
    .innerJoin(units, eq(units.id, projects.unitId))
    // A project the bureau's 甄别 merged into another counts nowhere (issue 17): its survivor stands for the investment.
    .where(and(onLinks, ne(projects.stage, 'terminated'), isNull(projects.mergedIntoId), inCallerScope(ctx.caller, projects.unitId)));
  return {
    enterprises: enterpriseRows.map((r) => ({
      id: r.id,
      name: r.name,
      local: r.localUnitId !== null,
      leading: r.localUnitId !== null && isLeadingEnterprise(r.sizeBand, r.tierLists),
      localUnitName: r.localUnitName,
      sizeBand: r.sizeBand,
      linkId: r.linkId,
      placementId: r.placementId,
    })),
    leads: leadRows,
    projects: projectRows.map((r) => ({
      id: r.id,
      name: r.codeName && r.unitId !== ctx.caller.unitId ? r.codeName : r.name,
      stage: r.stage,
      unitName: r.unitName,
      signedOn: r.signedOn,
      startedOn: r.startedOn,
      signed: r.signedOn !== null,
      started: r.startedOn !== null,
      linkId: r.linkId,
      placementId: r.placementId,
    })),
  };
}

/** The records under one node (the link and its sub-links), each once, in a stable order. */
function recordsUnder(records: Records, linkIds: Set<number>): Records {
  const once = <T extends { id: number; linkId: number }>(items: T[]) => {
    const seen = new Set<number>();
    return items
      .filter((item) => linkIds.has(item.linkId))
      .sort((a, b) => a.id - b.id || a.linkId - b.linkId)
      .filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
  };
  return { enterprises: once(records.enterprises), leads: once(records.leads), projects: once(records.projects) };
}

function figuresOf(records: Records): TLinkFigures {
  return {
    localEnterprises: records.enterprises.filter((e) => e.local).length,
    leadingEnterprises: records.enterprises.filter((e) => e.leading).length,
    targetEnterprises: records.enterprises.filter((e) => !e.local).length,
    leads: records.leads.length,
    projects: records.projects.length,
    signedProjects: records.projects.filter((p) => p.signed).length,
    startedProjects: records.projects.filter((p) => p.started).length,
  };
}

async function activeChain(ctx: ServiceContext, chainId: number) {
  const chain = await chainRow(ctx.db, chainId);
  const links = orderedLinks((await linksOf(ctx.db, chainId)).filter((l) => l.retiredAt === null));
  const tree: TreeLink[] = links.map((l) => ({ id: l.id, chainId, parentId: l.parentId, segment: l.segment as TChainSegment, position: l.position, retired: false }));
  const records = await recordsOnChain(ctx, links.map((l) => l.id));
  return { chain, links, tree, records };
}

export async function chainMap(ctx: ServiceContext, chainId: number): Promise<TChainMap> {
  const { chain, links, tree, records } = await activeChain(ctx, chainId);
  const thresholds = thresholdsOf(chain);
  const nodes: TChainMapNode[] = links.map((link) => {
    const figures = figuresOf(recordsUnder(records, new Set(subtreeIds(tree, link.id))));
    const { status, reason } = linkStatus(figures, thresholds);
    return { linkId: link.id, parentId: link.parentId, segment: link.segment as TChainSegment, name: link.name, nameEn: link.nameEn, depth: link.depth, figures, status, reason };
  });
  return { chainId, name: chain.name, nameEn: chain.nameEn, thresholds, scope: countScope(ctx.caller), nodes };
}

/** The records behind one node of the map; they add up to the node's numbers. */
export async function linkRecords(ctx: ServiceContext, chainId: number, linkId: number): Promise<TLinkRecords> {
  const { tree, records } = await activeChain(ctx, chainId);
  const [link] = await ctx.db.select({ id: chainLinks.id, chainId: chainLinks.chainId }).from(chainLinks).where(eq(chainLinks.id, linkId));
  if (!link || link.chainId !== chainId) throw notFound('chainLink');
  // A retired link is off the map: its own records, none counted.
  const under = tree.some((l) => l.id === linkId) ? recordsUnder(records, new Set(subtreeIds(tree, linkId))) : { enterprises: [], leads: [], projects: [] };
  return { linkId, figures: figuresOf(under), scope: countScope(ctx.caller), ...under };
}

/**
 * The gap list: the links 缺 then 弱, each in the chain's reading order. A link whose sub-links are listed is listed
 * too (it is their sum); the web shows the tree.
 */
export async function chainGaps(ctx: ServiceContext, chainId: number): Promise<TChainGaps> {
  const map = await chainMap(ctx, chainId);
  const order = new Map(map.nodes.map((n, i) => [n.linkId, i]));
  const items = map.nodes.filter((n) => n.status !== 'strong').sort((a, b) => gapRank(a.status) - gapRank(b.status) || order.get(a.linkId)! - order.get(b.linkId)!);
  return { chainId, scope: map.scope, items };
}
