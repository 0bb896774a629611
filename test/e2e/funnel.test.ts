import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The front of the funnel on a phone (390 × 844, issue 6): 襄城区's staff member logs a trip with two visits, then a
 * lead from it — the likely duplicate shown as an existing enterprise's name is typed with 有限责任公司 — converts the
 * lead into a project and opens it. On a desktop, a trip's own page leads to the leads it brought, and one is edited.
 * Screenshots: trip-phone.png, leads.png and trip-page.png in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

/** Fills a field and sees the value kept: a field typed into while its form still mounts can lose it. */
async function fillKept(field: Locator, value: string) {
  await expect
    .poll(async () => {
      if ((await field.inputValue()) !== value) await field.fill(value);
      return field.inputValue();
    })
    .toBe(value);
}

describe('leads, trips and visits on a phone', () => {
  it('logs a trip with two visits, a lead from it (with the duplicate hint), and converts it into a project', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);

    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '外出招商' }).click();
    await page.waitForURL('**/trips');
    await page.getByRole('button', { name: '登记外出招商' }).click();
    await page.waitForURL('**/trips/new');

    await shown(page.getByRole('button', { name: '添加拜访' }));
    await page.getByLabel('途经城市（按顺序） 1').fill('深圳');
    await chooseOption(page, '广东省深圳市');
    await page.getByRole('button', { name: '添加城市' }).click();
    await page.getByLabel('途经城市（按顺序） 2').fill('东莞');
    await chooseOption(page, '广东省东莞市');

    const visits = page.getByTestId('trip-visit');
    await page.getByRole('button', { name: '添加拜访' }).click();
    await visits.nth(0).getByLabel('企业名称').fill('深圳智行动力科技有限公司');
    await visits.nth(0).getByLabel('会见人员').fill('王总经理');
    await visits.nth(0).getByLabel('下一步').fill('邀请来襄考察');
    await page.getByRole('button', { name: '添加拜访' }).click();
    await visits.nth(1).getByLabel('企业名称').fill('东莞精研模具有限公司');
    await visits.nth(1).getByLabel('情况').fill('有意在襄阳设立华中基地');
    const leader = page.getByLabel('带队领导');
    await fillKept(leader, '李副区长');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'trip-phone.png', { fullPage: true });

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL('**/trips?saved=*');
    // On a phone the trips and the leads are cards (issue 16).
    const trip = page.locator('main [data-testid^="trip-card-"]').filter({ hasText: '李副区长' });
    await hasText(trip, '广东省深圳市 → 广东省东莞市');

    // A lead from the trip: the name as heard is an enterprise already on record, written with 有限责任公司.
    await trip.getByRole('link', { name: '由此登记线索' }).click();
    await page.waitForURL('**/leads?tripId=*');
    const drawer = page.getByRole('dialog', { name: '登记线索' });
    await fillKept(drawer.getByLabel('或填写听到的企业名称'), '东风鸿泰控股集团有限责任公司');
    const hint = drawer.getByTestId('duplicate-hint');
    await hasText(hint, '东风鸿泰控股集团有限公司');
    await hint.getByRole('button', { name: '用这家企业' }).click();
    await expect.poll(() => drawer.getByLabel('或填写听到的企业名称').inputValue()).toBe('');
    await drawer.getByLabel('意向投资额').fill('8000');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });

    const lead = page.locator('main [data-testid^="lead-card-"]').filter({ hasText: '东风鸿泰控股集团有限公司' });
    await hasText(lead, '新线索');
    await screenshot(page, 'leads.png', { fullPage: true });

    await lead.getByRole('button', { name: '转化为项目' }).click();
    const convert = page.getByRole('dialog', { name: '转化为项目' });
    await fillKept(convert.getByLabel('项目名称'), '东风鸿泰新能源商用车项目');
    await expect.poll(() => convert.getByLabel('意向投资额').inputValue()).toBe('8,000');
    await convert.getByRole('button', { name: /确\s*定|OK/ }).click();
    await convert.waitFor({ state: 'hidden' });
    await shown(lead.getByRole('link', { name: '查看项目' }));
    await lead.getByRole('link', { name: '查看项目' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    await hasText(page.locator('.zs-page'), '东风鸿泰新能源商用车项目');
    await context.close();
  });

  it('a new enterprise\'s form names a likely duplicate of the library, and another unit\'s work on it by that unit only', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);
    await page.goto('/enterprises/new');
    // 比亚迪 was recorded by 经开区; the library's facts are public (issue 13): the hint names it and links to it. 经开区's
    // projects with it show only as "另一单位正在跟进" with 经开区's name — never the projects' names.
    await fillKept(page.getByLabel('企业名称'), '比亚迪股份有限责任公司');
    const hint = page.getByTestId('duplicate-hint');
    await hasText(hint, '名称相同');
    await shown(hint.getByRole('link', { name: '比亚迪股份有限公司' }));
    await hasText(hint, '另一单位正在跟进：襄阳经济技术开发区');
    const text = await hint.innerText();
    for (const project of ['新能源汽车零部件产业园项目', '刀片电池配套项目']) expect(text).not.toContain(project);
    await context.close();
  });

  it('the bureau adds a leader level that counts as a leader, and the trip form offers it', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    await page.goto('/admin/leader-levels');
    await shown(page.getByRole('heading', { name: '带队级别' }));
    await page.getByRole('button', { name: '新增级别' }).click();
    await fillKept(page.getByLabel('代码', { exact: true }), 'zoneDirector');
    await fillKept(page.getByLabel('zoneDirector 中文名称'), '开发区管委会主任');
    await fillKept(page.getByLabel('zoneDirector 英文名称'), 'Zone director');
    await page.getByRole('row', { name: /zoneDirector/ }).getByRole('combobox').click();
    await chooseOption(page, '领导');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await shown(page.getByText('带队级别已保存'));
    await page.goto('/trips/new');
    await page.getByLabel('级别', { exact: true }).click();
    await shown(page.locator('.ant-select-dropdown').getByTitle('开发区管委会主任', { exact: true }));
    await context.close();
  });

  it('opens a trip\'s page from the trips list, follows to its leads and edits a lead\'s note', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', DESKTOP);
    await page.goto('/trips');
    // The district head's trip to 深圳 with the resident team (the demo's), not his earlier one to 南京.
    const row = page.getByTestId('trips-table').getByRole('row').filter({ hasText: '广东省深圳市' }).filter({ hasText: '区长 周伟' });
    await row.getByRole('link', { name: '区长 周伟' }).click();
    await page.waitForURL(/\/trips\/\d+$/);
    const tripUrl = page.url();
    await shown(page.getByRole('heading', { name: '区长 周伟' }));
    await hasText(page.getByTestId('trip-facts'), '广东省深圳市');
    await hasText(page.getByTestId('trip-facts'), '区招商局、襄城经济开发区');
    const visits = page.getByTestId('trip-visits');
    await hasText(visits, '深圳市新能储科技有限公司');
    await hasText(visits, '洽谈');
    // The visit about 襄城区's own project links to it, and the project is among the trip's outcomes.
    const projectLink = visits.getByRole('link').first();
    const projectName = await projectLink.innerText();
    expect(projectName.length).toBeGreaterThan(2);
    await shown(page.getByTestId('trip-projects').getByRole('link', { name: projectName }));
    const leads = page.getByTestId('trip-leads');
    await hasText(leads, '线索 1 条');
    await hasText(leads, '深圳市新能储科技有限公司');
    await screenshot(page, 'trip-page.png', { fullPage: true });

    await leads.getByRole('link', { name: '查看这次外出的线索' }).click();
    await page.waitForURL(/\/leads\?tripId=\d+$/);
    expect(page.url().split('tripId=')[1]).toBe(tripUrl.split('/trips/')[1]);
    const table = page.getByTestId('leads-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await hasText(page.locator('.ant-select').filter({ has: page.getByLabel('外出招商') }), '区长 周伟');
    const lead = table.getByRole('row', { name: /深圳市新能储科技有限公司/ });
    await lead.getByRole('button', { name: /^修\s*改$/ }).click();
    const drawer = page.getByRole('dialog', { name: /修改线索/ });
    await expect.poll(() => drawer.getByLabel('备注').inputValue()).toBe('储能电池PACK项目，已发送园区厂房资料');
    await fillKept(drawer.getByLabel('备注'), '已寄送园区厂房资料,企业下月来襄考察');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await hasText(lead, '已寄送园区厂房资料,企业下月来襄考察');

    // Saved on the server: a fresh load shows it, and the lead keeps its amount.
    await page.reload();
    await hasText(table.getByRole('row', { name: /深圳市新能储科技有限公司/ }), '已寄送园区厂房资料,企业下月来襄考察');
    await hasText(table.getByRole('row', { name: /深圳市新能储科技有限公司/ }), '50,000');
    await context.close();
  });

  it('raised no uncaught error in any page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
