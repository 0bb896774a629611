import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import type { TBreakdown, TMetricRecords } from '../../src/shared/cockpit.ts';
import type { THeatmap, THeatmapRecords } from '../../src/shared/heatmap.ts';
import { chooseOption, DEMO_PASSWORD, hasText, loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 热力图 in a browser (issue 15; demo city 襄阳): a leader opens the menu entry and reads this year's signed amounts
 * on the map of China (with the 南海诸岛 inset) and in the table, clicks 广东 on the map, sees its
 * cities, clicks 深圳 and gets the records, which add up to its number; the world map; the phone width.
 * The map page's cold load is timed (docs/benchmarks.md). Screenshots: heatmap.png, heatmap-province.png,
 * heatmap-world.png (desktop), heatmap-phone.png.
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
  const api = `measure=signedContractYuan&year=${year}`;
  /** The map's drawn shapes (SVG paths) once the map data has loaded and been drawn. */
  const drawnShapes = (map: Locator) => map.locator('svg path');

  it('is interactive on a cold load: the map of China with the 南海诸岛 inset, drawn as SVG', async () => {
    // A fresh browser (nothing cached) with a session opens the page's address directly; the server has answered the
    // same view once before (its own first request is not the page's load). Timed from the navigation's start
    // (Navigation Timing) to the map drawn and the table filled.
    const { context, page } = await e2e.newPage();
    const login = await page.request.post('/api/auth/login', { data: { username: 'leader', password: DEMO_PASSWORD }, headers: { origin: e2e.server.url } });
    expect(login.ok()).toBe(true);
    expect((await page.request.get(`/api/heatmap?${api}&level=province`)).ok()).toBe(true);
    await page.goto('/heatmap');
    const map = page.getByTestId('heatmap-map');
    await expect.poll(() => drawnShapes(map).count(), { timeout: 15_000, interval: 10 }).toBeGreaterThan(34);
    const mapMs = Math.round(await page.evaluate(() => performance.now()));
    await page.getByTestId('heatmap-cells').getByRole('row').nth(1).waitFor({ state: 'visible' });
    const interactiveMs = Math.round(await page.evaluate(() => performance.now()));
    console.log(`heat map page, cold load: map drawn at ${mapMs} ms, table filled (interactive) at ${interactiveMs} ms`);
    // The standard map's South China Sea islands inset is drawn and named.
    await shown(map.locator('svg text', { hasText: '南海诸岛' }));
    expect(await map.getAttribute('aria-label')).toContain('签约金额');
    // The goal is 1.5 s on a quiet machine (docs/benchmarks.md); the machine the tests share with others' may be far
    // busier, so this only catches a page gone badly slow (the map never drawn within its own timeout fails above).
    expect(interactiveMs).toBeLessThan(15_000);
    await context.close();
  });

  it('clicks 广东 on the map to its cities, and 深圳 to its records, which add up to its number', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.getByRole('link', { name: '热力图' }).click();
    await page.waitForURL('**/heatmap');
    const china = (await (await page.request.get(`/api/heatmap?${api}&level=province`)).json()) as THeatmap;
    // The journey: 广东 → its cities → 深圳 (the demo's 华为 and 比亚迪 invest from there).
    const province = china.cells.find((c) => c.cell === '440000')!;
    expect(province, 'the demo has signed amounts from 广东 this year').toBeDefined();
    const map = page.getByTestId('heatmap-map');
    const provinceLabel = map.locator('svg text', { hasText: province.label.zh.replace(/(省|(壮族|回族|维吾尔)?自治区|特别行政区)$/, '').replace(/^(北京|天津|上海|重庆)市$/, '$1') });
    await shown(provinceLabel);
    await shown(map.locator('svg text', { hasText: '南海诸岛' }));
    // The table beside the map says the same number.
    await shown(page.getByTestId('heatmap-cells').getByRole('row').filter({ has: page.getByRole('cell', { name: province.label.zh, exact: true }) }));
    await screenshot(page, 'heatmap.png');

    await provinceLabel.first().click();
    await page.waitForURL(`**/heatmap?*parent=${province.cell}*`);
    const cities = (await (await page.request.get(`/api/heatmap?${api}&level=city&parent=${province.cell}`)).json()) as THeatmap;
    expect(Math.round(cities.cells.reduce((a, c) => a + c.value, 0))).toBe(province.value);
    const city = cities.cells.find((c) => c.cell === '440300')!;
    expect(city, 'the demo has signed amounts from 深圳 this year').toBeDefined();
    const cityLabel = map.locator('svg text', { hasText: city.label.zh });
    await shown(cityLabel);
    await expect.poll(() => page.getByRole('navigation').filter({ hasText: '全国' }).first().innerText()).toContain(province.label.zh);
    await screenshot(page, 'heatmap-province.png');

    const cityRow = page.getByTestId('heatmap-cells').getByRole('row').filter({ has: page.getByRole('cell', { name: city.label.zh, exact: true }) });
    const shownValue = await compact(cityRow.getByRole('cell').nth(1));
    await cityLabel.first().click();
    const drawer = page.getByTestId('heatmap-records');
    await shown(drawer.getByRole('row').nth(1));
    await hasText(drawer.locator('.ant-drawer-title'), city.label.zh);
    const list = (await (await page.request.get(`/api/heatmap/records?${api}&level=city&parent=${province.cell}&cell=${city.cell}`)).json()) as THeatmapRecords;
    expect(list.value).toBe(city.value);
    expect(Math.round(list.items.reduce((a, r) => a + r.contribution, 0))).toBe(city.value);
    await expect.poll(async () => (await compact(drawer.getByText('合计'))).replace('合计', '')).toBe(shownValue);
    await context.close();
  });

  it('shows the world map by country, China holding 台湾, 香港 and 澳门, and goes back to China from it', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.goto('/heatmap');
    await shown(page.getByTestId('heatmap-map').locator('svg text', { hasText: '南海诸岛' }));
    await page.getByText('世界地图', { exact: true }).click();
    await page.waitForURL('**/heatmap?*level=country*');
    const map = page.getByTestId('heatmap-map');
    // 239 features: the countries (none for 台湾, 香港, 澳门) and three places without an ISO code.
    await expect.poll(() => drawnShapes(map).count()).toBeGreaterThan(200);
    const world = (await (await page.request.get(`/api/heatmap?${api}&level=country`)).json()) as THeatmap;
    expect(world.cells.map((c) => c.cell)).not.toEqual(expect.arrayContaining(['TW']));
    for (const region of ['TW', 'HK', 'MO']) expect(world.cells.some((c) => c.cell === region)).toBe(false);
    const chinaCell = world.cells.find((c) => c.cell === 'CN')!;
    expect(chinaCell.label.zh).toBe('中国');
    const chinaLabel = map.locator('svg text', { hasText: '中国' });
    await shown(chinaLabel);
    await screenshot(page, 'heatmap-world.png');
    await chinaLabel.first().click();
    await page.waitForURL('**/heatmap?*level=province*');
    await shown(page.getByTestId('heatmap-map').locator('svg text', { hasText: '南海诸岛' }));
    await context.close();
  });

  it('colours the countries foreign investors come from on the world map, and 德国 opens its records (issue 15\'s foreign HQ)', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.goto(`/heatmap?measure=targetEnterprises&year=${year}&level=country`);
    const map = page.getByTestId('heatmap-map');
    await expect.poll(() => drawnShapes(map).count()).toBeGreaterThan(200);
    const world = (await (await page.request.get(`/api/heatmap?measure=targetEnterprises&year=${year}&level=country`)).json()) as THeatmap;
    // The demo's German, Japanese and Singapore investors: each country a cell of its own, labelled on the map.
    for (const [cell, name] of [['DE', '德国'], ['JP', '日本'], ['SG', '新加坡']] as const) {
      expect(world.cells.find((c) => c.cell === cell)?.value, cell).toBeGreaterThan(0);
      await shown(map.locator('svg text', { hasText: name }));
    }
    expect(world.presets.find((p) => p.key === '欧美')?.value).toBeGreaterThan(0);
    await screenshot(page, 'heatmap-world-foreign.png');
    await map.locator('svg text', { hasText: '德国' }).first().click();
    await shown(page.getByText('罗伯特·博世有限公司'));
    await context.close();
  });

  it('shows the city\'s own map: 襄阳\'s counties by projects signed, the zones beside it, each opening its records', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.goto('/heatmap');
    const city = page.getByTestId('heatmap-city');
    const map = city.getByTestId('heatmap-city-map');
    // 襄阳's nine counties and districts drawn, the zones (no outline) listed beside.
    await expect.poll(() => drawnShapes(map).count()).toBeGreaterThanOrEqual(9);
    await shown(city.getByTestId('heatmap-city-zones').getByRole('row', { name: /襄阳高新技术产业开发区/ }));
    const from = `${year}-01-01`;
    const to = chinaToday(new Date());
    const breakdown = (await (await page.request.get(`/api/cockpit/breakdown?key=signedCount&by=unit&from=${from}&to=${to}`)).json()) as TBreakdown;
    const units = (await (await page.request.get('/api/units')).json()) as { items: { id: number; code: string; name: string }[] };
    const county = breakdown.rows
      .filter((r) => /^\d{6}$/.test(units.items.find((u) => String(u.id) === r.group)?.code ?? ''))
      .sort((a, b) => b.value - a.value)[0]!;
    expect(county.value, 'some district signed a project this year').toBeGreaterThan(0);
    await city.scrollIntoViewIfNeeded();
    await screenshot(page, 'heatmap-city.png');
    await map.locator('svg text', { hasText: county.label.zh }).first().click();
    const drawer = page.locator('.ant-drawer-open').filter({ hasText: county.label.zh });
    await shown(drawer.locator('.ant-table-tbody tr.ant-table-row').first());
    const records = (await (await page.request.get(`/api/cockpit/records?key=signedCount&by=unit&group=${county.group}&from=${from}&to=${to}`)).json()) as TMetricRecords;
    expect(records.items.reduce((a, r) => a + r.contribution, 0)).toBe(county.value);
    await expect.poll(() => drawer.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(records.items.length);
    await context.close();
  });

  it('filters by stage and estimated amounts from the filter bar, keeps them in the address, greys out what a measure does not take, in Chinese and English', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.goto('/heatmap');
    const cells = page.getByTestId('heatmap-cells');
    await cells.getByRole('row').nth(1).waitFor({ state: 'visible' });
    const stage = page.getByRole('combobox', { name: '项目阶段' });
    await stage.click();
    await chooseOption(page, '签约');
    await page.waitForURL('**/heatmap?*stage=signed*');
    await page.getByRole('combobox', { name: '金额是否估算' }).click();
    await chooseOption(page, '非估算金额');
    await page.waitForURL('**/heatmap?*estimated=false*');
    // The table is the API's answer for the same filters: the same regions in the same order.
    const filtered = (await (await page.request.get(`/api/heatmap?${api}&level=province&stage=signed&estimated=false`)).json()) as THeatmap;
    const regions = () => cells.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    await expect.poll(regions).toEqual(filtered.cells.map((c) => c.label.zh));
    await screenshot(page, 'heatmap-filters.png');
    // Leads have no stage: the control is greyed out, the address keeps it for when a project measure comes back.
    await page.getByRole('combobox', { name: '指标' }).first().click();
    await chooseOption(page, '线索');
    await page.waitForURL('**/heatmap?*measure=leadsCollected*');
    await expect.poll(() => stage.isDisabled()).toBe(true);
    expect(page.url()).toContain('stage=signed');
    // A shared link opens the same filtered view, here in English.
    await page.goto(`/heatmap?${api}&stage=signed&estimated=false`);
    await page.getByText('English', { exact: true }).click();
    const stageEn = page.getByRole('combobox', { name: 'Project stage' });
    await shown(stageEn);
    expect(await stageEn.isDisabled()).toBe(false);
    await shown(page.getByText('Not estimated', { exact: true }));
    await expect.poll(regions).toEqual(filtered.cells.map((c) => c.label.en));
    await screenshot(page, 'heatmap-filters-en.png');
    await context.close();
  });

  it('reads at phone width: the map fits the screen', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', PHONE);
    await page.goto('/heatmap');
    await shown(page.getByTestId('heatmap-cells').getByRole('row').nth(1));
    const map = page.getByTestId('heatmap-map');
    await expect.poll(() => drawnShapes(map).count()).toBeGreaterThan(34);
    const box = (await map.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'heatmap-phone.png');
    await context.close();
    expect(e2e.pageErrors).toEqual([]);
  });
});
