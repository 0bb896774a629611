import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { eq, isNotNull, isNull } from 'drizzle-orm';
import { chainLinks, chainPlacements, projectFunds, projects, units } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES, evaluate, isActivitySpec, METRICS, type FundFacts, type ProjectFacts } from '../../domain/metrics.ts';
import { NO_CHAIN, projectsByChain, type ChainPlacementFact } from '../../domain/chain-figures.ts';
import { createChain } from '../chains/chains.service.ts';
import type { TChain } from '../../shared/chains.ts';
import type { TChainTemplate } from '../../shared/chain-templates.ts';
import type { TBreakdown, TMetricRecords } from '../../shared/cockpit.ts';

/**
 * Figures by chain (issue 14): the cockpit's breakdown by chain counts the projects CONFIRMED on a chain's links —
 * once per chain, on a link or a sub-link — with the same metric definitions as every other figure, inside the
 * caller's subtree; the rest is 未归链, so the rows add up to the unit's figure, and every row opens its records.
 */
const link = (key: string, name: string, children: TChainTemplate['segments']['upstream'] = []) => ({ key, name, nameEn: key, industryCodes: [], keywords: [], products: [], children });
const template = (key: string, name: string): TChainTemplate => ({
  key,
  name,
  nameEn: `${key} chain`,
  note: '测试模板',
  segments: { upstream: [link('materials', '关键材料', [link('cathode', '正极材料')])], midstream: [link('cells', '电芯')], downstream: [] },
});

