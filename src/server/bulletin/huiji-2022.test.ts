import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import type { TBulletin } from '../../shared/bulletin.ts';
import type { TCockpit, TMetricRecords } from '../../shared/cockpit.ts';
import type { TImportBatch } from '../../shared/imports.ts';

/**
 * Seed 002 (惠济区): "2022年,新签约项目27个,签约额383.8亿元;新开工项目22个,投资额289.62亿元". The district's
 * ledger goes in through the real import, and the cockpit and the bulletin must show exactly those numbers.
 */
function huijiLedger(): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (let i = 0; i < 27; i++) {
    // Contract amounts in 万元: 26 × 14亿 + 19.8亿 = 383.8亿. Of them 22 started: 21 × 13亿 + 16.62亿 = 289.62亿 in total investment.
    const contract = i === 26 ? 198_000 : 140_000;
    const total = i < 21 ? 130_000 : i === 21 ? 166_200 : 200_000;
    const month = (i % 12) + 1;
    const started = i < 22 ? `2022-${String(Math.min(12, month + 1)).padStart(2, '0')}-15` : '';
    rows.push([`惠济签约项目${i + 1}`, `惠济合作企业${i + 1}有限公司`, '', '广东省深圳市', total, contract, `2022.${month}.10`, started, '甲县', started ? '在建' : '已签约', '', '']);
  }
  // Signed the year before: last year's figure, not this year's.
  rows.push(['上年签约项目', '惠济合作企业99有限公司', '', '北京市', 50_000, 50_000, '2021.11.5', '', '甲县', '已签约', '', '']);
  return rows;
}

const SCREENSHOTS = new URL('../../../docs/screenshots/', import.meta.url).pathname;
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('惠济 2022 (seed 002) through the ledger import, the cockpit and the bulletin', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
    const file = await ledgerXlsx({ title: '甲县2022年招商引资签约项目台账', sections: [{ title: '一、签约项目', rows: huijiLedger() }] });
    const body = multipartBody('甲县2022年台账.xlsx', file);
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as TImportBatch;
    expect(batch.counts).toMatchObject({ create: 28, refused: 0 });
    const commit = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const targets = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2022,
      items: [
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 25 },
        { unitId: w.countyA.id, metricKey: 'signedContractYuan', value: 35_000_000_000 },
        { unitId: w.countyA.id, metricKey: 'startedCount', value: 20 },
        { unitId: w.countyA.id, metricKey: 'startedInvestmentYuan', value: 28_000_000_000 },
      ],
    });
    expect(targets.statusCode, targets.body).toBe(200);
  });
  afterAll(() => t.close());

  it('shows 27 signed for 383.8亿元 and 22 started for 289.62亿元 on the cockpit, each number adding up from its records', async () => {
    const cockpit = (await call(t.app, staffA, 'GET', '/api/cockpit?from=2022-01-01&to=2022-12-31')).json() as TCockpit;
    const card = (key: string) => cockpit.kpis.find((k) => k.key === key)!;
    expect(card('signedCount')).toMatchObject({ value: 27, lastYear: 1, target: 25, completion: '108.00', growth: '2600.00' });
    expect(card('signedContractYuan')).toMatchObject({ value: 38_380_000_000, target: 35_000_000_000, completion: '109.66' });
    expect(card('startedCount')).toMatchObject({ value: 22, completion: '110.00' });
    expect(card('startedInvestmentYuan')).toMatchObject({ value: 28_962_000_000, completion: '103.44' });
    const records = (await call(t.app, staffA, 'GET', '/api/cockpit/records?from=2022-01-01&to=2022-12-31&key=signedContractYuan')).json() as TMetricRecords;
    expect(records.items).toHaveLength(27);
    expect(records.items.reduce((sum, r) => sum + r.contribution, 0)).toBe(38_380_000_000);
  });

  it('writes the bulletin sentences with exactly those numbers, and the city ranks the district', async () => {
    const own = (await call(t.app, staffA, 'GET', '/api/bulletin?year=2022&month=12')).json() as TBulletin;
    expect(own.items.map((i) => i.sentence)).toEqual([
      '1—12月份，甲县新签约项目27个，完成年度目标任务25个的108.00%，同比增长2600.00%。',
      '1—12月份，甲县新签约项目合同投资额383.80亿元，完成年度目标任务350亿元的109.66%，同比增长7576.00%。',
      '1—12月份，甲县新开工项目22个，完成年度目标任务20个的110.00%，上年同期为零。',
      '1—12月份，甲县新开工项目总投资289.62亿元，完成年度目标任务280亿元的103.44%，上年同期为零。',
    ]);
    // The district's own projects are its 本级 row, so the table adds up to the sentence.
    expect(own.items[0]!.units.map((u) => [u.unitName, u.value, u.rank, u.own])).toEqual([
      ['甲县园区', 0, 1, false],
      ['甲县本级', 27, null, true],
    ]);
    const city = (await call(t.app, bureau, 'GET', '/api/bulletin?year=2022&month=12')).json() as TBulletin;
    const signed = city.items.find((i) => i.metricKey === 'signedContractYuan')!;
    expect(signed.units.find((u) => u.unitId === w.countyA.id)).toMatchObject({ value: 38_380_000_000, rank: 1 });
  });

  it('exports the bulletin as xlsx and as a PDF', async () => {
    const xlsx = await call(t.app, staffA, 'GET', '/api/bulletin/export?year=2022&month=12&format=xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('甲县2022年1—12月份招商引资工作通报.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : []));
    expect(cells).toContain('1—12月份，甲县新签约项目合同投资额383.80亿元，完成年度目标任务350亿元的109.66%，同比增长7576.00%。');

    const pdf = await call(t.app, staffA, 'GET', '/api/bulletin/export?year=2022&month=12&format=pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  // Without poppler this is reported as skipped, with the reason, not passed (CI's REQUIRE_E2E=1 makes it a failure).
  it('writes a PDF whose Chinese text reads back', async (ctx) => {
    if (!hasPoppler && process.env.REQUIRE_E2E === '1') throw new Error('REQUIRE_E2E=1 but pdftotext (poppler-utils) is missing');
    ctx.skip(!hasPoppler, 'no pdftotext (poppler-utils): the PDF text cannot be read back');
    const pdf = await call(t.app, staffA, 'GET', '/api/bulletin/export?year=2022&month=12&format=pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'zs-pdf-'));
    writeFileSync(join(dir, 'bulletin.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'bulletin.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('甲县2022年1—12月份招商引资工作通报');
    expect(text).toContain('新开工项目总投资289.62亿元');
    expect(text).toContain('红榜');
    if (process.env.TEST_DB === 'pglite' && existsSync(SCREENSHOTS)) {
      // The first page as an image, to look at: the fonts must render, not boxes.
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(dir, 'bulletin.pdf'), join(dir, 'page')]);
      renameSync(join(dir, 'page.png'), join(SCREENSHOTS, 'bulletin-pdf.png'));
      expect(readFileSync(join(SCREENSHOTS, 'bulletin-pdf.png')).length).toBeGreaterThan(10_000);
    }
  });
});
