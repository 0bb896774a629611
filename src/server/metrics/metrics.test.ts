import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, projects } from '../db/schema.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

describe('metrics', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
    // A park project of county A with contracted investment and funds arrived; a wholly local one that does not count.
    const park = await t.given.project({ unit: w.parkA, investor: w.enterpriseA, name: '园区项目', totalInvestmentYuan: 300_000_000, stage: 'started' });
    await t.db.update(projects).set({ contractInvestmentYuan: 250_000_000 }).where(eq(projects.id, park.id));
    const funds = await call(t.app, staffA, 'POST', `/api/projects/${park.id}/funds`, { arrivedOn: '2026-02-01', source: 'outOfProvince', amountYuan: 40_000_000, evidenceRef: '银行回单 001' });
    expect(funds.statusCode, funds.body).toBe(200);
    const local = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '本地项目' });
    await t.db.update(projects).set({ fundSource: 'local' }).where(eq(projects.id, local.id));
  });
  afterAll(() => t.close());

  const values = async (session: Session, query: string) => {
    const response = await call(t.app, session, 'GET', `/api/metrics?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries((response.json() as TMetricValues).items.map((m) => [m.key, m]));
  };

  it('computes the catalogue from the records in scope', async () => {
    const county = await values(staffA, 'from=2026-01-01&to=2026-03-02');
    expect(county.signedCount).toMatchObject({ value: 2, text: '2' });
    expect(county.signedContractYuan!.value).toBe(100_000_000 + 250_000_000);
    expect(county.fundsArrivedDomesticYuan).toMatchObject({ value: 40_000_000, text: '40000000' });
    expect(county.signedCount!.name.zh).toBe('新签约项目');
    expect(county.signedCount!.definition.zh).toMatch(/不予认定/);
    const city = await values(bureau, 'from=2026-01-01&to=2026-03-02&keys=signedCount,startRate');
    expect(Object.keys(city)).toEqual(['signedCount', 'startRate']);
    expect(city.signedCount!.value).toBe(3);
    const park = await values(bureau, `from=2026-01-01&to=2026-03-02&unitId=${w.parkA.id}`);
    expect(park.signedCount!.value).toBe(1);
  });

  it('keeps a county to its own subtree and refuses bad periods and keys', async () => {
    await expectApiError(await call(t.app, staffA, 'GET', `/api/metrics?from=2026-01-01&to=2026-03-02&unitId=${w.countyB.id}`), 400, 'project.unitOutOfScope', 'unitId');
    await expectApiError(await call(t.app, staffA, 'GET', '/api/metrics?from=2026-03-02&to=2026-01-01'), 400, 'validation.invalid', 'to');
    await expectApiError(await call(t.app, staffA, 'GET', '/api/metrics?from=2026-01-01&to=2026-03-02&keys=nope'), 400, 'validation.invalid', 'keys');
  });

  it('applies the bureau\'s scope rules to every figure, audited; only the bureau sets them', async () => {
    const state = (await call(t.app, staffA, 'GET', '/api/metrics/rules')).json();
    expect(state).toMatchObject({ isDefault: true, rules: { excludedFundSources: ['local'], excludedIndustries: ['70'] } });
    const before = (await values(staffA, 'from=2026-01-01&to=2026-03-02')).signedCount!.value;
    const everything = { ...state.rules, excludedFundSources: [], excludedIndustries: ['K'] };
    await expectApiError(await call(t.app, staffA, 'PUT', '/api/metrics/rules', everything), 403, 'auth.forbidden');
    const set = await call(t.app, bureau, 'PUT', '/api/metrics/rules', everything);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ isDefault: false, rules: { excludedFundSources: [] } });
    // The wholly local project now counts.
    expect((await values(staffA, 'from=2026-01-01&to=2026-03-02')).signedCount!.value).toBe(before + 1);
    // A section letter stands for its divisions: K (房地产业) leaves out code 7010.
    const [park] = await t.db.select().from(projects).where(eq(projects.name, '园区项目'));
    await t.db.update(projects).set({ industryCode: '7010' }).where(eq(projects.id, park!.id));
    expect((await values(staffA, 'from=2026-01-01&to=2026-03-02')).signedCount!.value).toBe(before);
    // Estimated amounts count unless the bureau leaves them out.
    await t.db.update(projects).set({ amountsEstimated: true }).where(eq(projects.name, '本地项目'));
    expect((await values(staffA, 'from=2026-01-01&to=2026-03-02')).signedCount!.value).toBe(before);
    expect((await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...everything, excludeEstimated: true })).statusCode).toBe(200);
    expect((await values(staffA, 'from=2026-01-01&to=2026-03-02')).signedCount!.value).toBe(before - 1);
    const trail = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'metricRules'));
    expect(trail).toHaveLength(2);
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...everything, majorProjectYuan: 1 }), 400, 'validation.invalid', 'majorProjectYuan');
    await expectApiError(await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...everything, excludedIndustries: ['房地产'] }), 400, 'validation.invalid', 'excludedIndustries.0');
  });
});
