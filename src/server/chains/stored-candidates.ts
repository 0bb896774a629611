import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, readAll, type Db } from '../db/client.ts';
import { chainLinkCandidateLists, chainLinkCandidates, chainLinks, chains } from '../db/schema.ts';
import type { Caller } from '../context.ts';
import { inCallerScope } from '../access/scope.ts';
import { findCandidates, linkDocumentFrequencies } from './candidates.ts';
import {
  compareCandidates,
  relationshipReasons,
  type TCandidate,
  type TCandidateLink,
  type TCandidateReason,
  type TCandidateWeights,
} from '../../domain/chains/candidates.ts';

/**
 * Whom to attract over a million enterprises (issue 14, docs/decisions.md): a candidate's score is the part every caller
 * shares — industry, keywords, tier, size, region, a group plant nearby — plus the relationship points (leads, visits
 * the caller may see). Per link, the best K by the shared part are stored with their reasons
 * (chain_link_candidates, rebuilt off the request path by candidate-lists.job.ts); a request adds its caller's
 * relationship points to them and scores live only the enterprises the caller has a relationship with that are not in
 * the stored K and could still reach the answer. The answer is the live computation's, order and reasons, or — when the
 * stored list cannot prove it (stale, being rebuilt, built under other weights or link terms, too many left out) —
 * null, and the caller computes live.
 */

/** How many enterprises a link's stored list keeps (the 50 shown + "not a fit" + room for relationship points). */
export const CANDIDATE_LIST_K = 2000;

/** A caller who sees no unit's records: the shared part is scored without any relationship. */
const NOBODY: Caller = { userId: 0, username: '', role: 'department', unitId: 0, unitPath: '/0/' };
/** A caller who sees every unit's leads and visits: used only to tell which related enterprises are on a link's subject. */
const EVERYONE: Caller = { userId: 0, username: '', role: 'bureau', unitId: 0, unitPath: '/' };

/**
 * Stored beyond the best K (rank > k): every enterprise with a lead or visit of any unit when the list was built, with
 * its exact shared score and reasons — or OFF_SUBJECT when it is not on the link's subject (never a candidate). A request
 * then scores live only the enterprises whose first lead or visit is newer than the list.
 */
const OFF_SUBJECT = -1;

/** Weights and link terms as stored in jsonb (whose key order is its own): compared by a canonical JSON. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (value && typeof value === 'object')
    return (
      '{' +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + canonical((value as Record<string, unknown>)[k]))
        .join(',') +
      '}'
    );
  return JSON.stringify(value);
}

function linkTermsOf(link: TCandidateLink): TCandidateLink {
  return { industryCodes: link.industryCodes, keywords: link.keywords, products: link.products };
}

/** The weights without the relationship factors: the shared part of every score. */
function sharedWeights(weights: TCandidateWeights): TCandidateWeights {
  return { ...weights, relationship: { lead: 0, visit: 0 } };
}

type ListRow = typeof chainLinkCandidateLists.$inferSelect;

function usable(list: ListRow | undefined, link: TCandidateLink, weights: TCandidateWeights): list is ListRow {
  return (
    !!list &&
    !list.stale &&
    list.buildingSince === null &&
    canonical(list.weights) === canonical(weights) &&
    canonical(list.link) === canonical(linkTermsOf(link))
  );
}

export type StoredAnswer = { candidates: TCandidate[]; computedAt: Date };

/**
 * The best `limit` candidates from the link's stored list, exactly as findCandidates would give them; null when the stored
 * list cannot answer (the caller then computes live).
 */
