import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { auditLog, projects } from '../db/schema.ts';
import type { TImportBatch, TImportRow } from '../../shared/imports.ts';
import type { TLocalIndustry } from '../../shared/local-industries.ts';

/**
 * Issue 12, item 5: a city's own industry words (智能制造, 双碳科技…) are its list of local industries, kept by the
 * bureau; a ledger's word on the list sets the project's 本市产业 and, when mapped, its GB/T 4754 code, without a
 * warning; a word not on the list is kept and summarised once; the error file keeps refusals and warnings apart.
 */
describe('local industries (issue 12)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;
  let staffA: Session;
  let staffB: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
  });
  afterAll(() => t.close());

  const upload = async (session: Session, fileName: string, content: Buffer) => {
    const body = multipartBody(fileName, content);
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TImportBatch;
  };
  const rowsOf = async (session: Session, id: number) =>
    ((await call(t.app, session, 'GET', `/api/imports/${id}/rows?pageSize=500`)).json() as { items: TImportRow[] }).items;
  const projectNamed = async (name: string) => (await t.db.select().from(projects).where(eq(projects.name, name)))[0]!;

  it('is kept by the bureau, audited, read by everyone, one word one industry', async () => {
    const made = await call(t.app, bureau, 'POST', '/api/local-industries', { name: '智能制造', industryCode: 'C', synonyms: ['智造', '智能 制造业'] });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ name: '智能制造', industryCode: 'C', industryName: '制造业', synonyms: ['智造', '智能 制造业'], active: true });
    expect((await call(t.app, bureau, 'POST', '/api/local-industries', { name: '双碳科技' })).statusCode).toBe(200);
    const info = (await call(t.app, bureau, 'POST', '/api/local-industries', { name: '新一代信息技术', industryCode: '65', active: false })).json() as TLocalIndustry;
    const renamed = await call(t.app, bureau, 'PUT', `/api/local-industries/${info.id}`, { name: '新一代信息技术', industryCode: '65', synonyms: ['信息技术'], active: true });
    expect(renamed.json()).toMatchObject({ synonyms: ['信息技术'], active: true, industryName: '软件和信息技术服务业' });

    await expectApiError(await call(t.app, bureau, 'POST', '/api/local-industries', { name: '智能装备', synonyms: ['智造'] }), 409, 'localIndustry.nameTaken', 'synonyms');
    await expectApiError(await call(t.app, bureau, 'POST', '/api/local-industries', { name: '量子', industryCode: '9999' }), 400, 'industry.unknown', 'industryCode');
    await expectApiError(await call(t.app, staffA, 'POST', '/api/local-industries', { name: '县里的产业' }), 403, 'auth.forbidden');
    const list = (await call(t.app, staffB, 'GET', '/api/local-industries')).json() as { items: TLocalIndustry[] };
    expect(list.items.map((i) => i.name)).toEqual(['智能制造', '双碳科技', '新一代信息技术']);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'localIndustry'));
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'create', 'update']);
  });

  it('imports a listed word as the project’s local industry and its GB/T code, with no warning; an unlisted word once', async () => {
    const csv = ledgerCsvGbk(
      ['项目名称', '投资主体', '总投资(万元)', '所属行业'],
      [
        ['智能装备一号', '甲县测试企业有限公司', '100', '智能制造'],
        ['智能装备二号', '甲县测试企业有限公司', '100', '智造'],
        ['光伏项目', '甲县测试企业有限公司', '100', '双碳科技'],
        ['量子一号', '甲县测试企业有限公司', '100', '量子科技'],
        ['量子二号', '甲县测试企业有限公司', '100', '量子科技'],
        ['电池项目', '甲县测试企业有限公司', '100', '3841 锂离子电池制造'],
        ['软件项目', '甲县测试企业有限公司', '100', '信息技术'],
      ],
    );
    const batch = await upload(staffA, '甲县台账.csv', csv);
    expect(batch.counts).toMatchObject({ create: 7, refused: 0 });
    expect(batch.unknownIndustries).toEqual([{ word: '量子科技', rows: 2 }]);
    expect((await rowsOf(staffA, batch.id)).flatMap((r) => r.warnings)).toEqual([]);
    expect((await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
    const industries = async (name: string) => {
      const p = await projectNamed(name);
      return [p.localIndustry, p.industryCode];
    };
    expect(await industries('智能装备一号')).toEqual(['智能制造', 'C']);
    expect(await industries('智能装备二号')).toEqual(['智能制造', 'C']);
    expect(await industries('光伏项目')).toEqual(['双碳科技', null]);
    expect(await industries('量子一号')).toEqual(['量子科技', null]);
    expect(await industries('电池项目')).toEqual([null, '3841']);
    expect(await industries('软件项目')).toEqual(['新一代信息技术', '65']);
    // The record shows it and the form edits it.
    const id = (await projectNamed('量子一号')).id;
    expect((await call(t.app, staffA, 'GET', `/api/projects/${id}`)).json()).toMatchObject({ localIndustry: '量子科技' });
    const edited = await call(t.app, staffA, 'PATCH', `/api/projects/${id}`, { localIndustry: '双碳科技' });
    expect(edited.json()).toMatchObject({ localIndustry: '双碳科技' });

    // The ledger export writes it in 本市产业, which a re-import reads back unchanged.
    const exported = await call(t.app, staffA, 'GET', '/api/projects/export');
    expect(exported.statusCode).toBe(200);
    const again = await upload(staffA, '甲县台账(导出).xlsx', exported.rawPayload);
    expect(again.mapping.localIndustry).toBeDefined();
    expect(again.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
  });

  it('writes refusals to 错误信息 and warnings to 警告信息 in the error file', async () => {
    const csv = ledgerCsvGbk(
      ['项目名称', '投资主体', '总投资(万元)', '签约日期'],
      [
        ['错误日期项目', '甲县测试企业有限公司', '100', '2025.13.1'],
        ['只写月份项目', '甲县测试企业有限公司', '100', '2025年5月'],
      ],
    );
    const batch = await upload(staffA, '甲县台账.csv', csv);
    expect(batch.counts).toMatchObject({ create: 1, refused: 1 });
    const file = await call(t.app, staffA, 'GET', `/api/imports/${batch.id}/errors.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect([sheet.getRow(1).getCell(5).value, sheet.getRow(1).getCell(6).value]).toEqual(['错误信息', '警告信息']);
    expect(sheet.getRow(2).getCell(5).value).toBe("第2行 签约时间：'2025.13.1' 不是有效日期");
    expect(sheet.getRow(3).getCell(5).value ?? '').toBe('');
    expect(sheet.getRow(3).getCell(6).value).toBe('第3行 签约时间 只写到月份，按当月1日记录');
  });
});
