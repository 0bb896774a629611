import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 出行计划 as a page of its own (issue 14, demo city 襄阳): 襄城区's staff plans a trip calling on two enterprises, finds
 * it under 招商活动 → 出行计划, edits its title and dates, takes one enterprise off, and deletes the plan; on a phone the
 * same page fits 390 px. A leader reads the city's plans with no button to change them.
 * Screenshots: trip-plans.png (1280), trip-plans-phone.png (390) in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const JIANGXI = '江西铜业集团有限公司';
const ZHONGYI = '湖北中一科技股份有限公司';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function enterpriseId(page: Page, name: string): Promise<number> {
  const found = (await (await page.request.get(`/api/enterprises?q=${encodeURIComponent(name)}&pageSize=20`)).json()) as { items: { id: number; name: string }[] };
  const match = found.items.find((e) => e.name === name);
  expect(match, name).toBeDefined();
  return match!.id;
}

const card = (page: Page, title: string) => page.locator('[data-testid^="trip-plan-"]').filter({ has: page.getByText(title, { exact: true }) });

describe('trip plans page', () => {
  let planId: number;

  it('at 1280 px: a county’s staff finds its plan in the menu, edits it, takes a stop off', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', DESKTOP);
    const stops = [{ enterpriseId: await enterpriseId(page, JIANGXI) }, { enterpriseId: await enterpriseId(page, ZHONGYI) }];
    const created = await page.request.post('/api/trip-plans', { data: { title: '赴江西、湖北招商', fromOn: day(7), toOn: day(9), stops } });
    expect(created.status(), await created.text()).toBe(200);
    planId = ((await created.json()) as { id: number }).id;

    // In the menu, under 招商活动 (opened first when it is closed).
    const menuLink = page.getByRole('link', { name: '出行计划', exact: true });
    if (!(await menuLink.isVisible())) await page.getByRole('menuitem', { name: /招商活动/ }).first().click();
    await menuLink.click();
    await page.waitForURL((url) => url.pathname === '/trip-plans');
    const plan = page.getByTestId(`trip-plan-${planId}`);
    await hasText(plan, '赴江西、湖北招商');
    await hasText(plan, `${day(7)} 至 ${day(9)}，襄城区，拟拜访 2 家`);
    await hasText(plan, JIANGXI);
    await hasText(plan, ZHONGYI);
    await screenshot(page, 'trip-plans.png');

    // Edit the title and the last day.
    await plan.getByTestId('trip-plan-edit').click();
    const dialog = page.getByRole('dialog', { name: '编辑出行计划' });
    await dialog.getByTestId('trip-plan-edit-title').fill('赴江西、湖北、广东招商');
    const [from, to] = [dialog.locator('.ant-picker-input input').nth(0), dialog.locator('.ant-picker-input input').nth(1)];
    await from.click();
    await from.fill(day(7));
    await from.press('Enter');
    await to.fill(day(10));
    await to.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await hasText(plan, '赴江西、湖北、广东招商');
    await hasText(plan, `${day(7)} 至 ${day(10)}`);

    // Take 中一科技 off the plan.
    const zhongyi = plan.locator('[data-testid^="trip-plan-stop-"]').filter({ hasText: ZHONGYI });
    await zhongyi.getByTestId('trip-plan-stop-remove').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '移出计划' }).click();
    await hasText(page.locator('.ant-message'), `已把“${ZHONGYI}”移出“赴江西、湖北、广东招商”`);
    await absent(zhongyi);
    await hasText(plan, '拟拜访 1 家');
    const saved = (await (await page.request.get('/api/trip-plans')).json()) as { items: { id: number; title: string; toOn: string; stops: { enterpriseName: string }[] }[] };
    expect(saved.items.filter((p) => p.id === planId).map((p) => [p.title, p.toOn, p.stops.map((s) => s.enterpriseName)])).toEqual([['赴江西、湖北、广东招商', day(10), [JIANGXI]]]);
    // Not in the past plans.
    await page.getByTestId('trip-plans-when').getByText('已结束', { exact: true }).click();
    await absent(page.getByTestId(`trip-plan-${planId}`));
    await context.close();
  });

  it('a leader reads the city’s plans with no button to change them', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', DESKTOP);
    await page.goto('/trip-plans');
    const plan = page.getByTestId(`trip-plan-${planId}`);
    await hasText(plan, '赴江西、湖北、广东招商');
    await absent(plan.getByTestId('trip-plan-edit'));
    await absent(plan.getByTestId('trip-plan-remove'));
    await absent(plan.getByTestId('trip-plan-stop-remove'));
    await context.close();
  });

  it('at 390 px: the page fits the phone; the plan is deleted with its stops', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);
    await page.goto('/trip-plans');
    const plan = page.getByTestId(`trip-plan-${planId}`);
    await shown(plan);
    await hasText(plan, JIANGXI);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'trip-plans-phone.png');
    await plan.getByTestId('trip-plan-remove').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s*除/ }).click();
    await hasText(page.locator('.ant-message'), '已删除出行计划“赴江西、湖北、广东招商”');
    await absent(page.getByTestId(`trip-plan-${planId}`));
    const all = (await (await page.request.get('/api/trip-plans?when=all')).json()) as { items: { id: number }[] };
    expect(all.items.map((p) => p.id)).not.toContain(planId);
    expect(e2e.pageErrors).toEqual([]);
    await context.close();
  });
});
