import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, projects } from '../db/schema.ts';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TCountOnceList, TCountOnceRecord } from '../../shared/count-once.ts';
import type { TMetricValues } from '../../shared/metrics.ts';

// The test clock reads 2026-03-02 in China; builder projects are signed on 2026-01-05.
describe('count once (三明): actions on a project, never a new project', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let leaderA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    leaderA = await logIn(t.app, 'leader_a');
  });
  afterAll(() => t.close());

  const record = (session: Session, projectId: number, body: object) => call(t.app, session, 'POST', `/api/projects/${projectId}/count-once`, body);
  const row = async (id: number) => (await t.db.select().from(projects).where(eq(projects.id, id)))[0]!;
  const figures = async () => {
    const response = await call(t.app, staffA, 'GET', '/api/metrics?from=2026-01-01&to=2026-03-02&keys=signedCount,signedContractYuan');
    return Object.fromEntries((response.json() as TMetricValues).items.map((m) => [m.key, m.value]));
  };

  it('a re-signing, a supplementary agreement and a counted phase add no project and no amount; each is listed with its reason', async () => {
    const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, totalInvestmentYuan: 300_000_000, name: '三明规则项目' });
    const before = await figures();
    for (const [action, reason] of [['resign', '主体变更后重新签约'], ['supplement', '补充协议调整建设内容'], ['phase', '二期在原合同内']] as const) {
      const response = await record(staffA, project.id, { action, date: '2026-02-01', reason });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ action, reason, incrementYuan: null });
    }
    expect(await figures()).toEqual(before);
    expect((await row(project.id)).totalInvestmentYuan).toBe(300_000_000);
    const list = (await call(t.app, leaderA, 'GET', `/api/projects/${project.id}/count-once`)).json() as TCountOnceList;
    expect(list.items.map((r) => r.action)).toEqual(['resign', 'supplement', 'phase']);
  });

  it('an expansion counts only its increment: total and contracted investment grow by it, the project count does not', async () => {
    const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, totalInvestmentYuan: 200_000_000, name: '增资扩产项目' });
    await t.db.update(projects).set({ contractInvestmentYuan: 150_000_000 }).where(eq(projects.id, project.id));
    const before = await figures();
    expectApiError(await record(staffA, project.id, { action: 'expansion', date: '2026-02-10', reason: '增资扩产' }), 400, 'validation.invalid', 'incrementYuan');
    const response = await record(staffA, project.id, { action: 'expansion', date: '2026-02-10', reason: '二期增资扩产', incrementYuan: 80_000_000 });
    expect(response.statusCode, response.body).toBe(200);
    expect(await row(project.id)).toMatchObject({ totalInvestmentYuan: 280_000_000, contractInvestmentYuan: 230_000_000 });
    const after = await figures();
    expect(after.signedCount).toBe(before.signedCount);
    expect(after.signedContractYuan).toBe(before.signedContractYuan! + 80_000_000);
    const audits = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(project.id))));
    expect(Number(audits[0]!.n)).toBeGreaterThanOrEqual(1);
  });

  it('a change of investor stays one project and records who it was and became', async () => {
    const project = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, name: '投资方变更项目' });
    const before = await figures();
    expectApiError(await record(staffA, project.id, { action: 'investorChange', date: '2026-02-15', reason: '股权转让' }), 400, 'validation.invalid', 'investorEnterpriseId');
    const response = await record(staffA, project.id, { action: 'investorChange', date: '2026-02-15', reason: '股权转让', investorEnterpriseId: w.enterpriseB.id });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json() as TCountOnceRecord).toMatchObject({ fromInvestorName: '甲县测试企业有限公司', toInvestorName: '乙县测试企业有限公司' });
    expect((await row(project.id)).investorEnterpriseId).toBe(w.enterpriseB.id);
    expect(await figures()).toEqual(before);
  });

  it('refuses before signing, in the future, without a reason; a leader only reads; nothing written', async () => {
    const lead = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, stage: 'lead' });
    const signed = await t.given.project({ unit: w.countyA, investor: w.enterpriseA });
    expectApiError(await record(staffA, lead.id, { action: 'resign', date: '2026-02-01', reason: '重签' }), 400, 'validation.invalid', 'action');
    expectApiError(await record(staffA, signed.id, { action: 'resign', date: '2026-03-03', reason: '重签' }), 400, 'date.future', 'date');
    expectApiError(await record(staffA, signed.id, { action: 'resign', date: '2026-01-04', reason: '重签' }), 400, 'date.beforePrevious', 'date');
    expectApiError(await record(staffA, signed.id, { action: 'resign', date: '2026-02-01', reason: '  ' }), 400, 'reason.required', 'reason');
    expectApiError(await record(leaderA, signed.id, { action: 'resign', date: '2026-02-01', reason: '重签' }), 403, 'auth.readOnly');
    expect(((await call(t.app, staffA, 'GET', `/api/projects/${signed.id}/count-once`)).json() as TCountOnceList).items).toEqual([]);
  });
});