export async function storedCandidates(
  db: Db,
  caller: Caller,
  linkId: number,
  link: TCandidateLink,
  options: { limit: number; weights: TCandidateWeights; excludeEnterpriseIds: number[] },
): Promise<StoredAnswer | null> {
  const limit = Math.max(0, Math.floor(options.limit));
  const w = options.weights.relationship;
  // The list, its rows and the caller's relationships (leads and visits in its unit subtree, per enterprise), at once.
  const [[list], stored, relations] = await readAll(db, [
    () => db.select().from(chainLinkCandidateLists).where(eq(chainLinkCandidateLists.linkId, linkId)),
    () =>
      db
        .select({ rank: chainLinkCandidates.rank, enterpriseId: chainLinkCandidates.enterpriseId, baseScore: chainLinkCandidates.baseScore })
        .from(chainLinkCandidates)
        .where(eq(chainLinkCandidates.linkId, linkId))
        .orderBy(asc(chainLinkCandidates.rank)),
    () =>
      w.lead > 0 || w.visit > 0
        ? queryRows<{ id: number; leads: number; visits: number }>(
            db,
            sql`select x.enterprise_id as id, sum(x.lead)::int as leads, sum(x.visit)::int as visits from (
                select l.enterprise_id, 1 as lead, 0 as visit from leads l where l.enterprise_id is not null and ${inCallerScope(caller, sql`l.unit_id`)}
                union all
                select v.enterprise_id, 0, 1 from visits v where v.enterprise_id is not null and ${inCallerScope(caller, sql`v.unit_id`)}
              ) x group by x.enterprise_id`,
          )
        : Promise.resolve([]),
  ] as const);
  if (!usable(list, link, options.weights)) return null;
  const excluded = new Set(options.excludeEnterpriseIds);
  if (limit === 0) return { candidates: [], computedAt: list.computedAt };
  const related = new Map<number, { leads: number; visits: number }>();
  for (const r of relations) related.set(r.id, { leads: r.leads, visits: r.visits });
  const relationPoints = (id: number) => {
    const r = related.get(id);
    return r ? relationshipReasons({ visibleLeads: r.leads, visibleVisits: r.visits }, options.weights).reduce((s, x) => s + x.points, 0) : 0;
  };
  // The best K, and beyond them the enterprises related (to any unit) when the list was built, each known exactly.
  const top = stored.filter((s) => s.rank <= list.k);
  const beyond = stored.filter((s) => s.rank > list.k && s.baseScore !== OFF_SUBJECT && related.has(s.enterpriseId));
  const listed = new Set(stored.map((s) => s.enterpriseId));
  const merged = [...top, ...beyond]
    .filter((s) => !excluded.has(s.enterpriseId))
    .map((s) => ({ enterpriseId: s.enterpriseId, score: s.baseScore + relationPoints(s.enterpriseId), listed: true }))
    .filter((s) => s.score > 0)
    .sort(compareCandidates);
  const cut = () => (merged.length >= limit ? merged[limit - 1]!.score : null);
  // Everything not stored scores at most `floor` without relationship: 0 when the list holds every enterprise that scores.
  const floor = list.complete ? 0 : (top[top.length - 1]?.baseScore ?? 0);
  // An enterprise neither stored nor related scores at most `floor`: the answer must beat it strictly.
  if (!list.complete && (cut() === null || cut()! <= floor)) return null;
  // Related enterprises not stored (a first lead or visit newer than the list) that could still reach the answer: scored
  // live (few), with the list's frequencies.
  // One not stored scores at most `floor` without relationship, and exactly `floor` only with an id above the last
  // stored one's (the list breaks ties by id): at the cut's score it must also come before the cut's id.
  const last = merged.length >= limit ? merged[limit - 1]! : null;
  const lastStoredId = top[top.length - 1]?.enterpriseId ?? 0;
  const mayReach = (id: number) => {
    if (!last) return true;
    const bound = floor + relationPoints(id);
    if (bound > last.score) return true;
    if (bound < last.score) return false;
    return id < last.enterpriseId && (list.complete || id > lastStoredId);
  };
  const toScore = [...related.keys()].filter((id) => !listed.has(id) && !excluded.has(id) && mayReach(id));
  const live = toScore.length
    ? await findCandidates(db, caller, link, {
        limit,
        weights: options.weights,
        excludeEnterpriseIds: [...excluded],
        onlyEnterpriseIds: toScore.sort((a, b) => a - b),
        documentFrequency: new Map(Object.entries(list.documentFrequency as Record<string, number>)),
      })
    : [];
  const liveById = new Map(live.map((c) => [c.enterpriseId, c]));
  const best = [...merged, ...live.map((c) => ({ enterpriseId: c.enterpriseId, score: c.score, listed: false }))].sort(compareCandidates).slice(0, limit);
  const shown = best.filter((b) => b.listed).map((b) => b.enterpriseId);
  const rows = shown.length
    ? await db
        .select({ enterpriseId: chainLinkCandidates.enterpriseId, name: chainLinkCandidates.name, reasons: chainLinkCandidates.reasons })
        .from(chainLinkCandidates)
        .where(and(eq(chainLinkCandidates.linkId, linkId), inArray(chainLinkCandidates.enterpriseId, shown)))
    : [];
  const byId = new Map(rows.map((r) => [r.enterpriseId, r]));
  const candidates = best.map((b): TCandidate => {
    if (!b.listed) return liveById.get(b.enterpriseId)!;
    const row = byId.get(b.enterpriseId)!;
    const shared = row.reasons as TCandidateReason[];
    const r = related.get(b.enterpriseId);
    const relation = r ? relationshipReasons({ visibleLeads: r.leads, visibleVisits: r.visits }, options.weights) : [];
    // Reasons in the factors' order: the relationship ones go before a group plant nearby, which is always last.
    const last = shared.length && shared[shared.length - 1]!.factor === 'groupNearby' ? shared.length - 1 : shared.length;
    const reasons = [...shared.slice(0, last), ...relation, ...shared.slice(last)];
    return { enterpriseId: b.enterpriseId, name: row.name, score: b.score, reasons };
  });
  return { candidates, computedAt: list.computedAt };
}

