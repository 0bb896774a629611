import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { duplicateClaims, enterprises, eventProjects, events, leads, projects } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES } from '../../domain/metrics.ts';
import { runDuplicateScan } from '../duplicates/duplicate-claims.job.ts';
import type { TScheme, TScores } from '../../shared/assessments.ts';

/**
 * Issue 17: the assessment counts as the cockpit and the bulletin do. A project held out while its pair waits in the
 * 甄别 queue, or a stage change waiting for confirmation under 统计只计已核实, changes a county's assessment exactly as
 * it changes the county's cockpit figure — its indicators, its 世界500强 bonus and its late-start deductions alike.
 * The test clock reads 2026-03-02; the builder's projects were signed on 2026-01-05.
 */
describe('the assessment follows the counting rules (待甄别, 核实)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let scheme: TScheme;

  const SCHEME = {
    name: '考核口径测试',
    // 'ratio' with a target of 1 and a weight of 100: a line's points are the figure × 100, so the figure reads off it.
    indicators: [{ metricKey: 'signedCount', weight: 100, method: 'ratio' }],
    rules: [
      { kind: 'lateStart', pointsEach: -0.1 },
      { kind: 'fortune500', pointsEach: 0.5 },
    ],
    bottomCount: 0,
  };

  /** A county's assessment as figures: the indicator's value, the 世界500强 bonus count and the late starts. */
  const assessed = async (unitId: number) => {
    const response = await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2`);
    expect(response.statusCode, response.body).toBe(200);
    const lines = (response.json() as TScores).units.find((u) => u.unitId === unitId)!.lines;
    const count = (label: string) => Number(/^(\d+) ×/.exec(lines.find((l) => l.label === label)?.explanation ?? '0 ×')![1]);
    return { signed: Number(lines.find((l) => l.label === '新签约项目')!.points) / 100, fortune500: count('世界500强投资项目'), lateStarts: count('未按期开工项目') };
  };
  /** The cockpit's figure for the same county and period, as the metrics API answers it. */
  const cockpitSigned = async (unitId: number) => {
    const response = await call(t.app, bureau, 'GET', `/api/metrics?from=2026-01-01&to=2026-02-28&unitId=${unitId}&keys=signedCount`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { value: number }[] }).items[0]!.value;
  };
  /** The city's event signings (the ceremony's) and 乙县's lead conversion over January–February. */
  const activityFigures = async () => {
    const city = await call(t.app, bureau, 'GET', `/api/metrics?from=2026-01-01&to=2026-02-28&unitId=${w.city.id}&keys=eventSignedCount,eventSignedYuan`);
    const county = await call(t.app, bureau, 'GET', `/api/metrics?from=2026-01-01&to=2026-02-28&unitId=${w.countyB.id}&keys=leadConversionRate`);
    const values = [...(city.json() as { items: { key: string; value: number }[] }).items, ...(county.json() as { items: { key: string; value: number }[] }).items];
    return Object.fromEntries(values.map((m) => [m.key, m.value])) as Record<'eventSignedCount' | 'eventSignedYuan' | 'leadConversionRate', number>;
  };
  const setRules = async (rules: Partial<typeof DEFAULT_SCOPE_RULES>) => {
    const response = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, ...rules });
    expect(response.statusCode, response.body).toBe(200);
  };
  const setVerification = async (confirmedOnly: boolean) => {
    const response = await call(t.app, bureau, 'PUT', '/api/verification-settings', {
      rules: [
        { stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null },
        { stage: 'started', minYuan: 0, reviewerDepartmentId: null },
      ],
      confirmedOnly,
      cityCentre: null,
      maxPhotoKm: 80,
      maxPhotoDaysBefore: 30,
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    const targets = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [w.countyA, w.countyB].map((u) => ({ unitId: u.id, metricKey: 'signedCount', value: 1 })),
    });
    expect(targets.statusCode, targets.body).toBe(200);
    // One investment claimed twice: 甲县 first, 乙县 later; the investor is a 世界500强.
    const catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    await t.db.update(enterprises).set({ fortuneGlobal500: true }).where(eq(enterprises.id, catl.id));
    const first = await t.given.project({ unit: w.countyA, investor: catl, name: '甲县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    const later = await t.given.project({ unit: w.countyB, investor: catl, name: '乙县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    // Both were signed at the city's signing ceremony, and 乙县's came from a lead it collected in December.
    const [ceremony] = await t.db.insert(events).values({ unitId: w.city.id, name: '新能源签约仪式', kind: 'signing', heldOn: '2026-01-05' }).returning();
    await t.db.insert(eventProjects).values([first, later].map((p) => ({ eventId: ceremony!.id, projectId: p.id })));
    await t.db.insert(leads).values({ unitId: w.countyB.id, enterpriseId: catl.id, enterpriseName: catl.name, source: 'online', state: 'converted', collectedOn: '2026-01-02', projectId: later.id });
    // A second pair, signed in May 2025 and never started: each county has a late start (due 2025-11-05).
    const byd = await t.given.enterprise({ unit: w.city, name: '比亚迪股份有限公司', creditCode: creditCode(8) });
    for (const [unit, name] of [[w.countyA, '甲县比亚迪刀片电池项目'], [w.countyB, '乙县比亚迪刀片电池项目']] as const) {
      const old = await t.given.project({ unit, investor: byd, name, totalInvestmentYuan: 2_000_000_000 });
      await t.db.update(projects).set({ signedOn: '2025-05-05' }).where(eq(projects.id, old.id));
    }
    await runDuplicateScan(t.db, new Date('2026-03-02T00:00:00Z'));
    const open = await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.status, 'open'));
    expect(open).toHaveLength(2);
    const created = await call(t.app, bureau, 'POST', '/api/assessments', SCHEME);
    expect(created.statusCode, created.body).toBe(200);
    scheme = created.json() as TScheme;
  });
  afterAll(() => t.close());

  it('held out under review: the later project leaves the county’s assessment as it leaves its cockpit figure', async () => {
    const before = { a: await assessed(w.countyA.id), b: await assessed(w.countyB.id), cockpitA: await cockpitSigned(w.countyA.id), cockpitB: await cockpitSigned(w.countyB.id) };
    // Counted as recorded: each county has its test project and its half of the pair signed this year.
    expect(before.b).toEqual({ signed: 2, fortune500: 1, lateStarts: 1 });
    expect(before.b.signed).toBe(before.cockpitB);
    const beforeActivities = await activityFigures();
    expect(beforeActivities).toMatchObject({ eventSignedCount: 2, leadConversionRate: 1 });
    await setRules({ holdOutUnderReview: true });
    try {
      const afterActivities = await activityFigures();
      const after = { a: await assessed(w.countyA.id), b: await assessed(w.countyB.id), cockpitA: await cockpitSigned(w.countyA.id), cockpitB: await cockpitSigned(w.countyB.id) };
      // 乙县's later records wait: its figure, its bonus and its deduction all lose them; 甲县's first records stay.
      expect(after.cockpitB).toBe(before.cockpitB - 1);
      expect(after.b.signed - before.b.signed).toBe(after.cockpitB - before.cockpitB);
      expect(after.b).toEqual({ signed: 1, fortune500: 0, lateStarts: 0 });
      expect(after.a).toEqual(before.a);
      expect(after.cockpitA).toBe(before.cockpitA);
      // So do the figures that read projects beside the credits: the ceremony's signings, 乙县's lead turned signing.
      expect(afterActivities).toEqual({ eventSignedCount: beforeActivities.eventSignedCount - 1, eventSignedYuan: beforeActivities.eventSignedYuan - 1_000_000_000, leadConversionRate: 0 });
    } finally {
      await setRules({ holdOutUnderReview: false });
    }
  });

  it('confirmed only: a signing and a start waiting for confirmation count in the assessment as in the cockpit — not yet', async () => {
    await setVerification(false);
    const catl500 = await t.given.enterprise({ unit: w.countyA, name: '甲县五百强子公司有限公司', creditCode: creditCode(9) });
    await t.db.update(enterprises).set({ fortuneGlobal500: true }).where(eq(enterprises.id, catl500.id));
    // A 3亿 signing in February (reported: over the 1亿 line) by a 世界500强.
    const signing = await t.given.project({ unit: w.countyA, investor: catl500, name: '甲县待核实签约项目', stage: 'lead', totalInvestmentYuan: 300_000_000 });
    const signed = await call(t.app, staffA, 'POST', `/api/projects/${signing.id}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo: 'HS-1' } });
    expect(signed.statusCode, signed.body).toBe(200);
    // A 5000万 project signed in May 2025 (under the line: counted at once) and started in October, before its
    // 2025-11-10 deadline — but the start waits for confirmation.
    const started = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '甲县待核实开工项目', stage: 'lead', totalInvestmentYuan: 50_000_000 });
    for (const move of [{ to: 'signed', date: '2025-05-10', evidence: { contractNo: 'HS-2' } }, { to: 'started', date: '2025-10-10', evidence: { permitNo: '施工-2' } }]) {
      const moved = await call(t.app, staffA, 'POST', `/api/projects/${started.id}/stage`, move);
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const reported = { a: await assessed(w.countyA.id), cockpitA: await cockpitSigned(w.countyA.id) };
    expect(reported.a.signed).toBe(reported.cockpitA);

    await setVerification(true);
    const confirmed = { a: await assessed(w.countyA.id), cockpitA: await cockpitSigned(w.countyA.id) };
    expect(confirmed.cockpitA).toBe(reported.cockpitA - 1);
    expect(confirmed.a.signed - reported.a.signed).toBe(confirmed.cockpitA - reported.cockpitA);
    // The waiting signing is no 世界500强 signing yet; the waiting start leaves its project late.
    expect(confirmed.a.fortune500).toBe(reported.a.fortune500 - 1);
    expect(confirmed.a.lateStarts).toBe(reported.a.lateStarts + 1);
    // The county's own view of its row agrees with the bureau's.
    const own = await call(t.app, staffA, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2`);
    expect((own.json() as TScores).units.map((u) => u.unitId)).toEqual([w.countyA.id]);
  });
});
