import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { downloadedRows, downloadedTable, shownTableRows } from './support/downloads.ts';

/**
 * Excel ledgers in a browser (demo city 襄阳): a 襄城区 staff member uploads the district's signing ledger as bureaus
 * keep it (a title, "单位:万元", a merged two-row header, a section row, a total row), sees the preview refuse the row
 * with an impossible date and say why, downloads the file back with its error column, uploads the corrected file,
 * imports it, finds the projects in the list and in the exported ledger, and reverts the import.
 * Screenshots: imports-preview.png, imports-done.png in docs/screenshots/.
 */

const TITLE = '襄城区2026年招商引资签约项目台账';
const PROJECTS = [
  { name: '年产5万吨高端铝合金型材项目', investor: '江苏龙蟠科技股份有限公司', total: 50000, contract: 45000, signed: '2026-03-15', unit: '襄城区', progress: '已签约' },
  { name: '新能源汽车零部件智能制造产业园项目', investor: '襄阳汉江智造科技有限公司', total: 80000, contract: 60000, signed: '2026年5月8日', unit: '襄城经济开发区', progress: '签约未开工' },
  { name: '冷链物流仓储中心项目', investor: '湖北楚道冷链物流有限公司', total: 12000.5, contract: 10000, signed: '2026/6/30', unit: '襄城区', progress: '已签约' },
];
const BAD = { name: '智慧农业示范园项目', investor: '襄阳丰谷农业发展有限公司', total: 6000, contract: 5000, unit: '襄城区', progress: '已签约' };

/** The ledger as a district keeps it; `badDate` is what its fourth project's 签约时间 cell says. */
async function ledger(badDate: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('签约项目');
  sheet.addRow([TITLE]);
  sheet.mergeCells('A1:I1');
  sheet.addRow(['填报单位:襄城区招商服务中心', '', '', '', '', '', '', '单位:万元']);
  sheet.addRow(['序号', '项目名称', '投资方', '投资额(万元)', '', '签约时间', '所属单位', '项目进展', '备注']);
  sheet.addRow(['', '', '', '总投资', '合同投资', '', '', '', '']);
  sheet.mergeCells('D3:E3');
  for (const column of ['A', 'B', 'C', 'F', 'G', 'H', 'I']) sheet.mergeCells(`${column}3:${column}4`);
  // A section row merged across the whole width, as ledgers draw them.
  sheet.addRow(['一、工业项目']);
  sheet.mergeCells('A5:I5');
  PROJECTS.forEach((project, index) => {
    // A real date cell for the first, dates as people type them for the others.
    const signed = index === 0 ? new Date(`${project.signed}T00:00:00Z`) : project.signed;
    sheet.addRow([index + 1, project.name, project.investor, project.total, project.contract, signed, project.unit, project.progress, '']);
  });
  sheet.addRow([4, BAD.name, BAD.investor, BAD.total, BAD.contract, badDate, BAD.unit, BAD.progress, '']);
  const total = PROJECTS.reduce((sum, project) => sum + project.total, BAD.total);
  sheet.addRow(['合计', '', '', { formula: 'SUM(D6:D9)', result: total }, '', '', '', '', '']);
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 28;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every cell's text of a downloaded workbook. */
async function workbookText(download: Download): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        texts.push(cell.text);
      }),
    ),
  );
  return texts.join('\n');
}

