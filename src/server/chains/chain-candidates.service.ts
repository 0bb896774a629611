import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainCandidateWeights, chainLinks, enterpriseTiers, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanAdminister } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { currentPresetKey, regionPresets } from '../regions/region-presets.ts';
import { findCandidates } from './candidates.ts';
import { storedCandidates } from './stored-candidates.ts';
import { rejectedEnterpriseIds } from './chain-placements.service.ts';
import { chainGaps } from './chain-map.service.ts';
import type { TChainGaps } from '../../shared/chains.ts';
import { TIER_LIST_CODES, TIER_LISTS, type TierList } from '../../domain/enterprise-tiers.ts';
import {
  DEFAULT_CANDIDATE_WEIGHTS,
  ZCandidateWeights,
  type TCandidate,
  type TCandidateItem,
  type TCandidateLink,
  type TCandidateList,
  type TCandidateTier,
  type TCandidateWeights,
  type TCandidateWeightsSetting,
  type TPutCandidateWeightsRequest,
} from '../../shared/chain-candidates.ts';

/**
 * Whom to attract, as the routes serve it (issue 14): a link's candidates under the city's weights, its "not a fit"
 * enterprises left out, relationship evidence read in the caller's scope (src/server/chains/candidates.ts); and the
 * city's weights themselves — one row the bureau keeps, the defaults until it does.
 */

const WEIGHTS_ROW = 1;

/** The weights the routes score with: the bureau's stored row, or DEFAULT_CANDIDATE_WEIGHTS. */
export async function currentWeights(db: Db): Promise<TCandidateWeights> {
  const [row] = await db.select({ weights: chainCandidateWeights.weights }).from(chainCandidateWeights).where(eq(chainCandidateWeights.id, WEIGHTS_ROW));
  if (!row) return DEFAULT_CANDIDATE_WEIGHTS;
  // A row written by an older contract falls back to the defaults rather than failing every candidate list.
  const parsed = ZCandidateWeights.safeParse(row.weights);
  if (!parsed.success) return DEFAULT_CANDIDATE_WEIGHTS;
  // A preset stored under a former spelling of its key (中原城市群(核心)) is read as today's.
  return { ...parsed.data, regions: parsed.data.regions.map((r) => ({ ...r, preset: currentPresetKey(r.preset) })) };
}

export async function getWeightsSetting(ctx: ServiceContext): Promise<TCandidateWeightsSetting> {
  assertCanAdminister(ctx.caller);
  const [row] = await ctx.db
    .select({ weights: chainCandidateWeights.weights, updatedAt: chainCandidateWeights.updatedAt, updatedBy: users.displayName })
    .from(chainCandidateWeights)
    .innerJoin(users, eq(users.id, chainCandidateWeights.updatedBy))
    .where(eq(chainCandidateWeights.id, WEIGHTS_ROW));
  return {
    weights: await currentWeights(ctx.db),
    defaults: DEFAULT_CANDIDATE_WEIGHTS,
    custom: !!row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** The bureau sets the city's weights (all of them at once); audited with the weights before and after. */
export async function putWeights(ctx: ServiceContext, input: TPutCandidateWeightsRequest): Promise<TCandidateWeightsSetting> {
  assertCanAdminister(ctx.caller);
  const presets = regionPresets();
  const regions = input.weights.regions;
  regions.forEach((r, i) => {
    if (!presets.has(r.preset)) throw new AppError('chain.regionPresetUnknown', { field: `weights.regions.${i}.preset`, params: { preset: r.preset } });
    if (regions.findIndex((o) => o.preset === r.preset) !== i) throw new AppError('chain.regionPresetTwice', { field: `weights.regions.${i}.preset`, params: { preset: r.preset } });
  });
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(chainCandidateWeights).where(eq(chainCandidateWeights.id, WEIGHTS_ROW)).for('update');
    const values = { weights: input.weights, updatedBy: ctx.caller.userId, updatedAt: ctx.now };
    const [after] = before
      ? await tx.update(chainCandidateWeights).set(values).where(eq(chainCandidateWeights.id, WEIGHTS_ROW)).returning()
      : await tx.insert(chainCandidateWeights).values({ id: WEIGHTS_ROW, ...values }).returning();
    await recordAudit(tx, actorOf(ctx), {
      entity: 'chainCandidateWeights',
      entityId: WEIGHTS_ROW,
      unitId: ctx.caller.unitId,
      action: before ? 'update' : 'create',
      before: before ?? { weights: DEFAULT_CANDIDATE_WEIGHTS },
      after,
    });
  });
  return getWeightsSetting(ctx);
}

/** The link as the engine reads it; 404 when it is not a link of this chain. */
async function candidateLink(db: Db, chainId: number, linkId: number): Promise<TCandidateLink> {
  const [link] = await db
    .select({ chainId: chainLinks.chainId, industryCodes: chainLinks.industryCodes, keywords: chainLinks.keywords, products: chainLinks.products })
    .from(chainLinks)
    .where(eq(chainLinks.id, linkId));
  if (!link || link.chainId !== chainId) throw notFound('chainLink');
  return { industryCodes: link.industryCodes, keywords: link.keywords, products: link.products };
}

