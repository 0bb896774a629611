import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The browser tab names the page (issue 16): its heading, then the app's name, in the screen's language; the app has a
 * favicon; leaving a page for one without a heading leaves no stale name behind.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('tab titles and the favicon', () => {
  it('names each page in the tab, in Chinese and then in English', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    for (const [path, title] of [
      ['/projects', '项目 - 招商引资平台'],
      ['/cockpit', '驾驶舱 - 招商引资平台'],
      ['/chains', '产业链招商图谱 - 招商引资平台'],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => page.title(), { message: path }).toBe(title);
    }
    // A project's page is named by the project.
    await page.goto('/projects');
    const first = page.locator('.ant-table-row a').first();
    await shown(first);
    const name = (await first.innerText()).trim();
    await first.click();
    await page.waitForURL(/\/projects\/\d+$/);
    await expect.poll(() => page.title()).toContain(name);

    await page.getByText('English', { exact: true }).click();
    await page.goto('/chains');
    await expect.poll(() => page.title()).toMatch(/^Industrial chain map - /);
    await context.close();
  });

  it('has a favicon the server sends', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(/\.svg$/);
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toContain('immutable');
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
