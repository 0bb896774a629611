import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody } from '../../../test/support/ledgers.ts';
import { auditLog, corrections, units } from '../db/schema.ts';
import type { TBulletin } from '../../shared/bulletin.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';
import type { TProjectLifecycle } from '../../shared/project-stages.ts';

/** The test clock says 2026-03-02: January and February have ended, March has not. */
describe('month close', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let closedBulletin: TBulletin;

  const bulletin = async (session: Session, month: number) => {
    const response = await call(t.app, session, 'GET', `/api/bulletin?year=2026&month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBulletin;
  };
  const newProject = async (name: string) =>
    (await call(t.app, staffA, 'POST', '/api/projects', { name, investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 500_000_000 })).json().id as number;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    await call(t.app, bureau, 'PUT', '/api/targets', { year: 2026, items: [{ unitId: w.city.id, metricKey: 'signedCount', value: 10 }] });
  });
  afterAll(() => t.close());

  it('closes an ended month once, by the bureau only, audited', async () => {
    expectApiError(await call(t.app, staffA, 'POST', '/api/closes', { year: 2026, month: 2 }), 403, 'auth.forbidden');
    expectApiError(await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 3 }), 400, 'month.notEnded', 'month');
    const before = await bulletin(bureau, 2);
    const countyBefore = await bulletin(staffA, 2);
    expect(before.closedAt).toBeNull();
    const closed = await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 });
    expect(closed.statusCode, closed.body).toBe(200);
    expectApiError(await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 }), 409, 'month.alreadyClosed', 'month');
    expectApiError(await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 1 }), 409, 'month.alreadyClosed', 'month');
    expect((await call(t.app, staffA, 'GET', '/api/closes')).json().items).toEqual([{ year: 2026, month: 2, closedAt: closed.json().closedAt }]);
    closedBulletin = await bulletin(bureau, 2);
    expect(closedBulletin).toEqual({ ...before, closedAt: closed.json().closedAt });
    // A county's bulletin from the kept figures, its own records (本级) derived from its subtree less its park's.
    expect(await bulletin(staffA, 2)).toEqual({ ...countyBefore, closedAt: closed.json().closedAt });
    expect(countyBefore.items[0]!.units.find((u) => u.own)).toMatchObject({ unitName: '甲县本级', value: 1 });
    expect(closedBulletin.items[0]!.sentence).toBe('1—2月份，全市新签约项目2个，完成年度目标任务10个的20.00%，上年同期为零。');
    expect(await t.db.select().from(auditLog).where(eq(auditLog.entity, 'monthClose'))).toHaveLength(1);
  });

  it('takes a signing dated in a closed month only as a correction with a reason', async () => {
    const late = await newProject('迟报签约项目');
    const noReason = await call(t.app, staffA, 'POST', `/api/projects/${late}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo: 'HT-01' } });
    expectApiError(noReason, 409, 'month.closed', 'reason');
    expect(noReason.json().error.message['zh-CN']).toContain('2026年2月已关账');
    const moved = await call(t.app, staffA, 'POST', `/api/projects/${late}/stage`, { to: 'signed', date: '2026-02-10', evidence: { contractNo: 'HT-01' }, reason: '2月签约,当月漏报' });
    expect(moved.statusCode, moved.body).toBe(200);
    // A signing in March, an open month, needs nothing.
    const open = await newProject('三月签约项目');
    expect((await call(t.app, staffA, 'POST', `/api/projects/${open}/stage`, { to: 'signed', date: '2026-03-01', evidence: { contractNo: 'HT-02' } })).statusCode).toBe(200);
  });

  it('takes funds dated in a closed month, their voiding, and figure edits of a counted project only with a reason', async () => {
    const funds = (body: object) => call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/funds`, { source: 'outOfProvince', amountYuan: 5_000_000, evidenceRef: '回单', ...body });
    expectApiError(await funds({ arrivedOn: '2026-02-20' }), 409, 'month.closed', 'correctionReason');
    const entry = await funds({ arrivedOn: '2026-02-20', correctionReason: '银行回单迟到' });
    expect(entry.statusCode, entry.body).toBe(200);
    const entryId = entry.json().entries.at(-1).id;
    expect((await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/funds/${entryId}/void`, { reason: '重复录入' })).statusCode).toBe(200);

    // projectA was signed in January: its amounts count in the closed months.
    expectApiError(await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { totalInvestmentYuan: 900_000_000 }), 409, 'month.closed', 'correctionReason');
    expect((await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { totalInvestmentYuan: 900_000_000, correctionReason: '合同补充协议' })).statusCode).toBe(200);
    // A change that moves no figure is no correction.
    expect((await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { responsibleLeader: '李副县长' })).statusCode).toBe(200);
    const kept = await t.db.select().from(corrections);
    expect(kept.map((c) => [c.closedMonth, c.summary, c.reason])).toEqual([
      ['2026-02', '签约 2026-02-10', '2月签约,当月漏报'],
      ['2026-02', '补录到位资金 500万元 2026-02-20', '银行回单迟到'],
      ['2026-02', '作废到位资金 500万元 2026-02-20', '重复录入'],
      ['2026-01', '修改总投资', '合同补充协议'],
    ]);
  });

  it('reproduces the closed bulletin exactly, and lists the corrections in the next one', async () => {
    await t.db.update(units).set({ name: '甲县(改名)' }).where(eq(units.id, w.countyA.id));
    expect(await bulletin(bureau, 2)).toEqual(closedBulletin);
    const next = await bulletin(bureau, 3);
    expect(next.closedAt).toBeNull();
    expect(next.items[0]!.value).toBe(4); // the late signing counts from now on, with March's
    expect(next.corrections.map((c) => [c.unitName, c.projectName, c.summary, c.reason])).toEqual([
      ['甲县(改名)', '迟报签约项目', '签约 2026-02-10', '2月签约,当月漏报'],
      ['甲县(改名)', '甲县测试项目', '补录到位资金 500万元 2026-02-20', '银行回单迟到'],
      ['甲县(改名)', '甲县测试项目', '作废到位资金 500万元 2026-02-20', '重复录入'],
      ['甲县(改名)', '甲县测试项目', '修改总投资', '合同补充协议'],
    ]);
    expect(next.corrections[0]!.recordedBy).toBe(w.staffA.displayName);
    // The files say so too: the closed month's title carries 已关账, the next one lists the corrections.
    const cells = async (month: number) => {
      const file = await call(t.app, bureau, 'GET', `/api/bulletin/export?year=2026&month=${month}&format=xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
      return workbook.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : []));
    };
    expect((await cells(2)).some((c) => c.includes('招商引资工作通报（已关账：'))).toBe(true);
    const march = await cells(3);
    expect(march).toContain('更正情况');
    expect(march.some((c) => c.includes('迟报签约项目（2026-02）：签约 2026-02-10。原因：2月签约,当月漏报'))).toBe(true);
    // A county reads its own corrections only.
    const staffB = await logIn(t.app, 'staff_b');
    expect((await bulletin(staffB, 3)).corrections).toEqual([]);
  });

  it('refuses ledger rows that would write into a closed month', async () => {
    const file = await ledgerXlsx({
      title: '甲县2026年招商引资签约项目台账',
      sections: [{ title: '一、签约项目', rows: [['二月台账项目', '甲县测试企业有限公司', '', '', 1000, '', '2026.2.5', '', '甲县(改名)', '已签约', '', '']] }],
    });
    const body = multipartBody('台账.xlsx', file);
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    const batch = upload.json() as TImportBatch;
    expect(batch.counts).toMatchObject({ create: 0, refused: 1 });
    const rows = (await call(t.app, staffA, 'GET', `/api/imports/${batch.id}/rows`)).json().items as TImportRow[];
    expect(rows[0]!.problems[0]).toMatch(/签约时间：'2026-02' 所在月份已关账/);
  });

  // Catches (docs/testing.md, case 5): correctProjectStage not recording a correction when it moves a date into or
  // out of a closed month (`months: closedMonthsTouched(…)` replaced by `months: []`). A correction inside the open
  // month is recorded as no correction, so the rows found are the closed month's.
  it('records a stage correction or revocation touching a closed month as a correction of that month', async () => {
    const signedEvent = async (projectId: number) => {
      const lifecycle = (await call(t.app, staffA, 'GET', `/api/projects/${projectId}/lifecycle`)).json() as TProjectLifecycle;
      return lifecycle.events.find((e) => e.state === 'signed')!.id;
    };
    const correct = async (projectId: number, body: object) => {
      const response = await call(t.app, staffA, 'POST', `/api/projects/${projectId}/stage-corrections`, { correctsEventId: await signedEvent(projectId), ...body });
      expect(response.statusCode, response.body).toBe(200);
    };
    const intoFebruary = await newProject('更正入二月项目');
    const withinMarch = await newProject('三月内更正项目');
    const revoked = await newProject('撤销二月签约项目');
    for (const id of [intoFebruary, withinMarch]) {
      expect((await call(t.app, staffA, 'POST', `/api/projects/${id}/stage`, { to: 'signed', date: '2026-03-01', evidence: { contractNo: `HT-${id}` } })).statusCode).toBe(200);
    }
    const late = await call(t.app, staffA, 'POST', `/api/projects/${revoked}/stage`, { to: 'signed', date: '2026-02-12', evidence: { contractNo: 'HT-R' }, reason: '2月签约,当月漏报' });
    expect(late.statusCode, late.body).toBe(200);
    const before = (await t.db.select().from(corrections)).length;

    await correct(intoFebruary, { kind: 'correct', happenedOn: '2026-02-26', reason: '合同实际签于2月' });
    await correct(withinMarch, { kind: 'correct', happenedOn: '2026-03-02', reason: '日期笔误' });
    await correct(revoked, { kind: 'revoke', reason: '合同未生效' });
    const recorded = (await t.db.select().from(corrections)).slice(before).map((c) => [c.projectId, c.closedMonth, c.summary, c.reason]);
    expect(recorded).toEqual([
      [intoFebruary, '2026-02', '签约 2026-03-01 → 2026-02-26', '合同实际签于2月'],
      [revoked, '2026-02', '撤销签约 2026-02-12', '合同未生效'],
    ]);
  });
});
