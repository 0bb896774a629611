import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import { duplicateClaims, projects, projectStageEvents } from '../db/schema.ts';
import { queryRows } from '../db/client.ts';
import { runDuplicateScan } from '../duplicates/duplicate-claims.job.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

/**
 * Issue 17: a project the bureau merged into another no longer moves stage — not by hand (409 projectMerge.projectMerged)
 * and not by a ledger re-import either: the row is refused naming its row and column, and nothing is written.
 * The test clock reads 2026-03-02; the builder's projects were signed on 2026-01-05.
 */
describe('a ledger import does not move a merged project', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffB: Session;
  let merged: { id: number; name: string };
  let survivor: { id: number };

  /** 乙县's ledger row for its own project, now with a start date. */
  const startRow = (name: string): LedgerRow => [name, '宁德时代新能源科技股份有限公司', '', '', '100000', '', '2026年1月5日', '2026年2月20日', '乙县', '已开工', '', ''];
  const upload = async (rows: LedgerRow[]) => {
    const body = multipartBody('乙县台账.xlsx', await ledgerXlsx({ title: '乙县2026年招商引资项目台账', sections: [{ title: '一、工业项目', rows }] }));
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffB.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (batch: TImportBatch) => ((await call(t.app, staffB, 'GET', `/api/imports/${batch.id}/rows?page=1&pageSize=50`)).json() as { items: TImportRow[] }).items;
  const history = async (projectId: number) => t.db.select().from(projectStageEvents).where(eq(projectStageEvents.projectId, projectId));

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffB = await logIn(t.app, 'staff_b');
    const catl = await t.given.enterprise({ unit: w.city, name: '宁德时代新能源科技股份有限公司', creditCode: creditCode(7) });
    survivor = await t.given.project({ unit: w.countyA, investor: catl, name: '甲县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    merged = await t.given.project({ unit: w.countyB, investor: catl, name: '乙县宁德时代储能电池项目', totalInvestmentYuan: 1_000_000_000 });
    await runDuplicateScan(t.db, new Date('2026-03-02T00:00:00Z'));
    const [pair] = await t.db.select().from(duplicateClaims).where(eq(duplicateClaims.projectBId, merged.id));
    const response = await call(t.app, bureau, 'POST', `/api/duplicate-claims/${pair!.id}/merge`, { survivorProjectId: survivor.id, reason: '同一投资，甲县首报' });
    expect(response.statusCode, response.body).toBe(200);
  });
  afterAll(() => t.close());

  it('refuses the row that would add a stage to the merged project, naming the row and the column; the commit writes nothing', async () => {
    const before = await history(merged.id);
    const batch = await upload([startRow(merged.name)]);
    expect(batch.counts).toMatchObject({ refused: 1, update: 0 });
    const [row] = await rowsOf(batch);
    expect(row).toMatchObject({ action: 'refused', projectId: merged.id });
    expect(row!.problems).toEqual([expect.stringMatching(/第\d+行 开工时间[:：] ?'2026-02-20' 该项目已由招商局甄别合并到其他项目/)]);
    await expectApiError(await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`), 409, 'import.hasRefusals');
    expect(await history(merged.id)).toEqual(before);
    const [project] = await t.db.select().from(projects).where(eq(projects.id, merged.id));
    expect(project).toMatchObject({ stage: 'signed', startedOn: null, mergedIntoId: survivor.id });
  });

  it('a merge between the preview and the commit refuses the whole commit (409 projectMerge.projectMerged, the row and column named), nothing half-written', async () => {
    // Undone, the project moves again: the preview plans the start.
    const [merge] = await queryRows<{ id: number }>(t.db, sql`select id from project_merges where merged_id = ${merged.id} and undone_at is null`);
    const undone = await call(t.app, bureau, 'POST', `/api/project-merges/${merge!.id}/undo`, { reason: '先由乙县补录开工' });
    expect(undone.statusCode, undone.body).toBe(200);
    // A second row creates a project: it must not be written either when the commit is refused.
    const batch = await upload([startRow(merged.name), ['乙县新签约项目', '乙县测试企业有限公司', '', '', '5000', '', '2026年2月1日', '', '乙县', '已签约', '', '']]);
    expect(batch.counts).toMatchObject({ refused: 0, update: 1, create: 1 });
    // Merged again behind the preview's back — as a merge committing just before the import's transaction would be
    // (no audit row, so the commit does not plan the rows again): the commit's own guard catches it.
    await t.db.update(projects).set({ mergedIntoId: survivor.id }).where(eq(projects.id, merged.id));
    const before = await history(merged.id);
    const rowNumber = (await rowsOf(batch)).find((r) => r.projectId === merged.id)!.rowNumber;
    const refused = await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`);
    await expectApiError(refused, 409, 'projectMerge.projectMerged', `rows.${rowNumber}.startedOn`);
    expect(await history(merged.id)).toEqual(before);
    expect(await t.db.select().from(projects).where(eq(projects.name, '乙县新签约项目'))).toEqual([]);
    const [batchAfter] = await queryRows<{ status: string }>(t.db, sql`select status from import_batches where id = ${batch.id}`);
    expect(batchAfter!.status).toBe('previewed');
  });
});
