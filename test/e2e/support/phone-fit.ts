import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { shown } from './browser.ts';

/** What the phone-width journeys check on every page (issue 16): nothing wider than the screen, no input squeezed. */

/** Waits until the page has loaded its data: a heading or result shown, no spinner, no skeleton. */
export async function settled(page: Page) {
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

export async function fitsWidth(page: Page, path: string) {
  await settled(page);
  const measured = await overflow(page);
  expect(
    measured.pageWidth,
    `${path} scrolls sideways: ${measured.pageWidth}px wide on a ${measured.width}px screen; widest element reaches ${measured.widest.right}px: ${measured.widest.what}`,
  ).toBeLessThanOrEqual(measured.width);
  // Inputs never shrink below a usable width to make room.
  expect(await narrowInputs(page, 100), `${path} has inputs narrower than 100px`).toEqual([]);
}

/** Opens each path and collects every page that does not fit, so one run names them all. */
export async function pagesNotFitting(page: Page, paths: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    try {
      await fitsWidth(page, path);
    } catch (error) {
      failures.push((error as Error).message.split('\n')[0]!);
    }
  }
  return failures;
}

export const STAFF_PAGES = ['/projects', '/projects/new', '/projects/board', '/supervision', '/problems', '/enterprises', '/enterprises/new', '/leads', '/trips', '/trips/new', '/events', '/teams', '/imports', '/bulletin'];
