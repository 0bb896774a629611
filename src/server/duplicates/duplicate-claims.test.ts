import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { auditLog, duplicateClaims, projects } from '../db/schema.ts';
import { DEFAULT_SCOPE_RULES } from '../../domain/metrics.ts';
import { runDuplicateScan } from './duplicate-claims.job.ts';
import type { TDuplicateClaim, TDuplicateClaimPage, TProjectDuplicateReview } from '../../shared/duplicate-claims.ts';

describe('duplicate claims across units (甄别)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
  let catl: { id: number };

  const queue = async (status: 'open' | 'resolved' = 'open') => {
    const response = await call(t.app, bureau, 'GET', `/api/duplicate-claims?status=${status}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TDuplicateClaimPage;
  };
  const pairOf = async (x: number, y: number) => (await queue()).items.find((c) => [c.projectA.id, c.projectB.id].sort().join() === [x, y].sort().join());
  const create = async (session: Session, body: Record<string, unknown>) => {
    const response = await call(t.app, session, 'POST', '/api/projects', body);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { id: number }).id;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    [staffA, staffB, bureau] = [await logIn(t.app, 'staff_a'), await logIn(t.app, 'staff_b'), await logIn(t.app, 'bureau')];
  });
  afterAll(() => t.close());

  it('finds the same investment recorded by two counties when the second is created, with its reasons', async () => {
    const a = await create(staffA, { name: '甲县宁德时代储能电池项目', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 1_000_000_000, industryCode: '3841' });
    expect(await pairOf(a, w.projectB.id)).toBeUndefined();
    const b = await create(staffB, { name: '乙县新能源电芯制造基地', investorEnterpriseId: catl.id, unitId: w.countyB.id, totalInvestmentYuan: 1_000_000_000, industryCode: '3841' });
    const pair = (await pairOf(a, b))!;
    expect(pair).toMatchObject({ status: 'open', projectA: { id: a, unitName: '甲县', investorName: '宁德时代新能源科技股份有限公司' }, projectB: { id: b, unitName: '乙县' } });
    expect(pair.reasons.map((r) => r.kind)).toEqual(['sameInvestor', 'sameAmount', 'sameIndustry', 'closeDates']);
    expect(pair.reasons[0]).toEqual({ kind: 'sameInvestor', creditCode: creditCode(7) });
    expect(pair.scorePermille).toBe(400 + 150 + 60 + 30);
    // Two projects of one county are never a pair.
    const a2 = await create(staffA, { name: '甲县宁德时代储能电池二期', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 1_000_000_000, industryCode: '3841' });
    const rows = await t.db.select().from(duplicateClaims);
    expect(rows.filter((r) => [r.projectAId, r.projectBId].includes(a2)).map((r) => [r.projectAId, r.projectBId])).toEqual([[b, a2].sort((x, y) => x - y)]);
  });

  it('re-scores a pair when a project is edited and drops it when it no longer scores', async () => {
    const a = await create(staffA, { name: '甲县光伏组件项目', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 300_000_000, industryCode: '3825' });
    const b = await create(staffB, { name: '乙县光伏组件项目', investorEnterpriseId: catl.id, unitId: w.countyB.id, totalInvestmentYuan: 300_000_000, industryCode: '3825' });
    expect((await pairOf(a, b))!.reasons.map((r) => r.kind)).toContain('similarName');
    const edited = await call(t.app, staffB, 'PATCH', `/api/projects/${b}`, { name: '乙县职工公寓', totalInvestmentYuan: 20_000_000, industryCode: '7010', investorEnterpriseId: w.enterpriseB.id });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await pairOf(a, b)).toBeUndefined();
  });

  it('finds duplicates after a ledger import commits', async () => {
    const a = await create(staffA, { name: '甲县动力电池回收项目', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 555_000_000, industryCode: '4210' });
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约日期'], [['乙县动力电池回收利用项目', '宁德时代新能源科技股份有限公司', '55500', '2026/2/18']]);
    const body = multipartBody('乙县.csv', csv);
    const preview = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
    expect(preview.statusCode, preview.body).toBe(200);
    const commit = await call(t.app, staffB, 'POST', `/api/imports/${(preview.json() as { id: number }).id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const [imported] = await t.db.select({ id: projects.id }).from(projects).where(eq(projects.name, '乙县动力电池回收利用项目'));
    const pair = (await pairOf(a, imported!.id))!;
    expect(pair.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['similarName', 'sameAmount']));
    // The bureau's decision about an imported project is a person's record: the import can no longer be reverted.
    expect((await call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair.id}/not-duplicate`, {})).statusCode).toBe(200);
    const revert = await call(t.app, staffB, 'POST', `/api/imports/${(preview.json() as { id: number }).id}/revert`);
    expectApiError(revert, 409, 'import.laterRecords');
    expect((revert.json() as { error: { message: Record<string, string> } }).error.message['zh-CN']).toContain('甄别结论');
  });

  it('the queue is the bureau’s: a county user gets 403 and learns of its own project only that it is under review', async () => {
    expectApiError(await call(t.app, staffA, 'GET', '/api/duplicate-claims'), 403, 'auth.forbidden');
    const leader = await logIn(t.app, 'leader_a');
    expectApiError(await call(t.app, leader, 'GET', '/api/duplicate-claims'), 403, 'auth.forbidden');
    const pair = (await queue()).items.find((c) => c.projectA.unitId === w.countyA.id && c.projectB.unitId === w.countyB.id)!;
    const review = await call(t.app, staffA, 'GET', `/api/projects/${pair.projectA.id}/duplicate-review`);
    expect(review.json()).toEqual({ status: 'underReview', outcome: null, resolvedAt: null, resolvedByName: null, resolvedByUnitName: null });
    // Nothing of the other county's project, which is not its to see at all.
    expect(review.body).not.toContain(String(pair.projectB.id));
    expectApiError(await call(t.app, staffA, 'GET', `/api/projects/${pair.projectB.id}/duplicate-review`), 404, 'notFound');
    expectApiError(await call(t.app, staffA, 'POST', `/api/duplicate-claims/${pair.id}/not-duplicate`, {}), 403, 'auth.forbidden');
    expect((await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, pair.id)))[0]!.status).toBe('open');
  });

  it('"not a duplicate" is audited and remembered: neither an edit nor the nightly scan proposes the pair again', async () => {
    const a = await create(staffA, { name: '甲县储能集装箱项目', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 800_000_000, industryCode: '3841' });
    const b = await create(staffB, { name: '乙县储能集装箱项目', investorEnterpriseId: catl.id, unitId: w.countyB.id, totalInvestmentYuan: 800_000_000, industryCode: '3841' });
    const pair = (await pairOf(a, b))!;
    const decided = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair.id}/not-duplicate`, { reason: '两地分别建设,合同不同' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'notDuplicate', reason: '两地分别建设,合同不同', resolvedByName: w.bureau.displayName });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'duplicateClaim'), eq(auditLog.entityId, String(pair.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', actorUserId: w.bureau.id, before: { status: 'open' }, after: { status: 'notDuplicate' }, reason: '两地分别建设,合同不同' });
    // Decided once: a second decision is refused.
    expectApiError(await call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair.id}/not-duplicate`, {}), 409, 'duplicateClaim.decided');
    await call(t.app, staffB, 'PATCH', `/api/projects/${b}`, { totalInvestmentYuan: 800_000_001 });
    await runDuplicateScan(t.db, new Date('2026-03-03T00:00:00Z'));
    expect(await pairOf(a, b)).toBeUndefined();
    const [row] = await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.id, pair.id));
    expect(row).toMatchObject({ status: 'notDuplicate', scorePermille: pair.scorePermille });
    // The units learn who resolved it, and nothing else.
    const review = (await call(t.app, staffB, 'GET', `/api/projects/${b}/duplicate-review`)).json() as TProjectDuplicateReview;
    expect(review).toMatchObject({ status: 'resolved', outcome: 'notDuplicate', resolvedByName: w.bureau.displayName, resolvedByUnitName: '测试市' });
  });

  it('the nightly scan finds a pair the write paths did not, and drops open pairs that no longer score', async () => {
    // Written behind the services' back (as a restore or a fix in the database would): only the scan sees them.
    const [x] = await t.db.insert(projects).values({ unitId: w.countyA.id, name: '甲县氢能重卡项目', investorEnterpriseId: catl.id, totalInvestmentYuan: 420_000_000, industryCode: '3612' }).returning();
    const [y] = await t.db.insert(projects).values({ unitId: w.countyB.id, name: '乙县氢能重卡项目', investorEnterpriseId: catl.id, totalInvestmentYuan: 420_000_000, industryCode: '3612' }).returning();
    expect(await pairOf(x!.id, y!.id)).toBeUndefined();
    const result = await runDuplicateScan(t.db, new Date('2026-03-03T00:00:00Z'));
    expect(result.open).toBeGreaterThan(0);
    expect(await pairOf(x!.id, y!.id)).toBeDefined();
    await t.db.update(projects).set({ name: '乙县加油站', totalInvestmentYuan: 5_000_000, industryCode: '5265', investorEnterpriseId: w.enterpriseB.id }).where(eq(projects.id, y!.id));
    await runDuplicateScan(t.db, new Date('2026-03-04T00:00:00Z'));
    expect(await pairOf(x!.id, y!.id)).toBeUndefined();
  });

  it('splits the credit through the 首报单位 share: refused while the rules give no share, then audited on the project and the pair', async () => {
    const a = await create(staffA, { name: '甲县钠离子电池项目', investorEnterpriseId: catl.id, unitId: w.countyA.id, totalInvestmentYuan: 2_000_000_000, industryCode: '3841' });
    const b = await create(staffB, { name: '乙县钠离子电池项目', investorEnterpriseId: catl.id, unitId: w.countyB.id, totalInvestmentYuan: 2_000_000_000, industryCode: '3841' });
    const pair = (await pairOf(a, b))!;
    const split = (body: unknown) => call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair.id}/split-credit`, body);
    expectApiError(await split({ keptProjectId: a, reason: '甲县落地,乙县首报' }), 400, 'duplicateClaim.noShare', 'keptProjectId');
    const rules = await call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...DEFAULT_SCOPE_RULES, reportingUnitSharePercent: 30 });
    expect(rules.statusCode, rules.body).toBe(200);
    expectApiError(await split({ keptProjectId: w.projectA.id, reason: '甲县落地,乙县首报' }), 400, 'duplicateClaim.notInPair', 'keptProjectId');
    expectApiError(await split({ keptProjectId: a }), 400, 'validation.required', 'reason');
    const done = await split({ keptProjectId: a, reason: '甲县落地,乙县首报' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json() as TDuplicateClaim).toMatchObject({ status: 'creditSplit', resolution: { keptProjectId: a, creditedUnitId: w.countyB.id, sharePercent: 30 } });
    const [kept] = await t.db.select().from(projects).where(eq(projects.id, a));
    expect(kept!.reportedUnitId).toBe(w.countyB.id);
    const projectAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'project'), eq(auditLog.entityId, String(a)), eq(auditLog.action, 'update')));
    expect(projectAudit.at(-1)).toMatchObject({ actorUserId: w.bureau.id, reason: '甲县落地,乙县首报', after: { reportedUnitId: w.countyB.id } });
    const pairAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'duplicateClaim'), eq(auditLog.entityId, String(pair.id))));
    expect(pairAudit).toHaveLength(1);
    expect((await queue('resolved')).items.map((c) => c.id)).toContain(pair.id);
    const review = (await call(t.app, staffA, 'GET', `/api/projects/${a}/duplicate-review`)).json() as TProjectDuplicateReview;
    expect(review).toMatchObject({ status: 'resolved', outcome: 'creditSplit', resolvedByName: w.bureau.displayName });
  });
});
