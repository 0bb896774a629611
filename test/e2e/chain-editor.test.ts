import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, absent, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

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
  it('draws 动力及储能电池 as a tree at 1280 px that fits its card in Chinese and English, and a link clicked opens its drawer', async () => {
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
    await page.locator('.ant-drawer-close').click();

    // In English the longer names fit too.
    await page.getByText('English', { exact: true }).click();
    await shown(graph.locator('text', { hasText: 'Upstream' }));
    const englishBox = (await graph.boundingBox())!;
    const english = await graph.locator('text').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    for (const label of english) {
      expect(label.left).toBeGreaterThanOrEqual(englishBox.x - 1);
      expect(label.right).toBeLessThanOrEqual(englishBox.x + englishBox.width + 1);
    }
    await page.getByText('中文', { exact: true }).click();
    await shown(graph.locator('text', { hasText: '上游' }));
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

});

describe('the chain editor', () => {
  it('lets the bureau copy 光伏 into a new chain, add a link, rename, move and retire it, and shows the server refusing a restore', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    await page.goto('/chains');
    await page.getByTestId('chain-new').click();
    const form = page.getByTestId('chain-new-form');
    await form.getByLabel('模板', { exact: true }).click();
    await chooseOption(page, '光伏');
    await page.getByRole('dialog').getByRole('button', { name: /创\s*建/ }).click();

    // The editor opens on the copy: the template's links under their segments.
    const editor = page.getByTestId('chain-editor');
    const tree = editor.getByTestId('chain-editor-tree');
    await shown(tree.getByText('光伏组件', { exact: true }));
    await hasText(editor.getByTestId('chain-form').getByLabel('名称', { exact: true }), '');
    expect(await editor.getByTestId('chain-form').getByLabel('名称', { exact: true }).inputValue()).toBe('光伏');

    // A link added directly under 中游.
    await tree.getByText('中游', { exact: true }).click();
    const add = editor.getByTestId('chain-editor-add-form');
    await add.getByLabel('环节名称').fill('钙钛矿电池');
    await add.getByLabel('行业代码（GB/T 4754）').fill('3825');
    await add.getByLabel('行业代码（GB/T 4754）').press('Enter');
    await add.getByLabel('关键词').fill('钙钛矿');
    await add.getByLabel('关键词').press('Enter');
    await add.getByRole('button', { name: '添加环节' }).click();
    await shown(tree.getByText('钙钛矿电池', { exact: true }));

    // Renamed: the same link, its new name.
    const linkForm = editor.getByTestId('chain-editor-link-form');
    await linkForm.getByLabel('环节名称').fill('钙钛矿叠层电池');
    await linkForm.getByRole('button', { name: '保存环节' }).click();
    await shown(tree.getByText('钙钛矿叠层电池', { exact: true }));
    await absent(tree.getByText('钙钛矿电池', { exact: true }));

    // Moved up: it now comes before the link that was above it.
    const order = async () => (await tree.innerText()).indexOf('钙钛矿叠层电池') < (await tree.innerText()).indexOf('光伏支架与跟踪系统');
    expect(await order()).toBe(false);
    await editor.getByRole('button', { name: '上移' }).click();
    await expect.poll(order).toBe(true);

    // Retired, after a confirmation: greyed with 已停用 in the tree, gone from the map.
    await editor.getByRole('button', { name: '停用环节' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await shown(tree.locator('[data-testid^="chain-editor-link-"]', { hasText: '钙钛矿叠层电池' }).getByText('已停用'));
    await shown(editor.getByRole('button', { name: '恢复环节' }));
    await page.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0));
    await screenshot(page, 'chain-editor.png');

    // The server's refusal is shown: a sub-link retired with its parent cannot come back before the parent.
    await tree.getByText('电池片', { exact: true }).click();
    await editor.getByRole('button', { name: '停用环节' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await shown(editor.getByRole('button', { name: '恢复环节' }));
    await tree.getByText('TOPCon 电池', { exact: true }).click();
    await editor.getByRole('button', { name: '恢复环节' }).click();
    await hasText(editor.getByTestId('chain-editor-error'), '上级环节已停用');
    await tree.getByText('电池片', { exact: true }).click();
    await editor.getByRole('button', { name: '恢复环节' }).click();
    await shown(editor.getByRole('button', { name: '停用环节' }));
    await absent(tree.locator('[data-testid^="chain-editor-link-"]', { hasText: 'TOPCon 电池' }).getByText('已停用'));
    await page.locator('.ant-drawer-close').click();
    await hasText(page.getByTestId('chain-picker').locator('.ant-segmented-item-selected'), '光伏');
    const graph = page.getByTestId('chain-graph');
    await shown(graph.locator('text', { hasText: '光伏组件' }));
    await absent(graph.locator('text', { hasText: '钙钛矿叠层电池' }));
    await context.close();
  });

  it('fits a phone (390 px): the editor full width, a link picked in its tree brought into view', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    await page.goto('/chains');
    await page.getByTestId('chain-edit').click();
    const editor = page.getByTestId('chain-editor');
    const tree = editor.getByTestId('chain-editor-tree');
    await tree.getByText('中游', { exact: true }).first().waitFor();
    await tree.locator('[data-testid^="chain-editor-link-"]').first().click();
    await shown(editor.getByTestId('chain-editor-link-form'));
    await expect.poll(async () => (await editor.getByTestId('chain-editor-link').boundingBox())!.y).toBeLessThan(PHONE.height / 2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'chain-editor-phone.png');
    await context.close();
  });

  it('shows a county staff member no editor', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', DESKTOP);
    await page.goto('/chains');
    await shown(page.getByTestId('chain-graph'));
    await absent(page.getByTestId('chain-new'));
    await absent(page.getByTestId('chain-edit'));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
