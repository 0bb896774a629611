import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import { twoProjectSheetsWorkbook, yiYuanDetectedWorkbook } from '../../../test/support/messy-ledgers.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

/** Issue 12 through the web page's API: several project sheets, and an amount column's unit kept and shown. */
describe('ledger imports of messy workbooks', () => {
  let t: TestApp;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await (t.given as Given).twoCounties();
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const upload = async (fileName: string, content: Buffer) => {
    const body = multipartBody(fileName, content);
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const reread = async (id: number, options: object) => {
    const response = await call(t.app, staffA, 'POST', `/api/imports/${id}/reread`, options);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (id: number) => ((await call(t.app, staffA, 'GET', `/api/imports/${id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;

  it('previews every project sheet, names rows by sheet, and writes each sheet into the error file under its own name', async () => {
    const batch = await upload(
      '两个工作表.xlsx',
      await twoProjectSheetsWorkbook({
        earlier: [
          [1, '接口光伏项目', '甲县接口光伏有限公司', 50000, '2021.11.2', '2022年4月', '甲县', '在建'],
          [2, '接口坏日期项目', '甲县接口食品有限公司', 6000, '2020.8.8', '2022.13.30', '甲县', '在建'],
        ],
      }),
    );
    expect(batch.sheetsRead.map((s) => [s.name, s.headerRow, s.projectRows])).toEqual([
      ['2022年签约项目', 3, 2],
      ['往年签约今年开工', 3, 2],
    ]);
    expect(batch.sheetChosen).toBe(false);
    expect(batch.counts).toEqual({ create: 3, update: 0, unchanged: 0, refused: 1, skipped: 5 });
    expect(batch.skippedRows).toContainEqual({ sheet: '2022年签约项目', rowNumber: 6, kind: 'total' });
    const rows = await rowsOf(batch.id);
    expect(rows.map((r) => [r.sheet, r.rowNumber, r.action])).toEqual([
      ['2022年签约项目', 4, 'create'],
      ['2022年签约项目', 5, 'create'],
      ['往年签约今年开工', 4, 'create'],
      ['往年签约今年开工', 5, 'refused'],
    ]);
    expect(rows[2]!.warnings).toEqual(['工作表“往年签约今年开工”第4行 开工时间 只写到月份，按当月1日记录']);
    expect(rows[3]!.problems).toEqual(["工作表“往年签约今年开工”第5行 开工时间：'2022.13.30' 不是有效日期"]);

    const errors = await call(t.app, staffA, 'GET', `/api/imports/${batch.id}/errors.xlsx`);
    expect(errors.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['2022年签约项目', '往年签约今年开工']);
    const second = workbook.getWorksheet('往年签约今年开工')!;
    expect(second.getRow(3).getCell(9).value).toBe('错误信息');
    expect(second.getRow(5).getCell(9).value).toBe("工作表“往年签约今年开工”第5行 开工时间：'2022.13.30' 不是有效日期");

    // One sheet chosen reads that sheet alone; '' reads every project sheet again.
    const one = await reread(batch.id, { sheet: '往年签约今年开工' });
    expect([one.sheetChosen, one.sheetsRead.map((s) => s.name), one.counts.create + one.counts.refused]).toEqual([true, ['往年签约今年开工'], 2]);
    const all = await reread(batch.id, { sheet: '' });
    expect([all.sheetChosen, all.sheetsRead.length]).toEqual([false, 2]);
    // A mapping by hand names one sheet's columns: with two project sheets read, the user must choose the sheet.
    const mapped = await reread(batch.id, { sheet: '', mapping: { name: { index: 1 } } });
    expect(mapped.problem).toBe('工作簿中有 2 个项目工作表（“2022年签约项目”、“往年签约今年开工”）：手动指定的列对应只适用于一个工作表，请先选择工作表');
  });

  it('keeps the 亿元 a header names when the mapping is fixed by hand without a unit, and shows each amount column\'s unit', async () => {
    const batch = await upload('亿元表头.xlsx', await yiYuanDetectedWorkbook([['1', '接口亿元项目', '甲县测试企业有限公司', '装备制造', '甲县', 25, '2026.1.8']]));
    expect(batch.sheetsRead[0]!.amountUnits).toEqual([{ field: 'totalInvestment', index: 5, label: '计划总投资(亿元)', unit: '亿元', source: 'header', currency: null }]);
    expect((await rowsOf(batch.id))[0]!.totalInvestmentYuan).toBe(2_500_000_000);

    const fixed = await reread(batch.id, { mapping: { name: { index: 1 }, investorName: { index: 2 }, totalInvestment: { index: 5 }, signedOn: { index: 6 } } });
    expect(fixed.sheetsRead[0]!.amountUnits[0]).toMatchObject({ unit: '亿元', source: 'header' });
    expect((await rowsOf(batch.id))[0]!.totalInvestmentYuan).toBe(2_500_000_000);
  });
});
