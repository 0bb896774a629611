import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The chain map in a browser (demo city 襄阳, issue 14): the bureau opens 产业链, picks 动力及储能电池, sees its links by
 * segment coloured 强/弱/缺 with their numbers, and opens a 缺 link to read why and what is on it; the same on a phone.
 * Screenshots: chain-map.png and chain-map-phone.png in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the chain map', () => {
  for (const [viewport, file] of [
    [DESKTOP, 'chain-map.png'],
    [PHONE, 'chain-map-phone.png'],
  ] as const) {
    it(`opens 动力及储能电池 and a 缺 link at ${viewport.width} px`, async () => {
      const { context, page } = await loggedIn(e2e, 'bureau', viewport);
      await page.goto('/chains');
      await page.getByTestId('chain-picker').getByText('动力及储能电池', { exact: true }).click();
      // The list (a desktop opens on the graph, test/e2e/chain-editor.test.ts).
      await page.getByTestId('chain-view').getByText('列表', { exact: true }).click();
      const gap = page.locator('[data-testid^="chain-node-"]').filter({ has: page.locator('.ant-tag', { hasText: /^缺$/ }) }).first();
      await shown(gap);
      await hasText(page.getByText('上游', { exact: true }).first(), '上游');
      await screenshot(page, file, { fullPage: true });
      await gap.click();
      const drawer = page.getByTestId('chain-link-drawer');
      await hasText(drawer, '无本地企业');
      await hasText(drawer, '企业');
      await context.close();
    });
  }

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
