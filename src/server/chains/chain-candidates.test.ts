import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, chainCandidateWeights, enterprises, enterpriseTiers, leads, users, visits } from '../db/schema.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { DEFAULT_CANDIDATE_WEIGHTS, type TCandidateList, type TCandidateWeightsSetting } from '../../shared/chain-candidates.ts';
import type { TChain, TChainGaps } from '../../shared/chains.ts';

/**
 * Whom to attract through the API (issue 14): a link's candidates in order with their reasons, "not a fit" left out,
 * the limit checked, another county's leads and visits never in a reason, the city's weights (the bureau's, audited)
 * changing the order, and the gap list with each gap's best candidates.
 */
describe('whom to attract: the routes (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;
  let chain: TChain;
  let linkId: number;
  const ids: Record<string, number> = {};
  const url = (query = '') => `/api/chains/${chain.id}/links/${linkId}/candidates${query}`;
  const list = async (who: Session, query = '?limit=50') => {
    const response = await call(t.app, who, 'GET', url(query));
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TCandidateList;
  };

  async function enterprise(key: string, columns: Partial<typeof enterprises.$inferInsert>, tiers: Array<{ list: string; year: number; rank?: number }> = []) {
    const [row] = await t.db.insert(enterprises).values({ unitId: w.city.id, name: `${key}有限公司`, hqRegionCode: '420600', ...columns }).returning();
    for (const entry of tiers) await t.db.insert(enterpriseTiers).values({ enterpriseId: row!.id, list: entry.list, year: entry.year, rank: entry.rank ?? null });
    await refreshEnterpriseSearch(t.db, [row!.id]);
    ids[key] = row!.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    chain = (await call(t.app, bureau, 'POST', '/api/chains', { name: '动力电池', nameEn: 'Batteries' })).json() as TChain;
    const link = await call(t.app, bureau, 'POST', `/api/chains/${chain.id}/links`, {
      segment: 'upstream',
      name: '正极材料',
      nameEn: 'Cathode',
      industryCodes: ['3841'],
      keywords: ['正极材料', '锂电池'],
      products: ['磷酸铁锂'],
    });
    expect(link.statusCode, link.body).toBe(200);
    linkId = (link.json() as { id: number }).id;
    await enterprise('正极甲', { industryCodes: ['3841'], businessScope: '锂电池、正极材料的研发与生产', sizeBand: 'large', hqRegionCode: '350902' }, [{ list: 'china_500', year: 2024, rank: 50 }, { list: 'srdi', year: 2023 }]);
    await enterprise('磷酸乙', { industryCodes: ['3849'], businessScope: '磷酸铁锂正极材料;磷酸铁锂', sizeBand: 'medium', hqRegionCode: '320505' }, [{ list: 'listed', year: 2023 }]);
    await enterprise('存续己', { industryCodes: ['3841'] });
    await enterprise('苏州丙', { industryCodes: ['7000'], businessScope: '正极材料', hqRegionCode: '320505' });
    await enterprise('本地戊', { industryCodes: ['3841'], businessScope: '正极材料', sizeBand: 'large', localUnitId: w.countyA.id });
    await enterprise('医药丁', { industryCodes: ['2710'], businessScope: '化学药品', sizeBand: 'large' }, [{ list: 'fortune_global_500', year: 2024 }]);
    // 甲县's lead and visit on 正极甲: points and words for 甲县 and the bureau, nothing for 乙县.
    await t.db.insert(leads).values({ unitId: w.countyA.id, enterpriseId: ids['正极甲']!, enterpriseName: '正极甲有限公司', source: 'other', collectedOn: '2026-02-01', note: '甲县机密' });
    await t.db.insert(visits).values({ unitId: w.parkA.id, kind: 'visit', enterpriseId: ids['正极甲']!, enterpriseName: '正极甲有限公司', visitedOn: '2026-02-03' });
  });
  afterAll(() => t.close());

  it('lists the link’s candidates best first, each with its reasons in Chinese and English and its tiers; local ones never', async () => {
    const found = await list(staffA);
    expect(found).toMatchObject({ linkId, rejected: 0 });
    expect(found.items.map((c) => [c.name, c.score])).toEqual([
      ['正极甲有限公司', 40 + 19 + 15 + 10 + 8 + 6],
      ['磷酸乙有限公司', 20 + 24 + 8 + 6 + 10],
      ['存续己有限公司', 40],
      ['苏州丙有限公司', 7 + 10],
    ]);
    const best = found.items[0]!;
    expect(best.reasons.map((r) => `${r.text} +${r.points}`)).toEqual([
      '行业代码 3841 完全匹配 +40',
      "经营范围含'正极材料''锂电池' +19",
      '2024 中国500强 第50位 +15',
      '规模 大型 +10',
      '本单位已有线索 1 条 +8',
      '本单位已拜访洽谈 1 次 +6',
    ]);
    expect(best.reasons[0]!.textEn).toBe('industry code 3841 matches exactly');
    expect(best.tiers).toEqual([
      { list: 'china_500', year: 2024, zh: '中国500强', en: 'China Top 500' },
      { list: 'srdi', year: 2023, zh: '专精特新中小企业', en: 'SRDI SME' },
    ]);
    expect(found.items.map((c) => c.enterpriseId)).not.toContain(ids['本地戊']);
    expect(found.items.map((c) => c.enterpriseId)).not.toContain(ids['医药丁']);
    // The same inputs give the same order.
    expect(await list(staffA)).toEqual(found);
  });

  it("gives 乙县 no points and no words from 甲县's lead and visit", async () => {
    const asB = (await list(staffB)).items.find((c) => c.enterpriseId === ids['正极甲'])!;
    expect(asB.score).toBe(40 + 19 + 15 + 10);
    expect(asB.reasons.map((r) => r.factor)).toEqual(['industry', 'keywords', 'tier', 'size']);
    expect(JSON.stringify(await list(staffB))).not.toMatch(/线索|拜访|lead|visit|机密/);
    // A department user sees no unit's leads or visits either.
    expect(JSON.stringify(await list(await logIn(t.app, 'dept')))).not.toMatch(/线索|拜访/);
  });

  it('checks the limit: 1 to 100, 20 when left out', async () => {
    for (const bad of ['0', '101', '-1', '2.5', 'x']) {
      const response = await call(t.app, staffA, 'GET', url(`?limit=${bad}`));
      expect(response.statusCode, bad).toBe(400);
    }
    expect((await list(staffA, '?limit=2')).items.map((c) => c.name)).toEqual(['正极甲有限公司', '磷酸乙有限公司']);
    expect((await list(staffA, '')).items).toHaveLength(4);
    expectApiError(await call(t.app, staffA, 'GET', `/api/chains/${chain.id}/links/999999/candidates`), 404, 'notFound');
  });

  it('leaves out the enterprises marked "not a fit" for the link, and proposes them again once the mark is withdrawn', async () => {
    const marked = await call(t.app, staffA, 'POST', `/api/chains/${chain.id}/links/${linkId}/rejections`, { enterpriseId: ids['磷酸乙'], reason: '已在外省扩产' });
    expect(marked.statusCode, marked.body).toBe(200);
    for (const who of [staffA, staffB, bureau]) {
      const found = await list(who);
      expect(found.rejected).toBe(1);
      expect(found.items.map((c) => c.enterpriseId)).not.toContain(ids['磷酸乙']);
    }
    expect((await call(t.app, staffA, 'DELETE', `/api/chains/${chain.id}/links/${linkId}/rejections/${ids['磷酸乙']}`)).statusCode).toBe(200);
    expect((await list(staffA)).items.map((c) => c.enterpriseId)).toContain(ids['磷酸乙']);
  });

  it('the city’s weights: the bureau reads and sets them (audited, validated), and they change the order', async () => {
    const initial = (await call(t.app, bureau, 'GET', '/api/chain-candidate-weights')).json() as TCandidateWeightsSetting;
    expect(initial).toEqual({ weights: DEFAULT_CANDIDATE_WEIGHTS, defaults: DEFAULT_CANDIDATE_WEIGHTS, custom: false, updatedAt: null, updatedBy: null });
    expectApiError(await call(t.app, staffA, 'GET', '/api/chain-candidate-weights'), 403, 'auth.forbidden');
    expectApiError(await call(t.app, staffA, 'PUT', '/api/chain-candidate-weights', { weights: DEFAULT_CANDIDATE_WEIGHTS }), 403, 'auth.forbidden');
    const unknown = { ...DEFAULT_CANDIDATE_WEIGHTS, regions: [{ preset: '火星', points: 10 }] };
    expectApiError(await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: unknown }), 400, 'chain.regionPresetUnknown', 'weights.regions.0.preset');
    const twice = { ...DEFAULT_CANDIDATE_WEIGHTS, regions: [{ preset: '长三角', points: 10 }, { preset: '长三角', points: 5 }] };
    expectApiError(await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: twice }), 400, 'chain.regionPresetTwice', 'weights.regions.1.preset');
    const tooMuch = await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: { ...DEFAULT_CANDIDATE_WEIGHTS, groupNearby: 101 } });
    expect(tooMuch.statusCode).toBe(400);

    // Industry worth nothing, 长三角 worth 100: the Suzhou enterprises come first.
    const regional = { ...DEFAULT_CANDIDATE_WEIGHTS, industry: { exact: 0, parent: 0 }, regions: [{ preset: '长三角', points: 100 }] };
    const set = await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: regional });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ weights: regional, custom: true, updatedBy: expect.any(String), updatedAt: expect.any(String) });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainCandidateWeights')).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: 'create', before: { weights: DEFAULT_CANDIDATE_WEIGHTS }, after: expect.objectContaining({ weights: regional }) });
    const reordered = await list(staffB);
    expect(reordered.items.map((c) => c.name)).toEqual(['磷酸乙有限公司', '苏州丙有限公司', '正极甲有限公司']);
    expect(reordered.items[0]!.reasons.map((r) => r.factor)).not.toContain('industry');

    const back = await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: DEFAULT_CANDIDATE_WEIGHTS });
    expect(back.statusCode).toBe(200);
    const [second] = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'chainCandidateWeights')).orderBy(desc(auditLog.id)).limit(1);
    expect(second).toMatchObject({ action: 'update', before: expect.objectContaining({ weights: regional }) });
    expect((await list(staffB)).items[0]!.name).toBe('正极甲有限公司');
  });

  it('weights stored under the former key 中原城市群(核心) read as 中原城市群（核心）, a preset the file names (issue 16)', async () => {
    const former = { ...DEFAULT_CANDIDATE_WEIGHTS, regions: [{ preset: '中原城市群(核心)', points: 30 }, { preset: '长三角', points: 10 }] };
    const bureauUser = await t.db.select({ id: users.id }).from(users).where(eq(users.username, 'bureau'));
    await t.db.insert(chainCandidateWeights).values({ id: 1, weights: former, updatedBy: bureauUser[0]!.id, updatedAt: new Date() }).onConflictDoUpdate({ target: chainCandidateWeights.id, set: { weights: former } });
    const read = (await call(t.app, bureau, 'GET', '/api/chain-candidate-weights')).json() as TCandidateWeightsSetting;
    expect(read.weights.regions).toEqual([{ preset: '中原城市群（核心）', points: 30 }, { preset: '长三角', points: 10 }]);
    // Read back as today's key, the weights can be saved as they are; the former spelling itself is no longer a preset.
    expect((await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: read.weights })).statusCode).toBe(200);
    expectApiError(await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: former }), 400, 'chain.regionPresetUnknown', 'weights.regions.0.preset');
    expect((await call(t.app, bureau, 'PUT', '/api/chain-candidate-weights', { weights: DEFAULT_CANDIDATE_WEIGHTS })).statusCode).toBe(200);
  });

  it('the gap list carries each gap’s best candidates when asked (?candidates=1..5), none otherwise', async () => {
    const plain = (await call(t.app, staffB, 'GET', `/api/chains/${chain.id}/gaps`)).json() as TChainGaps;
    expect(plain.items.map((g) => g.linkId)).toEqual([linkId]);
    expect(plain.items[0]).not.toHaveProperty('candidates');
    const withThree = (await call(t.app, staffB, 'GET', `/api/chains/${chain.id}/gaps?candidates=3`)).json() as TChainGaps;
    expect(withThree.items[0]!.candidates!.map((c) => c.name)).toEqual((await list(staffB, '?limit=3')).items.map((c) => c.name));
    expect(JSON.stringify(withThree.items[0]!.candidates)).not.toMatch(/线索|拜访/);
    for (const bad of ['6', '-1', 'x']) expect((await call(t.app, staffB, 'GET', `/api/chains/${chain.id}/gaps?candidates=${bad}`)).statusCode, bad).toBe(400);
  });
});
