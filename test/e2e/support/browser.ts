import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, onTestFailed } from 'vitest';
import { CHROMIUM_PATH } from '../../support/environment.ts';
import { startE2eServer, type E2eServer } from '../../support/e2e-server.ts';

/**
 * What the browser journeys share: the real app on a fresh demo city (test/support/e2e-server.ts), one Chromium,
 * and the waits and steps a person's actions need. playwright-core has no test runner, so no web-first
 * assertions: these helpers wait the way Playwright's would.
 */

export const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const FAILURES = fileURLToPath(new URL('../../../test-results/', import.meta.url));
export const DEMO_PASSWORD = 'Demo@2026';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type E2e = {
  server: E2eServer;
  browser: Browser;
  /** Uncaught errors of every page opened, for a last test to assert there were none. */
  pageErrors: string[];
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
};

/** `embedded`: on the default install's embedded database whatever the suite's database (see spine.test.ts). */
export async function startE2e(options: { embedded?: boolean } = {}): Promise<E2e> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startE2eServer(options);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: server.url });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      onTestFailed(async () => {
        mkdirSync(FAILURES, { recursive: true });
        await page.screenshot({ path: `${FAILURES}e2e-failure-${Date.now()}.png`, fullPage: true }).catch(() => {});
      });
      return { context, page };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export async function shown(locator: Locator) {
  await locator.filter({ visible: true }).first().waitFor({ state: 'visible' });
}

export async function absent(locator: Locator) {
  await expect.poll(() => locator.count()).toBe(0);
}

export async function hasText(locator: Locator, text: string) {
  await locator.first().waitFor({ state: 'visible' });
  await expect.poll(() => locator.first().innerText()).toContain(text);
}

export async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** A fresh browser logged in as a demo user, on the page the app opens with for them. */
export async function loggedIn(e2e: E2e, username: string, viewport = DESKTOP) {
  const opened = await e2e.newPage(viewport);
  await opened.page.goto('/login');
  await logIn(opened.page, username);
  await opened.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return opened;
}

/** A picture of what a user sees once the page has settled: no spinner, no toast, no hover highlight. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; keepMouse?: boolean } = {}) {
  if (!options.keepMouse) await page.mouse.move(0, page.viewportSize()!.height - 1);
  await page.evaluate(() => document.fonts.ready);
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton').count()).toBe(0);
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await page.waitForTimeout(300); // the table's fade-in after loading
  // Transitions still running (a menu item's highlight) are finished, so the same page gives the same picture.
  await page.screenshot({ path: `${SCREENSHOTS}${name}`, fullPage: options.fullPage ?? false, animations: 'disabled' });
}

/**
 * Picks an option of an open antd Select / TreeSelect by its visible text, in the dropdown that offers it.
 * On a busy machine a click can land while the dropdown still slides in and miss; the dropdown then stays open
 * and covers the fields below. So when it has not closed a while after the click, the option is clicked again.
 */
export async function chooseOption(page: Page, text: string) {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').filter({ has: page.getByTitle(text, { exact: true }) }).last();
  const option = dropdown.getByTitle(text, { exact: true }).last();
  await option.click();
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch {
      if (await option.isVisible()) await option.click({ timeout: 2_000 }).catch(() => undefined);
    }
  }
  await dropdown.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** Types a date into an antd DatePicker (YYYY-MM-DD) and confirms it. */
export async function typeDate(field: Locator, date: string) {
  await field.click();
  await field.fill(date);
  await field.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(date);
}
