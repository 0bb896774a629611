import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { auditLog, projects } from '../db/schema.ts';
import { yiTwoDecimals } from '../../domain/bulletin.ts';
import type { TBulletin } from '../../shared/bulletin.ts';
import type { TScopeRulesState } from '../../shared/metrics.ts';
import { bulletinPdf, chineseFont, documentDate, documentFonts } from './bulletin.export.ts';
import { translate } from '../../web/i18n/i18n.tsx';

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Issue 12: the bulletin's xlsx holds numbers as numbers, formatted as the page writes them, and the bureau chooses
 * how percentages are written — the same in the sentences, the page's table and the files.
 */
describe('the bulletin as numbers, and the bureau\'s way of writing percentages', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let bureau: Session;

  beforeAll(async () => {
    t = await createTestApp();
    w = await t.given.twoCounties();
    bureau = await logIn(t.app, 'bureau');
    // 甲县 20.8亿 of 50亿 = 41.60%; 乙县 19.20004999亿 (19.20) of 15亿 = 128.00%; the city 40.00004999亿 of 100亿 = 40.00%.
    await t.db.update(projects).set({ totalInvestmentYuan: 2_080_000_000 }).where(eq(projects.id, w.projectA.id));
    await t.db.update(projects).set({ totalInvestmentYuan: 1_920_004_999 }).where(eq(projects.id, w.projectB.id));
    const set = await call(t.app, bureau, 'PUT', '/api/targets', {
      year: 2026,
      items: [
        { unitId: w.city.id, metricKey: 'signedContractYuan', value: 10_000_000_000 },
        { unitId: w.countyA.id, metricKey: 'signedContractYuan', value: 5_000_000_000 },
        { unitId: w.countyB.id, metricKey: 'signedContractYuan', value: 1_500_000_000 },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
  });
  afterAll(() => t.close());

  const bulletin = async () => {
    const response = await call(t.app, bureau, 'GET', '/api/bulletin?year=2026&month=3');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as TBulletin;
  };

  /** The xlsx's table rows (after its header row), as the cells ExcelJS reads back. */
  const xlsxTable = async () => {
    const response = await call(t.app, bureau, 'GET', '/api/bulletin/export?year=2026&month=3&format=xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('通报')!;
    const header = sheet.getColumn(1).values.findIndex((value) => value === '序号');
    expect(header).toBeGreaterThan(0);
    return [1, 2].map((offset) => sheet.getRow(header + offset));
  };

  const setPercentStyle = async (percentStyle: unknown) => {
    const current = (await call(t.app, bureau, 'GET', '/api/metrics/rules')).json() as TScopeRulesState;
    return call(t.app, bureau, 'PUT', '/api/metrics/rules', { ...current.rules, percentStyle });
  };

  it('writes amounts, completions and ranks into the xlsx as numbers whose shown value is the page\'s figure', async () => {
    const page = await bulletin();
    expect(page.percentStyle).toBe('twoDecimals');
    const [item] = page.items;
    expect(item!.sentence).toBe('1—3月份，全市新签约项目合同投资额40.00亿元，完成年度目标任务100亿元的40.00%，上年同期为零。');
    expect(item!.units.map((u) => [u.unitName, yiTwoDecimals(u.value), u.completion, u.rank])).toEqual([
      ['甲县', '20.80', '41.60', 2],
      ['乙县', '19.20', '128.00', 1],
    ]);

    const rows = await xlsxTable();
    rows.forEach((row, i) => {
      const unit = item!.units[i]!;
      expect(row.getCell(2).value).toBe(unit.unitName);
      for (const column of [1, 3, 4, 5, 6]) expect(row.getCell(column).type, `column ${column}`).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(1).value).toBe(i + 1);
      // 亿元 with two decimals: the cell holds the page's figure, so what Excel shows (and sums) is what the page says.
      expect(row.getCell(3).numFmt).toBe('0.00');
      expect((row.getCell(3).value as number).toFixed(2)).toBe(yiTwoDecimals(unit.value));
      expect(row.getCell(4).numFmt).toBe('0.00');
      expect((row.getCell(4).value as number).toFixed(2)).toBe(yiTwoDecimals(unit.target!));
      expect(row.getCell(5).numFmt).toBe('0.00%');
      expect(((row.getCell(5).value as number) * 100).toFixed(2)).toBe(unit.completion);
      expect(row.getCell(6).value).toBe(unit.rank);
      expect(row.getCell(6).numFmt).toBe('"("0")"');
    });
    expect(rows.map((row) => row.getCell(3).value)).toEqual([20.8, 19.2]);
    expect(rows.map((row) => row.getCell(5).value)).toEqual([0.416, 1.28]);
  });

  it('drops trailing zeros from percentages once the bureau says so — sentence, table and xlsx alike — audited', async () => {
    const saved = await setPercentStyle('trimmed');
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as TScopeRulesState).rules.percentStyle).toBe('trimmed');
    const [trail] = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'metricRules')).orderBy(desc(auditLog.id)).limit(1);
    expect(trail).toMatchObject({ action: 'create', after: { percentStyle: 'trimmed' } });
    expect(trail!.before).not.toHaveProperty('percentStyle');

    const page = await bulletin();
    expect(page.percentStyle).toBe('trimmed');
    const [item] = page.items;
    expect(item!.sentence).toBe('1—3月份，全市新签约项目合同投资额40.00亿元，完成年度目标任务100亿元的40%，上年同期为零。');
    expect(item!.sentenceEn).toBe('Jan–Mar, the city: Contracted investment signed 40.00 × 100M yuan, 40% of the annual target of 100 × 100M yuan, nothing in the same period last year.');
    expect(item!.units.map((u) => [u.unitName, u.completion, u.rank])).toEqual([
      ['甲县', '41.6', 2],
      ['乙县', '128', 1],
    ]);

    const rows = await xlsxTable();
    expect(rows.map((row) => [row.getCell(5).value, row.getCell(5).numFmt])).toEqual([
      [0.416, '0.0%'],
      [1.28, '0%'],
    ]);
    // Amounts are not percentages: still two decimals.
    expect(rows.map((row) => row.getCell(3).numFmt)).toEqual(['0.00', '0.00']);

    const back = await setPercentStyle('twoDecimals');
    expect(back.statusCode).toBe(200);
    expect((await bulletin()).items[0]!.units[0]!.completion).toBe('41.60');
    const [undo] = await t.db.select().from(auditLog).where(eq(auditLog.entity, 'metricRules')).orderBy(desc(auditLog.id)).limit(1);
    expect(undo).toMatchObject({ action: 'update', before: { percentStyle: 'trimmed' }, after: { percentStyle: 'twoDecimals' } });
  });

  // Where poppler or a Chinese font is missing this is reported as skipped, with the reason, not passed.
  it('writes the trimmed percentages into the PDF too, sentence and table', async (ctx) => {
    const font = chineseFont();
    ctx.skip(!font || !hasPdftotext(), `cannot read the PDF back: ${!font ? 'no Chinese font (set ZHAOSHANG_PDF_FONT)' : 'no pdftotext (poppler-utils)'}`);
    expect((await setPercentStyle('trimmed')).statusCode).toBe(200);
    try {
      const pdf = await call(t.app, bureau, 'GET', '/api/bulletin/export?year=2026&month=3&format=pdf');
      expect(pdf.statusCode, pdf.body).toBe(200);
      const file = join(mkdtempSync(join(tmpdir(), 'zs-pdf-')), 'bulletin.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('完成年度目标任务100亿元的40%，上年同期为零。');
      expect(text).toContain('甲县20.8050.0041.6%(2)');
      expect(text).toContain('乙县19.2015.00128%(1)');
    } finally {
      expect((await setPercentStyle('twoDecimals')).statusCode).toBe(200);
    }
  });

  /** A PDF's page count and each page's text, as poppler reads them. */
  const readPdf = (file: string) => ({
    pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]),
    pageText: (n: number) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' }),
  });

  /** Each page ends with its number "— n —"; a heading (一、…) is never the last thing above it. */
  const expectPageFeet = (pages: number, pageText: (n: number) => string) => {
    for (let n = 1; n <= pages; n++) {
      const lines = pageText(n).split('\n').map((line) => line.trim()).filter(Boolean);
      expect(lines.at(-1)?.replace(/\s+/g, ''), `page ${n}`).toBe(`—${n}—`);
      expect(lines.at(-2), `page ${n}`).not.toMatch(/^[一二三四五六七八九十]+、/);
    }
  };

  // Issue 16: the PDF as an official document (GB/T 9704-2012), read back page by page with poppler.
  it('lays the PDF out as a 公文: office, title as on screen, headings kept with their text, date, page numbers, 公文 faces', async (ctx) => {
    const fonts = documentFonts();
    ctx.skip(!fonts || !hasPdftotext(), `cannot read the PDF back: ${!fonts ? 'no Chinese font (set ZHAOSHANG_PDF_FONT)' : 'no pdftotext (poppler-utils)'}`);
    const data = await bulletin();
    const pdf = await call(t.app, bureau, 'GET', '/api/bulletin/export?year=2026&month=3&format=pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'zs-pdf-')), 'bulletin.pdf');
    writeFileSync(file, pdf.rawPayload);
    const { pages, pageText } = readPdf(file);
    const all = pageText(1).replace(/\s+/g, '');

    // The title reads as the page's heading does, period and all ("1—3月份"), under the issuing office.
    const heading = translate('zh-CN', 'bulletin.heading', { unit: data.unitName, year: data.year, period: data.period });
    expect(heading).toBe('测试市2026年1—3月份招商引资工作通报');
    expect(all.indexOf('测试市招商局')).toBeGreaterThanOrEqual(0);
    expect(all.indexOf(heading)).toBeGreaterThan(all.indexOf('测试市招商局'));
    expect(all).toContain('一、新签约项目合同投资额');
    expect(all).toContain('1—3月份，全市新签约项目合同投资额40.00亿元，完成年度目标任务100亿元的40.00%，上年同期为零。');

    expectPageFeet(pages, pageText);
    // 落款: the office, then the date as GB/T 9704-2012 writes it, at the end.
    const last = pageText(pages).replace(/\s+/g, '');
    expect(last).toMatch(/测试市招商局2026年3月2日—\d+—$/);

    // 小标宋-like title and 仿宋-like body where the machine has them (Noto Serif CJK: the Song faces fonts-noto-cjk ships).
    if (fonts!.title.face === 'NotoSerifCJKsc-Bold') {
      const embedded = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(embedded).toContain('NotoSerifCJKsc-Bold');
      expect(embedded).toContain('NotoSerifCJKsc-Regular');
      expect(embedded).toContain('NotoSansCJKsc-Bold');
    }
  });

  it('runs a long 公文 over pages: numbered odd right and even left, no heading alone at a foot, tables wrapped not cut', async (ctx) => {
    const fonts = documentFonts();
    ctx.skip(!fonts || !hasPdftotext(), 'cannot read the PDF back: no Chinese font or no pdftotext');
    const data = await bulletin();
    const item = data.items[0]!;
    const longName = '襄阳高新技术产业开发区管理委员会园区（一区）';
    const units = Array.from({ length: 7 }, (_, i) => ({ ...item.units[0]!, unitId: 100 + i, unitName: i === 3 ? longName : `第${i + 1}县`, rank: i + 1 }));
    const items = Array.from({ length: 9 }, (_, i) => ({ ...item, metricKey: item.metricKey, name: { zh: `第${i + 1}项指标`, en: `Metric ${i + 1}` }, units, red: [100], black: [106] }));
    const buffer = await bulletinPdf({ ...data, items, chains: null, corrections: [] }, { today: '2026-12-03' });
    const file = join(mkdtempSync(join(tmpdir(), 'zs-pdf-')), 'long.pdf');
    writeFileSync(file, buffer);
    const { pages, pageText } = readPdf(file);
    expect(pages).toBeGreaterThan(2);
    expectPageFeet(pages, pageText);
    // Every heading is on a page with its sentence right after it.
    const text = Array.from({ length: pages }, (_, i) => pageText(i + 1)).join('\n').replace(/[ \t]+/g, '');
    for (let i = 1; i <= 9; i++) expect(text).toMatch(new RegExp(`[一二三四五六七八九]、第${i}项指标\n+1—3月份，全市`));
    // The long unit name wraps inside its cell instead of being cut with an ellipsis.
    expect(text.replace(/\s+/g, '')).not.toContain('…');
    expect(text.replace(/\s+/g, '')).toContain('襄阳高新技术产业开发');
    expect(text.replace(/\s+/g, '')).toContain('区管理委员会园区（一区）');
    // Page numbers sit right on odd pages and left on even ones (GB/T 9704-2012 §7.5).
    const foot = (n: number) => pageText(n).split('\n').filter((line) => line.trim()).at(-1)!;
    expect(foot(1).indexOf('—')).toBeGreaterThan(foot(2).indexOf('—'));
    expect(documentDate('2026-12-03')).toBe('2026年12月3日');
    expect(text.replace(/\s+/g, '')).toContain('测试市招商局2026年12月3日');
  });

  it('refuses a style it does not know, naming the field, and only the bureau sets it', async () => {
    await expectApiError(await setPercentStyle('threeDecimals'), 400, 'validation.invalid', 'percentStyle');
    const staff = await logIn(t.app, 'staff_a');
    const current = (await call(t.app, staff, 'GET', '/api/metrics/rules')).json() as TScopeRulesState;
    await expectApiError(await call(t.app, staff, 'PUT', '/api/metrics/rules', { ...current.rules, percentStyle: 'trimmed' }), 403, 'auth.forbidden');
    expect((await bulletin()).percentStyle).toBe('twoDecimals');
  });
});
