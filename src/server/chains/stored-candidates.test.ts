import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { chainLinkCandidateLists, chainLinkCandidates, enterpriseNames, enterprises, enterpriseTiers, leads, visits } from '../db/schema.ts';
import { queryRows } from '../db/client.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { findCandidates } from './candidates.ts';
import { buildCandidateList, linksToRebuild, storedCandidates } from './stored-candidates.ts';
import { refreshCandidateLists } from './candidate-lists.job.ts';
import { DEFAULT_CANDIDATE_WEIGHTS, type TCandidateWeights } from '../../domain/chains/candidates.ts';
import type { TCandidateList } from '../../shared/chain-candidates.ts';
import type { TChain, TChainGaps } from '../../shared/chains.ts';
import type { Caller } from '../context.ts';

/**
 * Whom to attract from the stored lists (issue 14): on a fixed library of 90 enterprises the stored path gives exactly
 * the live path's candidates — order, scores, reasons — for every caller, limit and "not a fit" set, whether the list
 * holds every scoring enterprise or only the best 12; it answers nothing (the live path answers) once the library, the
 * weights or the link change, until the list is rebuilt, and then it gives the new live answer again.
 */
const LINK = { industryCodes: ['3841'], keywords: ['正极材料', '锂电池'], products: ['磷酸铁锂'] };
const W = DEFAULT_CANDIDATE_WEIGHTS;
const NOW = () => new Date('2026-03-01T02:00:00Z');

