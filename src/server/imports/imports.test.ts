import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, createTestApp, creditCode, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import { auditLog, enterprises, projects, projectStageEvents } from '../db/schema.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';

const GOOD: LedgerRow[] = [
  ['新能源电池项目', '深圳新能源科技有限公司', creditCode(11), '广东省深圳市', 5000, 4000, '2025.3.1', '2025-06-01', '甲县', '在建', '张三', '一期'],
  ['冷链物流园项目', '甲县测试企业有限公司', '', '', '3.2亿', '', '2025年5月', '', '甲县园区', '已签约', '', ''],
];
const OTHER: LedgerRow[] = [['数据中心项目', '北京数据有限公司', '', '北京', '5,000.5', '', '3月1日', '', '甲县', '签约未开工', '', '']];
const BAD: LedgerRow = ['错误日期项目', '某某有限公司', '', '', 100, '', '2025.13.1', '', '甲县', '已签约', '', ''];

const ledger = (rows: { industrial: LedgerRow[]; other: LedgerRow[] }) =>
  ledgerXlsx({
    title: '甲县2025年招商引资签约项目台账',
    sections: [
      { title: '一、工业项目', rows: rows.industrial },
      { title: '二、其他项目', rows: rows.other },
    ],
  });

describe('ledger imports', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  const upload = async (session: Session, fileName: string, content: Buffer, fields: Record<string, string> = {}) => {
    const body = multipartBody(fileName, content, fields);
    return t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
  };
  const uploadOk = async (session: Session, fileName: string, content: Buffer, fields: Record<string, string> = {}) => {
    const response = await upload(session, fileName, content, fields);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (session: Session, id: number) =>
    ((await call(t.app, session, 'GET', `/api/imports/${id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;
  const projectNamed = async (name: string) => (await t.db.select().from(projects).where(eq(projects.name, name)))[0];

  it('previews a real-shaped ledger row by row and refuses to commit while a row is refused', async () => {
    const batch = await uploadOk(staffA, '甲县台账.xlsx', await ledger({ industrial: GOOD, other: [...OTHER, BAD] }));
    expect(batch.status).toBe('previewed');
    expect(batch.headerRow).toBe(3);
    expect(batch.titleYear).toBe(2025);
    expect(batch.moneyUnit).toBe('万元');
    expect(batch.counts).toEqual({ create: 3, update: 0, unchanged: 0, refused: 1, skipped: 8 });
    expect(batch.mapping.totalInvestment?.index).toBe(5);
    expect(batch.mapping.contractInvestment?.index).toBe(6);
    const rows = await rowsOf(staffA, batch.id);
    const refused = rows.find((r) => r.action === 'refused')!;
    expect(refused.problems).toEqual(["第11行 签约时间：'2025.13.1' 不是有效日期"]);
    // The English screen reads the same refusal in English (issue 16).
    expect(refused.problemsEn).toEqual(["Row 11, Signing date: '2025.13.1' is not a valid date"]);
    expect(rows.find((r) => r.name === '冷链物流园项目')).toMatchObject({ investor: 'matched', unitName: '甲县园区', totalInvestmentYuan: 320_000_000 });
    expect(rows.find((r) => r.name === '冷链物流园项目')!.warnings).toEqual(['第7行 签约时间 只写到月份，按当月1日记录']);
    expect(rows.find((r) => r.name === '冷链物流园项目')!.warningsEn).toEqual(['Row 7, Signing date gives only the month; recorded as the 1st of that month']);
    expect(rows.find((r) => r.name === '数据中心项目')).toMatchObject({ investor: 'new', signedOn: '2025-03-01', totalInvestmentYuan: 50_005_000 });

    await expectApiError(await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`), 409, 'import.hasRefusals');
    expect(await projectNamed('新能源电池项目')).toBeUndefined();

    const errors = await call(t.app, staffA, 'GET', `/api/imports/${batch.id}/errors.xlsx`);
    expect(errors.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(errors.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).getCell(14).value).toBe('错误信息');
    expect(String(sheet.getRow(11).getCell(14).value)).toMatch(/^第11行 签约时间：'2025.13.1' 不是有效日期/);
  });

  it('commits a clean ledger in one go, exactly, with history and audit rows carrying the batch', async () => {
    const listTotal = async () => ((await call(t.app, staffA, 'GET', '/api/projects?pageSize=1')).json() as { total: number }).total;
    const totalBefore = await listTotal();
    const batch = await uploadOk(staffA, '甲县台账.xlsx', await ledger({ industrial: GOOD, other: OTHER }));
    expect(batch.counts).toMatchObject({ create: 3, refused: 0 });
    const commit = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    const committed = commit.json() as TImportBatch;
    expect(committed.status).toBe('committed');

    const battery = (await projectNamed('新能源电池项目'))!;
    expect((await rowsOf(staffA, batch.id)).find((r) => r.name === '新能源电池项目')).toMatchObject({ projectId: battery.id, stage: 'started' });
    expect(battery).toMatchObject({
      unitId: w.countyA.id,
      totalInvestmentYuan: 50_000_000,
      contractInvestmentYuan: 40_000_000,
      stage: 'started',
      signedOn: '2025-03-01',
      startedOn: '2025-06-01',
      responsibleLeader: '张三',
      note: '一期',
    });
    const [investor] = await t.db.select().from(enterprises).where(eq(enterprises.id, battery.investorEnterpriseId));
    expect(investor).toMatchObject({ name: '深圳新能源科技有限公司', creditCode: creditCode(11), hqRegionCode: '440300', unitId: w.countyA.id });
    const events = await t.db.select().from(projectStageEvents).where(eq(projectStageEvents.projectId, battery.id));
    expect(events.map((e) => [e.state, e.happenedOn])).toEqual([
      ['signed', '2025-03-01'],
      ['started', '2025-06-01'],
    ]);
    expect(events[0]!.evidence).toEqual({ note: '台账导入：甲县台账.xlsx 第6行' });
    expect(await projectNamed('冷链物流园项目')).toMatchObject({ unitId: w.parkA.id, investorEnterpriseId: w.enterpriseA.id, stage: 'signed', signedOn: '2025-05-01' });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'project'), eq(auditLog.importBatchId, batch.id)));
    expect(audit).toHaveLength(3);
    expect(audit.find((a) => a.entityId === String(battery.id))!.after).toMatchObject({ name: '新能源电池项目', totalInvestmentYuan: 50_000_000, stage: 'started' });
    // The list's total (kept per unit by the database) follows the bulk insert.
    expect(await listTotal()).toBe(totalBefore + 3);

    // The same file again changes nothing.
    const again = await uploadOk(staffA, '甲县台账.xlsx', await ledger({ industrial: GOOD, other: OTHER }));
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3, refused: 0 });

    // A corrected file updates the project it created, and the revert gives the old figure back.
    const corrected = await uploadOk(staffA, '甲县台账(更正).xlsx', await ledger({ industrial: [[...GOOD[0]!.slice(0, 4), 6000, ...GOOD[0]!.slice(5)], GOOD[1]!], other: OTHER }));
    expect(corrected.counts).toMatchObject({ create: 0, update: 1, unchanged: 2 });
    expect((await rowsOf(staffA, corrected.id)).find((r) => r.action === 'update')!.changes).toEqual(['totalInvestment']);
    await call(t.app, staffA, 'POST', `/api/imports/${corrected.id}/commit`);
    expect((await projectNamed('新能源电池项目'))!.totalInvestmentYuan).toBe(60_000_000);
    const reverted = (await call(t.app, staffA, 'POST', `/api/imports/${corrected.id}/revert`)).json() as TImportBatch;
    expect(reverted.status).toBe('reverted');
    expect((await projectNamed('新能源电池项目'))!.totalInvestmentYuan).toBe(50_000_000);

    // Reverting the first import removes its projects, their imported stages and the investors it added.
    const response = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
    expect(response.statusCode, response.body).toBe(200);
    expect(await projectNamed('新能源电池项目')).toBeUndefined();
    expect(await projectNamed('冷链物流园项目')).toBeUndefined();
    expect(await listTotal()).toBe(totalBefore);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.name, '深圳新能源科技有限公司'))).toEqual([]);
    expect(await t.db.select().from(enterprises).where(eq(enterprises.id, w.enterpriseA.id))).toHaveLength(1);
    await expectApiError(await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`), 409, 'import.notCommitted');
  });

  it('refuses to revert once an imported project has moved on', async () => {
    const batch = await uploadOk(staffA, '甲县台账.xlsx', await ledger({ industrial: [GOOD[1]!], other: [] }));
    await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    const project = (await projectNamed('冷链物流园项目'))!;
    const move = await call(t.app, staffA, 'POST', `/api/projects/${project.id}/stage`, { to: 'started', date: '2026-02-01', evidence: { permitNo: '施工-1' } });
    expect(move.statusCode, move.body).toBe(200);
    const refused = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
    await expectApiError(refused, 409, 'import.changedSince');
    expect(refused.json().error.message['zh-CN']).toContain('第6行');
    expect(await projectNamed('冷链物流园项目')).toBeDefined();
  });

  it('gives a blank ledger in the import\'s own layout: filled in with one project, it previews that project and nothing else', async () => {
    const blank = await call(t.app, staffA, 'GET', '/api/imports/template.xlsx?moneyUnit=亿元');
    expect(blank.statusCode).toBe(200);
    expect(blank.headers['content-disposition']).toContain(encodeURIComponent('项目台账模板'));
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(blank.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(3).getCell(8).value).toBe('投资额（亿元）');
    // A clerk fills in one project under the header (序号, 项目名称, 投资方, 总投资 in 亿元, 签约时间).
    const row = sheet.getRow(5);
    row.getCell(1).value = 1;
    row.getCell(4).value = '模板填报项目';
    row.getCell(5).value = '甲县测试企业有限公司';
    row.getCell(8).value = 1.5;
    row.getCell(10).value = '2025-05-06';
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const batch = await uploadOk(staffA, '模板.xlsx', filled);
    expect(batch.moneyUnit).toBe('亿元');
    expect(batch.counts).toMatchObject({ create: 1, refused: 0 });
    expect((await rowsOf(staffA, batch.id)).filter((r) => r.action === 'create').map((r) => [r.name, r.totalInvestmentYuan, r.signedOn])).toEqual([
      ['模板填报项目', 150_000_000, '2025-05-06'],
    ]);
    // The leader reads figures and imports nothing: no template either.
    expectApiError(await call(t.app, await logIn(t.app, 'leader_a'), 'GET', '/api/imports/template.xlsx'), 403, 'auth.readOnly');
  });

  it('reads a GBK CSV with one header row', async () => {
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '计划总投资(亿元)', '签约日期', '责任单位'], [['智能制造基地项目', '甲县测试企业有限公司', '1.5', '2025/8/18', '甲县']]);
    const batch = await uploadOk(staffA, '台账.csv', csv);
    expect(batch.counts).toMatchObject({ create: 1, refused: 0 });
    expect((await rowsOf(staffA, batch.id))[0]).toMatchObject({ name: '智能制造基地项目', totalInvestmentYuan: 150_000_000, signedOn: '2025-08-18' });
  });

  it('refuses hostile files clearly and writes nothing', async () => {
    const before = await t.db.select().from(projects);
    await expectApiError(await upload(staffA, 'empty.xlsx', Buffer.alloc(0)), 400, 'ledger.empty', 'file');
    await expectApiError(await upload(staffA, 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)])), 400, 'ledger.xls', 'file');
    await expectApiError(await upload(staffA, 'photo.xlsx', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), Buffer.alloc(100, 1)])), 400, 'ledger.notASpreadsheet', 'file');
    expect(await t.db.select().from(projects)).toHaveLength(before.length);
  });

  it('keeps each unit to its own imports', async () => {
    const batch = await uploadOk(staffA, '甲县台账.xlsx', await ledger({ industrial: [GOOD[0]!], other: [] }));
    await expectApiError(await call(t.app, staffB, 'GET', `/api/imports/${batch.id}`), 404, 'notFound');
    await expectApiError(await call(t.app, staffB, 'POST', `/api/imports/${batch.id}/commit`), 404, 'notFound');
    expect(((await call(t.app, staffB, 'GET', '/api/imports')).json() as { items: TImportBatch[] }).items.map((b) => b.id)).not.toContain(batch.id);
    // A row naming another county is refused for a county user: it is as if that unit did not exist.
    const other = await uploadOk(staffB, '乙县台账.xlsx', await ledger({ industrial: [[...GOOD[0]!.slice(0, 8), '甲县', ...GOOD[0]!.slice(9)]], other: [] }));
    expect(other.counts.refused).toBe(1);
  });

  it('refuses a 50 MB upload at the door and writes nothing', async () => {
    const before = (await call(t.app, staffA, 'GET', '/api/imports')).json().items.length;
    const huge = Buffer.concat([Buffer.from('项目名称,总投资\n'), Buffer.alloc(50 * 1024 * 1024, 0x41)]);
    await expectApiError(await upload(staffA, 'huge.csv', huge), 413, 'ledger.tooLarge', 'file');
    expect((await call(t.app, staffA, 'GET', '/api/imports')).json().items).toHaveLength(before);
  });

  it('reads a chosen sheet of several, formula cells by their values, and keeps a confirmed mapping as the unit\'s template', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表为2025年台账']);
    const sheet = workbook.addWorksheet('2025年');
    sheet.addRow(['名称', '出资企业', '金额(万元)', '备注']);
    sheet.addRow(['模板映射项目', '甲县测试企业有限公司', { formula: '100+200', result: 300 }, '公式']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    // "名称" and "出资企业" are nobody's synonyms: no header is found until the user maps the columns.
    const first = await uploadOk(staffA, '自定义表头.xlsx', file, { sheet: '2025年' });
    expect(first.problem).toMatch(/未找到表头/);
    expect(first.sheets.map((s) => s.name)).toEqual(['说明', '2025年']);
    const mapping = { name: { index: 0 }, investorName: { index: 1 }, totalInvestment: { index: 2, unit: '万元' }, note: { index: 3 } };
    const reread = await call(t.app, staffA, 'POST', `/api/imports/${first.id}/reread`, { mapping, saveTemplate: true });
    expect(reread.statusCode, reread.body).toBe(200);
    expect(reread.json()).toMatchObject({ mappingSource: 'given', counts: { create: 1, refused: 0 } });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.entity, 'importTemplate'))).toHaveLength(1);
    expect((await rowsOf(staffA, first.id))[0]).toMatchObject({ name: '模板映射项目', totalInvestmentYuan: 3_000_000 });

    // The next ledger with the same header gets the unit's template without asking.
    const second = await uploadOk(staffA, '自定义表头(二月).xlsx', file, { sheet: '2025年' });
    expect(second).toMatchObject({ mappingSource: 'template', counts: { create: 1 } });
    // Another county has no such template.
    const other = await uploadOk(staffB, '自定义表头.xlsx', file, { sheet: '2025年' });
    expect(other.mappingSource).toBe('detected');
    await expectApiError(await upload(staffA, '自定义表头.xlsx', file, { sheet: '2026年' }), 400, 'ledger.unknownSheet', 'sheet');
  });

  it('checks the rows again at commit when anything changed since the preview (no duplicate of a project added meanwhile)', async () => {
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)'], [['同时录入的项目', '甲县测试企业有限公司', '300']]);
    const batch = await uploadOk(staffA, '同时.csv', csv, { unitId: String(w.countyA.id) });
    expect(batch.counts.create).toBe(1);
    const made = await call(t.app, staffA, 'POST', '/api/projects', { name: '同时录入的项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 3_000_000 });
    expect(made.statusCode, made.body).toBe(200);
    const committed = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect((committed.json() as TImportBatch).counts).toMatchObject({ create: 0, unchanged: 1 });
    expect(await t.db.select().from(projects).where(eq(projects.name, '同时录入的项目'))).toHaveLength(1);
  });
});
