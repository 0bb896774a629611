import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, enterprises, projects } from '../db/schema.ts';
import type { TAdjustment, TScheme, TScores } from '../../shared/assessments.ts';

/** The test clock says 2026-03-02; both counties signed one project in January (1亿元 each). */
describe('assessment', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let scheme: TScheme;

  const SCHEME = {
    name: '2026年招商引资月度考核',
    indicators: [
      { metricKey: 'signedCount', weight: 40, method: 'ratioCapped' },
      { metricKey: 'signedContractYuan', weight: 60, method: 'efficacy' },
    ],
    rules: [
      { kind: 'lateStart', pointsEach: -0.1 },
      { kind: 'fortune500', pointsEach: 0.5 },
    ],
    bottomCount: 1,
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 2 },
        { unitId: w.countyB.id, metricKey: 'signedCount', value: 1 },
      ],
    });
    // County A: a project signed 2025-06-01 and still not started — its 6-month start deadline passed on 2025-12-01.
    const late = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '逾期未开工项目' });
    await t.db.update(projects).set({ signedOn: '2025-06-01' }).where(eq(projects.id, late.id));
    // County B's January project was signed with a 世界500强.
    await t.db.update(enterprises).set({ fortuneGlobal500: true }).where(eq(enterprises.id, w.enterpriseB.id));
    const created = await call(t.app, bureau, 'POST', '/api/assessments', SCHEME);
    expect(created.statusCode, created.body).toBe(200);
    scheme = created.json() as TScheme;
  });
  afterAll(() => t.close());

  it('scores each county by completion × weight and the 功效系数法, with deductions, bonuses and hand adjustments, and flags the bottom', async () => {
    const adjusted = await call(t.app, bureau, 'POST', `/api/assessments/${scheme.id}/adjustments`, {
      unitId: w.countyA.id, year: 2026, month: 2, label: '虚假项目', pointsEach: -0.2, count: 1, reason: '2月核查发现一个项目未实际签约',
    });
    expect(adjusted.statusCode, adjusted.body).toBe(200);
    const response = await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2`);
    expect(response.statusCode, response.body).toBe(200);
    const scores = response.json() as TScores;
    expect(scores).toMatchObject({ from: '2026-01-01', to: '2026-02-28', period: '1—2月', scored: 2 });
    expect(scores.units.map((u) => [u.unitName, u.total, u.rank, u.flagged])).toEqual([
      ['乙县', '100.50', 1, false],
      ['甲县', '79.70', 2, true],
    ]);
    expect(scores.units[1]!.lines).toEqual([
      { label: '新签约项目', labelEn: 'Projects signed', points: '20.00', explanation: '完成率 50.00% × 40.00分 = 20.00分', explanationEn: 'completion 50.00% × 40.00 points = 20.00 points' },
      {
        label: '新签约项目合同投资额',
        labelEn: 'Contracted investment signed',
        points: '60.00',
        explanation: '功效系数法：各单位相同，得100分，× 60.00% = 60.00分',
        explanationEn: 'efficacy coefficient: every unit the same: 100, × 60.00% = 60.00 points',
      },
      { label: '未按期开工项目', labelEn: 'Projects not started by their deadline', points: '-0.10', explanation: '1 × -0.10分', explanationEn: '1 × -0.10 points' },
      {
        label: '虚假项目（2月，2月核查发现一个项目未实际签约）',
        labelEn: '虚假项目 (month 2: 2月核查发现一个项目未实际签约)',
        points: '-0.20',
        explanation: '1 × -0.20分',
        explanationEn: '1 × -0.20 points',
      },
    ]);
    expect(scores.units[0]!.lines.find((l) => l.label === '世界500强投资项目')).toMatchObject({ labelEn: 'Projects of Fortune Global 500 investors', points: '0.50', explanation: '1 × 0.50分' });
    // January's figures: the hand adjustment of February does not count yet, nor does quarter 1 differ from March's end.
    const january = (await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=1`)).json() as TScores;
    expect(january.units.find((u) => u.unitName === '甲县')!.total).toBe('79.90');
    const quarter = (await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&quarter=1`)).json() as TScores;
    expect(quarter).toMatchObject({ to: '2026-03-31', period: '1—3月' });
  });

  it('shows a county its own computation and rank, never another county\'s', async () => {
    expect((await call(t.app, staffA, 'GET', '/api/assessments')).json().items.map((s: TScheme) => s.name)).toEqual(['2026年招商引资月度考核']);
    const own = (await call(t.app, staffA, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2`)).json() as TScores;
    expect(own.scored).toBe(2);
    expect(own.units.map((u) => [u.unitName, u.rank, u.flagged])).toEqual([['甲县', 2, true]]);
  });

  it('lets only the bureau set schemes and adjustments, audited, and refuses what cannot be scored', async () => {
    expectApiError(await call(t.app, staffA, 'POST', '/api/assessments', SCHEME), 403, 'auth.forbidden');
    expectApiError(
      await call(t.app, staffA, 'POST', `/api/assessments/${scheme.id}/adjustments`, { unitId: w.countyA.id, year: 2026, month: 2, label: '加分', pointsEach: 1, count: 1, reason: '自评' }),
      403,
      'auth.forbidden',
    );
    const rate = { ...SCHEME, indicators: [{ metricKey: 'startRate', weight: 10, method: 'ratio' }] };
    expectApiError(await call(t.app, bureau, 'POST', '/api/assessments', rate), 400, 'validation.invalid', 'indicators.0.metricKey');
    const precise = { ...SCHEME, indicators: [{ metricKey: 'signedCount', weight: 10.005, method: 'ratio' }] };
    expectApiError(await call(t.app, bureau, 'POST', '/api/assessments', precise), 400, 'assessment.twoDecimals', 'indicators.0.weight');
    expectApiError(await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2&quarter=1`), 400, 'assessment.period', 'month');
    expectApiError(
      await call(t.app, bureau, 'POST', `/api/assessments/${scheme.id}/adjustments`, { unitId: w.parkA.id, year: 2026, month: 2, label: '扣分', pointsEach: -1, count: 1, reason: '园区' }),
      400,
      'validation.invalid',
      'unitId',
    );
    const renamed = await call(t.app, bureau, 'PUT', `/api/assessments/${scheme.id}`, { ...SCHEME, name: '2026年考核(修订)' });
    expect(renamed.json().name).toBe('2026年考核(修订)');
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'assessmentScheme'));
    expect(trail.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('lists hand adjustments with who recorded them, and withdraws a mistaken one with a reason, audited', async () => {
    const listed = (await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/adjustments?year=2026`)).json().items as TAdjustment[];
    expect(listed.map((a) => [a.unitName, a.label, a.pointsEach, a.count, a.withdrawnAt])).toEqual([['甲县', '虚假项目', -0.2, 1, null]]);
    expect(listed[0]!.recordedBy).toBe(w.bureau.displayName);
    expectApiError(await call(t.app, staffA, 'POST', `/api/assessments/${scheme.id}/adjustments/${listed[0]!.id}/withdraw`, { reason: '自己撤回' }), 403, 'auth.forbidden');
    const score = async () => ((await call(t.app, bureau, 'GET', `/api/assessments/${scheme.id}/scores?year=2026&month=2`)).json() as TScores).units.find((u) => u.unitName === '甲县')!.total;
    const before = await score();
    expect((await call(t.app, bureau, 'POST', `/api/assessments/${scheme.id}/adjustments/${listed[0]!.id}/withdraw`, { reason: '复核后该项目确已签约' })).statusCode).toBe(200);
    expect(Number(await score())).toBeCloseTo(Number(before) + 0.2, 10);
    expectApiError(await call(t.app, bureau, 'POST', `/api/assessments/${scheme.id}/adjustments/${listed[0]!.id}/withdraw`, { reason: '再撤' }), 409, 'assessment.withdrawn', 'id');
    // Still listed, marked withdrawn; a county sees its own units' adjustments.
    const own = (await call(t.app, staffA, 'GET', `/api/assessments/${scheme.id}/adjustments?year=2026`)).json().items as TAdjustment[];
    expect(own.map((a) => [a.label, a.withdrawnReason])).toEqual([['虚假项目', '复核后该项目确已签约']]);
    const staffB = await logIn(t.app, 'staff_b');
    expect((await call(t.app, staffB, 'GET', `/api/assessments/${scheme.id}/adjustments?year=2026`)).json().items).toEqual([]);
  });
});
