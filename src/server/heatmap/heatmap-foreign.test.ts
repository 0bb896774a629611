import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { enterprises, leads, projectFunds, projects } from '../db/schema.ts';
import { sourceRegionCode } from '../../domain/enterprise-groups.ts';
import { sourceRegionDifferences } from './source-region-check.ts';
import type { TEnterprise, TEnterpriseDetail } from '../../shared/enterprises.ts';
import type { THeatmap, THeatmapRecords } from '../../shared/heatmap.ts';
import type { TMetricValues } from '../../shared/metrics.ts';
import type { TBreakdown } from '../../shared/cockpit.ts';

/**
 * A foreign headquarters (issue 15's leftover): an enterprise's HQ may be a country (ISO 3166-1; 香港, 澳门, 台湾 stay
 * China's regions), with a city as written; its investments — and its subsidiaries' in China — come from that country,
 * so the world view, the overseas presets (欧美, 日韩, 东盟, 一带一路) and their drill-downs count them.
 */
describe('enterprises headquartered abroad on the heat map', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;
  const id: Record<string, number> = {};

  const create = async (session: Session, key: string, body: Record<string, unknown>) => {
    const response = await call(t.app, session, 'POST', '/api/enterprises', { name: `${key}有限公司`, ...body });
    expect(response.statusCode, response.body).toBe(200);
    const enterprise = response.json() as TEnterprise;
    id[key] = enterprise.id;
    return enterprise;
  };
  const signed = async (unitId: number, investor: string, name: string, contractYuan: number, usd?: number) => {
    const [row] = await t.db
      .insert(projects)
      .values({ unitId, investorEnterpriseId: id[investor]!, name, totalInvestmentYuan: contractYuan * 2, contractInvestmentYuan: contractYuan, projectType: 'industrial', stage: 'signed', signedOn: '2026-03-10' })
      .returning();
    if (usd) await t.db.insert(projectFunds).values({ projectId: row!.id, arrivedOn: '2026-05-20', source: 'foreign', amountYuan: null, amountUsd: usd, evidenceRef: '外汇登记' });
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  it('keeps a country and its city as an HQ through the form; 香港 and 台湾 as China; refuses what is neither', async () => {
    const bosch = await create(staffA, '博世汽车部件（德国）', { hqRegionCode: 'DE', hqCity: '斯图加特' });
    expect(bosch).toMatchObject({ hqRegionCode: 'DE', hqRegionName: '德国', hqCity: '斯图加特', sourceRegionCode: 'DE', sourceRegionName: '德国' });
    // Its plant in 襄阳 (a target, not local) invests from Germany: the ultimate parent's HQ.
    const plant = await create(staffA, '博世汽车部件（襄阳）', { hqRegionCode: '420600', parentEnterpriseId: bosch.id });
    expect(plant).toMatchObject({ hqRegionCode: '420600', hqCity: null, sourceRegionCode: 'DE', sourceRegionName: '德国' });
    await create(staffA, '东丽先端材料（日本）', { hqRegionCode: 'JP', hqCity: '东京' });
    await create(staffA, '淡马锡产业基金（新加坡）', { hqRegionCode: 'SG' });
    await create(staffA, '美国精密仪器', { hqRegionCode: 'US', hqCity: 'Boston' });
    await create(staffA, '韩国电池', { hqRegionCode: 'KR' });
    await create(staffB, '法国航空部件', { hqRegionCode: 'FR', hqCity: '图卢兹' });
    await create(staffA, '上海汽车', { hqRegionCode: '310115' });
    // 香港 and 台湾 written as ISO codes are stored as China's regions.
    expect(await create(staffA, '香港贸易', { hqRegionCode: 'HK' })).toMatchObject({ hqRegionCode: '810000', hqRegionName: '香港特别行政区' });
    expect(await create(staffA, '台湾电子', { hqRegionCode: 'TW' })).toMatchObject({ hqRegionCode: '710000' });

    const post = (body: Record<string, unknown>) => call(t.app, staffA, 'POST', '/api/enterprises', { name: '无效总部有限公司', ...body });
    const cn = await post({ hqRegionCode: 'CN' });
    expectApiError(cn, 400, 'region.unknownPlace', 'hqRegionCode');
    expect(cn.json().error.message['zh-CN']).toMatch(/^总部所在地：不是国内的行政区划代码，也不是境外国家代码/);
    expectApiError(await post({ hqRegionCode: 'XX' }), 400, 'region.unknownPlace', 'hqRegionCode');
    expectApiError(await post({ hqRegionCode: 'de' }), 400, 'validation.invalid', 'hqRegionCode');
    const cityInChina = await post({ hqRegionCode: '420600', hqCity: '襄阳' });
    expectApiError(cityInChina, 400, 'enterprise.hqCityNotAbroad', 'hqCity');
    expect(cityInChina.json().error.message.en).toMatch(/^HQ city \(abroad\): a city is written only for a headquarters abroad/);
    expectApiError(await post({ hqCity: '东京' }), 400, 'enterprise.hqCityNotAbroad', 'hqCity');

    // Moving the HQ to China clears the city; the city alone may change while the country stays.
    const edit = (key: string, body: Record<string, unknown>) => call(t.app, staffA, 'PATCH', `/api/enterprises/${id[key]}`, body);
    expect((await edit('美国精密仪器', { hqCity: '波士顿' })).json()).toMatchObject({ hqRegionCode: 'US', hqCity: '波士顿' });
    expect((await edit('美国精密仪器', { hqRegionCode: '320505' })).json()).toMatchObject({ hqRegionCode: '320505', hqCity: null });
    expectApiError(await edit('美国精密仪器', { hqCity: '波士顿' }), 400, 'enterprise.hqCityNotAbroad', 'hqCity');
    expect((await edit('美国精密仪器', { hqRegionCode: 'US', hqCity: '波士顿' })).json()).toMatchObject({ hqRegionCode: 'US', hqCity: '波士顿', sourceRegionCode: 'US' });

    const detail = (await call(t.app, staffB, 'GET', `/api/enterprises/${id['博世汽车部件（襄阳）']}/detail`)).json() as TEnterpriseDetail;
    expect(detail.group.parents).toEqual([expect.objectContaining({ hqRegionCode: 'DE', hqRegionName: '德国' })]);
  });

  it('stores the source region the domain computes, foreign included, whoever changes an HQ or the tree', async () => {
    const check = async () => {
      const rows = await t.db.select({ id: enterprises.id, parent: enterprises.parentEnterpriseId, hq: enterprises.hqRegionCode, source: enterprises.sourceRegionCode }).from(enterprises);
      const parentOf = new Map(rows.map((r) => [r.id, r.parent]));
      const hqOf = new Map(rows.map((r) => [r.id, r.hq]));
      for (const r of rows) expect(r.source, `enterprise ${r.id}`).toBe(sourceRegionCode(r.id, parentOf, hqOf));
      return new Map(rows.map((r) => [r.id, r.source]));
    };
    await check();
    // 上海汽车 joins the German group (a direct write): its investments now come from Germany; then it leaves.
    await t.db.update(enterprises).set({ parentEnterpriseId: id['博世汽车部件（德国）']! }).where(eq(enterprises.id, id['上海汽车']!));
    expect((await check()).get(id['上海汽车']!)).toBe('DE');
    // The group moves its HQ to Japan: its plant follows, down the tree.
    await t.db.update(enterprises).set({ hqRegionCode: 'JP', hqCity: null }).where(eq(enterprises.id, id['博世汽车部件（德国）']!));
    expect((await check()).get(id['博世汽车部件（襄阳）']!)).toBe('JP');
    await t.db.update(enterprises).set({ hqRegionCode: 'DE', hqCity: '斯图加特' }).where(eq(enterprises.id, id['博世汽车部件（德国）']!));
    await t.db.update(enterprises).set({ parentEnterpriseId: null }).where(eq(enterprises.id, id['上海汽车']!));
    const after = await check();
    expect([after.get(id['上海汽车']!), after.get(id['博世汽车部件（襄阳）']!)]).toEqual(['310115', 'DE']);
    // What `zhaoshang verify` checks finds nothing; a stored value written past the triggers is found, named.
    expect(await sourceRegionDifferences(t.db)).toEqual([]);
    await t.db.execute(sql`alter table enterprises disable trigger enterprises_source_region_set`);
    try {
      await t.db.update(enterprises).set({ sourceRegionCode: 'FR' }).where(eq(enterprises.id, id['博世汽车部件（襄阳）']!));
    } finally {
      await t.db.execute(sql`alter table enterprises enable trigger enterprises_source_region_set`);
    }
    expect(await sourceRegionDifferences(t.db)).toEqual([{ id: id['博世汽车部件（襄阳）']!, name: '博世汽车部件（襄阳）有限公司', stored: 'FR', expected: 'DE' }]);
    await t.db.update(enterprises).set({ sourceRegionCode: null }).where(eq(enterprises.id, id['博世汽车部件（襄阳）']!));
    expect(await sourceRegionDifferences(t.db)).toEqual([]);
    // The database refuses China written as a country and a city beside a division, whoever writes.
    await expect(t.db.update(enterprises).set({ hqRegionCode: 'TW' }).where(eq(enterprises.id, id['韩国电池']!))).rejects.toThrow();
    await expect(t.db.update(enterprises).set({ hqRegionCode: '420600', hqCity: '首尔' }).where(eq(enterprises.id, id['韩国电池']!))).rejects.toThrow();
  });

  describe('the world view', () => {
    const get = async <T>(session: Session, url: string): Promise<T> => {
      const response = await call(t.app, session, 'GET', url);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as T;
    };
    const map = (session: Session, measure: string) => get<THeatmap>(session, `/api/heatmap?measure=${measure}&year=2026&level=country`);
    const records = (session: Session, measure: string, cell: string) =>
      get<THeatmapRecords>(session, `/api/heatmap/records?measure=${measure}&year=2026&level=country&cell=${encodeURIComponent(cell)}`);
    const cells = (m: THeatmap) => Object.fromEntries(m.cells.map((c) => [c.cell, c.value]));
    const presets = (m: THeatmap) => Object.fromEntries(m.presets.filter((p) => ['欧美', '日韩', '东盟', '一带一路'].includes(p.key)).map((p) => [p.key, p.value]));

    beforeAll(async () => {
      await signed(w.countyA.id, '博世汽车部件（襄阳）', '博世新能源汽车零部件项目', 300_000_000, 2_000_000);
      await signed(w.parkA.id, '博世汽车部件（德国）', '博世智能制动系统项目', 150_000_000);
      await signed(w.countyA.id, '东丽先端材料（日本）', '东丽碳纤维复合材料项目', 200_000_000, 1_500_000);
      await signed(w.countyA.id, '淡马锡产业基金（新加坡）', '淡马锡产业基金投资项目', 500_000_000, 3_000_000);
      await signed(w.countyA.id, '韩国电池', '韩国电池隔膜项目', 80_000_000);
      await signed(w.countyB.id, '法国航空部件', '法国航空零部件项目', 120_000_000, 800_000);
      await signed(w.countyA.id, '上海汽车', '上海汽车配套项目', 60_000_000);
      await t.db.insert(leads).values([
        { unitId: w.countyA.id, enterpriseId: id['东丽先端材料（日本）']!, enterpriseName: '东丽先端材料（日本）有限公司', source: 'online', collectedOn: '2026-02-01' },
        { unitId: w.countyA.id, enterpriseId: id['美国精密仪器']!, enterpriseName: '美国精密仪器有限公司', source: 'online', collectedOn: '2026-02-02' },
        { unitId: w.countyB.id, enterpriseId: id['法国航空部件']!, enterpriseName: '法国航空部件有限公司', source: 'online', collectedOn: '2026-02-03' },
      ]);
    });

    it('counts foreign-sourced projects, funds, leads and target enterprises by country, adding up to the cockpit', async () => {
      const figures = await get<TMetricValues>(bureau, '/api/metrics?from=2026-01-01&to=2026-12-31');
      const count = await map(bureau, 'signedCount');
      // The 襄阳 plant's project and its group's own come from Germany; in China 上海汽车's and the two counties' test projects.
      expect(cells(count)).toEqual({ DE: 2, JP: 1, SG: 1, KR: 1, FR: 1, CN: 3 });
      expect(count.value).toBe(figures.items.find((m) => m.key === 'signedCount')!.value);
      expect(count.cells.find((c) => c.cell === 'DE')).toMatchObject({ label: { zh: '德国', en: 'Germany' }, share: '22.22' });
      const amounts = await map(bureau, 'signedContractYuan');
      expect(cells(amounts)).toMatchObject({ DE: 450_000_000, JP: 200_000_000, SG: 500_000_000 });
      expect(amounts.value).toBe(figures.items.find((m) => m.key === 'signedContractYuan')!.value);
      const usd = await map(bureau, 'fundsArrivedForeignUsd');
      expect(cells(usd)).toEqual({ DE: 2_000_000, JP: 1_500_000, SG: 3_000_000, FR: 800_000 });
      expect(usd.value).toBe(figures.items.find((m) => m.key === 'fundsArrivedForeignUsd')!.value);
      expect(cells(await map(bureau, 'leadsCollected'))).toEqual({ JP: 1, US: 1, FR: 1 });
      // The library's targets: the German group and its 襄阳 plant, Japan, Singapore, the US, Korea, France; in China
      // 上海, 香港, 台湾 and the two counties' test enterprises.
      expect(cells(await map(bureau, 'targetEnterprises'))).toEqual({ DE: 2, JP: 1, SG: 1, US: 1, KR: 1, FR: 1, CN: 5 });
    });

    it('adds the overseas presets up, and every country and preset opens onto the records that make its number', async () => {
      const count = await map(bureau, 'signedCount');
      expect(presets(count)).toEqual({ 欧美: 3, 日韩: 2, 东盟: 1, 一带一路: 1 });
      const usd = await map(bureau, 'fundsArrivedForeignUsd');
      expect(presets(usd)).toEqual({ 欧美: 2_800_000, 日韩: 1_500_000, 东盟: 3_000_000, 一带一路: 3_000_000 });
      for (const measure of ['signedCount', 'signedContractYuan', 'fundsArrivedForeignUsd', 'leadsCollected', 'targetEnterprises']) {
        const shown = await map(bureau, measure);
        for (const cell of shown.cells) {
          const list = await records(bureau, measure, cell.cell);
          expect(list.value, `${measure} ${cell.cell}`).toBe(cell.value);
          expect(list.items.reduce((a, r) => a + r.contribution, 0), `${measure} ${cell.cell}`).toBe(cell.value);
        }
        for (const preset of shown.presets) expect((await records(bureau, measure, `preset:${preset.key}`)).value, `${measure} ${preset.key}`).toBe(preset.value);
      }
      const germany = await records(bureau, 'signedCount', 'DE');
      expect(germany.items.map((r) => r.projectName).sort()).toEqual(['博世新能源汽车零部件项目', '博世智能制动系统项目']);
      expect(germany.items.every((r) => r.sourceRegion === 'DE' && r.sourceRegionName === '德国')).toBe(true);
      expect((await records(bureau, 'signedCount', 'preset:日韩')).items.map((r) => r.projectName).sort()).toEqual(['东丽碳纤维复合材料项目', '韩国电池隔膜项目']);
    });

    it('keeps a county to its own records abroad', async () => {
      expect(cells(await map(staffB, 'signedCount'))).toEqual({ FR: 1, CN: 1 });
      expect(presets(await map(staffB, 'signedCount'))).toEqual({ 欧美: 1, 日韩: 0, 东盟: 0, 一带一路: 0 });
      expect((await records(staffB, 'signedCount', 'DE')).items).toEqual([]);
      expect((await records(staffB, 'fundsArrivedForeignUsd', 'preset:欧美')).items.map((r) => r.unitId)).toEqual([w.countyB.id]);
      expect(cells(await map(staffA, 'signedCount'))).toEqual({ DE: 2, JP: 1, SG: 1, KR: 1, CN: 2 });
    });

    it('shows a foreign source in the cockpit’s 按来源地 as the country, in both languages', async () => {
      const byRegion = await get<TBreakdown>(bureau, '/api/cockpit/breakdown?from=2026-01-01&to=2026-12-31&key=signedCount&by=region');
      const germany = byRegion.rows.find((r) => r.group === 'DE');
      expect(germany).toMatchObject({ label: { zh: '德国', en: 'Germany' }, value: 2 });
      expect(byRegion.rows.reduce((a, r) => a + r.value, 0)).toBe(byRegion.value);
    });
  });
});
