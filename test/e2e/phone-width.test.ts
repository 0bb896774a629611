import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { BUREAU_PAGES, firstRecordPath } from './support/pages.ts';

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

/** Waits until the page has loaded its data: a heading or result shown, no spinner, no skeleton. */
async function settled(page: Page) {
  await shown(page.locator('main h1, main h2, main h3, main h4, main .ant-result, main .ant-empty, main table, main .ant-card, main canvas'));
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(300);
}

/** How far the page reaches past the screen's right edge, and the element reaching furthest (its tag, class and text). */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const pageWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    let widest = { right: 0, what: '' };
    if (pageWidth > width) {
      for (const element of Array.from(document.body.querySelectorAll('*'))) {
        // Elements inside a container that scrolls on its own (a table's scroll.x) do not widen the page.
        let inner = false;
        for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowX === 'hidden' || style.overflowX === 'clip') {
            inner = true;
            break;
          }
        }
        if (inner) continue;
        const right = element.getBoundingClientRect().right + window.scrollX;
        if (right > widest.right) {
          const className = typeof element.className === 'string' ? element.className : '';
          widest = { right: Math.round(right), what: `<${element.tagName.toLowerCase()} class="${className.slice(0, 120)}"> ${(element.textContent ?? '').trim().slice(0, 60)}` };
        }
      }
    }
    return { width, pageWidth, widest };
  });
}

/** Text inputs, selects and date pickers on the page narrower than a usable width, by their label or placeholder. */
async function narrowInputs(page: Page, minimum: number) {
  return page.evaluate((minimum) => {
    const fields = Array.from(document.querySelectorAll<HTMLElement>('main .ant-input-affix-wrapper, main input.ant-input:not(.ant-input-affix-wrapper input), main .ant-select:not(.ant-pagination-options-size-changer), main .ant-picker, main textarea'));
    return fields
      .filter((field) => field.offsetParent !== null && !field.closest('.ant-table-cell, .ant-pagination, .ant-input-number'))
      .map((field) => ({ width: Math.round(field.getBoundingClientRect().width), name: field.getAttribute('aria-label') ?? field.querySelector('input')?.getAttribute('aria-label') ?? field.querySelector('input')?.placeholder ?? field.textContent?.trim().slice(0, 30) ?? '' }))
      .filter((field) => field.width < minimum)
      .map((field) => `${field.name} (${field.width}px)`);
  }, minimum);
}

async function fitsWidth(page: Page, path: string) {
  await settled(page);
  const measured = await overflow(page);
  expect(
    measured.pageWidth,
    `${path} scrolls sideways: ${measured.pageWidth}px wide on a ${measured.width}px screen; widest element reaches ${measured.widest.right}px: ${measured.widest.what}`,
  ).toBeLessThanOrEqual(measured.width);
  // Inputs never shrink below a usable width to make room.
  expect(await narrowInputs(page, 100), `${path} has inputs narrower than 100px`).toEqual([]);
}

const STAFF_PAGES = ['/projects', '/projects/new', '/projects/board', '/supervision', '/problems', '/enterprises', '/enterprises/new', '/leads', '/trips', '/trips/new', '/events', '/teams', '/imports', '/bulletin'];

describe('on a phone no page scrolls sideways', () => {
  it('fits every page the bureau opens into 390 px', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    const failures: string[] = [];
    const check = async (path: string) => {
      await page.goto(path);
      try {
        await fitsWidth(page, path);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]!);
      }
    };
    for (const path of BUREAU_PAGES) await check(path);
    await check(await firstRecordPath(page, '/projects', /^\/projects\/\d+/));
    await check(await firstRecordPath(page, '/enterprises', /^\/enterprises\/\d+/));
    await check(await firstRecordPath(page, '/trips', /^\/trips\/\d+/));
    expect(failures).toEqual([]);
    await context.close();
  });

  it('fits every page into 390 px in English too, whose words are longer', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    const saved = await page.request.put('/api/auth/locale', { data: { locale: 'en' } });
    expect(saved.status()).toBe(200);
    const failures: string[] = [];
    for (const path of BUREAU_PAGES) {
      await page.goto(path);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      try {
        await fitsWidth(page, path);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]!);
      }
    }
    await page.request.put('/api/auth/locale', { data: { locale: 'zh-CN' } });
    expect(failures).toEqual([]);
    await context.close();
  });

  it('fits the pages staff use into 390 px', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);
    const failures: string[] = [];
    const check = async (path: string) => {
      await page.goto(path);
      try {
        await fitsWidth(page, path);
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0]!);
      }
    };
    for (const path of STAFF_PAGES) await check(path);
    await check(await firstRecordPath(page, '/projects', /^\/projects\/\d+/));
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
