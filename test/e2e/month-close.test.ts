import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, chinaToday } from '../../src/domain/calendar.ts';
import { percentShown } from '../../src/domain/bulletin.ts';
import type { TBulletin } from '../../src/shared/bulletin.ts';
import { absent, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, typeDate, type E2e } from './support/browser.ts';

/**
 * Month close and the counting rules in a browser (demo city 襄阳, issue 5). Two months ago was closed already and a
 * late funds entry went into it as a correction (through the funds form: refused, then given a reason). The bureau
 * closes last month from its bulletin page; a 襄城区 staff member then records a signing dated last month — refused
 * with the message, saved with a reason — and this month's bulletin lists the correction while last month's reads
 * exactly as it was closed. Then the counting rules: a project marked 本地投资 leaves the cockpit, and comes back
 * when the bureau unticks 本地投资 from the exclusions; and the bureau has the bulletin drop trailing zeros from its
 * percentages ("52.6%"). Screenshots: month-close.png, counting-rules.png.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const today = chinaToday(new Date());
/** "2026-10" → its parts and how the server names it ("2026年10月"). */
const monthOf = (date: string) => {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { key: date.slice(0, 7), year, month, param: `${year}-${month}`, zh: `${year}年${month}月`, bulletin: `${year}年${month === 1 ? '' : '1—'}${month}月份` };
};
const twoMonthsAgo = monthOf(addMonths(today, -2));
const lastMonth = monthOf(addMonths(today, -1));
const thisMonth = monthOf(today);

// Exact names: each of these has a "…一期项目" twin that a partial name would also find.
const FUNDS_PROJECT = '储能电池模组生产基地项目';
const SIGNED_PROJECT = '年产10万吨磷酸铁锂正极材料项目';

async function projectId(page: Page, name: string): Promise<number> {
  const answer = await page.request.get(`/api/projects?q=${encodeURIComponent(name)}&pageSize=50`);
  const { items } = (await answer.json()) as { items: { id: number; name: string }[] };
  const found = items.filter((item) => item.name === name);
  expect(found).toHaveLength(1);
  return found[0]!.id;
}

async function kpiCount(page: Page, key: string): Promise<number> {
  const card = page.getByTestId(`kpi-value-${key}`);
  await card.waitFor({ state: 'visible' });
  return Number((await card.innerText()).replace(/[\s个,]/g, ''));
}

