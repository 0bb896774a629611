import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { enterpriseNames, enterprises, enterpriseTiers, leads, visits } from '../db/schema.ts';
import { queryRows } from '../db/client.ts';
import { refreshEnterpriseSearch } from '../enterprises/enterprise-search.ts';
import { findCandidates, internals } from './candidates.ts';
import { DEFAULT_CANDIDATE_WEIGHTS, reasonLine, scoreCandidate, type TCandidateWeights } from '../../domain/chains/candidates.ts';
import { regionPresets } from '../regions/region-presets.ts';
import type { Caller } from '../context.ts';

/**
 * Whom to attract over a small library in the database (issue 14): the same rules as the domain's golden cases, found
 * through the indexes; local, merged and excluded enterprises never proposed; leads and visits only the caller's.
 */
const LINK = { industryCodes: ['3841'], keywords: ['正极材料', '锂电池'], products: ['磷酸铁锂'] };
const W = DEFAULT_CANDIDATE_WEIGHTS;

let t: TestApp;
let world: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
const ids: Record<string, number> = {};
const callerOf = (user: { id: number; username: string; role: string; unitId: number }, path: string): Caller => ({
  userId: user.id,
  username: user.username,
  role: user.role as Caller['role'],
  unitId: user.unitId,
  unitPath: path,
});
let bureau: Caller;
let staffA: Caller;
let staffB: Caller;

async function enterprise(key: string, facts: Partial<typeof enterprises.$inferInsert> & { otherNames?: string[]; tiers?: Array<{ list: string; year: number; rank?: number }> }) {
  const { otherNames = [], tiers = [], ...columns } = facts;
  const [row] = await t.db
    .insert(enterprises)
    .values({ unitId: world.city.id, name: `${key}有限公司`, hqRegionCode: '420600', ...columns })
    .returning();
  for (const name of otherNames) await t.db.insert(enterpriseNames).values({ enterpriseId: row!.id, kind: 'short', name });
  for (const entry of tiers) await t.db.insert(enterpriseTiers).values({ enterpriseId: row!.id, list: entry.list, year: entry.year, rank: entry.rank ?? null });
  await refreshEnterpriseSearch(t.db, [row!.id]);
  ids[key] = row!.id;
  return row!;
}

beforeAll(async () => {
  t = await createTestApp();
  world = await t.given.twoCounties();
  const [a, b] = await queryRows<{ path: string }>(t.db, sql`select path from units where id in (${world.countyA.id}, ${world.countyB.id}) order by id`);
  bureau = callerOf(world.bureau, '/' + world.city.id + '/');
  staffA = callerOf(world.staffA, a!.path);
  staffB = callerOf(world.staffB, b!.path);

  await enterprise('正极甲', { industryCodes: ['3841'], businessScope: '锂电池、正极材料的研发与生产', sizeBand: 'large', hqRegionCode: '350902', tiers: [{ list: 'china_500', year: 2024, rank: 50 }] });
  await enterprise('磷酸乙', { industryCodes: ['3849'], businessScope: '磷酸铁锂正极材料;磷酸铁锂', sizeBand: 'medium', hqRegionCode: '320505', tiers: [{ list: 'listed', year: 2023 }] });
  await enterprise('医药丙', { industryCodes: ['2710'], businessScope: '化学药品', sizeBand: 'large', tiers: [{ list: 'fortune_global_500', year: 2024 }] });
  await enterprise('深圳锂电池科技', { businessScope: '电子产品销售', hqRegionCode: '440305' });
  await enterprise('简称丁', { industryCodes: ['2000'], businessScope: '贸易', otherNames: ['丁锂电池'] });
  // Local, merged, excluded: never proposed, however well they fit.
  await enterprise('本地戊', { industryCodes: ['3841'], businessScope: '正极材料', localUnitId: world.countyA.id, sizeBand: 'large' });
  const survivor = await enterprise('存续己', { industryCodes: ['3841'] });
  await enterprise('已合并庚', { industryCodes: ['3841'], businessScope: '正极材料', mergedIntoId: survivor.id });
  await enterprise('排除辛', { industryCodes: ['3841'], sizeBand: 'large' });
  // A group: the parent elsewhere, one subsidiary local, another on the link elsewhere.
  const parent = await enterprise('集团母公司', { industryCodes: ['3841'] });
  await enterprise('集团襄阳工厂', { industryCodes: ['3841'], parentEnterpriseId: parent.id, localUnitId: world.countyB.id });
  await enterprise('集团苏州工厂', { industryCodes: ['7000'], businessScope: '正极材料', parentEnterpriseId: parent.id, hqRegionCode: '320505' });
  // County A's lead and visit on 正极甲; county B has nothing on it.
  await t.db.insert(leads).values({ unitId: world.countyA.id, enterpriseId: ids['正极甲']!, enterpriseName: '正极甲有限公司', source: 'other', collectedOn: '2026-02-01' });
  await t.db.insert(visits).values({ unitId: world.parkA.id, kind: 'visit', enterpriseId: ids['正极甲']!, enterpriseName: '正极甲有限公司', visitedOn: '2026-02-03' });
});

