import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasText, loggedIn, shown, startE2e, type E2e } from './support/browser.ts';
import { twoProjectSheetsWorkbook } from '../support/messy-ledgers.ts';

/**
 * Issue 12 in a browser (demo city 襄阳): a district uploads a workbook with projects on two sheets beside a notes
 * sheet; the preview names both sheets and every row's sheet, the notes sheet as not read, and each amount column's
 * unit with where it came from — in Chinese and in English.
 */
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('messy ledgers in a browser', () => {
  it('previews every project sheet, row by sheet, and says each amount column\'s unit', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.getByRole('link', { name: '台账导入' }).click();
    await page.waitForURL('**/imports');
    const file = await twoProjectSheetsWorkbook({
      signed: [[1, '浏览器双表签约项目', '襄阳双表科技有限公司', 20000, '2022.3.1', '', '襄城区', '签约未开工']],
      earlier: [[1, '浏览器双表开工项目', '襄阳双表食品有限公司', 6000, '2020.8.8', '2022.6.30', '襄城区', '在建']],
    });
    await page.locator('input[type=file]').setInputFiles({ name: '两个工作表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.waitForURL(/batch=\d+/);
    await expect.poll(() => page.getByTestId('import-count-create').locator('.ant-statistic-content').innerText()).toBe('2');

    await shown(page.getByText('“2022年签约项目”、“往年签约今年开工”（全部项目工作表）'));
    await shown(page.getByText('“填报说明”（没有“项目名称”等项目表头）'));
    const units = page.getByTestId('import-amount-unit');
    await expect.poll(() => units.allInnerTexts()).toEqual(['万元 · D列 · 总投资(万元) · 表头注明', '万元 · D列 · 总投资(万元) · 表头注明']);
    await hasText(page.getByRole('row', { name: /浏览器双表开工项目/ }), '往年签约今年开工');

    await page.getByText('English', { exact: true }).click();
    await shown(page.getByText('“2022年签约项目”, “往年签约今年开工” (every project sheet)'));
    await expect.poll(() => units.first().innerText()).toBe('万元 · Column D · 总投资(万元) · named in the header');
    await page.getByText('中文', { exact: true }).click();
    await context.close();
  });
});
