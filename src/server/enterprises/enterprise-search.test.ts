import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { queryRows } from '../db/client.ts';
import { backfillEnterpriseSearch, prepareEnterpriseSearch, refreshEnterpriseSearch } from './enterprise-search.ts';
import type { TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';

describe('finding an enterprise (GET /api/enterprises/search)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  const ids: Record<string, number> = {};

  const search = async (session: Session, query: string): Promise<TEnterpriseSearchResult> => {
    const response = await call(t.app, session, 'GET', `/api/enterprises/search?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TEnterpriseSearchResult;
  };
  const names = async (query: string) => (await search(staffA, query)).items.map((i) => i.name);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const add = async (key: string, body: object) => {
      const response = await call(t.app, staffA, 'POST', '/api/enterprises', body);
      expect(response.statusCode, response.body).toBe(200);
      ids[key] = (response.json() as { id: number }).id;
    };
    await add('catl', { name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(301), hqRegionCode: '350902' });
    await add('prefix', { name: '时代中国控股有限公司', hqRegionCode: '440106' });
    await add('inside', { name: '新时代有限公司', hqRegionCode: '440305' });
    await add('bank', { name: '中国银行股份有限公司', hqRegionCode: '110102' });
    await add('chongqing', { name: '重庆长安汽车股份有限公司', hqRegionCode: '500112' });
    // Facts the library's own screens keep (other names, tiers, industries, size, local): written as they would, then
    // the search document refreshed in the same way.
    await t.db.execute(sql`insert into enterprise_names (enterprise_id, kind, name) values (${ids.catl}, 'short', '宁德时代'), (${ids.catl}, 'former', '宁德新能源电池有限公司')`);
    await t.db.execute(sql`insert into enterprise_tiers (enterprise_id, list, year) values (${ids.catl}, 'fortune_global_500', 2024), (${ids.catl}, 'listed', 2018), (${ids.bank}, 'central_soe', 2023)`);
    await t.db.execute(sql`update enterprises set industry_codes = '{3841}', size_band = 'large', listing_exchange = 'SZSE' where id = ${ids.catl}`);
    await t.db.execute(sql`update enterprises set industry_codes = '{6621}', local_unit_id = ${w.countyA.id} where id = ${ids.bank}`);
    await refreshEnterpriseSearch(t.db, [ids.catl!]);
  });
  afterAll(() => t.close());

  it('finds 宁德时代 by its initials and full pinyin, highlighting the characters they spell', async () => {
    for (const query of ['ndsd', 'ningde', 'NingDe']) {
      const result = await search(staffA, q(query));
      expect(result.items[0]).toMatchObject({ id: ids.catl, match: { field: 'name', text: '宁德时代新能源科技股份有限公司' } });
    }
    expect((await search(staffA, q('ndsd'))).items[0]!.match!.ranges).toEqual([[0, 4]]);
    expect((await search(staffA, q('ningde'))).items[0]!.match!.ranges).toEqual([[0, 2]]);
    // Polyphones read in context: 重庆 is chongqing, 银行 is yinhang.
    expect(await names(q('chongqing'))).toEqual(['重庆长安汽车股份有限公司']);
    expect(await names(q('zgyh'))).toEqual(['中国银行股份有限公司']);
  });

  it('ranks the exact and prefix matches first, then the higher tier, then the shorter name; highlights inside the name', async () => {
    const result = await search(staffA, q('时代'));
    expect(result.items.map((i) => i.id)).toEqual([ids.prefix, ids.catl, ids.inside]);
    expect(result.items[0]!.match).toEqual({ field: 'name', text: '时代中国控股有限公司', ranges: [[0, 2]] });
    expect(result.items[1]!.match).toEqual({ field: 'name', text: '宁德时代新能源科技股份有限公司', ranges: [[2, 4]] });
    expect(result.items[1]!.tiers).toEqual(['fortune_global_500', 'listed']);
    expect(result).toMatchObject({ total: 3, capped: false });
    // A substring of three characters must appear in a row, not only its bigrams.
    expect(await names(q('新时代'))).toEqual(['新时代有限公司']);
    expect(await names(q('宁德电池'))).toEqual([]);
  });

  it('finds a former name or 简称 and says which name matched; an exact short name ranks first', async () => {
    const former = await search(staffA, q('新能源电池'));
    expect(former.items.map((i) => i.id)).toEqual([ids.catl]);
    expect(former.items[0]!.match).toEqual({ field: 'otherName', text: '宁德新能源电池有限公司', ranges: [[2, 7]] });
    expect((await search(staffA, q('宁德时代'))).items[0]).toMatchObject({ id: ids.catl, match: { field: 'otherName', text: '宁德时代', ranges: [[0, 4]] } });
  });

  it('finds by a credit-code prefix, in any case and with spaces', async () => {
    const code = creditCode(301);
    const result = await search(staffA, q(` ${code.slice(0, 4)} ${code.slice(4, 10).toLowerCase()}`));
    expect(result.items.map((i) => i.id)).toContain(ids.catl);
    expect(result.items.find((i) => i.id === ids.catl)!.match).toEqual({ field: 'creditCode', text: code, ranges: [[0, 10]] });
  });

  it('filters by tier and year, industry subtree, HQ province or city, size, listed and local', async () => {
    const ofCatl = [ids.catl];
    expect((await search(staffA, 'tier=fortune_global_500')).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, 'tier=fortune_global_500&tierYear=2024')).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, 'tier=fortune_global_500&tierYear=2023')).items).toEqual([]);
    expect((await search(staffA, 'industry=C')).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, 'industry=38')).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, 'industry=J')).items.map((i) => i.id)).toEqual([ids.bank]);
    expect((await search(staffA, `${q('时代')}&region=44`)).items.map((i) => i.id)).toEqual([ids.prefix, ids.inside]);
    expect((await search(staffA, `${q('时代')}&region=4403`)).items.map((i) => i.id)).toEqual([ids.inside]);
    expect((await search(staffA, `${q('有限')}&size=large`)).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, `${q('股份')}&listed=true`)).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, 'listed=true')).items.map((i) => i.id)).toEqual(ofCatl);
    expect((await search(staffA, `${q('股份')}&listed=false`)).items.map((i) => i.id).sort()).toEqual([ids.bank, ids.chongqing].sort());
    expect((await search(staffA, 'local=true')).items.map((i) => i.id)).toEqual([ids.bank]);
    expect((await search(staffA, `${q('股份')}&local=false`)).items.map((i) => i.id)).not.toContain(ids.bank);
  });

  it('counts the matches per tier, province and industry section', async () => {
    const { facets } = await search(staffA, q('股份'));
    expect(facets.tier).toEqual([
      { key: 'central_soe', count: 1 },
      { key: 'fortune_global_500', count: 1 },
      { key: 'listed', count: 1 },
    ]);
    expect(facets.province).toEqual([
      { key: '110000', count: 1 },
      { key: '350000', count: 1 },
      { key: '500000', count: 1 },
    ]);
    expect(facets.industrySection).toEqual([
      { key: 'C', count: 1 },
      { key: 'J', count: 1 },
    ]);
  });

  it('is read city-wide: another county finds enterprises county A recorded', async () => {
    expect((await search(staffB, q('ndsd'))).items[0]!.id).toBe(ids.catl);
  });

  it('follows a rename in the same transaction, and backfills documents that are missing', async () => {
    const renamed = await call(t.app, staffA, 'PATCH', `/api/enterprises/${ids.inside}`, { name: '鹏城新纪元有限公司' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await names(q('新时代'))).toEqual([]);
    expect(await names(q('pcxjy'))).toEqual(['鹏城新纪元有限公司']);
    await t.db.execute(sql`update enterprises set search_tokens = null where id = ${ids.inside}`);
    expect(await names(q('新纪元'))).toEqual([]);
    expect(await backfillEnterpriseSearch(t.db)).toBe(1);
    expect(await names(q('新纪元'))).toEqual(['鹏城新纪元有限公司']);
  });

  it('re-derives every document once at start when the token rules changed (a database of the rules before)', async () => {
    // A document written under other rules (here: its bigrams only) until the start re-derives it.
    await t.db.execute(sql`update enterprises set search_tokens = array_to_tsvector('{重庆,庆长,长安}') where id = ${ids.chongqing}`);
    await t.db.execute(sql`delete from job_runs where name like 'enterprise-search-v%'`);
    expect(await names(q('chongqing'))).toEqual([]);
    const total = (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from enterprises`))[0]!.n;
    expect(await prepareEnterpriseSearch(t.db)).toBe(total);
    expect(await names(q('chongqing'))).toEqual(['重庆长安汽车股份有限公司']);
    expect(await names(q('cqca'))).toEqual(['重庆长安汽车股份有限公司']);
    expect(await prepareEnterpriseSearch(t.db)).toBe(0);
  });

  it('needs no extension, and refuses a malformed filter naming the field', async () => {
    const extensions = await queryRows<{ extname: string }>(t.db, sql`select extname from pg_extension where extname <> 'plpgsql'`);
    expect(extensions).toEqual([]);
    expectApiError(await call(t.app, staffA, 'GET', '/api/enterprises/search?region=4'), 400, 'validation.invalid', 'region');
    // One character finds the names it begins.
    expect((await search(staffA, q('宁'))).items.map((i) => i.id)).toEqual([ids.catl]);
  });

  it('answers a common pinyin start from the names that start so, capped, each highlighted from its first character', async () => {
    const many = Array.from({ length: 230 }, (_, i) => ({ id: 900_000 + i, name: `宁德${i + 1}号电池有限公司` }));
    await t.db.execute(sql`insert into enterprises (id, unit_id, name) select x.id, ${w.countyA.id}, x.name from jsonb_to_recordset(${JSON.stringify(many)}::jsonb) as x(id int, name text)`);
    await refreshEnterpriseSearch(t.db, many.map((m) => m.id));
    try {
      for (const query of ['ningde', 'nd']) {
        const result = await search(staffA, q(query));
        expect(result.capped).toBe(true);
        expect(result.items.length).toBe(20);
        for (const item of result.items) expect(item.match, `${query}: ${item.name}`).toMatchObject({ field: 'name', ranges: [[0, 2]] });
      }
      // A start few names share still finds the rest too (another name's start, inside a name): 宁德新能源 is CATL's former name.
      expect((await search(staffA, q('ningdexin'))).items.map((i) => i.id)).toEqual([ids.catl]);
    } finally {
      await t.db.execute(sql`delete from enterprises where id >= 900000`);
    }
  });
});
