import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { enterpriseTiers, leads, projects, visits } from '../db/schema.ts';
import { chainLinks, chainPlacements, chains } from '../db/schema-chains.ts';
import { rowsOf } from '../projects/metrics.queries.ts';
import { heatmapFiltersOf } from '../../domain/heatmap/filters.ts';
import { HEATMAP_FILTERS, type THeatmapFilter, type THeatmapMeasure, type THeatmapQuery } from '../../shared/heatmap.ts';

/**
 * The heat map's filters (issue 15): chain and link, tier, stage, project type, estimated. Each becomes a condition on
 * what the measure counts — projects (and their fund entries) inside the cockpit's own counting (`projectFilter` of
 * the scope), leads, visits and the library's enterprises in the heat map's own queries — so the map's numbers and a
 * cell's records are filtered alike and still add up.
 */
export type HeatFilters = Pick<THeatmapQuery, THeatmapFilter>;

/** The filters, resolved: SQL conditions on a project, a lead and an enterprise; null when none is given. */
export type ResolvedFilters = {
  project: SQL | null;
  /** On a lead row (its own placement on a chain, its enterprise's tier). */
  lead: SQL | null;
  /** On an enterprise id column (a visit's or a target's): placed on the chain, on the tier list. */
  enterprise: ((id: AnyPgColumn | SQL) => SQL) | null;
};

export async function resolveFilters(ctx: ServiceContext, measure: THeatmapMeasure, query: HeatFilters): Promise<ResolvedFilters> {
  const given = HEATMAP_FILTERS.filter((f) => query[f] !== undefined);
  if (given.length === 0) return { project: null, lead: null, enterprise: null };
  const refused = given.find((f) => !heatmapFiltersOf(measure).includes(f));
  if (refused) throw new AppError('validation.invalid', { field: refused, params: { detail: `该指标不按此条件筛选（${measure}）` } });
  if (query.tierYear !== undefined && query.tier === undefined) throw new AppError('validation.invalid', { field: 'tierYear', params: { detail: '请同时选择名单' } });

  // The links counted as the chain or the link: a link holds its sub-links.
  let links: number[] | null = null;
  if (query.linkId !== undefined) {
    const [link] = await ctx.db.select({ id: chainLinks.id, chainId: chainLinks.chainId }).from(chainLinks).where(sql`${chainLinks.id} = ${query.linkId}`);
    if (!link) throw new AppError('validation.invalid', { field: 'linkId', params: { detail: String(query.linkId) } });
    if (query.chainId !== undefined && link.chainId !== query.chainId) throw new AppError('validation.invalid', { field: 'linkId', params: { detail: '该环节不属于所选产业链' } });
    const rows = rowsOf<{ id: number }>(
      await ctx.db.execute(sql`
        with recursive below(id) as (
          select ${link.id}::int
          union
          select l.id from ${chainLinks} as l join below on l.parent_id = below.id
        )
        select id from below`),
    );
    links = rows.map((r) => Number(r.id));
  } else if (query.chainId !== undefined) {
    const [chain] = await ctx.db.select({ id: chains.id }).from(chains).where(sql`${chains.id} = ${query.chainId}`);
    if (!chain) throw new AppError('validation.invalid', { field: 'chainId', params: { detail: String(query.chainId) } });
  }
  const onChain = (column: AnyPgColumn, id: AnyPgColumn | SQL): SQL | null => {
    if (query.chainId === undefined && links === null) return null;
    const where = links !== null ? sql`${chainLinks.id} = any(${sql.param(links)}::int[])` : sql`${chainLinks.chainId} = ${query.chainId}`;
    return sql`exists (select 1 from ${chainPlacements} join ${chainLinks} on ${chainLinks.id} = ${chainPlacements.linkId}
      where ${column} = ${id} and ${chainPlacements.status} = 'confirmed' and ${where})`;
  };
  const onTier = (id: AnyPgColumn | SQL): SQL | null =>
    query.tier === undefined
      ? null
      : sql`exists (select 1 from ${enterpriseTiers} where ${enterpriseTiers.enterpriseId} = ${id} and ${enterpriseTiers.list} = ${query.tier}
          ${query.tierYear !== undefined ? sql`and ${enterpriseTiers.year} = ${query.tierYear}` : sql``})`;
  const all = (parts: (SQL | null)[]): SQL | null => {
    const present = parts.filter((p): p is SQL => p !== null);
    return present.length === 0 ? null : sql`(${sql.join(present, sql` and `)})`;
  };
  return {
    project: all([
      onChain(chainPlacements.projectId, projects.id),
      onTier(projects.investorEnterpriseId),
      query.stage !== undefined ? sql`${projects.stage} = ${query.stage}` : null,
      query.projectType !== undefined ? sql`${projects.projectType} = ${query.projectType}` : null,
      query.estimated !== undefined ? sql`${projects.amountsEstimated} = ${query.estimated}` : null,
    ]),
    lead: all([onChain(chainPlacements.leadId, leads.id), onTier(leads.enterpriseId)]),
    enterprise: (id) => all([onChain(chainPlacements.enterpriseId, id), onTier(id)]) ?? sql`true`,
  };
}

/** The ids among `ids` of leads (or visits) meeting the filters: the activity records are filtered by them. */
export async function leadsMeeting(ctx: ServiceContext, filters: ResolvedFilters, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0 || filters.lead === null) return new Set(ids);
  const rows = await ctx.db.select({ id: leads.id }).from(leads).where(sql`${leads.id} = any(${sql.param(ids)}::int[]) and ${filters.lead}`);
  return new Set(rows.map((r) => r.id));
}

export async function visitsMeeting(ctx: ServiceContext, filters: ResolvedFilters, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0 || filters.enterprise === null) return new Set(ids);
  const rows = await ctx.db.select({ id: visits.id }).from(visits).where(sql`${visits.id} = any(${sql.param(ids)}::int[]) and ${visits.enterpriseId} is not null and ${filters.enterprise(visits.enterpriseId)}`);
  return new Set(rows.map((r) => r.id));
}
