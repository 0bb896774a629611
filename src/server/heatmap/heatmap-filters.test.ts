import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { enterprises, enterpriseTiers, leads, projectFunds, projects, trips, visits } from '../db/schema.ts';
import { chainLinks, chainPlacements, chains } from '../db/schema-chains.ts';
import type { THeatmap, THeatmapMeasure, THeatmapRecords } from '../../shared/heatmap.ts';

/**
 * The heat map's filters (issue 15): chain and link, tier, stage, project type, estimated — each narrowing the map's
 * numbers and every cell's records alike, so the records still add up; and trips placed at the cities they went to.
 */
describe('the heat map filtered by chain, tier, stage, type and estimated, and trips by the cities visited', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffB: Session;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffB = await logIn(t.app, 'staff_b');
    const enterprise = async (key: string, hq: string, unitId = w.countyA.id) => {
      const [row] = await t.db.insert(enterprises).values({ unitId, name: `${key}有限公司`, hqRegionCode: hq }).returning();
      id[key] = row!.id;
    };
    await enterprise('上海集团', '310115');
    await enterprise('深圳企业', '440305');
    await enterprise('南京企业', '320104');
    await enterprise('广州企业', '440106', w.countyB.id);
    await t.db.insert(enterpriseTiers).values([
      { enterpriseId: id['上海集团']!, list: 'fortune_global_500', year: 2024, rank: 100 },
      { enterpriseId: id['上海集团']!, list: 'fortune_global_500', year: 2025, rank: 90 },
      { enterpriseId: id['深圳企业']!, list: 'little_giant', year: 2025, batch: '第七批' },
    ]);
    const [ev] = await t.db.insert(chains).values({ name: '新能源汽车', nameEn: 'New energy vehicles' }).returning();
    const [bio] = await t.db.insert(chains).values({ name: '生物医药', nameEn: 'Biomedicine' }).returning();
    id.ev = ev!.id;
    id.bio = bio!.id;
    const link = async (key: string, chainId: number, parentId: number | null = null) => {
      const [row] = await t.db.insert(chainLinks).values({ chainId, parentId, segment: 'upstream', name: key, nameEn: key }).returning();
      id[key] = row!.id;
    };
    await link('电池', ev!.id);
    await link('电芯', ev!.id, id['电池']!);
    await link('整车', ev!.id);
    await link('原料药', bio!.id);
    const project = async (key: string, values: { investor: string; yuan: number; stage: 'signed' | 'started' | 'lead'; type?: 'industrial' | 'other'; estimated?: boolean; unitId?: number }) => {
      const [row] = await t.db
        .insert(projects)
        .values({
          unitId: values.unitId ?? w.countyA.id,
          investorEnterpriseId: id[values.investor]!,
          name: key,
          totalInvestmentYuan: values.yuan,
          stage: values.stage,
          projectType: values.type ?? 'industrial',
          amountsEstimated: values.estimated ?? false,
          signedOn: values.stage === 'lead' ? null : '2026-02-01',
          startedOn: values.stage === 'started' ? '2026-03-01' : null,
        })
        .returning();
      id[key] = row!.id;
    };
    await project('电芯项目', { investor: '上海集团', yuan: 100_000_000, stage: 'signed' });
    await project('整车项目', { investor: '深圳企业', yuan: 50_000_000, stage: 'started', type: 'other', estimated: true });
    await project('原料药项目', { investor: '南京企业', yuan: 30_000_000, stage: 'signed' });
    await project('电池项目', { investor: '上海集团', yuan: 20_000_000, stage: 'signed' });
    await project('乙县项目', { investor: '广州企业', yuan: 7_000_000, stage: 'signed', unitId: w.countyB.id, estimated: true });
    await t.db.insert(projectFunds).values([
      { projectId: id['电芯项目']!, arrivedOn: '2026-04-01', source: 'outOfProvince', amountYuan: 3_000_000, evidenceRef: '回单' },
      { projectId: id['整车项目']!, arrivedOn: '2026-04-02', source: 'outOfProvince', amountYuan: 4_000_000, evidenceRef: '回单' },
    ]);
    const confirmed = { status: 'confirmed', confirmedAt: new Date() };
    await t.db.insert(chainPlacements).values([
      { linkId: id['电芯']!, projectId: id['电芯项目']!, ...confirmed },
      { linkId: id['整车']!, projectId: id['整车项目']!, ...confirmed },
      // Only suggested: on no chain.
      { linkId: id['原料药']!, projectId: id['原料药项目']!, status: 'suggested' },
      { linkId: id['电池']!, projectId: id['电池项目']!, ...confirmed },
      { linkId: id['电芯']!, enterpriseId: id['深圳企业']!, ...confirmed },
      { linkId: id['原料药']!, enterpriseId: id['南京企业']!, ...confirmed },
    ]);
    const lead = async (key: string, enterpriseKey: string | null, placedOn: string | null) => {
      const [row] = await t.db
        .insert(leads)
        .values({ unitId: w.countyA.id, enterpriseId: enterpriseKey ? id[enterpriseKey]! : null, enterpriseName: `${key}有限公司`, source: 'online', collectedOn: '2026-05-01' })
        .returning();
      id[key] = row!.id;
      if (placedOn) await t.db.insert(chainPlacements).values({ linkId: id[placedOn]!, leadId: row!.id, ...confirmed });
    };
    await lead('线索甲', '上海集团', '电芯');
    await lead('线索乙', '深圳企业', '原料药');
    await lead('线索丙', null, '整车');
    // 深圳企业 visited twice (it counts once), 南京企业 once, an enterprise not in the library once.
    await t.db.insert(visits).values([
      { unitId: w.countyA.id, kind: 'visit', enterpriseId: id['深圳企业']!, enterpriseName: '深圳企业有限公司', visitedOn: '2026-06-01' },
      { unitId: w.countyA.id, kind: 'visit', enterpriseId: id['深圳企业']!, enterpriseName: '深圳企业有限公司', visitedOn: '2026-06-05' },
      { unitId: w.countyA.id, kind: 'visit', enterpriseId: id['南京企业']!, enterpriseName: '南京企业有限公司', visitedOn: '2026-06-02' },
      { unitId: w.countyA.id, kind: 'visit', enterpriseName: '库外企业有限公司', visitedOn: '2026-06-03' },
    ]);
    // Trips: 甲县 to 深圳 and 广州 (and 深圳 again on the way back), then to 上海; 乙县 to 南京; one last year to 深圳.
    await t.db.insert(trips).values([
      { unitId: w.countyA.id, leaderName: '张三', leaderLevel: 'principal', fromOn: '2026-03-10', toOn: '2026-03-14', cities: ['440300', '440100', '440300'] },
      { unitId: w.countyA.id, leaderName: '李四', leaderLevel: 'inCharge', fromOn: '2026-07-01', toOn: '2026-07-03', cities: ['310000'] },
      { unitId: w.countyB.id, leaderName: '王五', leaderLevel: 'countyHead', fromOn: '2026-08-01', toOn: '2026-08-02', cities: ['320100'] },
      { unitId: w.countyA.id, leaderName: '张三', leaderLevel: 'principal', fromOn: '2025-09-01', toOn: '2025-09-02', cities: ['440300'] },
    ]);
  });
  afterAll(() => t.close());

  const get = async <T>(session: Session, url: string): Promise<T> => {
    const response = await call(t.app, session, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const map = (measure: THeatmapMeasure, view: string, filter = '', session = bureau) => get<THeatmap>(session, `/api/heatmap?measure=${measure}&year=2026&${view}${filter}`);
  const records = (measure: THeatmapMeasure, view: string, cell: string, filter = '', session = bureau) =>
    get<THeatmapRecords>(session, `/api/heatmap/records?measure=${measure}&year=2026&${view}&cell=${encodeURIComponent(cell)}${filter}`);
  const names = (list: THeatmapRecords) => list.items.map((r) => r.projectName).sort();

  it('narrows the projects to a chain (a link holding its sub-links), a tier list and year, a stage, a type, estimated or not', async () => {
    const signed = async (filter: string) => (await map('signedContractYuan', 'level=country', filter)).value;
    // The two counties' own projects (100,000,000 each, investors with no HQ, on no chain or list) and the five above.
    expect(await signed('')).toBe(407_000_000);
    // Confirmed on the chain: 电芯 (under 电池), 电池 and 整车; 原料药项目 is only suggested.
    expect(await signed(`&chainId=${id.ev}`)).toBe(170_000_000);
    expect(await signed(`&chainId=${id.bio}`)).toBe(0);
    expect(await signed(`&linkId=${id['电池']}`)).toBe(120_000_000);
    expect(await signed(`&chainId=${id.ev}&linkId=${id['电芯']}`)).toBe(100_000_000);
    expect(await signed('&tier=fortune_global_500')).toBe(120_000_000);
    expect(await signed('&tier=fortune_global_500&tierYear=2025')).toBe(120_000_000);
    expect(await signed('&tier=fortune_global_500&tierYear=2023')).toBe(0);
    expect(await signed('&tier=little_giant')).toBe(50_000_000);
    expect(await signed('&stage=started')).toBe(50_000_000);
    expect(await signed('&projectType=other')).toBe(50_000_000);
    expect(await signed('&estimated=true')).toBe(57_000_000);
    expect(await signed('&estimated=false')).toBe(350_000_000);
    expect(await signed(`&chainId=${id.ev}&estimated=false&stage=signed`)).toBe(120_000_000);
    // Funds arrived follow their project.
    expect((await map('fundsArrivedDomesticYuan', 'level=country', '&projectType=industrial')).value).toBe(3_000_000);
    // Within a county's own subtree.
    expect((await map('signedContractYuan', 'level=country', '&estimated=true', staffB)).value).toBe(7_000_000);
  });

  it('filters the drill-down records as the map: every cell and preset of every view adds up to its number', async () => {
    const cases: [THeatmapMeasure, string][] = [
      ['signedContractYuan', `&chainId=${id.ev}`],
      ['signedCount', `&linkId=${id['电池']}&estimated=false`],
      ['startedCount', '&tier=little_giant&projectType=other'],
      ['fundsArrivedDomesticYuan', '&stage=started'],
      ['leadsCollected', `&chainId=${id.ev}`],
      ['leadsCollected', '&tier=fortune_global_500'],
      ['enterprisesVisited', `&linkId=${id['电芯']}`],
      ['targetEnterprises', `&chainId=${id.bio}`],
      ['targetEnterprises', '&tier=fortune_global_500&tierYear=2024'],
      ['tripCities', ''],
    ];
    for (const [measure, filter] of cases) {
      for (const view of ['level=country', 'level=province', 'level=city&parent=440000']) {
        const shown = await map(measure, view, filter);
        for (const cell of shown.cells) {
          const list = await records(measure, view, cell.cell, filter);
          expect(list.value, `${measure}${filter} ${view} ${cell.cell}`).toBe(cell.value);
          expect(Math.round(list.items.reduce((s, r) => s + r.contribution, 0) * 100) / 100).toBe(cell.value);
        }
      }
      const china = await map(measure, 'level=province', filter);
      for (const preset of china.presets.filter((p) => p.value > 0)) expect((await records(measure, 'level=province', `preset:${preset.key}`, filter)).value, `${measure}${filter} ${preset.key}`).toBe(preset.value);
    }
    expect(names(await records('signedContractYuan', 'level=province', '310000', `&chainId=${id.ev}`))).toEqual(['电池项目', '电芯项目']);
    expect(names(await records('signedContractYuan', 'level=province', '440000', `&chainId=${id.ev}`))).toEqual(['整车项目']);
  }, 180_000);

  it('narrows leads by their own link, visited and target enterprises by the enterprise\'s link, all by the tier list', async () => {
    expect(names(await records('leadsCollected', 'level=country', 'CN', `&chainId=${id.ev}`))).toEqual(['线索甲有限公司']);
    expect(names(await records('leadsCollected', 'level=country', 'unknown', `&chainId=${id.ev}`))).toEqual(['线索丙有限公司']);
    expect((await map('leadsCollected', 'level=country', `&chainId=${id.ev}`)).value).toBe(2);
    expect((await map('leadsCollected', 'level=country', '&tier=little_giant')).value).toBe(1);
    // 深圳企业 sits on 电芯 (so on 电池 too): visited twice, counted once.
    const visited = await map('enterprisesVisited', 'level=country', `&linkId=${id['电池']}`);
    expect(visited.value).toBe(1);
    expect((await records('enterprisesVisited', 'level=country', 'CN', `&linkId=${id['电池']}`)).items.map((r) => r.contribution).sort()).toEqual([0, 1]);
    expect((await map('enterprisesVisited', 'level=country', '')).value).toBe(3);
    expect(names(await records('targetEnterprises', 'level=country', 'CN', `&chainId=${id.bio}`))).toEqual(['南京企业有限公司']);
    expect(names(await records('targetEnterprises', 'level=country', 'CN', '&tier=fortune_global_500&tierYear=2025'))).toEqual(['上海集团有限公司']);
  });

  it('refuses a wrong value, naming the field, and a filter the measure does not have', async () => {
    const refused = async (url: string, field: string) => expectApiError(await call(t.app, bureau, 'GET', url), 400, 'validation.invalid', field);
    const base = '/api/heatmap?measure=signedCount&year=2026';
    await refused(`${base}&stage=almost`, 'stage');
    await refused(`${base}&projectType=farm`, 'projectType');
    await refused(`${base}&estimated=maybe`, 'estimated');
    await refused(`${base}&tier=top10`, 'tier');
    await refused(`${base}&chainId=abc`, 'chainId');
    await refused(`${base}&chainId=999999`, 'chainId');
    await refused(`${base}&linkId=999999`, 'linkId');
    await refused(`${base}&chainId=${id.bio}&linkId=${id['电芯']}`, 'linkId');
    await refused(`${base}&tierYear=2025`, 'tierYear');
    await refused('/api/heatmap?measure=leadsCollected&year=2026&stage=signed', 'stage');
    await refused('/api/heatmap?measure=targetEnterprises&year=2026&estimated=true', 'estimated');
    await refused(`/api/heatmap?measure=tripCities&year=2026&chainId=${id.ev}`, 'chainId');
    await refused('/api/heatmap/records?measure=signedCount&year=2026&level=country&cell=CN&stage=almost', 'stage');
  });

  it('counts trips at the cities they went to: each city of a trip once, within the caller\'s subtree and the year', async () => {
    const china = await map('tripCities', 'level=province');
    expect(china.unit).toBe('count');
    expect(china.value).toBe(4);
    expect(china.cells.map((c) => [c.cell, c.value, c.lastYear])).toEqual([
      ['440000', 2, 1],
      ['310000', 1, 0],
      ['320000', 1, 0],
    ]);
    const guangdong = await map('tripCities', 'level=city&parent=440000');
    expect(guangdong.cells.map((c) => [c.cell, c.value])).toEqual([
      ['440300', 1],
      ['440100', 1],
    ]);
    const shenzhen = await records('tripCities', 'level=city&parent=440000', '440300');
    expect(shenzhen.items).toHaveLength(1);
    expect(shenzhen.items[0]).toMatchObject({ recordKind: 'trip', sourceRegion: '440300', sourceRegionName: '广东省深圳市', contribution: 1 });
    expect(shenzhen.items[0]!.projectName).toContain('张三');
    expect((await records('tripCities', 'level=province', '440000')).items.map((r) => r.sourceRegion).sort()).toEqual(['440100', '440300']);
    expect((await map('tripCities', 'level=province', '', staffB)).cells.map((c) => [c.cell, c.value])).toEqual([['320000', 1]]);
    expect(china.presets.find((p) => p.key === '长三角')!.value).toBe(2);
  });
});
