import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import { LEDGER_LIMITS } from './ledger-reader.ts';
import { readLedgerFileOffThread } from './ledger-worker.ts';
import { defaultReadOptions, readSheetOnce } from './sheet-reads.ts';
import type { TImportBatch } from '../../shared/imports.ts';

/**
 * Issue 18: a 199,990-row CSV preview took 26 s and slowed /api/health to 8 s. The file is now parsed, and its rows
 * read into records, in a worker thread: meanwhile other requests are answered.
 */
const ROWS = 199_990;

function largeCsv(rows: number): Buffer {
  const lines = ['项目名称,投资主体,计划总投资(亿元),签约日期,责任单位'];
  for (let i = 1; i <= rows; i++) lines.push(`大批量项目${i},甲县测试企业有限公司,1.5,2025/8/18,甲县`);
  return Buffer.from(lines.join('\r\n'));
}

describe('a large ledger', () => {
  let t: TestApp;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const upload = (content: Buffer) => {
    const body = multipartBody('大台账.csv', content);
    return t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
  };

  it('is parsed and read into records while /api/health keeps answering', async () => {
    const file = largeCsv(ROWS);
    let done = false;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const reading = readLedgerFileOffThread(file).finally(() => (done = true));
    const waits: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const sheets = await reading;
    loop.disable();
    expect(sheets).toHaveLength(1);
    expect(sheets[0]!.rows).toHaveLength(ROWS + 1);
    expect(sheets[0]!.rows[ROWS]).toEqual([`大批量项目${ROWS}`, '甲县测试企业有限公司', '1.5', '2025/8/18', '甲县']);
    // The records the preview will use were read there too (parsing on this thread took 1.3–5 s here).
    const read = readSheetOnce(sheets[0]!.rows, defaultReadOptions('CSV', 1));
    expect(read.ok && read.records.length).toBe(ROWS);
    expect(read.ok && read.records[0]).toMatchObject({ name: '大批量项目1', totalInvestmentYuan: 150_000_000, signedOn: '2025-08-18' });
    // Many checks ran meanwhile and nearly all were answered at once (a check also waits for the database, which
    // other suites may keep busy, and for a collection of the 200,000 rows this thread receives: generous bounds
    // for a loaded 2-core machine). Parsing here instead held this thread for 1.3–5 s at a time.
    waits.sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits[Math.floor(waits.length * 0.95)]).toBeLessThan(1_000);
    expect(loop.percentile(99) / 1e6).toBeLessThan(250);
  }, 120_000);

  it('previews and stores the whole file while /api/health keeps answering', async () => {
    // Storing the preview as one jsonb value of 199,990 rows (and the file as one bytea) held the embedded database —
    // which runs in this thread — for 12 s after the parse (13.3 s measured at load 2 on 2026-12-02). The rows and
    // the file are now written in pieces (batch-pieces.ts), one statement each, others served between.
    const body = multipartBody('大台账.csv', largeCsv(ROWS));
    let done = false;
    const uploading = t.app
      .inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } })
      .finally(() => (done = true));
    const waits: number[] = [];
    while (!done) {
      const started = performance.now();
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      waits.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const response = await uploading;
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect((response.json() as TImportBatch).counts).toMatchObject({ create: ROWS, refused: 0 });
    waits.sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits[Math.floor(waits.length * 0.95)]).toBeLessThan(1_000);
    // The longest wait: generous for a loaded 2-core machine, and far below the 12 s of one statement.
    expect(waits.at(-1)).toBeLessThan(5_000);
  }, 300_000);

  it('previews a file read off the main thread exactly', async () => {
    const response = await upload(largeCsv(5_000));
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect((response.json() as TImportBatch).counts).toMatchObject({ create: 5_000, refused: 0 });
  }, 60_000);

  it('refuses a file over the row limit, saying so', async () => {
    const lines = ['项目名称,责任单位', ...Array.from({ length: LEDGER_LIMITS.rows + 1 }, () => 'x,甲县')];
    const response = await upload(Buffer.from(lines.join('\n')));
    await expectApiError(response, 400, 'ledger.tooManyRows', 'file');
    expect(response.json().error.message['zh-CN']).toContain('20万行');
  });
});
