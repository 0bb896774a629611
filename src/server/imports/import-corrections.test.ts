import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import { projects } from '../db/schema.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

const GOOD: LedgerRow = ['冷链物流园项目', '甲县测试企业有限公司', '', '', 3000, '', '2025-05-01', '', '甲县', '已签约', '', ''];
const BAD: LedgerRow = ['错误日期项目', '某某有限公司', '', '', 100, '', '2025.13.1', '', '甲县', '已签约', '', ''];

/**
 * Fixing a refused row in the preview (issue 16): the refused cell is corrected through a re-read instead of a new
 * upload; the row is then read as if the file said so, the commit writes it, and nobody outside the unit can touch it.
 */
describe('fixing a refused row in the import preview', () => {
  let t: TestApp;
  let staffA: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  const uploadOk = async (session: Session, rows: LedgerRow[]) => {
    const body = multipartBody('甲县台账.xlsx', await ledgerXlsx({ title: '甲县2025年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows }] }), {});
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (id: number) => ((await call(t.app, staffA, 'GET', `/api/imports/${id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;

  it('a corrected cell is read as if the file said so, kept over re-reads, and committed', async () => {
    const batch = await uploadOk(staffA, [GOOD, BAD]);
    expect(batch.counts).toMatchObject({ create: 1, refused: 1 });
    const refused = (await rowsOf(batch.id)).find((r) => r.action === 'refused')!;
    expect(refused.refusedCells).toEqual([{ field: 'signedOn', raw: '2025.13.1' }]);

    // Another county's staff cannot see the batch, let alone correct it; the owner's correction of a field no column
    // holds is refused naming the row and field, nothing changed.
    const fix = { sheet: refused.sheet, rowNumber: refused.rowNumber, field: 'signedOn', value: '2025-03-01' };
    expectApiError(await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/reread`, { corrections: [fix] }), 404, 'notFound');
    const unmapped = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/reread`, { corrections: [{ ...fix, field: 'inStatsOn' }] });
    expectApiError(unmapped, 400, 'validation.invalid', 'corrections');
    expect(unmapped.body).toContain(`第${refused.rowNumber}行 入库时间`);

    const fixed = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/reread`, { corrections: [fix] });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((fixed.json() as TImportBatch).counts).toMatchObject({ create: 2, refused: 0 });
    expect((fixed.json() as TImportBatch).corrections).toEqual([fix]);
    expect((await rowsOf(batch.id)).find((r) => r.name === '错误日期项目')).toMatchObject({ action: 'create', signedOn: '2025-03-01', problems: [] });

    // A re-read with another option keeps the correction (it is the batch's, not the request's).
    const again = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/reread`, { year: 2025 });
    expect((again.json() as TImportBatch)).toMatchObject({ counts: { refused: 0 }, corrections: [fix] });

    const committed = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    const [project] = await t.db.select().from(projects).where(eq(projects.name, '错误日期项目'));
    expect(project).toMatchObject({ signedOn: '2025-03-01', totalInvestmentYuan: 1_000_000 });
  });

  it('an empty list clears the corrections: the file as uploaded again', async () => {
    const batch = await uploadOk(staffA, [BAD]);
    const refused = (await rowsOf(batch.id))[0]!;
    const fix = { sheet: refused.sheet, rowNumber: refused.rowNumber, field: 'signedOn', value: '2025-03-01' };
    expect(((await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/reread`, { corrections: [fix] })).json() as TImportBatch).counts.refused).toBe(0);
    const cleared = (await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/reread`, { corrections: [] })).json() as TImportBatch;
    expect(cleared).toMatchObject({ counts: { refused: 1 }, corrections: [] });
  });
});
