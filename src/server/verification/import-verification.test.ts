import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import { auditLog, projects, stageVerifications } from '../db/schema.ts';
import type { TImportBatch } from '../../shared/imports.ts';
import type { TMetricValues } from '../../shared/metrics.ts';
import type { TVerificationPage } from '../../shared/stage-verifications.ts';

// A unit must not bypass 核实 by importing its ledger (issue 17). The test clock reads 2026-03-02 in China.
describe('stage changes written by a ledger import go under verification (核实)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;
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
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings(false))).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  const signing = (name: string, amount: string, date = '2026年2月10日'): LedgerRow => [name, '甲县测试企业有限公司', '', '', amount, '', date, '', '甲县', '已签约', '', ''];
  const importLedger = async (rows: LedgerRow[]) => {
    const body = multipartBody('甲县台账.xlsx', await ledgerXlsx({ title: '甲县2026年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows }] }));
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as TImportBatch;
    const commit = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    return batch;
  };
  const revert = (batch: TImportBatch) => call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
  const projectId = async (name: string) => (await t.db.select({ id: projects.id }).from(projects).where(eq(projects.name, name)))[0]?.id;
  const queue = async (session: Session) => (await call(t.app, session, 'GET', '/api/stage-verifications')).json() as TVerificationPage;
  const signedCount = async (session: Session) => {
    const response = await call(t.app, session, 'GET', '/api/metrics?from=2026-02-01&to=2026-02-28&keys=signedCount');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as TMetricValues).items.find((m) => m.key === 'signedCount')!.value;
  };

  let bigId: number;
  let smallId: number;
  let firstBatch: TImportBatch;

  it('a signing of 2亿 is reported and waits for the bureau; one of 0.5亿 is not; nobody else sees it', async () => {
    const batch = (firstBatch = await importLedger([signing('导入大项目', '2亿'), signing('导入小项目', '5000')]));
    bigId = (await projectId('导入大项目'))!;
    smallId = (await projectId('导入小项目'))!;
    expect(bigId).toBeDefined();
    expect(smallId).toBeDefined();

    const waiting = (await queue(bureau)).items;
    expect(waiting.filter((v) => v.projectId === bigId)).toMatchObject([{ stage: 'signed', status: 'reported', unitId: w.countyA.id, happenedOn: '2026-02-10' }]);
    expect(waiting.filter((v) => v.projectId === smallId)).toEqual([]);
    const rows = await t.db.select().from(stageVerifications).where(inArray(stageVerifications.projectId, [bigId, smallId]));
    expect(rows).toHaveLength(1);
    // Exactly the record a move by hand makes: the reporter, one step, the stage record it points at.
    expect(rows[0]).toMatchObject({ projectId: bigId, status: 'reported', reportedBy: w.staffA.id, decidedAt: null, reviewerDepartmentId: null });
    expect(rows[0]!.steps).toMatchObject([{ status: 'reported', by: w.staffA.id, reason: null }]);
    // Audited, marked with the batch.
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'stageVerification'), eq(auditLog.entityId, String(rows[0]!.id))));
    expect(audits).toMatchObject([{ action: 'create', importBatchId: batch.id, unitId: w.countyA.id }]);
    // The other county learns nothing of it; the unit follows its own.
    expect((await queue(staffB)).items.filter((v) => v.projectId === bigId)).toEqual([]);
    expect((await queue(staffA)).items.filter((v) => v.projectId === bigId)).toHaveLength(1);
  });

  it('with "count confirmed only" the figures leave the imported 2亿 signing out until the bureau confirms it', async () => {
    expect(await signedCount(bureau)).toBe(2);
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings(true))).statusCode).toBe(200);
    expect(await signedCount(bureau)).toBe(1);
    const records = await call(t.app, bureau, 'GET', '/api/cockpit/records?key=signedCount&from=2026-02-01&to=2026-02-28');
    expect(records.statusCode, records.body).toBe(200);
    expect((records.json() as { items: { projectName: string }[] }).items.map((r) => r.projectName)).toEqual(['导入小项目']);

    const id = (await queue(bureau)).items.find((v) => v.projectId === bigId)!.id;
    const confirmed = await call(t.app, bureau, 'POST', `/api/stage-verifications/${id}/decision`, { action: 'confirm' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await signedCount(bureau)).toBe(2);
  });

  it('a confirmed report is the bureau’s decision: it stops the revert of the import, named', async () => {
    const refused = await revert(firstBatch);
    await expectApiError(refused, 409, 'import.laterRecords');
    expect((refused.json() as { error: { message: Record<string, string> } }).error.message['zh-CN']).toContain('核实记录');
    expect(await projectId('导入大项目')).toBe(bigId);
  });

  it('reverting an import withdraws its waiting reports: of a project it created, and of one it moved', async () => {
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', settings(false))).statusCode).toBe(200);
    const existing = await t.given.project({ unit: w.countyA, investor: w.enterpriseA, stage: 'lead', totalInvestmentYuan: 300_000_000, name: '已有线索项目' });
    const batch = await importLedger([signing('再导入大项目', '3亿'), signing('已有线索项目', '3亿')]);
    const createdId = (await projectId('再导入大项目'))!;
    const reported = await t.db.select().from(stageVerifications).where(inArray(stageVerifications.projectId, [createdId, existing.id]));
    expect(reported.map((r) => [r.projectId, r.status]).sort()).toEqual([[createdId, 'reported'], [existing.id, 'reported']].sort());
    expect((await queue(bureau)).items.filter((v) => v.projectId === existing.id || v.projectId === createdId)).toHaveLength(2);

    const reverted = await revert(batch);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect((await queue(bureau)).items.filter((v) => v.projectId === existing.id || v.projectId === createdId)).toEqual([]);
    // The moved project keeps its record, withdrawn with the revert's reason; the created one's went with it.
    const [kept] = await t.db.select().from(stageVerifications).where(eq(stageVerifications.projectId, existing.id));
    expect(kept).toMatchObject({ status: 'withdrawn' });
    expect((kept!.steps as { status: string; reason: string | null }[]).at(-1)).toMatchObject({ status: 'withdrawn', reason: `撤销导入批次 #${batch.id}` });
    expect(await projectId('再导入大项目')).toBeUndefined();
    const withdrawals = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'stageVerification'), eq(auditLog.action, 'update'), eq(auditLog.importBatchId, batch.id)));
    expect(withdrawals.map((a) => Number(a.entityId)).sort()).toEqual(reported.map((r) => r.id).sort());
    expect(withdrawals.every((a) => (a.after as { status: string }).status === 'withdrawn')).toBe(true);
  });

  it('the city’s own projects are not reported, as by hand (there is no one above the bureau)', async () => {
    // Rule on every signing: only the county's waits.
    expect((await call(t.app, bureau, 'PUT', '/api/verification-settings', { ...settings(false), rules: [{ stage: 'signed', minYuan: 0, reviewerDepartmentId: null }] })).statusCode).toBe(200);
    const body = multipartBody('市本级台账.xlsx', await ledgerXlsx({ title: '测试市2026年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows: [['市本级导入项目', '甲县测试企业有限公司', '', '', '2亿', '', '2026年2月12日', '', '测试市', '已签约', '', ''], ['市局代录甲县项目', '甲县测试企业有限公司', '', '', '2亿', '', '2026年2月12日', '', '甲县', '已签约', '', '']] }] }));
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: bureau.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const commit = await call(t.app, bureau, 'POST', `/api/imports/${(upload.json() as TImportBatch).id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const cityProject = await projectId('市本级导入项目');
    expect(cityProject).toBeDefined();
    expect((await t.db.select({ unitId: projects.unitId }).from(projects).where(eq(projects.id, cityProject!)))[0]!.unitId).toBe(w.city.id);
    expect(await t.db.select().from(stageVerifications).where(eq(stageVerifications.projectId, cityProject!))).toEqual([]);
    // The county's project in the same ledger waits, whoever imported it.
    const countyProject = (await projectId('市局代录甲县项目'))!;
    expect(await t.db.select({ status: stageVerifications.status }).from(stageVerifications).where(eq(stageVerifications.projectId, countyProject))).toEqual([{ status: 'reported' }]);
  });
});