/** `stored`: the best K kept; `related`: the enterprises with a lead or visit kept beyond them. */
export type BuildResult = { linkId: number; outcome: 'built' | 'busy' | 'changedWhileBuilding'; ms: number; stored: number; related: number };

/**
 * Rebuilds one link's stored list. It first waits for no writer of the library (a lock taken without waiting: a busy
 * library is tried again at the next round) and marks the list as being built, so that a change of the library from then
 * on marks it stale again; a list that became stale while it was built is stored but not used until rebuilt.
 */
export async function buildCandidateList(db: Db, linkId: number, weights: TCandidateWeights, now: () => Date, k = CANDIDATE_LIST_K): Promise<BuildResult> {
  const started = performance.now();
  const [row] = await db
    .select({ industryCodes: chainLinks.industryCodes, keywords: chainLinks.keywords, products: chainLinks.products })
    .from(chainLinks)
    .where(eq(chainLinks.id, linkId));
  if (!row) throw new Error(`no chain link ${linkId}`);
  const link = linkTermsOf(row);
  const since = now();
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`lock table enterprises, enterprise_names, enterprise_tiers in share mode nowait`);
      await tx
        .insert(chainLinkCandidateLists)
        .values({ linkId, stale: false, buildingSince: since, weights, link, documentFrequency: {}, k, complete: false, computedAt: since, buildMs: 0 })
        .onConflictDoUpdate({ target: chainLinkCandidateLists.linkId, set: { stale: false, buildingSince: since } });
    });
  } catch (error) {
    const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === '55P03' || /could not obtain lock/.test(String(error))) return { linkId, outcome: 'busy', ms: 0, stored: 0, related: 0 };
    throw error;
  }
  const documentFrequency = await linkDocumentFrequencies(db, link);
  const found = await findCandidates(db, NOBODY, link, { limit: k, weights: sharedWeights(weights), documentFrequency });
  const beyond = await relatedBeyond(db, link, weights, documentFrequency, new Set(found.map((c) => c.enterpriseId)));
  let outcome: BuildResult['outcome'] = 'built';
  await db.transaction(async (tx) => {
    const [list] = await tx.select().from(chainLinkCandidateLists).where(eq(chainLinkCandidateLists.linkId, linkId)).for('update');
    if (!list || list.buildingSince?.getTime() !== since.getTime()) {
      outcome = 'changedWhileBuilding';
      return;
    }
    if (list.stale) outcome = 'changedWhileBuilding';
    await tx.delete(chainLinkCandidates).where(eq(chainLinkCandidates.linkId, linkId));
    for (let i = 0; i < found.length; i += 500) {
      await tx.insert(chainLinkCandidates).values(
        found.slice(i, i + 500).map((c, j) => ({ linkId, rank: i + j + 1, enterpriseId: c.enterpriseId, name: c.name, baseScore: c.score, reasons: c.reasons })),
      );
    }
    for (let i = 0; i < beyond.length; i += 500) {
      await tx.insert(chainLinkCandidates).values(
        beyond.slice(i, i + 500).map((c, j) => ({ linkId, rank: k + i + j + 1, enterpriseId: c.enterpriseId, name: c.name, baseScore: c.score, reasons: c.reasons })),
      );
    }
    await tx
      .update(chainLinkCandidateLists)
      .set({
        buildingSince: null,
        weights,
        link,
        documentFrequency: Object.fromEntries(documentFrequency),
        k,
        complete: found.length < k,
        computedAt: since,
        buildMs: Math.round(performance.now() - started),
      })
      .where(eq(chainLinkCandidateLists.linkId, linkId));
  });
  return { linkId, outcome, ms: Math.round(performance.now() - started), stored: found.length, related: beyond.length };
}

