import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import type { TCockpit, TCockpitOverview } from '../../src/shared/cockpit.ts';
import type { THeatmap } from '../../src/shared/heatmap.ts';
import { hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 数据大屏 and the priority regions in a browser (issue 15; demo city 襄阳). The leader opens the big screen at
 * 1920×1080: dark, nothing scrolls, and every hero figure and 督办 count is the cockpit's for the same period (this
 * year to date). A county's staff get the no-access page. The bureau sets the city's priority regions and sees them
 * outlined on the map of China with their totals beside it. An English screen names every region in English.
 * Screenshots: big-screen.png, heatmap-priority.png, heatmap-en.png.
 */
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const BIG = { width: 1920, height: 1080 };

describe('the leaders\' big screen and the priority regions', () => {
  const today = chinaToday(new Date());
  const from = `${today.slice(0, 4)}-01-01`;

  it('shows the cockpit\'s own figures at 1920×1080, dark, with nothing to scroll', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', BIG);
    await page.goto('/big-screen');
    const screen = page.getByTestId('big-screen');
    await shown(screen);
    const cockpit = (await (await page.request.get(`/api/cockpit?from=${from}&to=${today}`)).json()) as TCockpit;
    const overview = (await (await page.request.get(`/api/cockpit/overview?from=${from}&to=${today}`)).json()) as TCockpitOverview;
    expect(overview.heroes.length).toBeGreaterThanOrEqual(4);
    for (const key of overview.heroes) {
      const hero = page.getByTestId(`big-screen-hero-${key}`);
      await shown(hero);
      expect(Number(await hero.getAttribute('data-value')), key).toBe(cockpit.kpis.find((k) => k.key === key)!.value);
    }
    for (const key of ['overdueDeadlines', 'dueSoonDeadlines', 'overdueProblems'] as const) {
      expect(Number(await page.getByTestId(`big-screen-alert-${key}`).getAttribute('data-value')), key).toBe(overview.alerts[key]);
    }
    // The units ranked as the cockpit ranks them.
    const ranked = [...overview.ranking].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)).slice(0, 8);
    await hasText(page.getByTestId('big-screen-ranking'), ranked[0]!.unitName);
    // The heat map of China is drawn (with the 南海诸岛 inset), the trend chart and the chains' panel are there.
    const map = page.getByTestId('big-screen-heatmap');
    await expect.poll(() => map.locator('svg path').count(), { timeout: 15_000 }).toBeGreaterThan(34);
    await shown(map.locator('svg text', { hasText: '南海诸岛' }));
    await shown(page.getByTestId('big-screen-trend').locator('canvas'));
    await hasText(page.getByTestId('big-screen-chains'), '缺口');
    // Nothing scrolls, and the page is dark.
    const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight, bg: getComputedStyle(document.querySelector('[data-testid=big-screen]')!).backgroundColor }));
    expect(size.w).toBeLessThanOrEqual(BIG.width);
    expect(size.h).toBeLessThanOrEqual(BIG.height);
    expect(size.bg).toBe('rgb(11, 20, 38)');
    const box = (await page.getByTestId('big-screen-alerts').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(BIG.height);
    await screenshot(page, 'big-screen.png');
    await context.close();
  });

  it('is not for a county\'s staff: the no-access page, no figure asked for', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/cockpit')) asked.push(request.url());
    });
    await page.goto('/big-screen');
    await shown(page.getByText('403'));
    expect(asked).toEqual([]);
    await context.close();
  });

  it('outlines the bureau\'s priority regions on the map of China, each with its total beside it', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    const plan = {
      regions: [
        { name: '长三角', nameEn: 'Yangtze River Delta', codes: ['310000', '320000', '330000', '340000'] },
        { name: '粤港澳', nameEn: 'Greater Bay Area', codes: ['440000', 'HK', 'MO'] },
      ],
    };
    const saved = await page.request.put('/api/heatmap/priority-regions', { data: plan, headers: { origin: e2e.server.url } });
    expect(saved.ok(), await saved.text()).toBe(true);
    await page.goto('/heatmap');
    const card = page.getByTestId('heatmap-priority');
    await hasText(card, '长三角');
    const year = today.slice(0, 4);
    const heat = (await (await page.request.get(`/api/heatmap?measure=signedContractYuan&year=${year}&level=province`)).json()) as THeatmap;
    expect(heat.priorityRegions.map((r) => r.key)).toEqual(['长三角', '粤港澳']);
    // The outline: the provinces of both regions drawn with the blue border.
    const map = page.getByTestId('heatmap-map');
    await expect.poll(() => map.locator('svg path[stroke="#1d39c4"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(6);
    // A region's total opens its records, which add up to it.
    const first = heat.priorityRegions[0]!;
    await card.getByRole('row').nth(1).getByRole('cell').nth(1).locator('a').click();
    const drawer = page.getByTestId('heatmap-records');
    await hasText(drawer, '长三角');
    expect(first.value).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Escape');
    await screenshot(page, 'heatmap-priority.png');
    await context.close();
  });

  it('names the regions in English on an English screen, on the map and in the table', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.goto('/heatmap');
    await page.getByText('English', { exact: true }).click();
    const map = page.getByTestId('heatmap-map');
    await shown(map.locator('svg text', { hasText: 'South China Sea Islands' }));
    await shown(map.locator('svg text', { hasText: 'Guangdong' }));
    await shown(page.getByTestId('heatmap-cells').getByRole('cell', { name: 'Fujian', exact: true }));
    // No Chinese left in the table's region names.
    const names = await page.getByTestId('heatmap-cells').locator('tbody tr td:first-child').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => /\p{Script=Han}/u.test(name))).toEqual([]);
    await screenshot(page, 'heatmap-en.png');
    await context.close();
  });
});
