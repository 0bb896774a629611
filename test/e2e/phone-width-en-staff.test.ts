import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggedIn, PHONE, startE2e, type E2e } from './support/browser.ts';
import { BUREAU_PAGES, firstRecordPath } from './support/pages.ts';
import { fitsWidth, pagesNotFitting, STAFF_PAGES } from './support/phone-fit.ts';

/**
 * On a phone no page scrolls sideways (issue 16), continued from phone-width.test.ts: the bureau's pages in English
 * and the pages a district's staff use — a file of its own so that the browser suite's two workers share the walk.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('on a phone no page scrolls sideways, in English and for staff', () => {
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
    const failures = await pagesNotFitting(page, STAFF_PAGES);
    failures.push(...(await pagesNotFitting(page, [await firstRecordPath(page, '/projects', /^\/projects\/\d+/)])));
    expect(failures).toEqual([]);
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
