import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import type { TTarget } from '../../shared/targets.ts';

describe('the target grid as xlsx', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const upload = (session: Session, content: Buffer, year = '2027') => {
    const body = multipartBody('目标任务.xlsx', content, { year });
    return t.app.inject({ method: 'POST', url: '/api/targets/import', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
  };
  const exported = async (session: Session, year: number) => {
    const response = await call(t.app, session, 'GET', `/api/targets/export?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };
  const grid = async (year: number) =>
    ((await call(t.app, bureau, 'GET', `/api/targets?year=${year}`)).json().items as TTarget[]).map((i) => [i.unitId, i.metricKey, i.value]);

  it('exports the year as a grid (units × metrics, 亿元 and 万美元) and the same file imported sets exactly that grid', async () => {
    await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.city.id, metricKey: 'signedContractYuan', value: 58_900_000_000 },
        { unitId: w.countyA.id, metricKey: 'signedContractYuan', value: 1_250_000_001 },
        { unitId: w.countyA.id, metricKey: 'signedCount', value: 12 },
        { unitId: w.countyB.id, metricKey: 'fundsArrivedForeignUsd', value: 3_500_000 },
      ],
    });
    const workbook = await exported(bureau, 2026);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('2026年招商引资目标任务');
    const header = (sheet.getRow(3).values as string[]).slice(1);
    expect(header[0]).toBe('单位');
    const column = (title: string) => header.indexOf(title) + 1;
    const rowOf = (name: string) => [1, 2, 3, 4, 5, 6, 7, 8].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === name)!;
    expect(rowOf('测试市').getCell(column('新签约项目合同投资额（亿元）')).value).toBe(589);
    expect(rowOf('甲县').getCell(column('新签约项目合同投资额（亿元）')).value).toBe(12.50000001);
    expect(rowOf('乙县').getCell(column('实际利用外资（万美元）')).value).toBe(350);

    const before = await grid(2026);
    const again = await upload(bureau, Buffer.from(await workbook.xlsx.writeBuffer()), '2027');
    expect(again.statusCode, again.body).toBe(200);
    expect(await grid(2027)).toEqual(before);
  });

  it('sets filled cells, clears blank ones, and names the row and column of a bad cell without writing anything', async () => {
    const workbook = await exported(bureau, 2027);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(3).values as string[]).slice(1);
    const column = (title: string) => header.indexOf(title) + 1;
    const countyA = [4, 5, 6, 7].map((r) => sheet.getRow(r)).find((r) => r.getCell(1).value === '甲县')!;
    countyA.getCell(column('新签约项目（个）')).value = null;
    countyA.getCell(column('新开工项目（个）')).value = '8';
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    countyA.getCell(column('新开工项目总投资（亿元）')).value = '三十亿';
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());

    const before = await grid(2027);
    const refused = await upload(bureau, bad);
    expectApiError(refused, 400, 'targets.badFile', 'file');
    expect(refused.json().error.message['zh-CN']).toContain(`第${countyA.number}行 新开工项目总投资（亿元）：'三十亿' 不是有效金额`);
    expect(await grid(2027)).toEqual(before);

    expect((await upload(bureau, good)).statusCode).toBe(200);
    const after = await grid(2027);
    expect(after).toContainEqual([w.countyA.id, 'startedCount', 8]);
    expect(after.find(([unitId, key]) => unitId === w.countyA.id && key === 'signedCount')).toBeUndefined();
  });

  it('lets only the bureau import, and exports to a county only its own units', async () => {
    const workbook = await exported(bureau, 2027);
    expectApiError(await upload(staffA, Buffer.from(await workbook.xlsx.writeBuffer())), 403, 'auth.forbidden');
    const own = (await exported(staffA, 2027)).worksheets[0]!;
    const names = [4, 5, 6, 7].map((r) => own.getRow(r).getCell(1).value).filter(Boolean);
    expect(names).toEqual(['甲县', '甲县园区']);
    expectApiError(await upload(bureau, Buffer.from('not a spreadsheet at all\u0000')), 400, 'ledger.notASpreadsheet', 'file');
  });
});
