import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import { importBatchFiles, importBatchRows } from '../db/schema.ts';
import { FILE_PIECE_BYTES, PREVIEW_PIECE_ROWS, readBatchFile } from './batch-pieces.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

/**
 * Issue 18: a batch's file and preview rows are stored in pieces, one statement each, so that storing a large
 * preview does not hold the embedded database (and every other request) for seconds. These tests show the pieces
 * add up to what was uploaded and previewed, and that a batch whose pieces were not all written is never read as if
 * they were.
 */
function csv(rows: number, padding = ''): Buffer {
  const lines = ['项目名称,投资主体,计划总投资(亿元),签约日期,责任单位,备注'];
  for (let i = 1; i <= rows; i++) lines.push(`分块项目${i},甲县测试企业有限公司,1.5,2025/8/18,甲县,${padding}`);
  return Buffer.from(lines.join('\r\n'));
}

describe('a batch stored in pieces', () => {
  let t: TestApp;
  let staffA: Session;
  const ROWS = PREVIEW_PIECE_ROWS * 2 + 17;
  // Each row padded so that the file spans several pieces of bytes too.
  const file = csv(ROWS, '备'.repeat(200));
  let batch: TImportBatch;

  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    const body = multipartBody('分块台账.csv', file);
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    batch = response.json();
  }, 120_000);
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: staffA.cookie } });
  const allRows = async (): Promise<TImportRow[]> => {
    const response = await get(`/api/imports/${batch.id}/rows?pageSize=500&page=1`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const total = response.json().total as number;
    const rows: TImportRow[] = [];
    for (let page = 1; (page - 1) * 500 < total; page++) rows.push(...(await get(`/api/imports/${batch.id}/rows?pageSize=500&page=${page}`)).json().items);
    return rows;
  };

  it('keeps every preview row, in order, across its pieces', async () => {
    const pieces = await t.db.select({ piece: importBatchRows.piece }).from(importBatchRows).where(eq(importBatchRows.batchId, batch.id));
    expect(pieces.map((p) => p.piece).sort((a, b) => a - b)).toEqual([0, 1, 2]);
    const rows = await allRows();
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    expect(rows[ROWS - 1]).toMatchObject({ action: 'create', name: `分块项目${ROWS}` });
  });

  it('keeps the uploaded file byte for byte across its pieces', async () => {
    const pieces = await t.db.select({ piece: importBatchFiles.piece }).from(importBatchFiles).where(eq(importBatchFiles.batchId, batch.id));
    expect(pieces.length).toBe(Math.ceil(file.length / FILE_PIECE_BYTES));
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.compare((await readBatchFile(t.db, batch.id))!, file)).toBe(0);
  });

  it('checks the preview again from the file when a piece of rows is missing, and stores it whole', async () => {
    await t.db.delete(importBatchRows).where(sql`${importBatchRows.batchId} = ${batch.id} and ${importBatchRows.piece} = 1`);
    const rows = await allRows();
    expect(rows).toHaveLength(ROWS);
    expect(rows[PREVIEW_PIECE_ROWS]).toMatchObject({ rowNumber: PREVIEW_PIECE_ROWS + 2, name: `分块项目${PREVIEW_PIECE_ROWS + 1}` });
    const pieces = await t.db.select({ piece: importBatchRows.piece }).from(importBatchRows).where(eq(importBatchRows.batchId, batch.id));
    expect(pieces).toHaveLength(3);
  });

  it('refuses to read a file whose pieces were not all written, saying to upload it again', async () => {
    await t.db.delete(importBatchFiles).where(sql`${importBatchFiles.batchId} = ${batch.id} and ${importBatchFiles.piece} = 1`);
    expect(await readBatchFile(t.db, batch.id)).toBeNull();
    // Other uploads push this batch's file, as read at upload, out of the server's small cache of recent ones.
    for (let i = 0; i < 5; i++) {
      const body = multipartBody(`小台账${i}.csv`, csv(1));
      expect((await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } })).statusCode).toBe(200);
    }
    const response = await t.app.inject({ method: 'POST', url: `/api/imports/${batch.id}/reread`, payload: { year: 2025 }, headers: { cookie: staffA.cookie } });
    await expectApiError(response, 409, 'import.fileIncomplete');
  });
});
