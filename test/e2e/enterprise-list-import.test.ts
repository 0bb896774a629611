import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { PHONE, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { downloadedRows } from './support/downloads.ts';

/**
 * 导入名单 with facts (issue 13 "Filling it"), in a browser on the demo city: the bureau uploads a park's list whose
 * second row has fields that cannot be read, reads what each column will do and the fields refused, downloads the
 * error file and reads it, imports with the progress bar to the end, finds the new enterprise's 注册资本 and 行业 on
 * its page, and reverts. Screenshots enterprise-list-import.png and enterprise-list-import-phone.png.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

async function parkList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('园区企业');
  sheet.addRow(['序号', '企业名称', '所在地区', '行业', '注册资本(万元)', '成立日期', '联系人']);
  sheet.addRow([1, '浏览器测试新材料有限公司', '湖北省襄阳市', '锂离子电池制造', '12000', '2019-03-05', '赵六']);
  sheet.addRow([2, '浏览器测试字段有限公司', '朝阳', 'C3841', '500万美元', '2020/1/2', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function uploadAndPreview(page: Page) {
  await page.goto('/enterprises');
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: '导入名单' }).click({ timeout: 30_000 });
  const drawer = page.locator('.ant-drawer-open');
  await shown(drawer);
  await page.locator('#zs-list-file').setInputFiles({ name: '园区企业.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await parkList() });
  await drawer.getByRole('button', { name: /预\s*览/ }).click();
  await hasText(drawer, '共2行');
  return drawer;
}

describe('importing an enterprise list with its facts', () => {
  it('shows each column and each refused field, gives the error file, imports, shows the facts on the page, and reverts', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    const drawer = await uploadAndPreview(page);

    // Per column: what it was read as and what its values do; the contact column is not read.
    const columns = drawer.getByTestId('enterprise-list-columns');
    const rowOf = async (label: string) => (await columns.locator('tr').filter({ hasText: label }).first().locator('td').allInnerTexts()).map((x) => x.trim());
    expect(await rowOf('注册资本(万元)')).toEqual(['注册资本(万元)', '注册资本', '1', '0', '0', '1']);
    expect(await rowOf('所在地区')).toEqual(['所在地区', '所在地区', '1', '0', '0', '1']);
    expect((await rowOf('联系人')).slice(0, 2)).toEqual(['联系人', '未读取']);
    await hasText(drawer, '第3行 注册资本：“500万美元”是外币金额，库中注册资本只记人民币，不折算，未写入');
    await hasText(drawer, '第3行 所在地区：“朝阳”对应多个行政区划，请写明省和市，未写入');
    await screenshot(page, 'enterprise-list-import.png');

    // The error file: the refused row as written, and why.
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('link', { name: /下载错误文件/ }).click()]);
    expect(download.suggestedFilename()).toBe('园区企业-原因.xlsx');
    const rows = await downloadedRows(download);
    expect(rows[0]).toEqual(['序号', '企业名称', '所在地区', '行业', '注册资本(万元)', '成立日期', '联系人', '原因']);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 6)).toEqual(['2', '浏览器测试字段有限公司', '朝阳', 'C3841', '500万美元', '2020/1/2']);
    expect(rows[1]![7]).toContain('所在地区：“朝阳”');
    expect(rows[1]![7]).toContain('注册资本：“500万美元”');

    await drawer.getByRole('button', { name: '确认导入' }).click();
    await hasText(drawer, '已导入：2条榜单记录，2家新企业');
    await expect.poll(() => drawer.getByRole('progressbar', { name: '导入进度' }).getAttribute('aria-valuenow'), { timeout: 15_000 }).toBe('100');

    // The new enterprise's page shows what the list said of it.
    const other = await context.newPage();
    await other.goto(`/enterprises?q=${encodeURIComponent('浏览器测试新材料')}`);
    await other.getByRole('link', { name: '浏览器测试新材料有限公司' }).first().click();
    await other.waitForURL(/\/enterprises\/\d+$/);
    // The page opens on its facts (issue 16); the form, read here field by field, is its 编辑 mode.
    await other.getByRole('button', { name: /编\s*辑/ }).click();
    await expect.poll(() => other.getByLabel('注册资本').inputValue(), { timeout: 15_000 }).toBe('12000');
    // The industry picker shows the GB/T 4754 code the list's 锂离子电池制造 resolved to, with its name.
    await hasText(other.locator('form').first(), '3841');
    await hasText(other.locator('form').first(), '锂离子电池制造');
    await hasText(other.locator('form').first(), '湖北省襄阳市');
    const enterpriseUrl = other.url();

    await drawer.getByRole('button', { name: '撤销本次导入' }).click();
    await hasText(drawer, '已撤销');
    // Reverted: the enterprise it created is gone.
    const id = /\/enterprises\/(\d+)/.exec(enterpriseUrl)![1];
    await expect.poll(async () => (await page.request.get(`/api/enterprises/${id}`)).status(), { timeout: 15_000 }).toBe(404);
    await context.close();
  });

  it('reads on a phone', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    const drawer = await uploadAndPreview(page);
    await hasText(drawer, '未读取');
    await screenshot(page, 'enterprise-list-import-phone.png', { fullPage: true });
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
