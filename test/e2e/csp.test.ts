import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The Content-Security-Policy the server sends (src/server/http/security-headers.ts) against the built app: every
 * main page — antd's injected styles, ECharts' charts on the cockpit, the map, the tables — renders without one
 * violation, while an injected inline script is refused.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const PAGES = [
  '/cockpit',
  '/bulletin',
  '/targets',
  '/assessments',
  '/projects',
  '/projects/board',
  '/supervision',
  '/problems',
  '/leads',
  '/trips',
  '/events',
  '/teams',
  '/enterprises',
  '/imports',
  '/admin/units',
  '/admin/users',
  '/admin/audit',
];

describe('the Content-Security-Policy in a browser', () => {
  it('lets every main page work without a violation, and refuses an inline script', async () => {
    const { page } = await loggedIn(e2e, 'bureau');
    // Every violation of every document the page loads, from its first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const consoleViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) consoleViolations.push(message.text());
    });

    const first = await page.goto('/cockpit');
    const csp = first!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    for (const path of PAGES) {
      await page.goto(path);
      await shown(page.locator('main, .ant-layout-content'));
      await page.waitForLoadState('networkidle');
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      expect(violations, path).toEqual([]);
    }
    // The cockpit's charts were drawn (ECharts on a canvas).
    await page.goto('/cockpit');
    await expect.poll(() => page.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);

    // The policy bites: an inline script injected into the page does not run, and is reported.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    const afterInjection = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(afterInjection.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(consoleViolations.filter((text) => !text.includes('inline script'))).toEqual([]);
    expect(e2e.pageErrors).toEqual([]);
  });
});
