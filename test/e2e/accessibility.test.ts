import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, loggedIn, shown, startE2e, type E2e } from './support/browser.ts';
import { BUREAU_PAGES, firstRecordPath } from './support/pages.ts';

/**
 * Accessibility (issue 16): axe-core's WCAG 2.1 A and AA rules on every main page, as the bureau at 1280 px and on the
 * login page logged out: no serious or critical violation, and each page has a heading.
 *
 * How axe gets into the page: the app's Content-Security-Policy allows no inline script, so
 * `page.addScriptTag({ content })` (an inline <script>) is refused by the browser. The source is instead evaluated
 * through the DevTools protocol (`page.evaluate(source)`), which the page's CSP does not govern; nothing is added to the
 * page and the CSP stays as served.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULE_SETS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string; any: { data?: unknown }[] }[] };
/** What is reported of a violation: its nodes' selector, markup and (for contrast) colours and ratio. */
type Finding = { id: string; impact: string | null; help: string; nodes: { target: string[]; html?: string; data?: unknown }[] };

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

async function settled(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
  await page.waitForTimeout(400);
}

/** The serious and critical violations of the page as it is now, and whether it has a heading. */
async function audit(page: Page): Promise<{ violations: Finding[]; headings: number }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (runOnly) => {
      const result = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: Violation[] }> } }).axe.run(document, {
        runOnly,
        resultTypes: ['violations'],
      });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 160), data: n.any[0]?.data })) }));
    },
    RULE_SETS,
  );
  const headings = await page.locator('h1, h2, h3, h4, h5, h6, [role="heading"]').count();
  return { violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), headings };
}

function describeFailures(path: string, result: { violations: Finding[]; headings: number }): string[] {
  const lines = result.violations.map(
    (v) => `${path}: ${v.id} (${v.impact}) ×${v.nodes.length} — first ${JSON.stringify(v.nodes[0]?.target)} — ${v.help}`,
  );
  if (result.headings === 0) lines.push(`${path}: no heading`);
  return lines;
}

describe('accessibility (WCAG 2.1 AA by axe-core)', () => {
  it('no page has a serious or critical violation, and each has a heading', async () => {
    const failures: string[] = [];
    const counts = new Map<string, number>();
    const dump: unknown[] = [];
    const record = (path: string, result: { violations: Finding[]; headings: number }) => {
      failures.push(...describeFailures(path, result));
      dump.push({ path, violations: result.violations });
      for (const v of result.violations) counts.set(v.id, (counts.get(v.id) ?? 0) + v.nodes.length);
    };

    // Logged out: the login page.
    const guest = await e2e.newPage(DESKTOP);
    await guest.page.goto('/login');
    await shown(guest.page.getByLabel('用户名', { exact: true }));
    await settled(guest.page);
    record('/login', await audit(guest.page));
    await guest.context.close();

    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    const project = await firstRecordPath(page, '/projects', /^\/projects\/\d+$/);
    const enterprise = await firstRecordPath(page, '/enterprises', /^\/enterprises\/\d+$/);
    const paths = [...BUREAU_PAGES];
    paths.splice(paths.indexOf('/projects') + 1, 0, project);
    paths.splice(paths.indexOf('/enterprises') + 1, 0, enterprise);
    for (const path of paths) {
      await page.goto(path);
      // The page has drawn (its heading, or whatever it shows instead: a page without one is reported below).
      await shown(page.locator('.zs-page-header, h1, h2, h3, h4, .ant-card, .ant-table').first()).catch(() => undefined);
      await settled(page);
      record(path, await audit(page));
    }
    await context.close();

    // A11Y_DUMP=<file>: every violating node with its markup and, for contrast, its colours and ratio.
    if (process.env.A11Y_DUMP) writeFileSync(process.env.A11Y_DUMP, JSON.stringify(dump, null, 1));
    const summary = [...counts].map(([id, n]) => `${id}: ${n}`).join(', ');
    console.log(`axe serious/critical nodes over ${paths.length + 1} pages: ${summary || 'none'}`);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 300_000);

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