afterAll(async () => {
  await t.close();
});

const find = (caller: Caller, options: Partial<Parameters<typeof findCandidates>[3]> = {}) =>
  findCandidates(t.db, caller, LINK, { limit: 50, weights: W, excludeEnterpriseIds: [ids['排除辛']!], ...options });

describe('findCandidates', () => {
  it('ranks the enterprises on the link that are not local, not merged and not excluded, with their reasons', async () => {
    const found = await find(bureau);
    const line = (key: string) => found.find((c) => c.enterpriseId === ids[key])!.reasons.map((r) => reasonLine(r, 'zh'));
    // Rarity by the library: 正极材料 in 4 enterprises' scopes (the local one counts, the merged one not) → 12/(1+log10 4)
    // = 7.49 a mention; 锂电池 in 3 (a scope, a name, a 简称) → 8.12; 磷酸铁锂 in 1 → 12, twice 12 × 1.375 = 16.5.
    expect(found.map((c) => [c.name, c.score])).toEqual([
      ['正极甲有限公司', 40 + 16 + 15 + 10 + 8 + 6],
      ['磷酸乙有限公司', 20 + 24 + 8 + 6 + 10],
      ['集团母公司有限公司', 40 + 10],
      ['存续己有限公司', 40],
      ['集团苏州工厂有限公司', 7 + 10 + 10],
      ['深圳锂电池科技有限公司', 8 + 10],
      ['简称丁有限公司', 8],
    ]);
    expect(line('正极甲')).toEqual([
      '行业代码 3841 完全匹配 +40',
      "经营范围含'正极材料''锂电池' +16",
      '2024 中国500强 第50位 +15',
      '规模 大型 +10',
      '本单位已有线索 1 条 +8',
      '本单位已拜访洽谈 1 次 +6',
    ]);
    expect(line('集团母公司')).toEqual(['行业代码 3841 完全匹配 +40', '同集团的 集团襄阳工厂有限公司 已在本地 +10']);
    expect(line('集团苏州工厂')).toEqual(["经营范围含'正极材料' +7", '总部 长三角（重点区域） +10', '同集团的 集团襄阳工厂有限公司 已在本地 +10']);
    expect(line('简称丁')).toEqual(["名称含'锂电池' +8"]);
    for (const key of ['医药丙', '本地戊', '已合并庚', '排除辛', '集团襄阳工厂']) expect(found.map((c) => c.enterpriseId)).not.toContain(ids[key]);
  });

  it("gives no points and no words for another county's lead or visit", async () => {
    const asA = (await find(staffA)).find((c) => c.enterpriseId === ids['正极甲'])!;
    const asB = (await find(staffB)).find((c) => c.enterpriseId === ids['正极甲'])!;
    expect(asA.reasons.map((r) => r.factor)).toEqual(expect.arrayContaining(['lead', 'visit']));
    expect(asB.score).toBe(asA.score - 8 - 6);
    expect(asB.reasons.map((r) => r.factor)).not.toContain('lead');
    expect(asB.reasons.map((r) => r.factor)).not.toContain('visit');
    expect(JSON.stringify(asB)).not.toMatch(/线索|拜访|lead|visit/);
  });

  it('is the same whatever the first pool and chunk, however small (it reads on until nothing unread can win)', async () => {
    const full = await find(bureau);
    for (const firstPool of [1, 2, 3, 100]) {
      for (const firstChunk of [1, 2, 100]) {
        expect(await find(bureau, { firstPool, firstChunk })).toEqual(full);
        expect(await find(bureau, { firstPool, firstChunk, limit: 3 })).toEqual(full.slice(0, 3));
      }
    }
  });

  it("SQL's pre-score is never below the real score", async () => {
    for (const weights of [W, { ...W, keywords: { max: 100, perTerm: 100, saturation: 0 } } satisfies TCandidateWeights]) {
      const query = internals.expandLink(LINK);
      const context = { documentFrequency: await internals.documentFrequencies(t.db, query), regionPresets: regionPresets() };
      const pool = await internals.readPool(t.db, bureau, query, weights, context, [], 1000);
      const facts = await internals.readFacts(t.db, pool);
      expect(pool.length).toBeGreaterThan(5);
      pool.forEach((row, i) => expect(row.pre).toBeGreaterThanOrEqual(scoreCandidate(LINK, facts[i]!, weights, context).score));
    }
  });

  it('weights change the order; nothing on the link gives nothing', async () => {
    const sizeFirst = await find(bureau, { weights: { ...W, industry: { exact: 0, parent: 0 }, size: { large: 100, medium: 50 } } });
    expect(sizeFirst[0]!.name).toBe('正极甲有限公司');
    expect(sizeFirst[1]!.name).toBe('磷酸乙有限公司');
    expect(await findCandidates(t.db, bureau, { industryCodes: [], keywords: [], products: [] }, { limit: 10, weights: W })).toEqual([]);
    expect(await findCandidates(t.db, bureau, { industryCodes: ['0111'], keywords: ['不存在的词'], products: [] }, { limit: 10, weights: W })).toEqual([]);
  });
});