/**
 * The enterprises with a lead or visit of any unit that are not among the best K, each with its exact shared score and
 * reasons, or OFF_SUBJECT. They are scored as a caller who sees every relationship with one point per lead and per
 * visit, so that one on the subject scoring nothing shared still comes back (a candidate by its relationship alone);
 * those points are then taken off again — a score is the sum of its reasons.
 */
async function relatedBeyond(db: Db, link: TCandidateLink, weights: TCandidateWeights, documentFrequency: Map<string, number>, inTop: Set<number>): Promise<TCandidate[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select enterprise_id as id from leads where enterprise_id is not null union select enterprise_id from visits where enterprise_id is not null order by 1`,
  );
  const ids = rows.map((r) => r.id).filter((id) => !inTop.has(id));
  if (ids.length === 0) return [];
  const counted = { ...sharedWeights(weights), relationship: { lead: 1, visit: 1 } };
  const onSubject = await findCandidates(db, EVERYONE, link, { limit: ids.length, weights: counted, documentFrequency, onlyEnterpriseIds: ids });
  const byId = new Map(
    onSubject.map((c) => {
      const reasons = c.reasons.filter((r) => r.factor !== 'lead' && r.factor !== 'visit');
      return [c.enterpriseId, { ...c, reasons, score: reasons.reduce((sum, r) => sum + r.points, 0) }];
    }),
  );
  return ids.map((id) => byId.get(id) ?? { enterpriseId: id, name: '', score: OFF_SUBJECT, reasons: [] });
}

/** The links whose stored list is missing, stale, built under other weights or terms, or stuck building for an hour. */
export async function linksToRebuild(db: Db, weights: TCandidateWeights, now: Date): Promise<number[]> {
  const rows = await db
    .select({ id: chainLinks.id, industryCodes: chainLinks.industryCodes, keywords: chainLinks.keywords, products: chainLinks.products, list: chainLinkCandidateLists })
    .from(chainLinks)
    .innerJoin(chains, eq(chains.id, chainLinks.chainId))
    .leftJoin(chainLinkCandidateLists, eq(chainLinkCandidateLists.linkId, chainLinks.id))
    .where(and(isNull(chainLinks.retiredAt), eq(chains.active, true)))
    .orderBy(asc(chainLinks.id));
  const hourAgo = now.getTime() - 3_600_000;
  return rows
    .filter((r) => r.industryCodes.length + r.keywords.length + r.products.length > 0)
    .filter((r) => {
      const list = r.list;
      if (!list) return true;
      if (list.buildingSince) return list.buildingSince.getTime() < hourAgo;
      return !usable(list, r, weights);
    })
    .map((r) => r.id);
}