const TIER_ORDER = new Map(TIER_LIST_CODES.map((code, i) => [code, i]));

/** The candidates' tiers for their tags: each list once, with its newest year, in the lists' order. */
async function withTiers(db: Db, found: TCandidate[]): Promise<TCandidateItem[]> {
  const ids = found.map((c) => c.enterpriseId);
  const rows = ids.length
    ? await db.select({ enterpriseId: enterpriseTiers.enterpriseId, list: enterpriseTiers.list, year: enterpriseTiers.year }).from(enterpriseTiers).where(inArray(enterpriseTiers.enterpriseId, ids))
    : [];
  const byEnterprise = new Map<number, Map<TierList, number>>();
  for (const r of rows) {
    const list = r.list as TierList;
    if (!TIER_LISTS[list]) continue;
    const lists = byEnterprise.get(r.enterpriseId) ?? new Map<TierList, number>();
    lists.set(list, Math.max(lists.get(list) ?? 0, r.year));
    byEnterprise.set(r.enterpriseId, lists);
  }
  return found.map((c) => {
    const tiers: TCandidateTier[] = [...(byEnterprise.get(c.enterpriseId) ?? new Map<TierList, number>())]
      .sort(([a], [b]) => TIER_ORDER.get(a)! - TIER_ORDER.get(b)!)
      .map(([list, year]) => ({ list, year, zh: TIER_LISTS[list].zh, en: TIER_LISTS[list].en }));
    return { enterpriseId: c.enterpriseId, name: c.name, score: c.score, reasons: c.reasons, tiers };
  });
}

async function candidatesOf(ctx: ServiceContext, link: TCandidateLink, linkId: number, limit: number, weights: TCandidateWeights): Promise<TCandidateList> {
  const rejected = await rejectedEnterpriseIds(ctx.db, linkId);
  // The link's stored list when it can give the exact answer (stored-candidates.ts), else the live computation.
  const stored = await storedCandidates(ctx.db, ctx.caller, linkId, link, { limit, weights, excludeEnterpriseIds: rejected });
  const found = stored?.candidates ?? (await findCandidates(ctx.db, ctx.caller, link, { limit, weights, excludeEnterpriseIds: rejected }));
  return { linkId, rejected: rejected.length, computedAt: stored ? stored.computedAt.toISOString() : null, items: await withTiers(ctx.db, found) };
}

/** A link's best `limit` candidates with their reasons, for whoever may read the chain. */
export async function linkCandidates(ctx: ServiceContext, chainId: number, linkId: number, limit: number): Promise<TCandidateList> {
  const link = await candidateLink(ctx.db, chainId, linkId);
  return candidatesOf(ctx, link, linkId, limit, await currentWeights(ctx.db));
}

/** Each of the given links' best `limit` candidates (the gap list), under one read of the weights, with each list's time. */
export async function candidatesForLinks(ctx: ServiceContext, chainId: number, linkIds: number[], limit: number): Promise<Map<number, TCandidateList>> {
  const out = new Map<number, TCandidateList>();
  if (limit <= 0 || linkIds.length === 0) return out;
  const weights = await currentWeights(ctx.db);
  const links = await Promise.all(linkIds.map((linkId) => candidateLink(ctx.db, chainId, linkId)));
  // A few links at a time: each mostly waits on the database, so three overlap well without taking the pool's connections.
  let next = 0;
  const work = async () => {
    while (next < linkIds.length) {
      const i = next++;
      out.set(linkIds[i]!, await candidatesOf(ctx, links[i]!, linkIds[i]!, limit, weights));
    }
  };
  await Promise.all([work(), work(), work()]);
  return out;
}

/**
 * The gap list (links 缺 or 弱), each gap with its best `perGap` candidates when asked for (0 reads none). With
 * candidates, each gap says when its list was computed, and the whole answer the oldest of them — or null (实时计算)
 * as soon as one gap's candidates were computed live, so the screen never claims a stored time for a live answer.
 */
export async function gapsWithCandidates(ctx: ServiceContext, chainId: number, perGap: number): Promise<TChainGaps> {
  const gaps = await chainGaps(ctx, chainId);
  if (perGap <= 0) return gaps;
  const byLink = await candidatesForLinks(ctx, chainId, gaps.items.map((g) => g.linkId), perGap);
  const items = gaps.items.map((g) => ({ ...g, candidates: byLink.get(g.linkId)?.items ?? [], computedAt: byLink.get(g.linkId)?.computedAt ?? null }));
  const times = items.map((g) => g.computedAt);
  const computedAt = times.length === 0 || times.some((time) => time === null) ? null : times.reduce((a, b) => (a! < b! ? a : b));
  return { ...gaps, items, computedAt };
}
