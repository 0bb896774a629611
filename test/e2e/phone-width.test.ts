import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { BUREAU_PAGES, firstRecordPath } from './support/pages.ts';
import { fitsWidth, pagesNotFitting, settled } from './support/phone-fit.ts';

/**
 * On a phone no page scrolls sideways (issue 16): at 390 × 844 every main page fits the screen's width, tables
 * scrolling inside their own container. A department user opening a page it may not use sees one no-access page,
 * not the error alerts of refused API calls.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('on a phone no page scrolls sideways', () => {
  // The English pages and the staff's are in phone-width-en-staff.test.ts (a file of its own, for the two workers).
  it('fits every page the bureau opens into 390 px', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    const failures = await pagesNotFitting(page, BUREAU_PAGES);
    for (const [list, record] of [['/projects', /^\/projects\/\d+/], ['/enterprises', /^\/enterprises\/\d+/], ['/trips', /^\/trips\/\d+/]] as const) {
      failures.push(...(await pagesNotFitting(page, [await firstRecordPath(page, list, record)])));
    }
    expect(failures).toEqual([]);
    await context.close();
  });
});

describe('on a phone lists become cards', () => {
  it('shows 督办, projects, leads and trips as cards, each keeping its deadline light as a word and a colour', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);
    const lists: [string, string, string][] = [
      ['/supervision', 'supervision-card-', 'lists-supervision-phone.png'],
      ['/projects', 'project-card-', 'lists-projects-phone.png'],
      ['/leads', 'lead-card-', 'lists-leads-phone.png'],
      ['/trips', 'trip-card-', 'lists-trips-phone.png'],
    ];
    for (const [path, card, picture] of lists) {
      await page.goto(path);
      const cards = page.locator(`main [data-testid^="${card}"]`);
      await shown(cards);
      expect(await page.locator('main table').count(), `${path} shows a table on a phone`).toBe(0);
      // Every light on a card names its status in words; its colour is the tag's.
      for (const light of await page.locator(`main [data-testid^="${card}"] [data-status]`).all()) {
        expect(await light.innerText(), path).toMatch(/正常|临期|逾期/);
        expect(await light.getAttribute('class'), path).toMatch(/ant-tag-(green|blue|gold|orange|red)/);
      }
      await fitsWidth(page, path);
      await screenshot(page, picture);
    }
    // Every 督办 card and every project card with a deadline shows its light.
    await page.goto('/supervision');
    await shown(page.locator('main [data-testid^="supervision-card-"]'));
    const supervision = page.locator('main [data-testid^="supervision-card-"]');
    expect(await supervision.locator('[data-status]').count()).toBe(await supervision.count());
    await context.close();
  });
});

describe('a department user on a page it may not use', () => {
  it('sees one no-access page with a way back to its problems, not refused-request errors', async () => {
    const { context, page } = await loggedIn(e2e, 'fgw', PHONE);
    for (const path of ['/projects/board', '/projects', '/targets', '/imports', '/admin/users', '/cockpit', '/leads']) {
      await page.goto(path);
      const result = page.locator('main .ant-result-403');
      await shown(result);
      await page.waitForTimeout(500);
      expect(await page.locator('.ant-alert-error, .ant-message-error').count(), `${path} shows error alerts`).toBe(0);
      expect(await result.count(), path).toBe(1);
      const back = result.getByRole('link', { name: '查看交办给本部门的问题' });
      await shown(back);
      await fitsWidth(page, path);
    }
    await page.locator('main .ant-result-403').getByRole('link', { name: '查看交办给本部门的问题' }).click();
    await page.waitForURL(/\/problems$/);
    // The pages it may use open as they did: its problems, and the chain map (which counts enterprises only for it).
    for (const path of ['/problems', '/chains']) {
      await page.goto(path);
      await settled(page);
      expect(await page.locator('main .ant-result-403').count(), path).toBe(0);
      expect(await page.locator('.ant-alert-error, .ant-message-error').count(), `${path} shows error alerts`).toBe(0);
      await fitsWidth(page, path);
    }
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
