import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import { hasText, loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The cockpit's first screen (issue 16, demo city 襄阳): at 1280×900 a leader sees the bureau's hero figures with
 * their targets, the districts ranked by completion and the alerts without scrolling; an alert's number opens its
 * list showing the same count. On a phone: heroes, then alerts, then the ranking, and nothing scrolls sideways.
 * Screenshots: cockpit-first-screen{,-en}.png (desktop) and cockpit-phone{,-en}.png in docs/screenshots/.
 */

let e2e: E2e;
const FIRST_SCREEN = { width: 1280, height: 900 };

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

/** The year's targets for the default heroes, for every district (what the bureau sets in January). */
async function setTargets(page: Page, year: number) {
  const units = (await (await page.request.get('/api/units')).json()) as { items: { id: number; parentId: number | null }[] };
  const city = units.items.find((unit) => unit.parentId === null)!;
  const YI = 100_000_000;
  const items = units.items
    .filter((unit) => unit.parentId === city.id)
    .flatMap((unit, i) => [
      { unitId: unit.id, metricKey: 'signedCount', value: 3 + (i % 4) },
      { unitId: unit.id, metricKey: 'signedContractYuan', value: (20 + (i % 3) * 10) * YI },
      { unitId: unit.id, metricKey: 'startedCount', value: 2 + (i % 3) },
      { unitId: unit.id, metricKey: 'fundsArrivedDomesticYuan', value: (3 + (i % 5)) * YI },
    ]);
  items.push(
    { unitId: city.id, metricKey: 'signedCount', value: 60 },
    { unitId: city.id, metricKey: 'signedContractYuan', value: 400 * YI },
    { unitId: city.id, metricKey: 'startedCount', value: 30 },
    { unitId: city.id, metricKey: 'fundsArrivedDomesticYuan', value: 80 * YI },
  );
  const answer = await page.request.put('/api/targets', { data: { year, items } });
  expect(answer.status(), await answer.text()).toBe(200);
}

async function bottomOf(locator: Locator): Promise<number> {
  await locator.first().waitFor({ state: 'visible' });
  const box = (await locator.first().boundingBox())!;
  return box.y + box.height;
}

async function settled(page: Page) {
  await shown(page.getByTestId('cockpit-heroes').locator('[data-testid^="kpi-value-"]'));
  await shown(page.getByTestId('cockpit-ranking').locator('[data-testid^="ranking-unit-"]'));
  await shown(page.getByTestId('alert-count-overdueDeadlines'));
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count()).toBe(0);
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

describe('the cockpit first screen', () => {
  const year = Number(chinaToday(new Date()).slice(0, 4));

  it('holds the hero figures, the ranking and the alerts above the fold at 1280×900, and an alert opens its list with the same count', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    await setTargets(bureau.page, year);
    await bureau.context.close();

    const { context, page } = await loggedIn(e2e, 'leader', FIRST_SCREEN);
    await page.goto('/cockpit');
    await settled(page);

    // The bureau's default heroes, each with its target and completion.
    const heroes = page.getByTestId('cockpit-heroes');
    for (const key of ['signedCount', 'signedContractYuan', 'startedCount', 'fundsArrivedDomesticYuan']) {
      await shown(heroes.getByTestId(`kpi-value-${key}`));
      await hasText(heroes.getByTestId(`kpi-target-${key}`), '年度目标');
      await hasText(heroes.getByTestId(`kpi-completion-${key}`), '%');
    }
    expect(await heroes.locator('[data-testid^="kpi-value-"]').count()).toBe(4);

    // All three inside the first screen.
    for (const id of ['cockpit-heroes', 'cockpit-ranking', 'cockpit-alerts']) {
      expect(await bottomOf(page.getByTestId(id)), id).toBeLessThanOrEqual(FIRST_SCREEN.height);
    }
    // Ranked, highest first: rank 1 leads, and the ranks never go down the list.
    const ranks = await page.getByTestId('cockpit-ranking').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    const numbers = ranks.map((r) => r.trim()).filter((r) => r !== '—').map(Number);
    expect(numbers[0]).toBe(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // The other indicators are below, grouped, not 25 cards before any chart.
    await shown(page.getByTestId('cockpit-other-kpis').getByText('建设推进'));
    await screenshot(page, 'cockpit-first-screen.png');

    // Every alert with something in it opens its list, which counts the same.
    const opened: string[] = [];
    for (const [key, total] of [
      ['overdueDeadlines', '个督办事项'],
      ['dueSoonDeadlines', '个督办事项'],
      ['overdueProblems', '个问题'],
    ] as const) {
      const count = Number((await page.getByTestId(`alert-count-${key}`).innerText()).trim());
      if (!count) continue;
      await page.getByTestId(`alert-${key}`).click();
      await page.waitForURL(key === 'overdueProblems' ? '**/problems?**' : '**/supervision?**');
      await hasText(page.locator('.ant-pagination-total-text, .zs-page-header').filter({ hasText: total }), `共 ${count} ${total}`);
      opened.push(key);
      await page.goBack();
      await settled(page);
    }
    expect(opened).toContain('overdueDeadlines');

    // In English too, the same three above the fold.
    await page.getByText('English', { exact: true }).click();
    await hasText(page.getByTestId('cockpit-alerts'), 'Alerts');
    for (const id of ['cockpit-heroes', 'cockpit-ranking', 'cockpit-alerts']) {
      expect(await bottomOf(page.getByTestId(id)), `${id} (en)`).toBeLessThanOrEqual(FIRST_SCREEN.height);
    }
    await screenshot(page, 'cockpit-first-screen-en.png');
    await page.getByText('中文', { exact: true }).click();
    await context.close();
  });

  it('on a phone is a short summary: heroes, then alerts, then the ranking, and nothing scrolls sideways', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', PHONE);
    await page.goto('/cockpit');
    await settled(page);
    const top = async (id: string) => (await page.getByTestId(id).boundingBox())!.y;
    expect(await top('cockpit-heroes')).toBeLessThan(await top('cockpit-alerts'));
    expect(await top('cockpit-alerts')).toBeLessThan(await top('cockpit-ranking'));
    await noSidewaysScroll(page);
    await screenshot(page, 'cockpit-phone.png');
    await page.getByText('English', { exact: true }).click();
    await hasText(page.getByTestId('cockpit-alerts'), 'Alerts');
    await noSidewaysScroll(page);
    await screenshot(page, 'cockpit-phone-en.png');
    await page.getByText('中文', { exact: true }).click();
    await context.close();
  });
});