describe('month close and the counting rules in a browser', () => {
  let closedBulletin = '';

  it('funds dated in a closed month are taken only with a reason, given in the funds form', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    const closed = await bureau.page.request.post('/api/closes', { data: { year: twoMonthsAgo.year, month: twoMonthsAgo.month } });
    expect(closed.status()).toBe(200);
    await bureau.context.close();

    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.goto(`/projects/${await projectId(page, FUNDS_PROJECT)}?tab=funds`);
    await page.getByRole('button', { name: '登记到位资金' }).click();
    const dialog = page.getByRole('dialog');
    await typeDate(dialog.getByLabel('到位日期', { exact: true }), `${twoMonthsAgo.key}-10`);
    await dialog.getByLabel('金额（万元）', { exact: true }).fill('500');
    await dialog.getByLabel('凭证', { exact: true }).fill('HD-LATE-0001');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await hasText(dialog.getByTestId('month-closed'), `${twoMonthsAgo.zh}已关账：修改已关账期间的数据属于更正，请填写更正原因`);
    await dialog.getByLabel('更正原因', { exact: true }).fill('银行回单迟到,当月未能入账');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await absent(page.getByRole('dialog'));
    await hasText(page.getByRole('row', { name: /HD-LATE-0001/ }), '500 万元');
    await context.close();
  });

  it('the bureau closes last month from its bulletin page', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', { width: 1280, height: 900 });
    await page.getByRole('link', { name: '通报' }).click();
    await page.waitForURL('**/bulletin');
    // The bulletin opens on last month: ended, not closed, and listing the correction made since the close before it.
    await hasText(page.getByRole('heading', { level: 3 }), `${lastMonth.bulletin}招商引资工作通报`);
    await shown(page.getByTestId('bulletin-open'));
    const corrections = page.getByTestId('bulletin-corrections');
    await hasText(corrections.getByRole('row', { name: new RegExp(FUNDS_PROJECT) }), '银行回单迟到,当月未能入账');
    await page.getByRole('button', { name: /关\s*账/ }).click();
    const confirm = page.getByRole('dialog');
    await hasText(confirm, `确认关账：${lastMonth.zh}`);
    await hasText(confirm, '作为更正列入下一期通报');
    await confirm.getByRole('button', { name: /关\s*账/ }).click();
    await shown(page.getByText(`${lastMonth.zh}已关账`));
    await hasText(page.getByTestId('bulletin-closed'), '已关账');
    await absent(page.getByRole('button', { name: /关\s*账/ }));
    closedBulletin = await page.getByTestId('bulletin').innerText();

    // The picture: 襄城区's bulletin of the closed month — its 本级 row unranked, the correction listed.
    await page.getByLabel('通报范围', { exact: true }).click();
    await chooseOption(page, '襄城区');
    await hasText(page.getByRole('heading', { level: 3 }), `襄城区${lastMonth.bulletin}招商引资工作通报`);
    await shown(page.getByTestId('bulletin-closed'));
    await shown(page.getByTestId('bulletin-corrections').getByRole('link', { name: FUNDS_PROJECT }));
    // The district's own records (本级) are shown, last and unranked.
    const own = page.getByTestId('bulletin-signedCount').locator('tr.zs-bulletin-own');
    await hasText(own, '襄城区本级');
    expect((await own.locator('td').last().innerText()).trim()).toBe('—');
    await screenshot(page, 'month-close.png', { fullPage: true });

    // Printed, the corrections go with the bulletin.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('bulletin-corrections').isVisible()).toBe(true);
    expect(await page.getByTestId('bulletin-closed').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('a signing dated in the closed month is refused, then taken with a reason, in the stage dialog', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.goto(`/projects/${await projectId(page, SIGNED_PROJECT)}`);
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('变更为', { exact: true }).click();
    await chooseOption(page, '签约');
    await typeDate(dialog.getByLabel('发生日期', { exact: true }), `${lastMonth.key}-15`);
    await dialog.getByLabel('合同编号', { exact: true }).fill('XYC-LATE-0001');
    // No reason is asked for before the server says the month is closed.
    expect(await dialog.getByLabel('更正原因', { exact: true }).count()).toBe(0);
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await hasText(dialog.getByTestId('month-closed'), `${lastMonth.zh}已关账：修改已关账期间的数据属于更正，请填写更正原因`);
    await dialog.getByLabel('更正原因', { exact: true }).fill(`${lastMonth.month}月已签约,当月漏报`);
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await absent(page.getByRole('dialog'));
    await shown(page.getByText('合同编号：XYC-LATE-0001'));
    await context.close();
  });

  it('this month’s bulletin lists the correction; the closed month’s reads as it was closed', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', { width: 1280, height: 900 });
    await page.goto(`/bulletin?month=${thisMonth.param}`);
    const row = page.getByTestId('bulletin-corrections').getByRole('row', { name: new RegExp(SIGNED_PROJECT) });
    await hasText(row, '襄城区');
    await hasText(row, lastMonth.zh);
    await hasText(row, `签约 ${lastMonth.key}-15`);
    await hasText(row, `${lastMonth.month}月已签约,当月漏报`);
    await absent(page.getByTestId('bulletin-closed'));

    await page.goto(`/bulletin?month=${lastMonth.param}`);
    await shown(page.getByTestId('bulletin-closed'));
    await expect.poll(() => page.getByTestId('bulletin').innerText()).toBe(closedBulletin);

    await page.goto(`/bulletin?month=${thisMonth.param}`);
    await row.getByRole('link', { name: SIGNED_PROJECT }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    await hasText(page.locator('.zs-page-header'), SIGNED_PROJECT);
    await context.close();
  });

  it('an edit of a counted project in a closed month asks for its reason; the counting rules move the cockpit', async () => {
    // The project signed last month is marked wholly local investment: a correction, and left out by default.
    const staff = await loggedIn(e2e, 'xiangcheng');
    await staff.page.goto(`/projects/${await projectId(staff.page, SIGNED_PROJECT)}`);
    await staff.page.getByRole('button', { name: /编\s*辑/ }).click(); // the record's form is the page's 编辑 mode (issue 16)
    await staff.page.getByLabel('资金来源', { exact: true }).click();
    await chooseOption(staff.page, '本地');
    await staff.page.getByRole('button', { name: /保\s*存/ }).click();
    await hasText(staff.page.getByTestId('month-closed'), `${lastMonth.zh}已关账`);
    await staff.page.getByLabel('更正原因', { exact: true }).fill('资金来源核实为本地国资');
    await staff.page.getByRole('button', { name: /保\s*存/ }).click();
    await shown(staff.page.getByText('已保存'));
    await absent(staff.page.getByTestId('month-closed'));
    await staff.context.close();

    const { context, page } = await loggedIn(e2e, 'bureau', { width: 1280, height: 1000 });
    await page.goto(`/cockpit?period=month&month=${lastMonth.param}`);
    const before = await kpiCount(page, 'signedCount');
    await page.getByRole('link', { name: '口径说明' }).click();
    await page.waitForURL('**/counting-rules');
    const rules = page.getByTestId('counting-rules');
    const local = rules.getByRole('checkbox', { name: '本地投资' });
    await expect.poll(() => local.isChecked()).toBe(true);
    await hasText(rules, '70 房地产业');
    await screenshot(page, 'counting-rules.png');

    await local.uncheck();
    await rules.getByRole('button', { name: '保存口径' }).click();
    await shown(page.getByText('计入口径已保存'));
    await page.goBack();
    await page.waitForURL(/\/cockpit\?/);
    await expect.poll(() => kpiCount(page, 'signedCount')).toBe(before + 1);

    // The admin menu leads to the same page; a leader reads it and cannot change it.
    await page.goto('/admin/units');
    await page.getByRole('link', { name: '计入口径' }).click();
    await page.waitForURL('**/counting-rules');
    await context.close();
    const leader = await loggedIn(e2e, 'leader');
    await leader.page.goto('/counting-rules');
    await expect.poll(() => leader.page.getByRole('checkbox', { name: '本地投资' }).isChecked()).toBe(false);
    expect(await leader.page.getByRole('checkbox', { name: '外资' }).isDisabled()).toBe(true);
    expect(await leader.page.getByRole('button', { name: '保存口径' }).count()).toBe(0);
    await leader.context.close();
  });

  it('the bureau has the bulletin drop trailing zeros from its percentages, on the counting rules page', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', { width: 1280, height: 1000 });
    const asData = async () => (await (await page.request.get(`/api/bulletin?year=${lastMonth.year}&month=${lastMonth.month}`)).json()) as TBulletin;
    const before = await asData();
    expect(before.percentStyle).toBe('twoDecimals');
    await page.goto('/counting-rules');
    const rules = page.getByTestId('counting-rules');
    await rules.getByRole('radio', { name: '去掉末尾的零（41.6%、40%）' }).check();
    await rules.getByRole('button', { name: '保存口径' }).click();
    await shown(page.getByText('计入口径已保存'));
    expect((await asData()).percentStyle).toBe('trimmed');

    // The page writes every percentage of the sentences as before, less its trailing zeros.
    await page.goto('/bulletin');
    const trimmed = (sentence: string) => sentence.replace(/(\d+\.\d\d)%/g, (_, percent: string) => `${percentShown(percent, 'trimmed')}%`);
    await page.getByTestId('bulletin-sentence').first().waitFor({ state: 'visible' });
    await expect
      .poll(() => page.getByTestId('bulletin-sentence').allInnerTexts(), { timeout: 10_000 })
      .toEqual(before.items.map((item) => trimmed(item.sentence)));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