describe('figures by chain (issue 14)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;
  let battery: TChain;
  let cars: TChain;
  const projectIds: Record<string, number> = {};

  const breakdown = async (who: Session, key: string, by = 'chain') => {
    const response = await call(t.app, who, 'GET', `/api/cockpit/breakdown?from=2026-01-01&to=2026-03-02&key=${key}&by=${by}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBreakdown;
  };
  const rowsOf = (b: TBreakdown) => Object.fromEntries(b.rows.map((r) => [r.label.zh, r.value]));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    const caller = { userId: w.bureau.id, username: 'bureau', role: 'bureau' as const, unitId: w.city.id, unitPath: w.city.path };
    const ctx = { db: t.db, caller, requestId: null, now: t.clock.now() };
    const templates = [template('test-battery', '动力及储能电池'), template('test-cars', '新能源汽车')];
    const find = async (key: string) => templates.find((x) => x.key === key);
    battery = await createChain(ctx, { templateKey: 'test-battery' }, find);
    cars = await createChain(ctx, { templateKey: 'test-cars' }, find);
    const linkOf = (chain: TChain, name: string) => chain.linkTree.find((l) => l.name === name)!.id;
    const place = async (projectId: number, linkId: number, status: 'confirmed' | 'suggested') =>
      t.db.insert(chainPlacements).values({ projectId, linkId, status, confirmedAt: status === 'confirmed' ? t.clock.now() : null, confirmedBy: status === 'confirmed' ? w.bureau.id : null });
    // 甲县: one on a sub-link (正极材料 under 关键材料), its park one on 电芯 — both the battery chain's; one only suggested.
    projectIds.subLink = (await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '甲县正极材料项目', totalInvestmentYuan: 300_000_000 })).id;
    projectIds.park = (await t.given.project({ unit: w.parkA, investor: w.enterpriseA, name: '甲县园区电芯项目', totalInvestmentYuan: 500_000_000, stage: 'started' })).id;
    projectIds.suggested = (await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '甲县仅建议项目', totalInvestmentYuan: 70_000_000 })).id;
    await place(projectIds.subLink, linkOf(battery, '正极材料'), 'confirmed');
    await place(projectIds.park, linkOf(battery, '电芯'), 'confirmed');
    await place(projectIds.suggested, linkOf(battery, '电芯'), 'suggested');
    // 乙县's project on the cars chain; 甲县's builder project on no chain.
    await place(w.projectB.id, linkOf(cars, '电芯'), 'confirmed');
  });
  afterAll(() => t.close());

  it('counts a project confirmed on a sub-link once for its chain; a suggested placement leaves it 未归链', async () => {
    const signed = await breakdown(bureau, 'signedCount');
    expect(signed.by).toBe('chain');
    expect(signed.rows.map((r) => r.group)).toEqual([String(battery.id), String(cars.id), 'none']);
    expect(rowsOf(signed)).toEqual({ 动力及储能电池: 2, 新能源汽车: 1, 未归链: 2 });
    expect(signed.rows.find((r) => r.group === 'none')!.label.en).toBe('On no chain');
    expect(signed.rows[0]!.label.en).toBe('test-battery chain');
  });

  it('adds up to the unit figure for counts, amounts and the started metrics, 未归链 included', async () => {
    for (const key of ['signedCount', 'signedContractYuan', 'signedLargeCount', 'startedCount', 'startedInvestmentYuan']) {
      const byChain = await breakdown(bureau, key);
      const byUnit = await breakdown(bureau, key, 'unit');
      expect(byChain.value, key).toBe(byUnit.value);
      expect(byChain.rows.reduce((sum, r) => sum + r.value, 0), key).toBe(byChain.value);
    }
    // The same definitions as the unit figures: 3亿 + 5亿 contracted on the battery chain, only the park's started.
    expect(rowsOf(await breakdown(bureau, 'signedContractYuan'))).toMatchObject({ 动力及储能电池: 800_000_000, 新能源汽车: 100_000_000, 未归链: 170_000_000 });
    expect(rowsOf(await breakdown(bureau, 'startedCount'))).toEqual({ 动力及储能电池: 1, 新能源汽车: 0 });
    expect(rowsOf(await breakdown(bureau, 'signedLargeCount'))).toEqual({ 动力及储能电池: 2, 新能源汽车: 1, 未归链: 1 });
  });

  it('opens each row onto its records, which add up to it', async () => {
    const records = async (group: string) => {
      const response = await call(t.app, bureau, 'GET', `/api/cockpit/records?from=2026-01-01&to=2026-03-02&key=signedContractYuan&by=chain&group=${group}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as TMetricRecords;
    };
    const onBattery = await records(String(battery.id));
    expect(onBattery.items.map((i) => i.projectId).sort()).toEqual([projectIds.subLink, projectIds.park].sort());
    expect(onBattery.value).toBe(800_000_000);
    const onNone = await records('none');
    expect(onNone.items.map((i) => i.projectId).sort()).toEqual([w.projectA.id, projectIds.suggested].sort());
    expect(onNone.value).toBe(170_000_000);
  });

  it("shows a county its own subtree's contribution only", async () => {
    const forA = await breakdown(staffA, 'signedCount');
    expect(rowsOf(forA)).toEqual({ 动力及储能电池: 2, 新能源汽车: 0, 未归链: 2 });
    expect(forA.value).toBe(4);
    const forB = await breakdown(staffB, 'signedContractYuan');
    expect(rowsOf(forB)).toEqual({ 动力及储能电池: 0, 新能源汽车: 100_000_000 });
    // 乙县 lists its own records of the battery chain: none of 甲县's.
    const records = await call(t.app, staffB, 'GET', `/api/cockpit/records?from=2026-01-01&to=2026-03-02&key=signedCount&by=chain&group=${battery.id}`);
    expect(records.json().items).toEqual([]);
  });

  it('a retired chain shows only while something counts on it; activities do not break down by chain', async () => {
    await call(t.app, bureau, 'PATCH', `/api/chains/${cars.id}`, { active: false });
    expect(rowsOf(await breakdown(bureau, 'signedCount'))).toEqual({ 动力及储能电池: 2, 新能源汽车: 1, 未归链: 2 });
    expect(rowsOf(await breakdown(bureau, 'startedCount'))).toEqual({ 动力及储能电池: 1 });
    await call(t.app, bureau, 'PATCH', `/api/chains/${cars.id}`, { active: true });
    await expectApiError(await call(t.app, bureau, 'GET', '/api/cockpit/breakdown?from=2026-01-01&to=2026-03-02&key=eventsHeld&by=chain'), 400, 'validation.invalid', 'by');
  });

  it('equals the domain’s definitions over each chain’s projects — every project and fund metric, credit split, three callers', async () => {
    await t.db.insert(projectFunds).values([
      { projectId: projectIds.subLink!, arrivedOn: '2026-02-01', source: 'outOfProvince', amountYuan: 12_345_679, evidenceRef: '到位凭证1' },
      { projectId: w.projectB.id, arrivedOn: '2026-02-15', source: 'foreign', amountUsd: 1_000_001, evidenceRef: '到位凭证2' },
      { projectId: w.projectA.id, arrivedOn: '2026-01-20', source: 'outOfProvince', amountYuan: 5_000_000, evidenceRef: '到位凭证3' },
    ]);
    // The park's battery project was reported first by 乙县, which takes 30 % of it.
    await t.db.update(projects).set({ reportedUnitId: w.countyB.id }).where(eq(projects.id, projectIds.park!));
    const rules = { ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: 30 };
    expect((await call(t.app, bureau, 'PUT', '/api/metrics/rules', rules)).statusCode).toBe(200);
    try {
      const facts = (await t.db.select().from(projects)) as unknown as ProjectFacts[];
      const funds = (await t.db.select().from(projectFunds).where(isNull(projectFunds.voidedAt))).map((f) => ({ ...f, amountYuan: f.amountYuan ?? 0, amountUsd: f.amountUsd ?? 0 })) as FundFacts[];
      const placements = (await t.db
        .select({ projectId: chainPlacements.projectId, chainId: chainLinks.chainId, status: chainPlacements.status })
        .from(chainPlacements)
        .innerJoin(chainLinks, eq(chainLinks.id, chainPlacements.linkId))
        .where(isNotNull(chainPlacements.projectId))) as ChainPlacementFact[];
      const groups = projectsByChain(facts, placements);
      const paths = new Map((await t.db.select().from(units)).map((u) => [u.id, u.path]));
      const period = { from: '2026-01-01', to: '2026-03-02' };
      let compared = 0;
      for (const [session, unit] of [[bureau, w.city], [staffA, w.countyA], [staffB, w.countyB]] as const) {
        const inScope = (unitId: number) => paths.get(unitId)!.startsWith(unit.path);
        for (const m of METRICS.filter((x) => !isActivitySpec(x.spec))) {
          const byChain = await breakdown(session, m.key);
          for (const [group, onIt] of groups) {
            const expected = evaluate(m.spec, { projects: onIt, funds: funds.filter((f) => onIt.some((p) => p.id === f.projectId)), period, rules, inScope }).value;
            const row = byChain.rows.find((r) => r.group === (group === NO_CHAIN ? 'none' : group));
            expect(row?.value ?? 0, `${unit.name} ${m.key} ${group || '未归链'}`).toBeCloseTo(expected, 9);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(50);
      // The split credit is shared, not doubled: the battery chain's count over the city is still 2.
      expect(rowsOf(await breakdown(bureau, 'signedCount'))).toMatchObject({ 动力及储能电池: 2 });
      expect(rowsOf(await breakdown(staffB, 'signedCount'))).toMatchObject({ 动力及储能电池: 0.3 });
    } finally {
      await call(t.app, bureau, 'PUT', '/api/metrics/rules', DEFAULT_SCOPE_RULES);
    }
  });
});
