import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loggedIn, PHONE, startE2e, type E2e } from '../e2e/support/browser.ts';
import { BUREAU_PAGES, firstRecordPath } from '../e2e/support/pages.ts';
import { settled } from '../e2e/support/phone-fit.ts';

/**
 * `npm run screenshots` (issue 16): every page as the bureau, a district's staff, the leader and a department user
 * see it, in zh-CN and English, at 1280 × 900 and 390 × 844, into screenshots/ (git-ignored) with an index.html to
 * look through them side by side. A review tool, not a test of the suite: a page a role may not use is pictured as
 * the no-access page it gets. ZHAOSHANG_SCREENS_ROLES=bureau,leader narrows the roles.
 */

const OUT = fileURLToPath(new URL('../../screenshots/', import.meta.url));
const ROLES = { bureau: '市招商局', xiangcheng: '襄城区招商员', leader: '市领导', fgw: '职能部门' } as const;
const LOCALES = ['zh-CN', 'en'] as const;
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: PHONE } as const;

type Shot = { role: string; locale: string; viewport: string; path: string; file: string; problem?: string };

let e2e: E2e;
const shots: Shot[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  mkdirSync(OUT, { recursive: true });
});

afterAll(async () => {
  writeFileSync(`${OUT}index.html`, contactSheet(shots));
  await e2e?.close();
});

const chosenRoles = (process.env.ZHAOSHANG_SCREENS_ROLES?.split(',') ?? Object.keys(ROLES)) as (keyof typeof ROLES)[];

for (const role of chosenRoles) {
  it(`pictures every page as ${role} (${ROLES[role]})`, async () => {
    for (const locale of LOCALES) {
      for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
        const { context, page } = await loggedIn(e2e, role, viewport);
        expect((await page.request.put('/api/auth/locale', { data: { locale } })).status()).toBe(200);
        const paths = [...BUREAU_PAGES, ...(await recordPages(page))];
        for (const [index, path] of paths.entries()) {
          const file = `${role}/${locale}/${viewportName}/${String(index + 1).padStart(2, '0')}${path.replace(/[^a-z0-9]+/gi, '-')}.png`;
          mkdirSync(`${OUT}${file.slice(0, file.lastIndexOf('/'))}`, { recursive: true });
          const shot: Shot = { role, locale, viewport: viewportName, path, file };
          try {
            await page.goto(path);
            await settled(page);
          } catch (error) {
            shot.problem = (error as Error).message.split('\n')[0];
          }
          await page.mouse.move(0, viewport.height - 1);
          await page.screenshot({ path: `${OUT}${file}`, fullPage: true, animations: 'disabled' });
          shots.push(shot);
        }
        await page.request.put('/api/auth/locale', { data: { locale: 'zh-CN' } });
        await context.close();
      }
    }
  }, 1_800_000);
}

/** A project's, an enterprise's and a trip's page, where the role's lists link to one. */
async function recordPages(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const [list, pattern] of [['/projects', /^\/projects\/\d+$/], ['/enterprises', /^\/enterprises\/\d+$/], ['/trips', /^\/trips\/\d+$/]] as const) {
    found.push(await firstRecordPath(page, list, pattern).catch(() => ''));
  }
  return found.filter(Boolean);
}

function contactSheet(all: Shot[]): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = [...new Set(all.map((s) => `${s.role} ${s.path}`))].map((key) => {
    const cells = all.filter((s) => `${s.role} ${s.path}` === key);
    return `<tr><th>${escape(key)}</th>${cells
      .map((s) => `<td><a href="${s.file}"><img loading="lazy" src="${s.file}" width="${s.viewport === 'phone' ? 120 : 260}"></a><br>${s.locale} ${s.viewport}${s.problem ? ` <b>${escape(s.problem)}</b>` : ''}</td>`)
      .join('')}</tr>`;
  });
  return `<!doctype html><meta charset="utf-8"><title>zhaoshang — every page</title><style>td,th{vertical-align:top;font:12px sans-serif;padding:4px}</style><table>${rows.join('\n')}</table>\n`;
}
