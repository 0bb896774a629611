import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { eq } from 'drizzle-orm';
import { auditLog, enterprises, leads, projectFunds, projects, visits } from '../db/schema.ts';
import { HEATMAP_MEASURES, type THeatmap, type THeatmapMeasure, type THeatmapRecords, type TPriorityRegionsState } from '../../shared/heatmap.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

/** A small deterministic generator, so the varied records are the same on every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p, int: (n: number) => Math.floor(next() * n) };
}
const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

describe('the investment heat map (issue 15)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffB: Session;
  const investors: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffB = await logIn(t.app, 'staff_b');
    const add = async (key: string, hq: string | null, parent?: string, local = false) => {
      const [row] = await t.db
        .insert(enterprises)
        .values({ unitId: key.endsWith('B') ? w.countyB.id : w.countyA.id, name: `${key}测试有限公司`, hqRegionCode: hq, parentEnterpriseId: parent ? investors[parent]! : null, localUnitId: local ? w.countyA.id : null })
        .returning();
      investors[key] = row!.id;
    };
    // A 上海 group with a 深圳 subsidiary (its investments come from 上海), a 深圳 enterprise, a 香港 one, one known
    // only as 广东, one with no HQ, one in 南京 recorded by 乙县, and a local plant.
    await add('上海集团', '310115');
    await add('深圳子公司', '440305', '上海集团');
    await add('深圳企业', '440305');
    await add('广州企业B', '440106');
    await add('香港企业', '810000');
    await add('广东企业', '440000');
    await add('无总部企业', null);
    await add('南京企业B', '320104');
    await add('本地工厂', '420600', undefined, true);
    const random = generator(15);
    const keys = Object.keys(investors);
    const unitsToUse = [w.city, w.countyA, w.countyB, w.parkA];
    for (let i = 0; i < 90; i++) {
      const signed = random.chance(0.9) ? day('2025-01-01', random.int(700)) : null;
      const started = signed && random.chance(0.5) ? day(signed, random.int(100)) : null;
      const [row] = await t.db
        .insert(projects)
        .values({
          unitId: random.pick(unitsToUse).id,
          investorEnterpriseId: random.chance(0.1) ? w.enterpriseA.id : investors[random.pick(keys)]!,
          name: `热力项目${i}`,
          totalInvestmentYuan: random.pick([20_000_000, 99_999_999, 350_000_000, 1_000_000_001]),
          contractInvestmentYuan: random.chance(0.5) ? random.pick([10_000_000, 80_000_000]) : null,
          projectType: 'industrial',
          stage: started ? 'started' : signed ? 'signed' : 'lead',
          signedOn: signed,
          startedOn: started,
        })
        .returning();
      if (signed && random.chance(0.6)) {
        const foreign = random.chance(0.3);
        await t.db.insert(projectFunds).values({
          projectId: row!.id,
          arrivedOn: day(signed, random.int(120)),
          source: foreign ? 'foreign' : 'outOfProvince',
          amountYuan: foreign ? null : 1_000_000 * (1 + random.int(50)),
          amountUsd: foreign ? 10_000 * (1 + random.int(90)) : null,
          evidenceRef: '回单',
        });
      }
    }
    for (let i = 0; i < 40; i++) {
      const key = random.chance(0.2) ? null : random.pick(keys);
      const unitId = random.pick(unitsToUse).id;
      const on = day('2025-01-01', random.int(700));
      await t.db.insert(leads).values({ unitId, enterpriseId: key ? investors[key]! : null, enterpriseName: key ? `${key}测试有限公司` : `线索企业${i}有限公司`, source: 'online', collectedOn: on });
      await t.db.insert(visits).values({ unitId, kind: 'visit', enterpriseId: key ? investors[key]! : null, enterpriseName: key ? `${key}测试有限公司` : `拜访企业${i % 5}有限公司`, visitedOn: on });
    }
  });
  afterAll(() => t.close());

  const get = async <T>(session: Session, url: string): Promise<T> => {
    const response = await call(t.app, session, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };
  const map = (session: Session, measure: THeatmapMeasure, view: string, year = 2026) => get<THeatmap>(session, `/api/heatmap?measure=${measure}&year=${year}&${view}`);
  const records = (session: Session, measure: THeatmapMeasure, view: string, cell: string) =>
    get<THeatmapRecords>(session, `/api/heatmap/records?measure=${measure}&year=2026&${view}&cell=${encodeURIComponent(cell)}`);
  const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

  it('shows each measure as the cockpit counts it, the world adding up to it and China\'s provinces to China', async () => {
    const figures = await get<TMetricValues>(bureau, '/api/metrics?from=2026-01-01&to=2026-12-31');
    for (const measure of HEATMAP_MEASURES) {
      const world = await map(bureau, measure, 'level=country');
      if (measure !== 'targetEnterprises' && measure !== 'tripCities') expect(world.value, measure).toBe(figures.items.find((m) => m.key === measure)!.value);
      expect(sum(world.cells.map((c) => c.value)), measure).toBe(world.value);
      expect(sum(world.cells.map((c) => c.lastYear)), measure).toBe(world.lastYear);
      const china = await map(bureau, measure, 'level=province');
      expect(sum(china.cells.map((c) => c.value)), measure).toBe(world.cells.find((c) => c.cell === 'CN')?.value ?? 0);
      const guangdong = await map(bureau, measure, 'level=city&parent=440000');
      expect(sum(guangdong.cells.map((c) => c.value)), measure).toBe(china.cells.find((c) => c.cell === '440000')?.value ?? 0);
      const shenzhen = await map(bureau, measure, 'level=county&parent=440300');
      expect(sum(shenzhen.cells.map((c) => c.value)), measure).toBe(guangdong.cells.find((c) => c.cell === '440300')?.value ?? 0);
    }
    const signed = await map(bureau, 'signedContractYuan', 'level=country');
    expect(signed.value).toBeGreaterThan(0);
    expect(signed.lastYear).toBe((await get<TMetricValues>(bureau, '/api/metrics?from=2025-01-01&to=2025-12-31&keys=signedContractYuan')).items[0]!.value);
  });

  it('opens every cell and preset onto records that add up to its number', async () => {
    for (const measure of ['signedCount', 'signedContractYuan', 'fundsArrivedForeignUsd', 'leadsCollected', 'enterprisesVisited', 'targetEnterprises'] as const) {
      for (const view of ['level=country', 'level=province', 'level=city&parent=440000']) {
        const shown = await map(bureau, measure, view);
        for (const cell of shown.cells) {
          const list = await records(bureau, measure, view, cell.cell);
          expect(list.value, `${measure} ${view} ${cell.cell}`).toBe(cell.value);
          expect(sum(list.items.map((r) => r.contribution))).toBe(cell.value);
        }
      }
      const shown = await map(bureau, measure, 'level=province');
      for (const preset of shown.presets) expect((await records(bureau, measure, 'level=province', `preset:${preset.key}`)).value, preset.key).toBe(preset.value);
    }
  });

  it('places an investment at its investor\'s ultimate parent\'s HQ: the 上海 group\'s 深圳 subsidiary comes from 上海', async () => {
    const shanghai = await records(bureau, 'targetEnterprises', 'level=province', '310000');
    expect(shanghai.items.map((r) => r.projectName).sort()).toEqual(['上海集团测试有限公司', '深圳子公司测试有限公司']);
    expect(shanghai.items.every((r) => r.sourceRegion === '310115')).toBe(true);
    const shenzhen = await records(bureau, 'targetEnterprises', 'level=county&parent=440300', '440305');
    expect(shenzhen.items.map((r) => r.projectName)).toEqual(['深圳企业测试有限公司']);
    // Known only as 广东: its own cell when drilling into 广东; the local plant is no target.
    expect((await records(bureau, 'targetEnterprises', 'level=city&parent=440000', '=440000')).items.map((r) => r.projectName)).toEqual(['广东企业测试有限公司']);
    const all = await records(bureau, 'targetEnterprises', 'level=country', 'CN');
    expect(all.items.some((r) => r.projectName.startsWith('本地工厂'))).toBe(false);
  });

  it('holds 香港 as a region of China: a province of the China map, inside CN on the world map, in the Greater Bay Area', async () => {
    const world = await map(bureau, 'targetEnterprises', 'level=country');
    expect(world.cells.map((c) => c.cell).sort()).toEqual(['CN', 'unknown']);
    const china = await map(bureau, 'targetEnterprises', 'level=province');
    expect(china.cells.find((c) => c.cell === '810000')).toMatchObject({ value: 1, label: { zh: '香港特别行政区' } });
    const bay = china.presets.find((p) => p.key === '粤港澳大湾区')!;
    // 深圳企业, 广州企业B, 香港企业 (the 深圳 subsidiary comes from 上海, 广东企业 is not known to be in the bay area).
    expect(bay.value).toBe(3);
    expect(china.presets.find((p) => p.key === '长三角')!.value).toBe(3);
    expect(china.presets.map((p) => p.key)).toEqual(expect.arrayContaining(['京津冀', '欧美', '日韩', '东盟', '一带一路']));
    expect(world.cells.find((c) => c.cell === 'unknown')).toMatchObject({ value: 1, share: '10.00' });
  });

  it('keeps a county to its own subtree', async () => {
    const mine = await map(staffB, 'signedContractYuan', 'level=country');
    const theirs = await get<TMetricValues>(staffB, '/api/metrics?from=2026-01-01&to=2026-12-31&keys=signedContractYuan');
    expect(mine.unitId).toBe(w.countyB.id);
    expect(mine.value).toBe(theirs.items[0]!.value);
    for (const measure of ['signedCount', 'leadsCollected', 'enterprisesVisited', 'targetEnterprises'] as const) {
      const list = await records(staffB, measure, 'level=country', 'CN');
      expect(list.items.every((r) => r.unitId === w.countyB.id), measure).toBe(true);
    }
    expect((await records(staffB, 'targetEnterprises', 'level=country', 'CN')).items.map((r) => r.projectName).sort()).toEqual(['乙县测试企业有限公司', '南京企业B测试有限公司', '广州企业B测试有限公司']);
    expectApiError(await call(t.app, staffB, 'GET', `/api/heatmap?measure=signedCount&year=2026&unitId=${w.countyA.id}`), 400, 'project.unitOutOfScope', 'unitId');
    expectApiError(await call(t.app, staffB, 'GET', `/api/heatmap/records?measure=signedCount&year=2026&unitId=${w.parkA.id}&cell=CN&level=country`), 400, 'project.unitOutOfScope', 'unitId');
  });

  it('refuses a drill-down without its division and a cell it does not know', async () => {
    expectApiError(await call(t.app, bureau, 'GET', '/api/heatmap?measure=signedCount&year=2026&level=city'), 400, 'validation.invalid', 'parent');
    expectApiError(await call(t.app, bureau, 'GET', '/api/heatmap?measure=signedCount&year=2026&level=province&parent=440000'), 400, 'validation.invalid', 'parent');
    expectApiError(await call(t.app, bureau, 'GET', '/api/heatmap/records?measure=signedCount&year=2026&level=country&cell=preset:火星'), 400, 'validation.invalid', 'cell');
    expectApiError(await call(t.app, bureau, 'GET', '/api/heatmap?measure=performanceRate&year=2026'), 400, 'validation.invalid', 'measure');
  });

  it('keeps the city\'s priority regions as the bureau sets them (audited), each with its total and its records adding up to it', async () => {
    const plan = {
      regions: [
        { name: '沪苏浙', nameEn: 'Shanghai, Jiangsu and Zhejiang', codes: ['310000', '320000', '330000'] },
        { name: '深港', nameEn: 'Shenzhen and Hong Kong', codes: ['440300', 'HK'] },
      ],
    };
    expectApiError(await call(t.app, staffB, 'PUT', '/api/heatmap/priority-regions', plan), 403, 'auth.forbidden');
    expectApiError(await call(t.app, bureau, 'PUT', '/api/heatmap/priority-regions', { regions: [{ name: '火星', nameEn: 'Mars', codes: ['999999'] }] }), 400, 'validation.invalid', 'regions.0.codes.0');
    expectApiError(await call(t.app, bureau, 'PUT', '/api/heatmap/priority-regions', { regions: [plan.regions[0], plan.regions[0]] }), 400, 'validation.invalid', 'regions');
    const saved = await call(t.app, bureau, 'PUT', '/api/heatmap/priority-regions', plan);
    expect(saved.statusCode, saved.body).toBe(200);
    const state = saved.json() as TPriorityRegionsState;
    // 香港 is kept as China's 810000, named in both languages.
    expect(state.regions[1]!.codes).toEqual(['440300', '810000']);
    expect(state.placeNames['810000']).toEqual({ zh: '香港特别行政区', en: 'Hong Kong' });
    expect(await get<TPriorityRegionsState>(staffB, '/api/heatmap/priority-regions')).toEqual(state);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'heatmapPriorityRegions'));
    expect(audited.map((a) => a.action)).toEqual(['create']);
    expect(audited[0]!.after).toEqual({ regions: state.regions });

    const china = await map(bureau, 'targetEnterprises', 'level=province');
    // 上海集团 and its 深圳 subsidiary (from 上海), 南京企业B; 深圳企业 and 香港企业.
    expect(china.priorityRegions.map((p) => [p.key, p.value, p.label.en])).toEqual([
      ['沪苏浙', 3, 'Shanghai, Jiangsu and Zhejiang'],
      ['深港', 2, 'Shenzhen and Hong Kong'],
    ]);
    for (const measure of ['targetEnterprises', 'signedContractYuan', 'leadsCollected'] as const) {
      const shown = await map(bureau, measure, 'level=province');
      for (const region of shown.priorityRegions) {
        const list = await records(bureau, measure, 'level=province', `priority:${region.key}`);
        expect(list.value, `${measure} ${region.key}`).toBe(region.value);
        expect(list.label).toEqual(region.label);
      }
    }
    // A county sees the city's list over its own records only.
    const mine = await map(staffB, 'targetEnterprises', 'level=province');
    expect(mine.priorityRegions.map((p) => p.value)).toEqual([1, 0]);
    expectApiError(await call(t.app, bureau, 'GET', '/api/heatmap/records?measure=signedCount&year=2026&level=country&cell=priority:火星'), 400, 'validation.invalid', 'cell');
  });

  it('names every division of a view in English, with records or not', async () => {
    const china = await map(bureau, 'signedCount', 'level=province');
    expect(Object.keys(china.regionNames)).toHaveLength(34);
    expect(china.regionNames['610000']).toEqual({ zh: '陕西省', en: 'Shaanxi' });
    expect(china.cells.every((c) => !/\p{Script=Han}/u.test(c.label.en))).toBe(true);
    const guangdong = await map(bureau, 'signedCount', 'level=city&parent=440000');
    expect(guangdong.regionNames['440300']).toEqual({ zh: '深圳市', en: 'Shenzhen' });
    expect(Object.values(guangdong.regionNames).every((n) => !/\p{Script=Han}/u.test(n.en))).toBe(true);
    expect((await map(bureau, 'signedCount', 'level=country')).regionNames).toEqual({});
  });
});
