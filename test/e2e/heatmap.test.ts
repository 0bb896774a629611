import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import type { THeatmap, THeatmapRecords } from '../../src/shared/heatmap.ts';
import { loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 热力图 in a browser (issue 15, first increment; demo city 襄阳): a leader opens the menu entry, reads this year's
 * signed amounts by the investors' provinces, drills into the first province's cities, opens a city's records and
 * finds they add up to its number. Screenshots: heatmap.png (desktop), heatmap-phone.png.
 */
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const compact = async (locator: Locator) => (await locator.first().innerText()).replace(/\s+/g, '');

describe('the investment heat map in a browser', () => {
  const year = Number(chinaToday(new Date()).slice(0, 4));

  it('drills from China to a province\'s cities and opens a city\'s records, which add up to its number', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.getByRole('link', { name: '热力图' }).click();
    await page.waitForURL('**/heatmap');
    const china = (await (await page.request.get(`/api/heatmap?measure=signedContractYuan&year=${year}&level=province`)).json()) as THeatmap;
    const province = china.cells.find((c) => /^\d{6}$/.test(c.cell))!;
    expect(province, 'the demo has signed amounts from some province this year').toBeDefined();
    const cells = page.getByTestId('heatmap-cells');
    const row = cells.getByRole('row').filter({ has: page.getByRole('cell', { name: province.label.zh, exact: true }) });
    await shown(row);
    await screenshot(page, 'heatmap.png');
    await row.getByRole('button', { name: '下钻' }).click();
    await page.waitForURL(`**/heatmap?*parent=${province.cell}*`);
    const cities = (await (await page.request.get(`/api/heatmap?measure=signedContractYuan&year=${year}&level=city&parent=${province.cell}`)).json()) as THeatmap;
    expect(Math.round(cities.cells.reduce((a, c) => a + c.value, 0))).toBe(province.value);
    const city = cities.cells[0]!;
    const cityRow = cells.getByRole('row').filter({ has: page.getByRole('cell', { name: city.label.zh, exact: true }) });
    await shown(cityRow);
    const shownValue = await compact(cityRow.getByRole('cell').nth(1));
    await cityRow.getByRole('button', { name: '明细' }).click();
    const drawer = page.getByTestId('heatmap-records');
    await shown(drawer.getByRole('row').nth(1));
    const list = (await (await page.request.get(`/api/heatmap/records?measure=signedContractYuan&year=${year}&level=city&parent=${province.cell}&cell=${city.cell}`)).json()) as THeatmapRecords;
    expect(list.value).toBe(city.value);
    await expect.poll(async () => (await compact(drawer.getByText('合计'))).replace('合计', '')).toBe(shownValue);
    await context.close();
  });

  it('reads at phone width', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', PHONE);
    await page.goto('/heatmap');
    await shown(page.getByTestId('heatmap-cells').getByRole('row').nth(1));
    await screenshot(page, 'heatmap-phone.png');
    await context.close();
    expect(e2e.pageErrors).toEqual([]);
  });
});
