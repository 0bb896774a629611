import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * Merging duplicate enterprises in a browser (demo city 襄阳, issue 13): the bureau opens an enterprise, picks another
 * record with the search picker, sees what would move, merges it, and undoes the merge from the history.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('merging duplicate enterprises', () => {
  it('merges another record into the enterprise after showing what moves, and undoes it', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    await page.goto('/enterprises');
    await page.getByRole('link', { name: '华为技术有限公司' }).first().click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    const merge = page.getByTestId('enterprise-merge');
    await merge.getByRole('combobox').pressSequentially('圆通速递');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '圆通速递股份有限公司' }).first().click();
    await shown(merge.getByTestId('enterprise-merge-counts'));
    await hasText(merge.getByTestId('enterprise-merge-counts'), '项目');
    await merge.getByRole('button', { name: /^合\s*并$/ }).click();
    await page.locator('.ant-popover:not(.ant-popover-hidden)').getByRole('button', { name: /确\s*定|OK/ }).click();
    await hasText(merge, '“圆通速递股份有限公司”合并到“华为技术有限公司”');

    // The merged record stays, read-only, and says where it went; at desktop and phone width.
    const survivorUrl = page.url();
    await merge.getByRole('link', { name: '查看被并入的记录' }).click();
    await page.waitForURL((url) => url.href !== survivorUrl && /\/enterprises\/\d+$/.test(url.pathname));
    const banner = page.getByTestId('enterprise-merged-banner');
    await hasText(banner, '已并入');
    await hasText(banner, '华为技术有限公司');
    await absent(page.getByRole('button', { name: /发起线索/ }));
    await screenshot(page, 'enterprise-merged.png');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'enterprise-merged-phone.png');
    await page.setViewportSize(DESKTOP);
    await banner.getByRole('link', { name: '华为技术有限公司' }).click();
    await page.waitForURL(survivorUrl);

    // Back on the survivor's page its queries refresh; a refresh landing while the confirmation is open can close it,
    // so wait for the page to settle, and ask again as a person would if it closed.
    await page.waitForLoadState('networkidle');
    for (let attempt = 1; ; attempt++) {
      await merge.getByRole('button', { name: '撤销合并' }).click();
      const confirm = page.locator('.ant-popover:not(.ant-popover-hidden)').filter({ hasText: '撤销这次合并' }).getByRole('button', { name: /确\s*定|OK/ });
      try {
        await confirm.click({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await hasText(merge, '已撤销');
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
