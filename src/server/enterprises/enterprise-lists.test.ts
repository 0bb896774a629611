import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { call, createTestApp, creditCode, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { and, like } from 'drizzle-orm';
import { auditLog, enterpriseNames, enterpriseTiers, enterprises } from '../db/schema.ts';
import type { TEnterpriseListImport } from '../../shared/enterprise-lists.ts';

/** Issue 13 "Filling it": importing a list of enterprises (a 500强 list, a batch of 小巨人) into the library. */
describe('enterprise list imports', () => {
  let t: TestApp;
  let bureau: Session;
  let staffA: Session;
  let w: Awaited<ReturnType<TestApp['given']['twoCounties']>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const upload = async (session: Session, fileName: string, content: Buffer, fields: Record<string, string>) => {
    const body = multipartBody(fileName, content, fields);
    return t.app.inject({ method: 'POST', url: '/api/enterprise-lists', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
  };
  const preview = async (fileName: string, content: Buffer, fields: Record<string, string>) => {
    const response = await upload(bureau, fileName, content, fields);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TEnterpriseListImport;
  };
  const tiersOf = (enterpriseId: number) => t.db.select().from(enterpriseTiers).where(eq(enterpriseTiers.enterpriseId, enterpriseId));

  async function giantsXlsx(rows: (string | number)[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('第五批');
    sheet.addRow(['第五批专精特新"小巨人"企业名单']);
    sheet.addRow(['序号', '企业名称', '统一社会信用代码', '所在地区', '批次']);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('matches by credit code and by a name written another way, adds the new, and re-importing changes nothing', async () => {
    const aliased = await t.given.enterprise({ unit: w.countyB, name: '湖北楚天精工股份有限公司' });
    await t.db.insert(enterpriseNames).values({ enterpriseId: aliased.id, kind: 'former', name: '襄阳精工机械有限公司' });
    const file = await giantsXlsx([
      [1, '甲县测试企业(集团)', creditCode(1), '湖北省襄阳市', '第五批'],
      [2, '乙县测试企业股份有限公司', '', '湖北省', '第五批'],
      [3, '襄阳精工机械有限责任公司', '', '湖北省', '第五批'],
      [4, '全新小巨人科技有限公司', creditCode(7001), '湖北省', '第五批'],
    ]);
    const first = await preview('小巨人.xlsx', file, { list: 'little_giant', year: '2024' });
    expect(first.summary).toMatchObject({ rows: 4, byCode: 1, byName: 2, new: 1, refused: 0, alreadyOnList: 0 });
    expect(first.rows.map((r) => [r.rowNumber, r.match, r.enterpriseId])).toEqual([
      [3, 'code', w.enterpriseA.id],
      [4, 'name', w.enterpriseB.id],
      [5, 'name', aliased.id],
      [6, 'new', null],
    ]);
    expect(first.rows[1]!.enterpriseName).toBe('乙县测试企业有限公司');

    const committed = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${first.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ status: 'committed', createdTiers: 4, createdEnterprises: 1 });
    expect((await tiersOf(w.enterpriseB.id)).map((x) => [x.list, x.year, x.batch])).toEqual([['little_giant', 2024, '第五批']]);
    const [created] = await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7001)));
    expect(created!.name).toBe('全新小巨人科技有限公司');
    // New enterprises are searchable at once.
    const found = await call(t.app, staffA, 'GET', `/api/enterprises/search?q=${encodeURIComponent('全新小巨人')}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(JSON.stringify(found.json())).toContain(String(created!.id));

    const again = await preview('小巨人.xlsx', file, { list: 'little_giant', year: '2024' });
    expect(again.summary).toMatchObject({ rows: 4, new: 0, alreadyOnList: 4 });
    const recommitted = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${again.id}/commit`);
    expect(recommitted.statusCode, recommitted.body).toBe(200);
    expect(recommitted.json()).toMatchObject({ createdTiers: 0, createdEnterprises: 0 });
    expect(await tiersOf(w.enterpriseB.id)).toHaveLength(1);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.name, '全新小巨人科技有限公司'))).toHaveLength(1);
  });

  it('commits against the library as it is at the commit: an enterprise added after the preview is matched, not added twice', async () => {
    const file = await giantsXlsx([[1, '预览后新增科技有限公司', '', '湖北省', '第五批']]);
    const previewed = await preview('小巨人.xlsx', file, { list: 'little_giant', year: '2025' });
    expect(previewed.rows.map((r) => r.match)).toEqual(['new']);
    // Someone records it between the preview and the commit (with the name written another way). The commit must not
    // reuse the preview's plan then (mutation checked: takeKeptPlan ignoring the changes since fails this test).
    const added = await call(t.app, bureau, 'POST', '/api/enterprises', { name: '预览后新增科技股份有限公司' });
    expect(added.statusCode, added.body).toBe(200);
    const committed = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${previewed.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ createdEnterprises: 0, createdTiers: 1 });
    expect(committed.json().rows.map((r: { match: string; enterpriseId: number }) => [r.match, r.enterpriseId])).toEqual([['name', added.json().id]]);
    expect((await tiersOf(added.json().id)).map((x) => [x.list, x.year])).toEqual([['little_giant', 2025]]);
  });

  it('gives a blank list per tier list whose every column is read back, a rank column only where the list ranks', async () => {
    const blank = await call(t.app, bureau, 'GET', '/api/enterprise-lists/template.xlsx?list=china_500');
    expect(blank.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(blank.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('中国500强');
    sheet.addRow(['模板名单企业有限公司', creditCode(7401), 12, '湖北省襄阳市', '3841', 5000, '2018-01-02', '', '']);
    const filled = await preview('模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { list: 'china_500', year: '2024' });
    expect(filled.summary).toMatchObject({ rows: 1, new: 1, refused: 0, factsRefused: 0 });
    expect(filled.columns.every((c) => c.column !== null)).toBe(true);
    expect(filled.rows[0]).toMatchObject({ name: '模板名单企业有限公司', rank: 12 });
    expect(filled.rows[0]!.facts.find((f) => f.field === 'capital')).toMatchObject({ status: 'write' });
    const unranked = await call(t.app, bureau, 'GET', '/api/enterprise-lists/template.xlsx?list=srdi');
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load(unranked.rawPayload as unknown as ArrayBuffer);
    expect(plain.worksheets[0]!.getRow(1).values).not.toContain('排名');
    expectApiError(await call(t.app, staffA, 'GET', '/api/enterprise-lists/template.xlsx?list=srdi'), 403, 'auth.forbidden');
  });

  it('refuses rows naming the row and the field, and refuses to commit a list with refusals', async () => {
    const csv = ledgerCsvGbk(
      ['排名', '公司名称', '统一社会信用代码', '省份'],
      [
        [1, '华为技术有限公司', '914403001922038216', '广东'],
        ['第二', '某某控股有限公司', '', '北京'],
        [3, '', '', '上海'],
        [4, '错码企业有限公司', '91420600000000000X', '湖北'],
      ],
    );
    const result = await preview('中国500强.csv', csv, { list: 'china_500', year: '2024' });
    expect(result.summary).toMatchObject({ rows: 4, new: 1, refused: 3 });
    expect(result.refusals.map((r) => [r.rowNumber, r.field, r.code])).toEqual([
      [3, 'rank', 'rank'],
      [4, 'name', 'required'],
      [5, 'creditCode', 'creditCode'],
    ]);
    expect(result.refusals[0]!.message['zh-CN']).toBe('第3行 名次：应为不小于1的整数');
    expect(result.refusals[2]!.message.en).toContain('Row 5');
    const commit = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/commit`);
    expectApiError(commit, 409, 'enterpriseList.hasRefusals');
    expect(await t.db.select().from(enterprises).where(eq(enterprises.creditCode, '914403001922038216'))).toEqual([]);
  });

  it('reverts: removes the entries it added and the enterprises it created that nothing else took up', async () => {
    const file = await giantsXlsx([
      [1, '乙县测试企业有限公司', creditCode(2), '湖北', ''],
      [2, '撤销测试一有限公司', creditCode(7101), '湖北', ''],
      [3, '撤销测试二有限公司', creditCode(7102), '湖北', ''],
    ]);
    const result = await preview('高新.xlsx', file, { list: 'high_tech', year: '2023', batch: '2023年第一批' });
    const committed = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect((await tiersOf(w.enterpriseB.id)).find((x) => x.list === 'high_tech')?.batch).toBe('2023年第一批');
    const [kept] = await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7102)));
    // Someone takes one of the new enterprises up before the revert: the bureau records its short name.
    const named = await call(t.app, bureau, 'POST', `/api/enterprises/${kept!.id}/names`, { kind: 'short', name: '撤销二' });
    expect(named.statusCode, named.body).toBe(200);

    const reverted = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/revert`);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect(reverted.json()).toMatchObject({ status: 'reverted' });
    expect((await tiersOf(w.enterpriseB.id)).filter((x) => x.list === 'high_tech')).toEqual([]);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7101)))).toEqual([]);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7102)))).toHaveLength(1);
    expect(await tiersOf(kept!.id)).toEqual([]);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.id, w.enterpriseB.id))).toHaveLength(1);
    expectApiError(await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/revert`), 409, 'enterpriseList.notCommitted');
  });

  it('reads a foreign HQ — a country in a 总部所在国家/地区 column or in the HQ column — and refuses a place that is neither, naming row and field (issue 15)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('世界500强');
    sheet.addRow(['排名', '企业名称', '总部所在国家/地区', '省份']);
    sheet.addRow([1, '境外德国汽车部件有限公司', '德国', '']);
    sheet.addRow([2, '境外日本材料株式会社', '日本', '']);
    sheet.addRow([3, '境外美国仪器有限公司', 'United States', '']);
    sheet.addRow([4, '境外国内香港有限公司', '中国', '香港']);
    sheet.addRow([5, '境外未知地方有限公司', '亚特兰蒂斯', '']);
    const result = await preview('世界500强.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { list: 'fortune_global_500', year: '2024' });
    expect(result.summary).toMatchObject({ rows: 5, new: 5, refused: 0, factsRefused: 1 });
    expect(result.rows.map((r) => r.facts.find((f) => f.field === 'region'))).toEqual([
      { field: 'region', status: 'write', value: '德国', library: null },
      { field: 'region', status: 'write', value: '日本', library: null },
      { field: 'region', status: 'write', value: '美国', library: null },
      { field: 'region', status: 'write', value: '香港特别行政区', library: null },
      { field: 'region', status: 'refused', value: '亚特兰蒂斯', library: null },
    ]);
    expect(result.factIssues.map((i) => i.message)).toEqual([
      {
        'zh-CN': '第6行 所在地区：“亚特兰蒂斯”既不是国内的行政区划（GB/T 2260），也不是境外国家（如 德国、日本、Germany），未写入',
        en: 'Row 6, HQ region: “亚特兰蒂斯” is neither a region of China (GB/T 2260) nor a foreign country (e.g. 德国, 日本, Germany); not written',
      },
    ]);
    const committed = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    const stored = await t.db.select({ name: enterprises.name, hq: enterprises.hqRegionCode, source: enterprises.sourceRegionCode }).from(enterprises).where(like(enterprises.name, '境外%')).orderBy(enterprises.id);
    expect(stored.map((e) => [e.hq, e.source])).toEqual([['DE', 'DE'], ['JP', 'JP'], ['US', 'US'], ['810000', '810000'], [null, null]]);
  });

  it('is for the bureau only', async () => {
    const file = await giantsXlsx([[1, '只许招商局企业有限公司', '', '湖北', '']]);
    expectApiError(await upload(staffA, '名单.xlsx', file, { list: 'little_giant', year: '2024' }), 403, 'auth.forbidden');
    const result = await preview('名单.xlsx', file, { list: 'little_giant', year: '2024' });
    for (const [method, url] of [
      ['GET', `/api/enterprise-lists/${result.id}`],
      ['GET', `/api/enterprise-lists/${result.id}/progress`],
      ['POST', `/api/enterprise-lists/${result.id}/commit`],
      ['POST', `/api/enterprise-lists/${result.id}/revert`],
      ['GET', `/api/enterprise-lists/${result.id}/errors.xlsx`],
    ] as const) {
      expectApiError(await call(t.app, staffA, method, url), 403, 'auth.forbidden');
    }
    expect((await call(t.app, bureau, 'GET', `/api/enterprise-lists/${result.id}`)).json()).toMatchObject({ status: 'previewed' });
    expectApiError(await upload(bureau, '名单.xlsx', file, { list: 'little_giant', year: '2030' }), 400, 'enterprise.tierYearFuture', 'year');
  });

  describe('the facts a list carries (region, industry, capital, founding date, listing)', () => {
    const factsOf = async (id: number) => {
      const [e] = await t.db.select().from(enterprises).where(eq(enterprises.id, id));
      return {
        hqRegionCode: e!.hqRegionCode,
        industryCodes: e!.industryCodes,
        registeredCapitalYuan: e!.registeredCapitalYuan,
        foundedOn: e!.foundedOn,
        listingExchange: e!.listingExchange,
        listingTicker: e!.listingTicker,
      };
    };
    async function parkXlsx(): Promise<Buffer> {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('园区企业');
      sheet.addRow(['序号', '企业名称', '统一社会信用代码', '省份', '城市', '行业', '注册资本(万元)', '成立日期', '股票代码', '联系人']);
      sheet.addRow([1, '事实匹配一有限公司', creditCode(7301), '湖北', '襄阳', '3841', '6000', '2019/3/5', '300750.SZ', '张三']);
      sheet.addRow([2, '事实匹配二有限公司', '', '', '朝阳', '锂离子电池制造', '500万美元', '2020年5月', '未上市', '李四']);
      sheet.addRow([3, '全新事实科技有限公司', creditCode(7302), '广东', '深圳', 'C3841', '1.2亿元', 43529, '688001.SH', '']);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }

    it('previews per column and per row what is written, kept, differs or is refused, and names the columns not read', async () => {
      const one = await t.given.enterprise({ unit: w.countyA, name: '事实匹配一有限公司', creditCode: creditCode(7301) });
      await t.db.update(enterprises).set({ registeredCapitalYuan: 50_000_000, hqRegionCode: null }).where(eq(enterprises.id, one.id));
      await t.given.enterprise({ unit: w.countyB, name: '事实匹配二股份有限公司' });
      const result = await preview('园区企业.xlsx', await parkXlsx(), { list: 'high_tech', year: '2025' });
      expect(result.summary).toMatchObject({ rows: 3, byCode: 1, byName: 1, new: 1, refused: 0, factsRefused: 3, factsDiffering: 1 });
      expect(result.columns.map((c) => [c.label, c.column, c.counts])).toEqual([
        ['序号', null, null],
        ['企业名称', 'name', null],
        ['统一社会信用代码', 'creditCode', null],
        ['省份', 'region', { write: 2, same: 0, differ: 0, refused: 1 }],
        ['城市', 'region', null],
        ['行业', 'industry', { write: 3, same: 0, differ: 0, refused: 0 }],
        ['注册资本(万元)', 'capital', { write: 1, same: 0, differ: 1, refused: 1 }],
        ['成立日期', 'founded', { write: 2, same: 0, differ: 0, refused: 1 }],
        ['股票代码', 'listing', { write: 2, same: 1, differ: 0, refused: 0 }],
        ['联系人', null, null],
      ]);
      expect(result.factIssues.map((i) => i.message['zh-CN'])).toEqual([
        '第2行 库中 注册资本 5,000万元，名单 6,000万元：未改',
        '第3行 所在地区：“朝阳”对应多个行政区划，请写明省和市，未写入',
        '第3行 注册资本：“500万美元”是外币金额，库中注册资本只记人民币，不折算，未写入',
        '第3行 成立日期：“2020年5月”没有写明哪一天，未写入',
      ]);
      expect(result.rows[2]!.facts).toEqual([
        { field: 'region', status: 'write', value: '广东省深圳市', library: null },
        { field: 'industry', status: 'write', value: '3841 锂离子电池制造', library: null },
        { field: 'capital', status: 'write', value: '12,000万元', library: null },
        { field: 'founded', status: 'write', value: '2019-03-05', library: null },
        { field: 'listing', status: 'write', value: 'SSE 688001', library: null },
      ]);
      expect(result.errorFileUrl).toBe(`/api/enterprise-lists/${result.id}/errors.xlsx`);

      // The error file: the header and the refused row as written, plus 原因 naming each field.
      const file = await call(t.app, bureau, 'GET', result.errorFileUrl!);
      expect(file.statusCode, file.body).toBe(200);
      expect(file.headers['content-disposition']).toContain(encodeURIComponent('园区企业-原因.xlsx'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map((v) => String(v ?? ''));
      expect(sheet.rowCount).toBe(2);
      expect(values(1)).toEqual(['序号', '企业名称', '统一社会信用代码', '省份', '城市', '行业', '注册资本(万元)', '成立日期', '股票代码', '联系人', '原因']);
      expect(values(2).slice(0, 10)).toEqual(['2', '事实匹配二有限公司', '', '', '朝阳', '锂离子电池制造', '500万美元', '2020年5月', '未上市', '李四']);
      expect(values(2)[10]).toBe(
        '第3行 所在地区：“朝阳”对应多个行政区划，请写明省和市，未写入;第3行 注册资本：“500万美元”是外币金额，库中注册资本只记人民币，不折算，未写入;第3行 成立日期：“2020年5月”没有写明哪一天，未写入',
      );
    });

    it('writes the facts of new enterprises, fills the empty ones of matched enterprises with audit rows, re-imports nothing, and reverts them', async () => {
      const [one] = await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7301)));
      const [two] = await t.db.select().from(enterprises).where(eq(enterprises.name, '事实匹配二股份有限公司'));
      const result = await preview('园区企业.xlsx', await parkXlsx(), { list: 'high_tech', year: '2024' });
      const committed = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/commit`);
      expect(committed.statusCode, committed.body).toBe(200);
      expect(committed.json()).toMatchObject({ createdEnterprises: 1, createdTiers: 3, filledFacts: 5 });
      expect(await factsOf(one!.id)).toEqual({
        hqRegionCode: '420600',
        industryCodes: ['3841'],
        registeredCapitalYuan: 50_000_000,
        foundedOn: '2019-03-05',
        listingExchange: 'SZSE',
        listingTicker: '300750',
      });
      expect(await factsOf(two!.id)).toMatchObject({ hqRegionCode: '420600', industryCodes: ['3841'], registeredCapitalYuan: null, foundedOn: null, listingExchange: null });
      const [fresh] = await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7302)));
      expect(await factsOf(fresh!.id)).toEqual({
        hqRegionCode: '440300',
        industryCodes: ['3841'],
        registeredCapitalYuan: 120_000_000,
        foundedOn: '2019-03-05',
        listingExchange: 'SSE',
        listingTicker: '688001',
      });
      // The library's search filters find the new enterprise by what the list said of it.
      const found = await call(t.app, staffA, 'GET', `/api/enterprises/search?q=${encodeURIComponent('全新事实')}&region=4403&industry=38`);
      expect(found.statusCode, found.body).toBe(200);
      expect(JSON.stringify(found.json())).toContain(String(fresh!.id));
      // Its audit row is the row as written (the search document, written in the same statement, is not part of it);
      // each tier entry's row names the enterprise's unit and the import, and nothing sent only for the audit.
      const [created] = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'enterprise'), eq(auditLog.action, 'create'), eq(auditLog.entityId, String(fresh!.id))));
      expect(created!.after).toEqual(JSON.parse(JSON.stringify(fresh)));
      const [entry] = await tiersOf(fresh!.id);
      const [entryAudit] = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'enterpriseTier'), eq(auditLog.entityId, String(entry!.id))));
      expect(entryAudit).toMatchObject({ action: 'create', unitId: fresh!.unitId, reason: `enterprise list import ${result.id}`, after: JSON.parse(JSON.stringify(entry)) });
      const audits = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'enterprise'), eq(auditLog.action, 'update'), eq(auditLog.reason, `enterprise list import ${result.id}`)));
      expect(audits.map((a) => [Number(a.entityId), a.before, a.after]).sort()).toEqual(
        [
          [one!.id, { hqRegionCode: null }, { hqRegionCode: '420600' }],
          [one!.id, { industryCodes: [] }, { industryCodes: ['3841'] }],
          [one!.id, { foundedOn: null }, { foundedOn: '2019-03-05' }],
          [one!.id, { listingExchange: null, listingTicker: null }, { listingExchange: 'SZSE', listingTicker: '300750' }],
          [two!.id, { industryCodes: [] }, { industryCodes: ['3841'] }],
        ].sort(),
      );

      // Again: nothing to write, the difference still reported.
      const again = await preview('园区企业.xlsx', await parkXlsx(), { list: 'high_tech', year: '2024' });
      expect(again.summary).toMatchObject({ new: 0, alreadyOnList: 3, factsDiffering: 1, factsRefused: 3 });
      expect(again.columns.find((c) => c.column === 'industry')!.counts).toEqual({ write: 0, same: 3, differ: 0, refused: 0 });
      const recommitted = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${again.id}/commit`);
      expect(recommitted.json()).toMatchObject({ createdEnterprises: 0, createdTiers: 0, filledFacts: 0 });

      // Someone sets 事实匹配二's industry before the revert: theirs stays; the rest goes back to empty.
      await t.db.update(enterprises).set({ industryCodes: ['3842'] }).where(eq(enterprises.id, two!.id));
      const reverted = await call(t.app, bureau, 'POST', `/api/enterprise-lists/${result.id}/revert`);
      expect(reverted.statusCode, reverted.body).toBe(200);
      expect(await factsOf(one!.id)).toEqual({
        hqRegionCode: null,
        industryCodes: [],
        registeredCapitalYuan: 50_000_000,
        foundedOn: null,
        listingExchange: null,
        listingTicker: null,
      });
      expect((await factsOf(two!.id)).industryCodes).toEqual(['3842']);
      expect(await t.db.select().from(enterprises).where(eq(enterprises.creditCode, creditCode(7302)))).toEqual([]);
      const undone = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'enterprise'), like(auditLog.reason, `revert of enterprise list import ${result.id}`)));
      expect(undone.filter((a) => a.action === 'update')).toHaveLength(4);
    });
  });
});
