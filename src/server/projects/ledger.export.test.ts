import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { multipartBody } from '../../../test/support/ledgers.ts';
import { projects } from '../db/schema.ts';
import type { TImportBatch } from '../../shared/imports.ts';

async function workbookOf(payload: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('ledger exports', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    bureau = await logIn(t.app, 'bureau');
    // County A: a started project in the park with odd amounts, a code and a note; and a confidential one.
    const investor = await t.given.enterprise({ unit: w.countyA, name: '深圳新能源科技有限公司', creditCode: creditCode(21) });
    const started = await t.given.project({ unit: w.parkA, investor, name: '新能源电池项目', totalInvestmentYuan: 50_005_000, stage: 'started' });
    await t.db.update(projects).set({ contractInvestmentYuan: 12_345_678, code: 'JX-2025-001', note: '一期', responsibleLeader: '张三', industryCode: '3841', localIndustry: '新能源' }).where(eq(projects.id, started.id));
    const secret = await t.given.project({ unit: w.countyA, investor, name: '真实名称项目', stage: 'signed' });
    await t.db.update(projects).set({ codeName: '甲县一号' }).where(eq(projects.id, secret.id));
  });
  afterAll(() => t.close());

  const exportOf = async (session: Session, query = '') => {
    const response = await call(t.app, session, 'GET', `/api/projects/export${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    return response.rawPayload;
  };

  it('writes the standard layout: title, unit line, merged two-row header, 序号, exact 合计', async () => {
    const sheet = await workbookOf(await exportOf(staffA));
    expect(sheet.getCell('A1').value).toBe('甲县招商引资项目台账');
    expect(sheet.getCell('A2').value).toBe('单位：万元');
    expect(sheet.getCell('H3').value).toBe('投资额（万元）');
    expect(sheet.getCell('I3').isMerged).toBe(true);
    expect([sheet.getCell('H4').value, sheet.getCell('I4').value]).toEqual(['总投资', '合同投资']);
    expect(sheet.getCell('D4').isMerged).toBe(true);
    const rows = [5, 6, 7].map((r) => sheet.getRow(r).values as unknown[]);
    expect(rows.map((r) => r[1])).toEqual([1, 2, 3]);
    const battery = rows.find((r) => r[4] === '新能源电池项目')!;
    expect(battery.slice(3, 10)).toEqual(['JX-2025-001', '新能源电池项目', '深圳新能源科技有限公司', creditCode(21), '湖北省襄阳市', 5000.5, 1234.5678]);
    expect(battery[15]).toBe('甲县园区');
    expect(battery[16]).toBe('3841 锂离子电池制造');
    expect(battery[17]).toBe('新能源');
    expect(battery[18]).toBe('已开工');
    const total = sheet.getRow(8);
    expect(total.getCell(1).value).toBe('合计');
    // 甲县测试项目 1亿 + 5000.5万 + 真实名称项目 1亿 = 25000.5 万元; contracts 1234.5678 万元.
    expect([total.getCell(8).value, total.getCell(9).value]).toEqual([25000.5, 1234.5678]);
  });

  it('writes 亿元 exactly and exports every row a filter selects, no more', async () => {
    const sheet = await workbookOf(await exportOf(staffA, '?moneyUnit=%E4%BA%BF%E5%85%83&stage=started'));
    expect(sheet.getCell('A2').value).toBe('单位：亿元');
    expect(sheet.getRow(5).getCell(8).value).toBe(0.50005);
    expect(sheet.getRow(6).getCell(1).value).toBe('合计');
  });

  it('hides a confidential project outside its unit, and keeps other counties out', async () => {
    const cityRows = (await workbookOf(await exportOf(bureau))).getSheetValues().slice(5) as unknown[][];
    const names = cityRows.filter(Boolean).map((r) => r[4]);
    expect(names).toContain('甲县一号');
    expect(names).not.toContain('真实名称项目');
    expect(names).toContain('乙县测试项目');
    const countyB = (await workbookOf(await exportOf(staffB))).getSheetValues().slice(5) as unknown[][];
    expect(countyB.filter(Boolean).map((r) => r[4])).toEqual(['乙县测试项目', '1个项目']);
  });

  for (const who of ['staff_a', 'bureau'] as const) {
    it(`round trip (${who}): importing the export changes nothing`, async () => {
      const session = who === 'bureau' ? bureau : staffA;
      const before = await t.db.select().from(projects).orderBy(projects.id);
      const file = await exportOf(session);
      const body = multipartBody('项目台账.xlsx', file);
      const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
      expect(response.statusCode, response.body).toBe(200);
      const batch = response.json() as TImportBatch;
      expect(batch.counts).toMatchObject({ create: 0, update: 0, refused: 0, unchanged: before.filter((p) => who === 'bureau' || [w.countyA.id, w.parkA.id].includes(p.unitId)).length });
      expect((await call(t.app, session, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
      expect(await t.db.select().from(projects).orderBy(projects.id)).toEqual(before);
    });
  }

  it('exports the problems ledger', async () => {
    const raised = await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'land', description: '用地指标未落实' });
    expect(raised.statusCode, raised.body).toBe(200);
    const response = await call(t.app, staffA, 'GET', '/api/problems/export?state=open');
    expect(response.statusCode).toBe(200);
    const sheet = await workbookOf(response.rawPayload);
    expect(sheet.getCell('A1').value).toBe('项目问题台账（截至2026-03-02）');
    expect((sheet.getRow(3).values as unknown[]).slice(1, 5)).toEqual([1, '甲县测试项目', '用地', '用地指标未落实']);
    const other = await workbookOf((await call(t.app, staffB, 'GET', '/api/problems/export')).rawPayload);
    expect(other.rowCount).toBe(2);
  });
});
