import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { shown } from './browser.ts';

/** Every main and admin page the bureau opens from the menu, for the tests that walk them all (phone width, axe). */
export const BUREAU_PAGES = [
  '/cockpit',
  '/heatmap',
  '/projects',
  '/projects/board',
  '/supervision',
  '/problems',
  '/enterprises',
  '/chains',
  '/leads',
  '/trips',
  '/events',
  '/teams',
  '/bulletin',
  '/targets',
  '/assessments',
  '/imports',
  '/admin/units',
  '/admin/users',
  '/admin/departments',
  '/admin/local-industries',
  '/admin/deadline-rules',
  '/admin/leader-levels',
  '/counting-rules',
  '/admin/audit',
];

/**
 * The path of the first record a list page links to (e.g. a project's page from /projects), once the list has shown
 * its rows.
 */
export async function firstRecordPath(page: Page, listPath: string, pattern: RegExp): Promise<string> {
  await page.goto(listPath);
  await shown(page.locator('main table, main .ant-list, main .ant-card, main .ant-empty'));
  let found: string | null = null;
  await expect
    .poll(async () => {
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      found = hrefs.find((href) => pattern.test(href)) ?? null;
      return found;
    }, { message: `a record link on ${listPath}` })
    .not.toBeNull();
  return found!.split('?')[0]!;
}
