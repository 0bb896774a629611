import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { and, eq as eqCol } from 'drizzle-orm';
import { auditLog, notifications } from '../db/schema.ts';
import { runReminderJob } from '../reminders/reminders.job.ts';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import type { TBoardItem, TSupervisionItem, TSupervisionUnitCount } from '../../shared/deadlines.ts';
import type { TNotification } from '../../shared/notifications.ts';

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
    expect(sheet.getCell('A1').value).toBe('招商项目督办清单（截至2026-03-02）');
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '项目名称', '落地单位', '阶段', '总投资（万元）', '期限要求', '应完成日期', '状态', '逾期天数']);
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

  // Catches: supervision.service.ts searching `projects.name ilike …` for every caller (a search from outside the unit
  // then confirmed a confidential project's real name, though the row showed only its code name).
  it("finds a confidential project by its real name only in its own unit, by its code name everywhere, on every search that lists it", async () => {
    await call(t.app, staffA, 'PATCH', `/api/projects/${lateId}`, { codeName: 'X-7号项目' });
    const bureau = await logIn(t.app, 'bureau');
    const idsFound = async (who: Session, path: string, q: string) => {
      const body = (await call(t.app, who, 'GET', `${path}?q=${encodeURIComponent(q)}&pageSize=100`)).json() as { items: ({ projectId: number } | { id: number })[] };
      return body.items.map((i) => ('projectId' in i ? i.projectId : i.id));
    };
    for (const path of ['/api/supervision', '/api/supervision/board', '/api/projects']) {
      expect(await idsFound(staffA, path, '未注册'), `${path} in 甲县 by the real name`).toContain(lateId);
      expect(await idsFound(bureau, path, '未注册'), `${path} from the bureau by the real name`).not.toContain(lateId);
      expect(await idsFound(bureau, path, 'X-7'), `${path} from the bureau by the code name`).toContain(lateId);
    }
    const exported = await t.app.inject({ method: 'GET', url: `/api/supervision/export?q=${encodeURIComponent('未注册')}`, headers: { cookie: bureau.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const names = workbook.getWorksheet('督办清单')!.getColumn(2).values.slice(3);
    expect(names).not.toContain('X-7号项目');
    expect(names).not.toContain('逾期未注册项目');
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

  it('counts the whole filtered list per unit, groups the rows by unit on request, and warns where no 责任人 is named', async () => {
    const bureau = await logIn(t.app, 'bureau');
    const page = (await call(t.app, bureau, 'GET', '/api/supervision?pageSize=1&groupBy=unit')).json() as {
      items: TSupervisionItem[];
      total: number;
      units: TSupervisionUnitCount[];
    };
    // Counts over every row the filter selects, not the one row of the page.
    expect(page.items).toHaveLength(1);
    expect(page.units.reduce((sum, u) => sum + u.total, 0)).toBe(page.total);
    const countyA = page.units.find((u) => u.unitId === w.countyA.id)!;
    expect(countyA).toMatchObject({ unitName: '甲县', total: 2, overdue: 1 });
    expect(page.units.find((u) => u.unitId === w.countyB.id)).toMatchObject({ unitName: '乙县', total: 1, overdue: 0 });
    // By unit, in the tree's order: every row of 甲县 before 甲县's park and before 乙县.
    const all = (await call(t.app, bureau, 'GET', '/api/supervision?pageSize=100&groupBy=unit')).json() as { items: TSupervisionItem[] };
    const order = all.items.map((i) => i.unitName);
    const runs = order.filter((name, i) => order[i - 1] !== name);
    expect(runs).toEqual(['甲县', '甲县园区', '乙县'].filter((name) => order.includes(name)));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const late = all.items.find((i) => i.projectId === lateId)!;
    expect(late).toMatchObject({ officerMissing: false, remindedToday: false });
    expect(all.items.find((i) => i.projectId === w.projectB.id)).toMatchObject({ officerMissing: true, responsible: null });
  });

  it('催办: sends the deadline’s bell reminder now to the unit and the officer, audited, once a deadline a day', async () => {
    // The job has reminded already and staff_a has read it: 催办 makes it unread and new again.
    await runReminderJob({ db: t.db, now: t.clock.now(), send: async () => ({ ok: true, detail: '' }) });
    await call(t.app, staffA, 'POST', '/api/notifications/read-all');
    const response = await call(t.app, staffA, 'POST', '/api/supervision/reminders', { projectId: lateId, ruleKey: 'signedToRegistered' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ projectId: lateId, ruleKey: 'signedToRegistered', dueOn: '2026-01-20', level: 'overdue', recipients: 2, officerMissing: false });
    const rows = await t.db.select().from(notifications).where(and(eqCol(notifications.projectId, lateId), eqCol(notifications.ruleKey, 'signedToRegistered')));
    expect(rows.map((r) => [r.recipient, r.level, r.readAt]).sort()).toEqual([
      [`unit:${w.countyA.id}`, 'overdue', null],
      [`user:${w.staffA.id}`, 'overdue', null],
    ]);
    const bell = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { items: TNotification[] };
    expect(bell.items.filter((n) => n.projectId === lateId)).toMatchObject([{ ruleKey: 'signedToRegistered', level: 'overdue', personal: true, read: false }]);
    const audit = await t.db.select().from(auditLog).where(and(eqCol(auditLog.entity, 'project'), eqCol(auditLog.entityId, String(lateId)), eqCol(auditLog.action, 'remind')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ unitId: w.countyA.id, actorUserId: w.staffA.id, after: { ruleKey: 'signedToRegistered', dueOn: '2026-01-20', level: 'overdue' } });
    const listed = (await call(t.app, staffA, 'GET', '/api/supervision?pageSize=100')).json() as { items: TSupervisionItem[] };
    expect(listed.items.find((i) => i.projectId === lateId)!.remindedToday).toBe(true);

    // Once a deadline a day: the second is refused and writes nothing.
    expectApiError(await call(t.app, staffA, 'POST', '/api/supervision/reminders', { projectId: lateId, ruleKey: 'signedToRegistered' }), 429, 'supervision.remindedToday', 'ruleKey');
    // A deadline on track is not on the clock; a leader reads only.
    expectApiError(await call(t.app, staffA, 'POST', '/api/supervision/reminders', { projectId: lateId, ruleKey: 'signedToStarted' }), 409, 'supervision.notOnTheClock', 'ruleKey');
    expectApiError(await call(t.app, await logIn(t.app, 'leader_a'), 'POST', '/api/supervision/reminders', { projectId: lateId, ruleKey: 'signedToRegistered' }), 403, 'auth.readOnly');
    // A project with no officer reaches its unit alone, and says so.
    const unitOnly = await call(t.app, await logIn(t.app, 'staff_b'), 'POST', '/api/supervision/reminders', { projectId: w.projectB.id, ruleKey: 'signedToRegistered' });
    expect(unitOnly.json()).toMatchObject({ recipients: 1, officerMissing: true });
    expect((await t.db.select().from(auditLog).where(and(eqCol(auditLog.action, 'remind')))).length).toBe(2);

    // The next day it may be sent again.
    t.clock.advanceMinutes(60 * 24);
    staffA = await logIn(t.app, 'staff_a');
    expect((await call(t.app, staffA, 'POST', '/api/supervision/reminders', { projectId: lateId, ruleKey: 'signedToRegistered' })).statusCode).toBe(200);
  });
});
