import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TMetricValues } from '../../shared/metrics.ts';
import type { TVerificationPage } from '../../shared/stage-verifications.ts';

// The test clock reads 2026-03-02 in China.
describe('figures with and without the confirmed-only setting (核实)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;
  let reportedId: number;
  const settings = (confirmedOnly: boolean) => ({
    rules: [{ stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null }],
    confirmedOnly,
    cityCentre: null,
    maxPhotoKm: 80,
    maxPhotoDaysBefore: 30,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings(false))).statusCode).toBe(200);
    // Two signings of 甲县 in February: 3亿 (reported, waits) and 5000万 (under the threshold, counts at once).
    for (const [name, amount, contractNo] of [['待核实项目', 300_000_000, 'F-1'], ['小项目', 50_000_000, 'F-2']] as const) {
      const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, stage: 'lead', totalInvestmentYuan: amount, name });
      const moved = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    reportedId = ((await call(t.app, bureau, 'GET', '/api/stage-verifications')).json() as TVerificationPage).items[0]!.id;
  });
  afterAll(() => t.close());

  const figures = async (session: Session, extra = '') => {
    const response = await call(t.app, session, 'GET', `/api/metrics?from=2026-02-01&to=2026-02-28&keys=signedCount,signedContractYuan${extra}`);
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries((response.json() as TMetricValues).items.map((m) => [m.key, m.value]));
  };

  it('as today by default; reported and confirmed side by side on request', async () => {
    expect(await figures(staffA)).toEqual({ signedCount: 2, signedContractYuan: 350_000_000 });
    expect(await figures(staffA, '&counting=reported')).toEqual({ signedCount: 2, signedContractYuan: 350_000_000 });
    expect(await figures(staffA, '&counting=confirmed')).toEqual({ signedCount: 1, signedContractYuan: 50_000_000 });
  });

  it('with the setting on, every official figure counts confirmed only — the drill-down adds up to it — until the bureau confirms', async () => {
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings(true))).statusCode).toBe(200);
    expect(await figures(bureau)).toEqual({ signedCount: 1, signedContractYuan: 50_000_000 });
    expect(await figures(bureau, '&counting=reported')).toEqual({ signedCount: 2, signedContractYuan: 350_000_000 });
    const records = await call(t.app, bureau, 'GET', '/api/cockpit/records?key=signedCount&from=2026-02-01&to=2026-02-28');
    expect(records.statusCode, records.body).toBe(200);
    expect((records.json() as { items: { projectName: string }[] }).items.map((r) => r.projectName)).toEqual(['小项目']);

    // Rejected: still not counted; confirmed: counted.
    await call(t.app, bureau, 'POST', `/api/stage-verifications/${reportedId}/decision`, { action: 'reject', reason: '合同页缺失' });
    expect(await figures(bureau)).toEqual({ signedCount: 1, signedContractYuan: 50_000_000 });
    await call(t.app, staffA, 'POST', `/api/stage-verifications/${reportedId}/resubmit`, { note: '已补' });
    const confirmed = await call(t.app, bureau, 'POST', `/api/stage-verifications/${reportedId}/decision`, { action: 'confirm' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await figures(bureau)).toEqual({ signedCount: 2, signedContractYuan: 350_000_000 });
  });
});
