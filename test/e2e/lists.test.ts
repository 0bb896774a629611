import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { formatWan } from '../../src/web/ui/money.ts';

/**
 * The tables a clerk uses all day (issue 16): at 1280 the key column stays in view (problems' 状态, the board's 入库),
 * wide tables offer column settings remembered per user, a listed amount has a total row that says it sums the rows
 * shown, and 督办 groups by unit with counts and sends a 催办.
 */

const WIDE = { width: 1280, height: 900 };
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

async function settled(page: Page) {
  await shown(page.locator('main table'));
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
}

/** The header cell of a column, by its exact text, and whether all of it lies inside the window. */
async function headerInView(page: Page, text: string) {
  const cell = page.locator('main th.ant-table-cell').filter({ hasText: new RegExp(`^${text}$`) }).first();
  await cell.waitFor({ state: 'visible' });
  const box = (await cell.boundingBox())!;
  const fixed = await cell.evaluate((el) => el.className.includes('ant-table-cell-fix'));
  return { inView: box.x >= 0 && box.x + box.width <= page.viewportSize()!.width, fixed };
}

describe('tables at 1280 keep their key column in view', () => {
  it('problems keep 状态 and the 挂图作战 board keeps 入库 fixed at the right edge; projects keep the deadline as a word', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', WIDE);
    await page.goto('/problems');
    await settled(page);
    expect(await headerInView(page, '状态')).toEqual({ inView: true, fixed: true });
    await screenshot(page, 'lists-problems-1280.png');

    await page.goto('/supervision?view=board');
    await settled(page);
    expect(await headerInView(page, '入库')).toEqual({ inView: true, fixed: true });
    // A deadline chip on the board says its status in words, not only in colour.
    const open = page.locator('main [data-status="overdue"], main [data-status="dueSoon"]').first();
    await open.waitFor({ state: 'visible' });
    expect(await open.innerText()).toMatch(/逾期|临期/);
    await screenshot(page, 'lists-board-1280.png');
    await context.close();
  });

  it('hides a column the user chooses, remembers it after a reload, and never offers to hide the key column', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', WIDE);
    await page.goto('/problems');
    await settled(page);
    await page.getByTestId('column-settings-problems').click();
    const popover = page.locator('.ant-popover').filter({ visible: true });
    await expect.poll(() => popover.locator('label').filter({ hasText: '状态（始终显示）' }).locator('input').isDisabled()).toBe(true);
    await popover.locator('label').filter({ hasText: '类别' }).click();
    await expect.poll(() => page.locator('main th.ant-table-cell').filter({ hasText: /^类别$/ }).count()).toBe(0);
    await page.reload();
    await settled(page);
    expect(await page.locator('main th.ant-table-cell').filter({ hasText: /^类别$/ }).count()).toBe(0);
    expect(await headerInView(page, '状态')).toEqual({ inView: true, fixed: true });
    // Per user: the stored choice is under this user's id.
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zs.columns.')));
    expect(keys).toEqual([expect.stringMatching(/^zs\.columns\.\d+\.problems$/)]);
    await page.getByTestId('column-settings-problems').click();
    await page.locator('.ant-popover').filter({ visible: true }).getByRole('button', { name: '恢复默认' }).click();
    await expect.poll(() => page.locator('main th.ant-table-cell').filter({ hasText: /^类别$/ }).count()).toBe(1);
    await context.close();
  });

  it('sums the total investment of the rows shown, exactly, and says it is this page’s sum', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', WIDE);
    const listed = (await (await page.request.get('/api/projects?page=1&pageSize=20')).json()) as { items: { totalInvestmentYuan: number }[]; total: number };
    expect(listed.total).toBeGreaterThan(20); // paged: a page's sum must not be called the total
    await page.goto('/projects');
    await settled(page);
    const row = page.getByTestId('page-sum');
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain(`本页 ${listed.items.length} 项合计`);
    const sum = listed.items.reduce((total, p) => total + p.totalInvestmentYuan, 0);
    expect(await page.getByTestId('page-sum-totalInvestmentYuan').innerText()).toBe(formatWan(sum));
    // The next deadline stays in view at the right edge, and reads as a word and a colour.
    expect(await headerInView(page, '下一期限')).toEqual({ inView: true, fixed: true });
    const light = page.locator('main td [data-status]').first();
    await light.waitFor({ state: 'visible' });
    expect(await light.innerText()).toMatch(/正常|临期|逾期/);
    await screenshot(page, 'lists-projects-1280.png');
    await context.close();
  });
});

describe('督办 by unit, with 催办', () => {
  it('groups the list by unit with each unit’s counts of the whole list, warns where no 责任人 is named, and sends a 催办 once a day', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', WIDE);
    const api = (await (await page.request.get('/api/supervision?groupBy=unit&page=1&pageSize=20')).json()) as {
      units: { unitId: number; unitName: string; total: number; overdue: number }[];
      items: { unitId: number; officerMissing: boolean }[];
    };
    expect(api.units.length).toBeGreaterThan(1);
    await page.goto('/supervision');
    await settled(page);
    const chips = page.getByTestId('supervision-unit-counts');
    for (const unit of api.units) await expect.poll(() => chips.innerText()).toContain(`${unit.unitName}：${unit.total} 项，逾期 ${unit.overdue} 项`);
    const first = api.units.find((u) => u.unitId === api.items[0]!.unitId)!;
    const heading = page.getByTestId(`supervision-group-${first.unitId}`);
    await heading.waitFor({ state: 'visible' });
    expect(await heading.innerText()).toContain(`${first.unitName}　共 ${first.total} 项，其中逾期 ${first.overdue} 项`);
    if (api.items.some((i) => i.officerMissing)) await shown(page.locator('main .ant-alert-warning').filter({ hasText: '未指定责任人' }));
    await screenshot(page, 'lists-supervision-1280.png');

    // 催办 the first row not yet reminded today: a confirmation, then the button says it was sent today.
    const button = page.locator('main button[data-testid^="remind-"]:not([disabled])').first();
    await button.waitFor({ state: 'visible' });
    const testId = (await button.getAttribute('data-testid'))!;
    await button.click();
    await shown(page.locator('.ant-message-success').filter({ hasText: '已催办' }));
    const same = page.getByTestId(testId).first();
    await expect.poll(() => same.innerText()).toContain('今日已催办');
    expect(await same.isDisabled()).toBe(true);
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