async function upload(page: Page, name: string, file: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
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

describe('Excel ledgers in a browser', () => {
  const firstFile = '襄城区2026年签约项目台账.xlsx';
  const fixedFile = '襄城区2026年签约项目台账(修改).xlsx';
  const refusal = "第9行 签约时间：'2026.13.1' 不是有效日期";

  it('a district staff member previews a ledger, fixes the refused row, imports it, finds it, and reverts it', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.getByRole('link', { name: '台账导入' }).click();
    await page.waitForURL('**/imports');
    await shown(page.getByText('点击或将台账文件拖到这里上传'));

    // The preview: three projects to create, the row with 2026.13.1 refused and why; nothing can be imported yet.
    await upload(page, firstFile, await ledger('2026.13.1'));
    await page.waitForURL(/batch=\d+/);
    await count(page, 'create', 3);
    await count(page, 'refused', 1);
    await hasText(page.getByTestId('import-refused'), '1 行被拒绝');
    const refused = page.getByRole('row', { name: new RegExp(BAD.name) });
    await hasText(refused, '拒绝');
    await hasText(refused, refusal);
    await hasText(page.getByRole('row', { name: new RegExp(PROJECTS[1]!.name) }), '80,000');
    await hasText(page.getByRole('row', { name: new RegExp(PROJECTS[2]!.name) }), '12,000.5');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'imports-preview.png', { fullPage: true });

    // Only the refused rows, then the columns as read: 总投资 from the merged header's second row.
    await page.locator('.ant-segmented').getByText('拒绝 1', { exact: true }).click();
    await expect.poll(() => page.locator('tr[data-action]').count()).toBe(1);
    await page.getByText('识别设置', { exact: true }).click();
    await hasText(page.getByTestId('import-settings'), '投资额(万元)/总投资');

    // The file comes back with an error column saying the same.
    const [errors] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载错误文件/ }).click()]);
    expect(await errors.failure()).toBeNull();
    expect(errors.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await workbookText(errors)).toContain('不是有效日期');

    // The corrected file: four projects, nothing refused; imported in one go.
    await page.getByRole('button', { name: /重新上传/ }).click();
    await upload(page, fixedFile, await ledger('2026.10.1'));
    await expect.poll(() => page.getByTestId('import-settings').count()).toBe(0);
    await count(page, 'create', 4);
    await count(page, 'refused', 0);
    await absent(page.getByTestId('import-refused'));
    await page.getByRole('button', { name: '确认导入' }).click();
    await hasText(page.getByTestId('import-result'), '导入完成');
    await hasText(page.getByTestId('import-result'), '新增 4 个项目');
    await hasText(page.getByTestId('import-history').getByRole('row', { name: new RegExp(fixedFile.replace(/[()]/g, '\\$&')) }), '已导入');
    await screenshot(page, 'imports-done.png', { fullPage: true });

    // The projects are on record: in the list and in the exported ledger.
    await page.getByRole('button', { name: /查看项目/ }).click();
    await page.waitForURL('**/projects');
    await page.getByPlaceholder('搜索项目名称').fill('新能源汽车零部件');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('新能源汽车零部件');
    const imported = page.getByRole('row', { name: new RegExp(PROJECTS[1]!.name) });
    await hasText(imported, '80,000');
    await hasText(imported, '襄城经济开发区');
    await hasText(imported, '签约');
    // Catches (docs/testing.md, "Browser tests read the files they download"): the ledger export dropping the list's
    // `q` (every 襄城区 project in the file), and a 合计 that is not the sum of the rows.
    // The URL changes before the filtered page arrives: wait for the table to hold the search's one row.
    await expect.poll(async () => (await shownTableRows(page.locator('.ant-table'))).length).toBe(1);
    const listed = (await shownTableRows(page.locator('.ant-table'))).length;
    await page.getByRole('button', { name: /导出台账/ }).click();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByText('金额单位：亿元', { exact: true }).click()]);
    expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
    const ledgerRows = await downloadedRows(exported);
    const projectRows = ledgerRows.filter((row) => /^\d+$/.test(row[0]!));
    expect(projectRows.map((row) => row[3])).toEqual([PROJECTS[1]!.name]);
    expect(projectRows[0]![14]).toBe('襄城经济开发区');
    expect(ledgerRows.find((row) => row[0] === '单位：亿元')).toBeDefined();
    const sums = ledgerRows.find((row) => row[0] === '合计')!;
    expect(sums[3]).toBe(`${listed}个项目`);
    expect([Number(sums[7]), Number(sums[8])]).toEqual([8, 6]); // 80,000 and 60,000 万元

    // Reverted from the imports page: the batch says so and the projects are gone.
    await page.getByRole('link', { name: '台账导入' }).click();
    const batchRow = page.getByTestId('import-history').getByRole('row', { name: new RegExp(fixedFile.replace(/[()]/g, '\\$&')) });
    await batchRow.getByRole('button', { name: /撤销/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤销本次导入' }).click();
    await absent(page.getByRole('dialog'));
    await hasText(batchRow, '已撤销');
    await page.goto('/projects?q=' + encodeURIComponent('新能源汽车零部件'));
    await shown(page.getByText('暂无数据').or(page.getByText('No data')));
    await absent(page.getByRole('row', { name: new RegExp(PROJECTS[1]!.name) }));
    await context.close();
  });

  it('a column the ledger names its own way is mapped by hand, kept as the unit template and used the next time', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.goto('/imports');

    // "金额(亿元)" is no column name the detection knows: 总投资 is left out until it is mapped.
    const workbook = new ExcelJS.Workbook();
    const data = workbook.addWorksheet('项目清单');
    data.addRow(['项目名称', '投资企业', '金额(亿元)', '签约日期']);
    data.addRow(['光伏组件边框项目', '湖北隆中新能源有限公司', 3, '2026-04-01']);
    workbook.addWorksheet('填表说明').addRow(['金额以亿元计']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    await upload(page, '项目清单.xlsx', file);
    await page.waitForURL(/batch=\d+/);
    await shown(page.getByTestId('import-counts'));
    const row = page.getByRole('row', { name: /光伏组件边框项目/ });
    await shown(row);
    expect(await row.innerText()).not.toContain('30,000');

    await page.getByText('识别设置', { exact: true }).click();
    await shown(page.getByLabel('工作表', { exact: true }));
    // The panel has finished opening, and the field sits mid-screen: its options open below it, where they were
    // first drawn, instead of flipping above it after a click has already aimed at them.
    await expect.poll(() => page.locator('.ant-motion-collapse').count()).toBe(0);
    const total = page.getByLabel('总投资', { exact: true });
    await total.evaluate((field) => field.scrollIntoView({ block: 'center' }));
    await total.click();
    await page.getByTitle(/^C列/).last().click();
    await hasText(page.getByTestId('import-settings'), 'C列 · 金额(亿元)');
    await page.getByLabel('保存为本单位模板').check();
    await page.getByRole('button', { name: /重新识别/ }).click();
    await hasText(row, '30,000');
    await hasText(page.locator('.ant-descriptions'), '手动指定');

    // The same header next time: read by the unit's template.
    await page.getByRole('button', { name: /重新上传/ }).click();
    await upload(page, '项目清单.xlsx', file);
    await hasText(page.locator('.ant-descriptions'), '本单位模板');
    await hasText(page.getByRole('row', { name: /光伏组件边框项目/ }), '30,000');

    // An old .xls is turned away before it is sent, with what to do about it.
    await page.getByRole('button', { name: /重新上传/ }).click();
    await upload(page, '旧台账.xls', Buffer.from('not really a workbook'));
    await shown(page.getByText('请先在 Excel 中另存为 .xlsx'));
    await context.close();
  });

  // Catches (docs/testing.md, "Browser tests read the files they download"): problems.export.ts calling listProblems
  // with `{ page, pageSize: PAGE }` instead of `{ ...filter, page, pageSize: PAGE }` (the resolved problem is in the
  // file), and with the caller widened to the bureau (other units' problems are in the file).
  it('the problems ledger exports what its filters select', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    // One problem left open and one resolved on a 襄城区 project, so the 办理中 filter has something to leave out.
    const projects = (await (await page.request.get('/api/projects?pageSize=1')).json()) as { items: { id: number }[] };
    const projectId = projects.items[0]!.id;
    const raise = async (description: string) => {
      const answer = await page.request.post(`/api/projects/${projectId}/problems`, { data: { category: 'approval', description } });
      expect(answer.status(), await answer.text()).toBe(200);
      return ((await answer.json()) as { id: number }).id;
    };
    await raise('导出用:施工图审查待办理');
    const resolved = await raise('导出用:临时用电已接通');
    expect((await page.request.post(`/api/problems/${resolved}/resolve`, { data: { resolution: '已接通' } })).status()).toBe(200);

    await page.goto('/problems?state=open&pageSize=100');
    const table = page.locator('.ant-table');
    await shown(table.getByText('导出用:施工图审查待办理'));
    const shownRows = await shownTableRows(table);
    const total = Number((await page.getByText(/^共 \d+ 个问题$/).first().innerText()).replace(/\D/g, ''));
    expect(shownRows).toHaveLength(total);
    const shownDescriptions = shownRows.map((cells) => cells[0]!); // 问题描述 is the table's first column

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const exported = await downloadedTable(download);
    // The same problems as the page, one row each, numbered; only open ones; 襄城区's only.
    expect(exported.map((row) => row['序号'])).toEqual(exported.map((_row, index) => String(index + 1)));
    expect(exported.map((row) => row['问题描述']).sort()).toEqual(shownDescriptions.sort());
    expect(exported.map((row) => row['问题描述'])).toContain('导出用:施工图审查待办理');
    expect(exported.map((row) => row['问题描述'])).not.toContain('导出用:临时用电已接通');
    expect(new Set(exported.map((row) => row['状态']))).not.toContain('已解决');

    // Without the filter the page and the file both hold the resolved one too: the filter is what left it out.
    await page.goto('/problems?pageSize=100');
    await shown(page.locator('.ant-table').getByText('导出用:临时用电已接通'));
    const [all] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出Excel/ }).click()]);
    const allRows = await downloadedTable(all);
    expect(allRows).toHaveLength(total + 1);
    expect(allRows.find((row) => row['问题描述'] === '导出用:临时用电已接通')?.['状态']).toBe('已解决');
    await context.close();
  });

  it('leaders read and do not import: no menu entry, and the page refuses', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await shown(page.getByRole('link', { name: '督办' }));
    await absent(page.getByRole('link', { name: '台账导入' }));
    await page.goto('/imports');
    await shown(page.getByText('只有招商局和招商员可以使用此页面'));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
