import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, screenshot, startE2e, type E2e } from './support/browser.ts';

/**
 * The cockpit's industry breakdown at a chosen level (issue 16): 门类 by default, 大类 and 中类 on a click, each row
 * named by its code and name — in English on the English screen. Screenshot: cockpit-industry-level.png.
 */
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('the industry breakdown by level', () => {
  it('a leader reads industries by 门类, 大类 and 中类, in Chinese and in English', async () => {
    const { context, page } = await loggedIn(e2e, 'leader');
    await page.waitForURL('**/cockpit');
    const panel = page.getByTestId('breakdown-industry');
    await panel.scrollIntoViewIfNeeded();
    // The table view: the rows' labels as text.
    await panel.locator('.ant-segmented').last().locator('.ant-segmented-item').nth(1).click();
    const labels = async () => (await panel.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).map((text) => text.trim());
    await expect.poll(labels).toContain('C 制造业');

    await panel.getByTestId('industry-level').getByText('大类', { exact: true }).click();
    // Divisions: two digits and a Chinese name (the demo's projects are mostly in 38 and 39), nothing else.
    await expect.poll(async () => (await labels()).filter((label) => /^\d{2} \p{Script=Han}/u.test(label)).length).toBeGreaterThan(1);
    expect((await labels()).every((label) => /^(\d{2} \p{Script=Han}|未填行业)/u.test(label))).toBe(true);

    await panel.getByTestId('industry-level').getByText('中类', { exact: true }).click();
    // Groups: three digits (a project coded only to its division stays under its two).
    await expect.poll(async () => (await labels()).filter((label) => /^\d{3} \p{Script=Han}/u.test(label)).length).toBeGreaterThan(1);
    expect((await labels()).every((label) => /^(\d{2,3} \p{Script=Han}|未填行业)/u.test(label))).toBe(true);
    await screenshot(page, 'cockpit-industry-level.png');

    await page.getByText('English', { exact: true }).click();
    await panel.getByTestId('industry-level').getByText('Division', { exact: true }).click();
    await expect.poll(async () => (await labels()).filter((label) => /^\d{2} [A-Z][a-z]/.test(label)).length).toBeGreaterThan(1);
    expect((await labels()).every((label) => /^(\d{2} [A-Z][^\p{Script=Han}]+|No industry recorded)$/u.test(label))).toBe(true);
    await screenshot(page, 'cockpit-industry-level-en.png');
    await context.close();
  });
});
