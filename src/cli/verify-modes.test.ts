import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, logIn, type Given, type Session, type TestApp } from '../../test/support/test-app.ts';
import { stageVerifications } from '../server/db/schema.ts';
import { DEFAULT_SCOPE_RULES } from '../domain/metrics.ts';
import { runDuplicateScan } from '../server/duplicates/duplicate-claims.job.ts';
import { verifyFigures } from '../server/closes/verify-figures.ts';
import { verifyFromCli } from './verify.ts';

/**
 * `zhaoshang verify` per 统计口径 (issue 17): where the bureau verifies stage changes, every figure is checked as reported
 * and as confirmed, with the 待甄别 hold-out as the bureau set it; a figure broken in one mode only is reported, named
 * by its mode. The test clock reads 2026-03-02.
 */
describe('zhaoshang verify in each counting mode', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  const caller = () => ({ userId: w.bureau.id, username: 'bureau', role: 'bureau' as const, unitId: w.city.id, unitPath: w.city.path, departmentId: null });
  const run = async () => {
    const lines: string[] = [];
    const code = await verifyFromCli(t.db, { from: '2026-01-01', to: '2026-03-02' }, { line: (text) => lines.push(text), progress: () => {} }, () => t.clock.now());
    return { code, output: lines.join('\n') };
  };
  const setVerification = async (rules: { stage: string; minYuan: number; reviewerDepartmentId: null }[]) => {
    const response = await call(t.app, bureau, 'PUT', '/api/verification-settings', { rules, confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 });
    expect(response.statusCode, response.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    // A pair under review, held out of the figures: verify checks them as the bureau counts them.
    const catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    await t.given.project({ unit: w.countyA, investor: catl, name: '甲县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    await t.given.project({ unit: w.countyB, investor: catl, name: '乙县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    await runDuplicateScan(t.db, new Date('2026-03-02T00:00:00Z'));
    expect((await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, holdOutUnderReview: true })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('checks the figures once as they count while nothing is verified, as reported and as confirmed once it is', async () => {
    const plain = await verifyFigures({ db: t.db, caller: caller(), requestId: 'test', now: t.clock.now() }, { from: '2026-01-01', to: '2026-03-02' });
    expect(plain.modes).toEqual(['reported']);
    expect(plain.findings).toEqual([]);

    await setVerification([{ stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null }]);
    // 甲县 signs 3亿 in February: reported, waiting — counted 按报送, not 按核实.
    const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '甲县待核实签约项目', stage: 'lead', totalInvestmentYuan: 300_000_000 });
    const moved = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo: 'VM-1' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const both = await verifyFigures({ db: t.db, caller: caller(), requestId: 'test', now: t.clock.now() }, { from: '2026-01-01', to: '2026-03-02' });
    expect(both.modes).toEqual(['reported', 'confirmed']);
    expect(both.findings).toEqual([]);
    // Cards and breakdowns twice, plus the 核实 records: well over twice the figures of one mode.
    expect(both.checked).toBeGreaterThan(plain.checked * 1.5);
    const { code, output } = await run();
    expect(output).toContain('统计口径：按报送、按核实，各核对一遍');
    expect(output).toMatch(/核对 \d+ 项，全部相符/);
    expect(code, output).toBe(0);
  });

  it('reports a figure broken in one mode only, named by that mode', async () => {
    // Confirmed behind the app's back: the steps still say it waits, so the 按核实 figures count a signing nobody confirmed.
    const [waiting] = await t.db.select().from(stageVerifications).where(eq(stageVerifications.status, 'reported'));
    await t.db.update(stageVerifications).set({ status: 'confirmed' }).where(eq(stageVerifications.id, waiting!.id));
    try {
      const { code, output } = await run();
      expect(code).toBe(1);
      expect(output).toContain(`差异  按核实 核实记录 #${waiting!.id} 甲县待核实签约项目 签约：应为 reported，实为 confirmed（与核实步骤不符）`);
      // The reported figures do not read 核实 records: nothing is wrong with them.
      expect(output).not.toMatch(/差异 {2}按报送/);
      expect(output).toMatch(/核对 \d+ 项，1 项不符/);
    } finally {
      await t.db.update(stageVerifications).set({ status: 'reported' }).where(eq(stageVerifications.id, waiting!.id));
    }
    expect((await run()).code).toBe(0);
  });

});
