import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * Fixing a refused row in the import preview (issue 16): a 襄城区 staff member uploads a ledger with an impossible
 * date, opens the refused row's 修改, types the date again, checks again — nothing refused, no second upload — and
 * imports it; the project carries the corrected date. Screenshots: import-fix.png, import-fixed.png.
 */
async function ledger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('签约项目');
  sheet.addRow(['序号', '项目名称', '投资方', '总投资（万元）', '签约时间', '所属单位', '项目进展']);
  sheet.addRow([1, '预览修改测试甲项目', '襄阳预览修改甲有限公司', 3000, '2026-03-15', '襄城区', '已签约']);
  sheet.addRow([2, '预览修改测试乙项目', '襄阳预览修改乙有限公司', 1500, '2026.13.1', '襄城区', '已签约']);
  sheet.getColumn(2).width = 30;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function count(page: Page, action: string, value: number) {
  await expect.poll(() => page.getByTestId(`import-count-${action}`).locator('.ant-statistic-content').innerText()).toBe(String(value));
}

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('fixing a refused row in the import preview', () => {
  it('corrects the refused cell in the preview, checks again and imports, without a second upload', async () => {
    const { page } = await loggedIn(e2e, 'xiangcheng');
    await page.getByRole('link', { name: '台账导入' }).click();
    await page.waitForURL('**/imports');
    await page.locator('input[type=file]').setInputFiles({ name: '预览修改台账.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await ledger() });
    await page.waitForURL(/batch=\d+/);
    await count(page, 'create', 1);
    await count(page, 'refused', 1);
    const refused = page.getByRole('row', { name: /预览修改测试乙项目/ });
    await hasText(refused, "第3行 签约时间：'2026.13.1' 不是有效日期");

    await refused.getByRole('button', { name: '修改第3行' }).click();
    const dialog = page.getByRole('dialog', { name: '修改第3行被拒绝的单元格' });
    const cell = dialog.getByLabel('签约时间');
    expect(await cell.inputValue()).toBe('2026.13.1');
    await cell.fill('2026-10-01');
    await screenshot(page, 'import-fix.png');
    await dialog.getByRole('button', { name: '重新检查' }).click();

    await count(page, 'create', 2);
    await count(page, 'refused', 0);
    await hasText(page.getByTestId('import-corrections'), '已在预览中修改 1 处单元格');
    const fixed = page.getByRole('row', { name: /预览修改测试乙项目/ });
    await hasText(fixed, '2026-10-01');
    await screenshot(page, 'import-fixed.png', { fullPage: true });

    await page.getByRole('button', { name: '确认导入' }).click();
    await hasText(page.getByTestId('import-result'), '新增 2 个项目');
    await shown(page.getByTestId('import-result'));

    // On the English screen, the stage the import recorded names its evidence in English (the app's own sentence),
    // the file's name as it is.
    const link = page.getByRole('link', { name: '预览修改测试乙项目' });
    const projectUrl = (await link.getAttribute('href'))!;
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${projectUrl}?tab=lifecycle`);
    await shown(page.getByText('Note: Imported from the ledger: 预览修改台账.xlsx, row 3'));
    await screenshot(page, 'import-fix-lifecycle-en.png');
  });
});
