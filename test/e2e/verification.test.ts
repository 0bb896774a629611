import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';
import { jpegWithExif } from '../support/exif-jpeg.ts';

/**
 * 核实 in a browser (demo city 襄阳, issue 17): the bureau puts 签约 ≥ 1亿 and every 开工 under verification and counts
 * confirmed changes only. 谷城县 signs a 2亿 project and starts it with a site photo taken a year earlier in Shenzhen.
 * Its project page shows 待核实; the bureau reads the evidence checks, sends the signing back with a reason; 谷城县
 * sees 已退回 and resubmits; the bureau confirms; 谷城县 sees 已核实. The 督办 list says what still waits.
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

describe('stage verification (核实)', () => {
  it('a county’s reported signing waits, is sent back, resubmitted and confirmed; the reviewer sees the evidence checks', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    const settings = await bureau.page.request.put('/api/verification-settings', {
      data: {
        rules: [
          { stage: 'signed', minYuan: 100_000_000, reviewerDepartmentId: null },
          { stage: 'started', minYuan: 0, reviewerDepartmentId: null },
        ],
        confirmedOnly: true,
        cityCentre: { lat: 32.009, lon: 112.122 },
        maxPhotoKm: 80,
        maxPhotoDaysBefore: 30,
      },
    });
    expect(settings.status(), await settings.text()).toBe(200);

    const gucheng = await loggedIn(e2e, 'gucheng');
    const units = await json<{ items: { id: number; name: string }[] }>(gucheng.page, '/api/units');
    const own = await json<{ items: { investorEnterpriseId: number }[] }>(gucheng.page, '/api/projects?pageSize=1');
    const created = await gucheng.page.request.post('/api/projects', {
      data: { name: '谷城县核实演示项目', unitId: units.items.find((u) => u.name === '谷城县')!.id, investorEnterpriseId: own.items[0]!.investorEnterpriseId, totalInvestmentYuan: 200_000_000 },
    });
    expect(created.status(), await created.text()).toBe(200);
    const projectId = ((await created.json()) as { id: number }).id;
    const signed = await gucheng.page.request.post(`/api/projects/${projectId}/stage`, { data: { to: 'signed', date: '2026-01-15', evidence: { contractNo: 'GC-HS-2026-001' } } });
    expect(signed.status(), await signed.text()).toBe(200);
    const photo = jpegWithExif({ takenAt: '2025:01:20 10:00:00', lat: 22.543, lon: 114.058 });
    const upload = await gucheng.page.request.post(`/api/projects/${projectId}/files`, { multipart: { file: { name: '开工现场.jpg', mimeType: 'image/jpeg', buffer: photo } } });
    expect(upload.status(), await upload.text()).toBe(200);
    const fileId = ((await upload.json()) as { id: number }).id;
    const started = await gucheng.page.request.post(`/api/projects/${projectId}/stage`, { data: { to: 'started', date: '2026-02-20', evidence: {}, fileIds: [fileId] } });
    expect(started.status(), await started.text()).toBe(200);

    // The unit sees both changes waiting, on its project's stage history.
    await gucheng.page.goto(`/projects/${projectId}?tab=lifecycle`);
    await hasText(gucheng.page.getByTestId('verification-tag'), '待核实');
    expect(await gucheng.page.getByTestId('verification-tag').count()).toBe(2);

    // The 督办 list says what waits for verification and for how long.
    const { page } = bureau;
    await page.goto('/supervision');
    await hasText(page.getByTestId('verification-waiting'), '待核实');
    await screenshot(page, 'verification-supervision.png');

    // The reviewer's queue: the start, with its photo flagged (a year before the claim, far from the city).
    await page.getByTestId('verification-waiting').getByRole('link', { name: '去核实' }).click();
    await page.waitForURL(/\/supervision\?view=verification$/);
    const rows = page.getByTestId('verification-queue').locator('tr').filter({ hasText: '谷城县核实演示项目' });
    await shown(rows);
    expect(await rows.count()).toBe(2);
    await rows.filter({ hasText: '开工' }).getByRole('button', { name: '查看佐证' }).click();
    const checks = page.getByTestId('verification-checks');
    await hasText(checks.getByTestId('verification-photo'), '拍摄于 2025-01-20');
    await hasText(checks.getByTestId('verification-photo'), '早于申报日期 396 天');
    await hasText(checks.getByTestId('verification-photo'), '公里（上限 80 公里）');
    await screenshot(page, 'verification-checks.png');
    await page.getByRole('button', { name: 'Close' }).or(page.locator('.ant-drawer-close')).first().click();

    // The signing: sent back with a reason.
    await rows.filter({ hasText: '签约' }).getByRole('button', { name: '查看佐证' }).click();
    await hasText(page.getByTestId('verification-checks'), 'GC-HS-2026-001');
    await page.getByTestId('verification-reject').click();
    await page.getByTestId('verification-reason').fill('合同未见双方盖章页');
    await page.getByRole('dialog').filter({ hasText: '退回这一阶段变更' }).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await json<{ total: number }>(page, `/api/stage-verifications?status=rejected&projectId=${projectId}`)).total).toBe(1);

    // The unit sees 已退回 with why, and resubmits from its own queue.
    await gucheng.page.reload();
    await hasText(gucheng.page.getByTestId('verification-tag').filter({ hasText: '已退回' }), '已退回');
    await screenshot(gucheng.page, 'verification-project-rejected.png');
    await gucheng.page.goto('/supervision?view=verification&status=rejected');
    await gucheng.page.getByTestId('verification-queue').locator('tr').filter({ hasText: '谷城县核实演示项目' }).getByRole('button', { name: '查看佐证' }).click();
    await gucheng.page.getByTestId('verification-resubmit').click();
    await gucheng.page.getByTestId('verification-reason').fill('已补盖章页');
    await gucheng.page.getByRole('dialog').filter({ hasText: '重新报送' }).getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await json<{ total: number }>(gucheng.page, `/api/stage-verifications?status=reported&projectId=${projectId}`)).total).toBe(2);

    // The bureau confirms the signing; the unit reads 已核实.
    await page.goto('/supervision?view=verification');
    await page.getByTestId('verification-queue').locator('tr').filter({ hasText: '谷城县核实演示项目' }).filter({ hasText: '签约' }).getByRole('button', { name: '查看佐证' }).click();
    await page.getByTestId('verification-confirm').click();
    await expect.poll(async () => (await json<{ total: number }>(page, `/api/stage-verifications?status=confirmed&projectId=${projectId}`)).total).toBe(1);
    await gucheng.page.goto(`/projects/${projectId}?tab=lifecycle`);
    await hasText(gucheng.page.getByTestId('verification-tag').filter({ hasText: '已核实' }), '已核实');
    await screenshot(gucheng.page, 'verification-project-confirmed.png');

    await page.goto('/supervision?view=verification');
    await shown(page.getByTestId('verification-queue'));
    await page.setViewportSize(PHONE);
    await screenshot(page, 'verification-queue-phone.png');
    await page.setViewportSize(DESKTOP);

    // The bureau's settings: read back as set, saved again unchanged.
    await page.getByTestId('verification-settings').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '核实设置' });
    await shown(drawer.getByText('统计只计已核实'));
    await screenshot(page, 'verification-settings.png');
    await drawer.getByTestId('verification-settings-save').click();
    await expect
      .poll(async () => (await json<{ settings: { rules: { stage: string; minYuan: number }[]; confirmedOnly: boolean } }>(page, '/api/verification-settings')).settings)
      .toMatchObject({ rules: [{ stage: 'signed', minYuan: 100_000_000 }, { stage: 'started', minYuan: 0 }], confirmedOnly: true });
    await gucheng.context.close();
    await bureau.context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('count once (三明) in a browser', () => {
  it('谷城县 records an expansion on its project: the increment only, listed with the stage history', async () => {
    const gucheng = await loggedIn(e2e, 'gucheng');
    const found = await json<{ items: { id: number; name: string; totalInvestmentYuan: number }[] }>(gucheng.page, `/api/projects?q=${encodeURIComponent('谷城县核实演示项目')}`);
    const project = found.items[0]!;
    await gucheng.page.goto(`/projects/${project.id}?tab=lifecycle`);
    await gucheng.page.getByTestId('count-once-add').click();
    const dialog = gucheng.page.getByRole('dialog');
    await dialog.getByRole('combobox').first().click();
    await chooseOption(gucheng.page, '增资扩产');
    await dialog.getByLabel('发生日期').fill('2026-02-25');
    await dialog.getByLabel('发生日期').press('Enter');
    await dialog.getByLabel('新增投资（万元）').fill('5000');
    await dialog.getByTestId('count-once-reason').fill('二期增资扩产');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await hasText(gucheng.page.getByTestId('count-once'), '增资扩产');
    await hasText(gucheng.page.getByTestId('count-once'), '5,000');
    const after = await json<{ totalInvestmentYuan: number }>(gucheng.page, `/api/projects/${project.id}`);
    expect(after.totalInvestmentYuan).toBe(project.totalInvestmentYuan + 50_000_000);
    await screenshot(gucheng.page, 'count-once-expansion.png', { fullPage: true });
    await gucheng.context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