describe('stored candidate lists give the live answer (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureauSession: Session;
  let chain: TChain;
  let linkId: number;
  const callers: Record<string, Caller> = {};
  const ids: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureauSession = await logIn(t.app, 'bureau');
    chain = (await call(t.app, bureauSession, 'POST', '/api/chains', { name: '动力电池', nameEn: 'Batteries' })).json() as TChain;
    const link = await call(t.app, bureauSession, 'POST', `/api/chains/${chain.id}/links`, { segment: 'upstream', name: '正极材料', nameEn: 'Cathode', ...LINK });
    expect(link.statusCode, link.body).toBe(200);
    linkId = (link.json() as { id: number }).id;
    const paths = await queryRows<{ id: number; path: string }>(t.db, sql`select id, path from units`);
    const pathOf = (id: number) => paths.find((p) => p.id === id)!.path;
    const callerOf = (user: { id: number; username: string; role: string; unitId: number }): Caller => ({
      userId: user.id,
      username: user.username,
      role: user.role as Caller['role'],
      unitId: user.unitId,
      unitPath: pathOf(user.unitId),
    });
    callers.bureau = callerOf(w.bureau);
    callers.staffA = callerOf(w.staffA);
    callers.staffB = callerOf(w.staffB);

    // 90 enterprises, every factor varied by the index: codes exact / parent / other, terms in scope and names, sizes,
    // tiers, regions, a few local or in a group with a local plant; many ties, so the order by id matters too.
    const codes = [['3841'], ['3849'], ['3842'], ['38'], ['7000'], ['2710']];
    const scopes = ['锂电池、正极材料的研发与生产', '磷酸铁锂正极材料;磷酸铁锂', '正极材料', '电子产品销售', null, '锂电池锂电池锂电池'];
    const sizes = ['large', 'medium', 'small', 'micro', null] as const;
    const regions = ['320505', '440305', '110105', '420600', '350902', '510104', '310115'];
    const tierLists = ['china_500', 'listed', 'srdi', 'high_tech', 'fortune_global_500'];
    for (let i = 0; i < 90; i++) {
      const [row] = await t.db
        .insert(enterprises)
        .values({
          unitId: w.city.id,
          name: `${i % 11 === 0 ? '锂电池' : '企业'}${i}号有限公司`,
          industryCodes: codes[i % codes.length]!,
          businessScope: scopes[(i * 7) % scopes.length] ?? null,
          sizeBand: sizes[i % sizes.length] ?? null,
          hqRegionCode: regions[(i * 3) % regions.length]!,
          localUnitId: i % 17 === 5 ? w.countyA.id : null,
          parentEnterpriseId: i % 13 === 12 ? ids[i - 12]! : null,
        })
        .returning();
      ids.push(row!.id);
      if (i % 4 === 1) await t.db.insert(enterpriseTiers).values({ enterpriseId: row!.id, list: tierLists[i % tierLists.length]!, year: 2020 + (i % 5) });
      if (i % 19 === 3) await t.db.insert(enterpriseNames).values({ enterpriseId: row!.id, kind: 'short', name: `磷酸铁锂${i}` });
    }
    await refreshEnterpriseSearch(t.db, ids);
    // Relationships: county A's leads and visits on some, county B's on others, some on enterprises that score only by them.
    for (let i = 0; i < 90; i += 3) {
      await t.db.insert(leads).values({ unitId: i % 2 ? w.countyA.id : w.countyB.id, enterpriseId: ids[i]!, enterpriseName: '某企业', source: 'other', collectedOn: '2026-02-01' });
      if (i % 5 === 0) await t.db.insert(visits).values({ unitId: w.parkA.id, kind: 'visit', enterpriseId: ids[i]!, enterpriseName: '某企业', visitedOn: '2026-02-03' });
    }
  });
  afterAll(() => t.close());

  const both = async (who: Caller, limit: number, excluded: number[], weights: TCandidateWeights = W) => {
    const live = await findCandidates(t.db, who, LINK, { limit, weights, excludeEnterpriseIds: excluded });
    const stored = await storedCandidates(t.db, who, linkId, LINK, { limit, weights, excludeEnterpriseIds: excluded });
    return { live, stored };
  };

  const cases = (): Array<[string, number, number[]]> => [
    ['bureau', 50, []],
    ['staffA', 50, []],
    ['staffB', 50, []],
    ['staffA', 5, []],
    ['staffB', 3, [ids[0]!, ids[2]!]],
    ['staffA', 8, ids.slice(0, 30)],
  ];

  it('nothing is stored at first: the stored path declines and the link is due for a build', async () => {
    expect(await storedCandidates(t.db, callers.staffA!, linkId, LINK, { limit: 50, weights: W, excludeEnterpriseIds: [] })).toBeNull();
    expect(await linksToRebuild(t.db, W, NOW())).toEqual([linkId]);
  });

  it('a complete list (k larger than those that score) gives the live answer for every caller, limit and exclusion', async () => {
    const built = await buildCandidateList(t.db, linkId, W, NOW, 500);
    expect(built).toMatchObject({ outcome: 'built' });
    const [list] = await t.db.select().from(chainLinkCandidateLists).where(eq(chainLinkCandidateLists.linkId, linkId));
    expect(list).toMatchObject({ complete: true, stale: false, buildingSince: null });
    expect(await linksToRebuild(t.db, W, NOW())).toEqual([]);
    for (const [who, limit, excluded] of cases()) {
      const { live, stored } = await both(callers[who]!, limit, excluded);
      expect(live.length, who).toBeGreaterThan(0);
      expect(stored, `${who} ${limit}`).not.toBeNull();
      expect(stored!.candidates, `${who} ${limit}`).toEqual(live);
      expect(stored!.computedAt.toISOString()).toBe(NOW().toISOString());
    }
    // The relationship reasons are the caller's: county A's staff sees its leads in words and points, county B's not those.
    const asA = (await both(callers.staffA!, 50, [])).stored!.candidates;
    expect(asA.some((c) => c.reasons.some((r) => r.factor === 'lead'))).toBe(true);
  });

  it('a list of only the best 12 still gives the live answer, or declines when it cannot prove it', async () => {
    expect(await buildCandidateList(t.db, linkId, W, NOW, 12)).toMatchObject({ outcome: 'built', stored: 12 });
    const [list] = await t.db.select().from(chainLinkCandidateLists).where(eq(chainLinkCandidateLists.linkId, linkId));
    expect(list!.complete).toBe(false);
    let answered = 0;
    for (const [who, limit, excluded] of cases()) {
      const { live, stored } = await both(callers[who]!, limit, excluded);
      if (stored) {
        answered++;
        expect(stored.candidates, `${who} ${limit}`).toEqual(live);
      }
    }
    // Top 5 and top 3 fit inside the best 12 (relationship points included); 50 cannot be proven from 12.
    expect(answered).toBeGreaterThanOrEqual(2);
    expect((await both(callers.staffA!, 50, [])).stored).toBeNull();
    expect((await both(callers.staffA!, 5, [])).stored).not.toBeNull();
  });

  it('a change of the library makes the list stale until it is rebuilt; then it gives the new live answer', async () => {
    await buildCandidateList(t.db, linkId, W, NOW, 500);
    await t.db.update(enterprises).set({ sizeBand: 'large', industryCodes: ['3841'] }).where(eq(enterprises.id, ids[4]!));
    await refreshEnterpriseSearch(t.db, [ids[4]!]);
    expect((await both(callers.staffA!, 50, [])).stored).toBeNull();
    expect(await linksToRebuild(t.db, W, NOW())).toEqual([linkId]);
    const results = await refreshCandidateLists(t.db, NOW);
    expect(results.map((r) => [r.linkId, r.outcome])).toEqual([[linkId, 'built']]);
    const { live, stored } = await both(callers.staffA!, 50, []);
    expect(stored!.candidates).toEqual(live);
    expect(live.find((c) => c.enterpriseId === ids[4])?.reasons.map((r) => r.factor)).toContain('size');
    // A new tier too.
    await t.db.insert(enterpriseTiers).values({ enterpriseId: ids[6]!, list: 'fortune_global_500', year: 2025 });
    expect((await both(callers.staffB!, 50, [])).stored).toBeNull();
    await refreshCandidateLists(t.db, NOW);
    const again = await both(callers.staffB!, 50, []);
    expect(again.stored!.candidates).toEqual(again.live);
    expect(again.live.find((c) => c.enterpriseId === ids[6])?.reasons.map((r) => r.text)).toContain('2025 世界500强');
  });

  it('other weights or other link terms: declined until rebuilt under them, then the live answer under them', async () => {
    const other: TCandidateWeights = { ...W, industry: { exact: 5, parent: 30 }, size: { large: 1, medium: 9 }, relationship: { lead: 20, visit: 1 } };
    expect((await both(callers.staffA!, 50, [], other)).stored).toBeNull();
    await buildCandidateList(t.db, linkId, other, NOW, 500);
    const { live, stored } = await both(callers.staffA!, 50, [], other);
    expect(stored!.candidates).toEqual(live);
    expect(live.map((c) => c.enterpriseId)).not.toEqual((await findCandidates(t.db, callers.staffA!, LINK, { limit: 50, weights: W })).map((c) => c.enterpriseId));
    // Under the default weights the list built under `other` is not used.
    expect((await both(callers.staffA!, 50, [])).stored).toBeNull();
    const otherLink = { ...LINK, keywords: ['正极材料'] };
    expect(await storedCandidates(t.db, callers.staffA!, linkId, otherLink, { limit: 50, weights: other, excludeEnterpriseIds: [] })).toBeNull();
  });

  it('a list the library changed under while it was built is stored but not used', async () => {
    let calls = 0;
    const clock = () => {
      calls++;
      return NOW();
    };
    const building = buildCandidateList(t.db, linkId, W, clock, 500);
    // The change lands while the list is being computed (after the list is marked as being built).
    await new Promise((resolve) => setTimeout(resolve, 0));
    await t.db.update(enterprises).set({ sizeBand: 'medium' }).where(eq(enterprises.id, ids[7]!));
    const result = await building;
    expect(calls).toBeGreaterThan(0);
    const [list] = await t.db.select().from(chainLinkCandidateLists).where(eq(chainLinkCandidateLists.linkId, linkId));
    if (result.outcome === 'busy') {
      // The change was still being written when the build asked for its lock (PostgreSQL): nothing built, the list is stale.
      expect((await both(callers.staffA!, 50, [])).stored).toBeNull();
    } else if (result.outcome === 'built') {
      // The change landed before the build took its lock: the list saw it, and equals the live answer.
      const { live, stored } = await both(callers.staffA!, 50, []);
      expect(stored!.candidates).toEqual(live);
    } else {
      expect(result.outcome).toBe('changedWhileBuilding');
      expect(list!.stale).toBe(true);
      expect((await both(callers.staffA!, 50, [])).stored).toBeNull();
    }
  });

  it('keeps every related enterprise beyond the best K (exact shared score, or off the subject), and a newer relationship is scored live', async () => {
    expect(await buildCandidateList(t.db, linkId, W, NOW, 12)).toMatchObject({ outcome: 'built', stored: 12 });
    const rows = await t.db.select().from(chainLinkCandidates).where(eq(chainLinkCandidates.linkId, linkId));
    const top = rows.filter((r) => r.rank <= 12);
    const beyond = rows.filter((r) => r.rank > 12);
    const related = new Set(
      (await queryRows<{ id: number }>(t.db, sql`select enterprise_id as id from leads union select enterprise_id from visits`)).map((r) => r.id),
    );
    expect(new Set(beyond.map((r) => r.enterpriseId))).toEqual(new Set([...related].filter((id) => !top.some((r) => r.enterpriseId === id))));
    // Off the subject (never a candidate) and on it: both kinds occur in this library.
    expect(beyond.some((r) => r.baseScore === -1)).toBe(true);
    expect(beyond.some((r) => r.baseScore >= 0)).toBe(true);
    // An on-subject one's shared score and reasons are those scoring gives without any relationship.
    const shared = await findCandidates(t.db, callers.staffA!, LINK, { limit: 90, weights: { ...W, relationship: { lead: 0, visit: 0 } } });
    for (const r of beyond.filter((x) => x.baseScore > 0)) {
      const live = shared.find((c) => c.enterpriseId === r.enterpriseId)!;
      expect([r.baseScore, r.reasons]).toEqual([live.score, live.reasons]);
    }
    for (const [who, limit, excluded] of cases()) {
      const { live, stored } = await both(callers[who]!, limit, excluded);
      if (stored) expect(stored.candidates, `${who} ${limit}`).toEqual(live);
    }
    // A lead newer than the list, on an enterprise no unit had a relationship with: the answer still equals the live one.
    const fresh = ids.find((id) => !related.has(id) && !top.some((r) => r.enterpriseId === id))!;
    await t.db.insert(leads).values({ unitId: w.countyA.id, enterpriseId: fresh, enterpriseName: '某企业', source: 'other', collectedOn: '2026-02-20' });
    let answered = 0;
    for (const [who, limit, excluded] of cases()) {
      const { live, stored } = await both(callers[who]!, limit, excluded);
      if (stored) answered++;
      if (stored) expect(stored.candidates, `${who} ${limit} after a new lead`).toEqual(live);
    }
    // The short list still answers some of them (the others fall back to the live path, as before).
    expect(answered).toBeGreaterThan(0);
    // The next test's rebuild starts from a list due for rebuilding, as it found it before this one.
    await t.db.update(chainLinkCandidateLists).set({ stale: true }).where(eq(chainLinkCandidateLists.linkId, linkId));
  });

  it('the route answers from the stored list with its computed-at time, and live (null) when the list cannot answer', async () => {
    await refreshCandidateLists(t.db, NOW);
    const staffA = await logIn(t.app, 'staff_a');
    const url = `/api/chains/${chain.id}/links/${linkId}/candidates?limit=20`;
    const stored = (await call(t.app, staffA, 'GET', url)).json() as TCandidateList;
    expect(stored.computedAt).toBe(NOW().toISOString());
    expect(stored.items.map((c) => [c.enterpriseId, c.score, c.reasons])).toEqual(
      (await findCandidates(t.db, callers.staffA!, LINK, { limit: 20, weights: W })).map((c) => [c.enterpriseId, c.score, c.reasons]),
    );
    await t.db.update(enterprises).set({ sizeBand: 'small' }).where(eq(enterprises.id, ids[8]!));
    const live = (await call(t.app, staffA, 'GET', url)).json() as TCandidateList;
    expect(live.computedAt).toBeNull();
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(chainLinkCandidates).where(eq(chainLinkCandidates.linkId, linkId))).toEqual([{ n: expect.any(Number) }]);
  });

  it('the gap list says when its gaps’ lists were computed, and null (实时计算) once one gap’s is live', async () => {
    await refreshCandidateLists(t.db, NOW);
    const staffA = await logIn(t.app, 'staff_a');
    const url = `/api/chains/${chain.id}/gaps?candidates=3`;
    const stored = (await call(t.app, staffA, 'GET', url)).json() as TChainGaps;
    expect(stored.items.map((g) => g.linkId)).toEqual([linkId]);
    expect(stored.computedAt).toBe(NOW().toISOString());
    expect(stored.items[0]!.computedAt).toBe(NOW().toISOString());
    expect(stored.items[0]!.candidates!.map((c) => [c.enterpriseId, c.score, c.reasons])).toEqual(
      (await findCandidates(t.db, callers.staffA!, LINK, { limit: 3, weights: W })).map((c) => [c.enterpriseId, c.score, c.reasons]),
    );
    // Without candidates the answer claims no time at all.
    expect((await call(t.app, staffA, 'GET', `/api/chains/${chain.id}/gaps`)).json()).not.toHaveProperty('computedAt');
    await t.db.update(enterprises).set({ sizeBand: 'large' }).where(eq(enterprises.id, ids[9]!));
    const live = (await call(t.app, staffA, 'GET', url)).json() as TChainGaps;
    expect(live.computedAt).toBeNull();
    expect(live.items[0]!.computedAt).toBeNull();
    expect(live.items[0]!.candidates!.map((c) => [c.enterpriseId, c.score, c.reasons])).toEqual(
      (await findCandidates(t.db, callers.staffA!, LINK, { limit: 3, weights: W })).map((c) => [c.enterpriseId, c.score, c.reasons]),
    );
  });
});
