import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaToday } from '../../src/domain/calendar.ts';
import { PHONE, absent, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 统计口径 on the cockpit (demo city 襄阳, issue 17): hidden while the bureau verifies nothing; once it puts signings
 * under verification, 谷城县 reports a signing that waits, and the cockpit in 对照 shows the signed projects as
 * reported one more than as confirmed; the bureau confirms it and both agree. Screenshots:
 * cockpit-counting-side-by-side.png (desktop) and cockpit-counting-side-by-side-phone.png (390 px).
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

async function json<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

/** The whole number a side-by-side figure writes ("报送 1,234 个" → 1234). */
async function countIn(locator: Locator): Promise<number> {
  await locator.first().waitFor({ state: 'visible' });
  return Number((await locator.first().innerText()).replace(/[^\d]/g, ''));
}

async function sideBySide(page: Page) {
  return { reported: await countIn(page.getByTestId('kpi-reported-signedCount')), confirmed: await countIn(page.getByTestId('kpi-confirmed-signedCount')) };
}

describe('the cockpit counts as reported, as confirmed, or both side by side (统计口径)', () => {
  it('a waiting signing makes the reported figure one higher than the confirmed one, until it is confirmed', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    const { page } = bureau;

    // Verification off (the demo's default): no control, the cards as they always were.
    await page.goto('/cockpit');
    await shown(page.getByTestId('kpi-value-signedCount'));
    await absent(page.getByTestId('cockpit-counting'));

    const settings = await page.request.put('/api/verification-settings', {
      data: { rules: [{ stage: 'signed', minYuan: 0, reviewerDepartmentId: null }], confirmedOnly: false, cityCentre: null, maxPhotoKm: 80, maxPhotoDaysBefore: 30 },
    });
    expect(settings.status(), await settings.text()).toBe(200);

    // 谷城县 signs a project today: the signing is reported and waits for the bureau.
    const gucheng = await loggedIn(e2e, 'gucheng');
    const units = await json<{ items: { id: number; name: string }[] }>(gucheng.page, '/api/units');
    const own = await json<{ items: { investorEnterpriseId: number }[] }>(gucheng.page, '/api/projects?pageSize=1');
    const created = await gucheng.page.request.post('/api/projects', {
      data: { name: '谷城县口径对照项目', unitId: units.items.find((u) => u.name === '谷城县')!.id, investorEnterpriseId: own.items[0]!.investorEnterpriseId, totalInvestmentYuan: 50_000_000 },
    });
    expect(created.status(), await created.text()).toBe(200);
    const projectId = ((await created.json()) as { id: number }).id;
    const signed = await gucheng.page.request.post(`/api/projects/${projectId}/stage`, {
      data: { to: 'signed', date: chinaToday(new Date()), evidence: { contractNo: 'GC-KJ-2026-001' } },
    });
    expect(signed.status(), await signed.text()).toBe(200);
    const waiting = await json<{ total: number; items: { id: number }[] }>(page, `/api/stage-verifications?status=reported&projectId=${projectId}`);
    expect(waiting.total).toBe(1);

    // The bureau's cockpit now offers 统计口径; 对照 shows each hero card both ways.
    await page.goto('/cockpit');
    await shown(page.getByTestId('cockpit-counting'));
    await absent(page.getByTestId('kpi-side-by-side-signedCount'));
    await page.getByTestId('cockpit-counting').getByText('对照', { exact: true }).click();
    await page.waitForURL(/counting=compare/);
    await shown(page.getByTestId('kpi-side-by-side-signedCount'));
    await expect.poll(async () => (await sideBySide(page)).reported - (await sideBySide(page)).confirmed).toBe(1);
    const before = await sideBySide(page);
    // The big number is the reported one; 按核实 shows the confirmed one.
    expect(await countIn(page.getByTestId('kpi-value-signedCount'))).toBe(before.reported);
    for (const key of ['signedContractYuan', 'startedCount', 'fundsArrivedDomesticYuan']) await shown(page.getByTestId(`kpi-side-by-side-${key}`));
    await screenshot(page, 'cockpit-counting-side-by-side.png');

    // At 390 px the control and the side-by-side figures fit without scrolling sideways.
    const phone = await loggedIn(e2e, 'bureau', PHONE);
    await phone.page.goto('/cockpit?counting=compare');
    await shown(phone.page.getByTestId('kpi-side-by-side-signedCount'));
    const wide = await phone.page.evaluate(() => {
      const sticking = Array.from(document.body.querySelectorAll('*')).find((e) => e.getBoundingClientRect().right > window.innerWidth + 1);
      return { width: document.documentElement.scrollWidth, what: sticking ? `${sticking.tagName}.${sticking.className} ${sticking.textContent?.slice(0, 40)}` : '' };
    });
    expect(wide.width, wide.what).toBeLessThanOrEqual(PHONE.width);
    const box = await phone.page.getByTestId('cockpit-counting').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'cockpit-counting-side-by-side-phone.png');

    await page.getByTestId('cockpit-counting').getByText('按核实', { exact: true }).click();
    await page.waitForURL(/counting=confirmed/);
    await expect.poll(() => countIn(page.getByTestId('kpi-value-signedCount'))).toBe(before.confirmed);
    await absent(page.getByTestId('kpi-side-by-side-signedCount'));

    // The bureau confirms the signing: reported and confirmed agree.
    const decided = await page.request.post(`/api/stage-verifications/${waiting.items[0]!.id}/decision`, { data: { action: 'confirm' } });
    expect(decided.status(), await decided.text()).toBe(200);
    await page.goto('/cockpit?counting=compare');
    await shown(page.getByTestId('kpi-side-by-side-signedCount'));
    await expect.poll(async () => (await sideBySide(page)).confirmed).toBe(before.reported);
    expect((await sideBySide(page)).reported).toBe(before.reported);

    // On the English screen the control and the figures speak English.
    await page.getByText('English', { exact: true }).click();
    await shown(page.getByTestId('cockpit-counting').getByText('Side by side', { exact: true }));
    await expect.poll(() => page.getByTestId('kpi-side-by-side-signedCount').innerText()).toMatch(/^Reported [\d,]+.* · Verified [\d,]+/);
    expect(e2e.pageErrors).toEqual([]);
  });
});
