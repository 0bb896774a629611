import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TBoardItem } from '../../shared/deadlines.ts';

describe('the 督办 export and the 挂图作战 board', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let lateId: number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    const late = await call(t.app, staffA, 'POST', '/api/projects', { name: '逾期未注册项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 123_456_700 });
    lateId = late.json().id;
    await call(t.app, staffA, 'POST', `/api/projects/${lateId}/stage`, { to: 'signed', date: '2025-11-20', evidence: { contractNo: 'L-1' } });
  });
  afterAll(() => t.close());

  it('exports every row the filter selects as an xlsx with a title row, a header and 序号', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/supervision/export', headers: { cookie: staffA.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('督办清单-2026-03-02.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('督办清单')!;
    expect(sheet.getCell('A1').value).toBe('招商项目督办清单(截至2026-03-02)');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '项目名称', '落地单位', '阶段', '总投资(万元)', '期限要求', '应完成日期', '状态', '逾期天数']);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([1, '逾期未注册项目', '甲县', '签约', 12345.67, '签约后2个月内完成注册', '2026-01-20', '逾期', 41]);
    expect((sheet.getRow(4).values as unknown[]).slice(1, 3)).toEqual([2, '甲县测试项目']);
    expect(sheet.rowCount).toBe(4);
  });

  it('names the responsible people, and shows a confidential project by its code name outside its unit', async () => {
    await call(t.app, staffA, 'PATCH', `/api/projects/${lateId}`, { responsibleLeader: '王副县长', responsibleOfficerId: w.staffA.id, codeName: 'X-7号项目' });
    const own = (await call(t.app, staffA, 'GET', '/api/supervision')).json() as { items: { projectId: number; projectName: string; responsible: string }[] };
    expect(own.items.find((i) => i.projectId === lateId)).toMatchObject({ projectName: '逾期未注册项目', responsible: `王副县长 / ${w.staffA.displayName}` });
    const bureau = await logIn(t.app, 'bureau');
    const city = (await call(t.app, bureau, 'GET', '/api/supervision')).json() as { items: { projectId: number; projectName: string }[] };
    expect(city.items.find((i) => i.projectId === lateId)!.projectName).toBe('X-7号项目');
    await call(t.app, staffA, 'PATCH', `/api/projects/${lateId}`, { codeName: null });
  });

  it("narrowed to a county, the list and the board take in its parks' projects and no other county's", async () => {
    const inPark = await call(t.app, staffA, 'POST', '/api/projects', { name: '园区逾期项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.parkA.id, totalInvestmentYuan: 1 });
    await call(t.app, staffA, 'POST', `/api/projects/${inPark.json().id}/stage`, { to: 'signed', date: '2025-12-01', evidence: { contractNo: 'P-1' } });
    const bureau = await logIn(t.app, 'bureau');
    const unitOf = new Map((await queryRows<{ id: number; unitId: number }>(t.db, sql`select id, unit_id as "unitId" from projects`)).map((p) => [p.id, p.unitId]));
    const itemsOf = async (url: string) => ((await call(t.app, bureau, 'GET', url)).json() as { items: { projectId: number }[]; total: number });
    for (const path of ['/api/supervision', '/api/supervision/board']) {
      const everything = (await itemsOf(`${path}?pageSize=100`)).items.map((i) => i.projectId);
      expect(everything).toEqual(expect.arrayContaining([lateId, inPark.json().id, w.projectB.id]));
      for (const [unitId, subtree] of [
        [w.countyA.id, [w.countyA.id, w.parkA.id]],
        [w.parkA.id, [w.parkA.id]],
        [w.countyB.id, [w.countyB.id]],
      ] as const) {
        const page = await itemsOf(`${path}?pageSize=100&unitId=${unitId}`);
        const expected = everything.filter((id) => (subtree as readonly number[]).includes(unitOf.get(id)!));
        expect(page.items.map((i) => i.projectId), `${path} unit ${unitId}`).toEqual(expected);
        expect(page.total).toBe(expected.length);
      }
    }
  });

  it('shows each project’s milestones against its deadlines', async () => {
    const board = (await call(t.app, staffA, 'GET', '/api/supervision/board')).json() as { items: TBoardItem[] };
    const late = board.items.find((i) => i.projectId === lateId)!;
    expect(late.stageDates).toEqual({ signed: '2025-11-20' });
    expect(late.deadlines.map((d) => [d.ruleKey, d.dueDate, d.status, d.colour])).toEqual([
      ['signedToRegistered', '2026-01-20', 'overdue', 'red'],
      ['signedToStarted', '2026-05-20', 'onTrack', 'green'],
    ]);
    expect(board.items[0]!.projectId).toBe(lateId);
  });
});
