import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, isNull } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { enterprises, projectFunds, projects, units } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES, METRICS, type FundFacts, type ProjectFacts } from '../../domain/metrics.ts';
import type { TBreakdown, TCockpit, TMetricRecords, TTrend } from '../../shared/cockpit.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

/** A small deterministic generator, so the varied records are the same on every run. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p, int: (n: number) => Math.floor(next() * n) };
}

const day = (base: string, plus: number) => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

describe('the cockpit', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let leaderA: Session;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    leaderA = await logIn(t.app, 'leader_a');
    bureau = await logIn(t.app, 'bureau');
    // 160 projects spread over the units, types, sources, industries, amounts and stage dates of 2025–2026.
    const random = generator(7);
    const unitsToUse = [w.city, w.countyA, w.countyB, w.parkA];
    for (let i = 0; i < 160; i++) {
      const signed = random.chance(0.85) ? day('2025-01-01', random.int(420)) : null;
      const started = signed && random.chance(0.6) ? day(signed, random.int(200)) : null;
      const [row] = await t.db
        .insert(projects)
        .values({
          unitId: random.pick(unitsToUse).id,
          investorEnterpriseId: random.pick([w.enterpriseA, w.enterpriseB]).id,
          name: `生成项目${i}`,
          totalInvestmentYuan: random.pick([20_000_000, 30_000_000, 99_999_999, 100_000_000, 350_000_000, 1_000_000_000, 2_500_000_001]),
          contractInvestmentYuan: random.chance(0.5) ? random.pick([10_000_000, 80_000_000, 1_200_000_000]) : null,
          projectType: random.pick(['industrial', 'other']),
          fundSource: random.pick(['outOfProvince', 'outOfCity', 'local', 'foreign', null]),
          industryCode: random.pick(['3841', '38', 'C', '7010', '70', '6510', null]),
          threeBatch: random.chance(0.2) ? '2025年第一期' : null,
          stage: started ? 'started' : signed ? 'signed' : 'lead',
          signedOn: signed,
          registeredOn: signed && random.chance(0.5) ? day(signed, random.int(90)) : null,
          startedOn: started,
          producingOn: started && random.chance(0.4) ? day(started, random.int(120)) : null,
          inStatsOn: started && random.chance(0.4) ? day(started, random.int(60)) : null,
          codeName: random.chance(0.1) ? `代号${i}` : null,
        })
        .returning();
      for (let k = random.int(3); k > 0; k--) {
        const foreign = random.chance(0.3);
        const voided = random.chance(0.1);
        await t.db.insert(projectFunds).values({
          projectId: row!.id,
          arrivedOn: day('2025-01-01', random.int(420)),
          source: foreign ? 'foreign' : random.pick(['outOfProvince', 'outOfCity']),
          amountYuan: foreign ? null : 1_000_000 * (1 + random.int(50)),
          amountUsd: foreign ? 10_000 * (1 + random.int(90)) : null,
          evidenceRef: '回单',
          voidedAt: voided ? new Date() : null,
          voidReason: voided ? '录入错误' : null,
        });
      }
    }
  });
  afterAll(() => t.close());

  const get = async <T>(session: Session, url: string): Promise<T> => {
    const response = await call(t.app, session, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as T;
  };

  /** The reference: the domain's own evaluation over every record of a subtree. */
  async function reference(unitPath: string, period: { from: string; to: string }) {
    const subtree = (await t.db.select().from(units)).filter((u) => u.path.startsWith(unitPath)).map((u) => u.id);
    const rows = await t.db.select().from(projects).where(inArray(projects.unitId, subtree));
    const facts = rows.map((p) => ({ ...p, fundSource: p.fundSource, projectType: p.projectType })) as unknown as ProjectFacts[];
    const funds = (await t.db.select().from(projectFunds).where(isNull(projectFunds.voidedAt)))
      .filter((f) => rows.some((p) => p.id === f.projectId))
      .map((f) => ({ ...f, amountYuan: f.amountYuan ?? 0, amountUsd: f.amountUsd ?? 0 })) as FundFacts[];
    return Object.fromEntries(METRICS.map((m) => [m.key, m.compute({ projects: facts, funds, period, rules: DEFAULT_SCOPE_RULES })]));
  }

  it('computes every metric in SQL exactly as the domain defines it, for any unit and period', async () => {
    for (const [session, unit] of [[bureau, w.city], [staffA, w.countyA], [bureau, w.parkA]] as const) {
      for (const period of [{ from: '2025-01-01', to: '2025-12-31' }, { from: '2025-07-01', to: '2026-02-28' }, { from: '2026-02-01', to: '2026-02-28' }]) {
        const expected = await reference(unit.path, period);
        const actual = await get<TMetricValues>(session, `/api/metrics?from=${period.from}&to=${period.to}&unitId=${unit.id}`);
        for (const item of actual.items) expect([item.key, item.value, item.text], `${unit.name} ${period.from}`).toEqual([item.key, expected[item.key]!.value, expected[item.key]!.text]);
        // The data must exercise the metrics, or the comparison proves nothing.
        if (unit === w.city && period.to === '2025-12-31') for (const key of ['signedCount', 'startRate', 'fundsArrivedForeignUsd', 'signedAboveLineCount']) expect(expected[key]!.value).toBeGreaterThan(0);
      }
    }
  });

  it('shows KPI cards with last year, growth, the target and its completion', async () => {
    await call(t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: w.countyA.id, metricKey: 'signedCount', value: 40 }] });
    const cards = await get<TCockpit>(leaderA, '/api/cockpit?from=2026-01-01&to=2026-02-28');
    expect(cards).toMatchObject({ unitId: w.countyA.id, lastYear: { from: '2025-01-01', to: '2025-02-28' }, targetYear: 2026 });
    const signed = cards.kpis.find((k) => k.key === 'signedCount')!;
    const now = (await reference(w.countyA.path, { from: '2026-01-01', to: '2026-02-28' })).signedCount!.value;
    const before = (await reference(w.countyA.path, { from: '2025-01-01', to: '2025-02-28' })).signedCount!.value;
    expect(signed).toMatchObject({ value: now, lastYear: before, target: 40 });
    expect(signed.completion).toBe(((now * 100) / 40).toFixed(2));
    expect(signed.definition.zh).toMatch(/落地单位/);
    expect(signed).toMatchObject({ summable: true, empty: false });
    expect(cards.kpis.find((k) => k.key === 'startRate')).toMatchObject({ target: null, growth: null, summable: false });
    // No leads at all: the median has no value, shown as "—" rather than a 0 that would read as a result.
    expect(cards.kpis.find((k) => k.key === 'leadDaysToSigning')).toMatchObject({ summable: false, empty: true, lastYearEmpty: true });
    const spanning = await get<TCockpit>(leaderA, '/api/cockpit?from=2025-07-01&to=2026-02-28');
    expect(spanning.targetYear).toBeNull();
  });

  it('breaks a number down by unit, industry, region and stage; each row opens onto records that add up to it', async () => {
    const period = 'from=2025-01-01&to=2025-12-31';
    for (const key of ['signedContractYuan', 'fundsArrivedDomesticYuan', 'startedCount']) {
      for (const by of ['unit', 'industry', 'region', 'stage'] as const) {
        const parts = await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=${key}&by=${by}`);
        expect(parts.rows.reduce((sum, r) => sum + r.value, 0), `${key} by ${by}`).toBe(parts.value);
        for (const row of parts.rows) {
          const list = await get<TMetricRecords>(bureau, `/api/cockpit/records?${period}&key=${key}&by=${by}&group=${row.group}`);
          expect(list.items.reduce((sum, r) => sum + r.contribution, 0), `${key} ${by} ${row.group}`).toBe(row.value);
          expect(list.value).toBe(row.value);
        }
      }
      const all = await get<TMetricRecords>(bureau, `/api/cockpit/records?${period}&key=${key}`);
      expect(all.value).toBe((await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=${key}&by=unit`)).value);
    }
    const byUnit = await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=signedCount&by=unit`);
    expect(byUnit.rows.map((r) => r.label.zh)).toEqual(['测试市（本级）', '甲县', '乙县']);
    const industries = await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=signedCount&by=industry`);
    expect(industries.rows.map((r) => r.group)).not.toContain('K'); // 房地产 is out of scope by default
    expect(industries.rows.find((r) => r.group === 'C')?.label.zh).toBe('C 制造业');
  });

  it('counts a subsidiary\'s investment in its ultimate parent\'s HQ province (the source region), a grandparent with no HQ skipped', async () => {
    const top = await t.given.enterprise({ unit: w.city, name: '上海某集团有限公司' });
    const middle = await t.given.enterprise({ unit: w.city, name: '某集团中间控股有限公司' });
    const subsidiary = await t.given.enterprise({ unit: w.city, name: '深圳某子公司有限公司' });
    await t.db.update(enterprises).set({ hqRegionCode: '310115' }).where(eq(enterprises.id, top.id));
    await t.db.update(enterprises).set({ hqRegionCode: null, parentEnterpriseId: top.id }).where(eq(enterprises.id, middle.id));
    await t.db.update(enterprises).set({ hqRegionCode: '440305', parentEnterpriseId: middle.id }).where(eq(enterprises.id, subsidiary.id));
    const project = await t.given.project({ unit: w.countyA, investor: subsidiary, stage: 'signed' });
    await t.db.update(projects).set({ signedOn: '2019-05-01' }).where(eq(projects.id, project.id));
    const period = 'from=2019-01-01&to=2019-12-31';
    const regions = await get<TBreakdown>(bureau, `/api/cockpit/breakdown?${period}&key=signedCount&by=region`);
    expect(regions.rows.map((r) => [r.group, r.value])).toEqual([['310000', 1]]);
    const listed = await get<TMetricRecords>(bureau, `/api/cockpit/records?${period}&key=signedCount&by=region&group=310000`);
    expect(listed.items.map((r) => r.projectId)).toEqual([project.id]);
  });

  it('lists a rate\'s cohort, and keeps another unit\'s confidential projects behind their code names', async () => {
    const period = 'from=2025-01-01&to=2025-12-31';
    const rate = await get<TMetricRecords>(bureau, `/api/cockpit/records?${period}&key=startRate`);
    const values = await get<TMetricValues>(bureau, `/api/metrics?${period}&keys=startRate`);
    expect(rate.value).toBeCloseTo(values.items[0]!.value, 12);
    expect(new Set(rate.items.map((r) => r.contribution))).toEqual(new Set([0, 1]));
    const secret = (await t.db.select().from(projects).where(eq(projects.unitId, w.countyA.id))).find((p) => p.codeName && p.signedOn && p.fundSource !== 'local' && !p.industryCode?.startsWith('70'));
    if (!secret) throw new Error('the generated data has no confidential signed project of county A');
    const seenByCity = (await get<TMetricRecords>(bureau, `/api/cockpit/records?from=2025-01-01&to=2026-03-02&key=signedCount`)).items.find((r) => r.projectId === secret.id)!;
    expect(seenByCity).toMatchObject({ projectName: secret.codeName, confidential: true });
    const seenByOwnUnit = (await get<TMetricRecords>(staffA, `/api/cockpit/records?from=2025-01-01&to=2026-03-02&key=signedCount`)).items.find((r) => r.projectId === secret.id)!;
    expect(seenByOwnUnit).toMatchObject({ projectName: secret.name, confidential: false });
  });

  it('draws a monthly trend against last year whose months add up to the year', async () => {
    const series = await get<TTrend>(bureau, '/api/cockpit/trend?key=signedContractYuan&year=2025');
    expect(series.months).toHaveLength(12);
    const year = await get<TMetricValues>(bureau, '/api/metrics?from=2025-01-01&to=2025-12-31&keys=signedContractYuan');
    expect(series.months.reduce((sum, m) => sum + m.value, 0)).toBe(year.items[0]!.value);
    expect(series.months.every((m) => m.lastYear === 0)).toBe(true); // nothing was signed in 2024
    const next = await get<TTrend>(bureau, '/api/cockpit/trend?key=signedContractYuan&year=2026');
    expect(next.months.map((m) => m.lastYear)).toEqual(series.months.map((m) => m.value));
  });

  it('keeps a county to its own subtree and refuses what it cannot read', async () => {
    const mine = await get<TMetricRecords>(staffA, '/api/cockpit/records?from=2025-01-01&to=2026-03-02&key=signedCount');
    const own = new Set((await t.db.select().from(projects).where(inArray(projects.unitId, [w.countyA.id, w.parkA.id]))).map((p) => p.id));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => own.has(r.projectId!))).toBe(true);
    await expectApiError(await call(t.app, staffA, 'GET', `/api/cockpit?from=2025-01-01&to=2025-12-31&unitId=${w.countyB.id}`), 400, 'project.unitOutOfScope', 'unitId');
    await expectApiError(await call(t.app, staffA, 'GET', `/api/cockpit/records?from=2025-01-01&to=2025-12-31&unitId=${w.countyB.id}&key=signedCount`), 400, 'project.unitOutOfScope', 'unitId');
    await expectApiError(await call(t.app, staffA, 'GET', '/api/cockpit/breakdown?from=2025-01-01&to=2025-12-31&key=nope&by=unit'), 400, 'validation.invalid', 'key');
    await expectApiError(await call(t.app, staffA, 'GET', '/api/cockpit/records?from=2025-01-01&to=2025-12-31&key=signedCount&by=unit'), 400, 'validation.invalid', 'group');
    const dept = await logIn(t.app, 'dept');
    // A department sees only the problems routed to it: no unit's figures.
    await expectApiError(await call(t.app, dept, 'GET', '/api/cockpit?from=2025-01-01&to=2025-12-31'), 400, 'project.unitOutOfScope', 'unitId');
  });

  it('splits credit with the 首报单位 where configured: each unit its share, the city each project once', async () => {
    // A third of the projects were reported first by another unit than the one they land in.
    const random = generator(11);
    const all = await t.db.select().from(projects);
    const unitsToUse = [w.city, w.countyA, w.countyB, w.parkA];
    for (const p of all) if (random.chance(0.35)) await t.db.update(projects).set({ reportedUnitId: random.pick(unitsToUse.filter((u) => u.id !== p.unitId)).id }).where(eq(projects.id, p.id));
    const rules = { ...DEFAULT_SCOPE_RULES, excludedFundSources: ['local' as const], reportingUnitSharePercent: 30 };
    expect((await call(t.app, bureau, 'PUT', '/api/metrics/rules', rules)).statusCode).toBe(200);
    try {
      const everything = await t.db.select().from(projects);
      const facts = everything as unknown as ProjectFacts[];
      const funds = (await t.db.select().from(projectFunds).where(isNull(projectFunds.voidedAt))).map((f) => ({ ...f, amountYuan: f.amountYuan ?? 0, amountUsd: f.amountUsd ?? 0 })) as FundFacts[];
      const paths = new Map((await t.db.select().from(units)).map((u) => [u.id, u.path]));
      const period = { from: '2025-01-01', to: '2025-12-31' };
      for (const [session, unit] of [[bureau, w.city], [staffA, w.countyA], [bureau, w.countyB], [bureau, w.parkA]] as const) {
        const inScope = (unitId: number) => paths.get(unitId)!.startsWith(unit.path);
        const actual = await get<TMetricValues>(session, `/api/metrics?from=${period.from}&to=${period.to}&unitId=${unit.id}`);
        for (const item of actual.items.filter((i) => METRICS.some((m) => m.key === i.key && m.spec.kind !== 'trips' && m.spec.kind !== 'visits' && m.spec.kind !== 'events' && m.spec.kind !== 'leads'))) {
          const expected = METRICS.find((m) => m.key === item.key)!.compute({ projects: facts, funds, period, rules, inScope });
          expect([item.key, item.value, item.text], unit.name).toEqual([item.key, expected.value, expected.text]);
        }
      }
      // The split is exercised: county A's figure holds shares of other units' projects, and the parts add up.
      const signed = async (unitId: number) => (await get<TMetricValues>(bureau, `/api/metrics?from=2025-01-01&to=2025-12-31&unitId=${unitId}&keys=signedCount,signedContractYuan`)).items.map((i) => i.value);
      const [city, a, b] = [await signed(w.city.id), await signed(w.countyA.id), await signed(w.countyB.id)];
      expect(Number.isInteger(a[0]! * 10)).toBe(true);
      expect(Number.isInteger(a[0])).toBe(false);
      const cityOwn = await get<TBreakdown>(bureau, '/api/cockpit/breakdown?from=2025-01-01&to=2025-12-31&key=signedContractYuan&by=unit');
      expect(cityOwn.rows.reduce((sum, r) => sum + r.value, 0)).toBe(city[1]);
      expect(cityOwn.rows.find((r) => r.group === String(w.countyA.id))?.value).toBe(a[1]);
      expect(cityOwn.rows.find((r) => r.group === String(w.countyB.id))?.value).toBe(b[1]);
      expect(city[0]).toBe(everything.filter((p) => p.signedOn?.startsWith('2025') && p.fundSource !== 'local' && !p.industryCode?.startsWith('70')).length);

      // County A's records: its own projects, and its share of those it reported for county B — not openable,
      // under their code names where they have one; they add up to the figure.
      const mine = await get<TMetricRecords>(staffA, '/api/cockpit/records?from=2025-01-01&to=2025-12-31&key=signedContractYuan');
      expect(mine.items.reduce((sum, r) => sum + r.contribution, 0)).toBe(a[1]);
      const reported = mine.items.filter((r) => r.creditPercent === 30);
      expect(reported.length).toBeGreaterThan(0);
      for (const r of reported) {
        const project = everything.find((p) => p.id === r.projectId)!;
        const ownSubtree = [w.countyA.id, w.parkA.id];
        expect(ownSubtree).toContain(project.reportedUnitId);
        expect(ownSubtree).not.toContain(project.unitId);
        expect([r.openable, r.projectName]).toEqual([false, project.codeName ?? project.name]);
        if (!r.openable) expect((await call(t.app, staffA, 'GET', `/api/projects/${project.id}`)).statusCode).toBe(404);
      }
      const counted = await get<TMetricRecords>(staffA, '/api/cockpit/records?from=2025-01-01&to=2025-12-31&key=signedCount');
      expect(counted.value).toBe(a[0]);
    } finally {
      await call(t.app, bureau, 'PUT', '/api/metrics/rules', DEFAULT_SCOPE_RULES);
      await t.db.update(projects).set({ reportedUnitId: null });
    }
  });
});
