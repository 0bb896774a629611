import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import { percentText } from '../../src/domain/rates.ts';
import type { TBreakdown } from '../../src/shared/cockpit.ts';
import type { TChainTargetList } from '../../src/shared/targets.ts';
import { hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * Chains in targets and figures (issue 14), in a browser over the demo city 襄阳: the targets grid has a row per chain
 * — the bureau types a chain's target and reads its completion, a county reads them — and the cockpit breaks a metric
 * down by chain, 未归链 included, its rows adding up to the figure and each opening records that add up to it.
 * Screenshots: docs/screenshots/cockpit-by-chain.png, targets-chains.png.
 */
let e2e: E2e;
const year = Number(chinaToday(new Date()).slice(0, 4));
const CHAIN = '动力及储能电池';

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

async function compact(locator: Locator): Promise<string> {
  await locator.first().waitFor({ state: 'visible' });
  return (await locator.first().innerText()).replace(/\s+/g, '');
}

async function chainTargetsOf(page: Page): Promise<TChainTargetList> {
  return page.evaluate(async (y) => (await fetch(`/api/targets/chains?year=${y}`)).json(), year);
}

describe('chains in targets and the cockpit (issue 14)', () => {
  it('the bureau sets a chain’s target in the grid’s chain rows and reads its completion', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    await page.getByRole('link', { name: '目标任务' }).click();
    await page.waitForURL('**/targets');
    await shown(page.getByTestId('targets-chain-head'));
    await hasText(page.getByTestId('targets-grid'), CHAIN);
    // Activities are not counted by chain: no field for them in a chain row.
    expect(await page.getByLabel(`${CHAIN} 举办招商活动`, { exact: true }).count()).toBe(0);
    await page.getByLabel(`${CHAIN} 新签约项目`, { exact: true }).fill('10');
    await page.getByRole('button', { name: '保存 1 项修改' }).click();
    await shown(page.getByText('已保存 1 项修改'));
    const list = await chainTargetsOf(page);
    const cell = list.items.find((c) => c.name === CHAIN)!.cells.find((c) => c.metricKey === 'signedCount')!;
    expect(cell).toMatchObject({ target: 10, completion: percentText(cell.value, 10) });
    await page.getByRole('button', { name: `${CHAIN} 进度` }).click();
    const row = page.getByTestId('chain-target-progress').getByRole('row').filter({ has: page.getByRole('cell', { name: '新签约项目', exact: true }) });
    await hasText(row, '10 个');
    await hasText(row, `${cell.completion}%`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await page.getByTestId('targets-chain-head').scrollIntoViewIfNeeded();
    await screenshot(page, 'targets-chains.png');
    await context.close();
  });

  it('a county reads the chain rows, with nothing to type', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.goto('/targets');
    await shown(page.getByTestId('targets-chain-head'));
    await hasText(page.getByTestId('targets-grid'), CHAIN);
    expect(await page.getByLabel(`${CHAIN} 新签约项目`, { exact: true }).count()).toBe(0);
    await context.close();
  });

  it('the cockpit breaks a metric down by chain: 未归链 included, the rows add up, a row opens records that add up to it', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', { width: 1280, height: 1000 });
    const answered = page.waitForResponse((r) => r.url().includes('/api/cockpit/breakdown') && r.url().includes('by=chain') && r.url().includes('key=signedContractYuan'));
    await page.goto('/cockpit');
    const breakdown = (await (await answered).json()) as TBreakdown;
    const sum = breakdown.rows.reduce((total, r) => total + r.value, 0);
    expect(sum).toBe(breakdown.value);
    expect(breakdown.rows.map((r) => r.label.zh)).toContain(CHAIN);

    const panel = page.getByTestId('breakdown-chain');
    await panel.scrollIntoViewIfNeeded();
    await hasText(panel, '按产业链');
    await panel.locator('.ant-segmented-item').nth(1).click();
    await hasText(panel, CHAIN);
    if (breakdown.rows.some((r) => r.group === 'none')) await hasText(panel, '未归链');
    // The largest chain's figure opens its records, which add up to it.
    const largest = [...breakdown.rows].filter((r) => r.group !== 'none').sort((a, b) => b.value - a.value)[0]!;
    if (largest.value > 0) {
      const number = panel.getByRole('row').filter({ hasText: largest.label.zh }).locator('button.zs-link-number');
      const clicked = await compact(number);
      await number.click();
      const drawer = page.getByTestId('records-drawer');
      await shown(drawer.getByRole('link'));
      await expect.poll(() => compact(drawer.getByTestId('records-total'))).toBe(clicked);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    }
    await panel.locator('.ant-segmented-item').nth(0).click();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-by-chain.png');
    expect(e2e.pageErrors).toEqual([]);
    await context.close();
  });
});
