import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * 甄别 in a browser (demo city 襄阳, issue 17): 谷城县 records an investment 襄城区 already has — 宁德时代's 储能电池模组
 * project, same investor, amount and industry. The pair lands in the bureau's queue with its reasons and both
 * projects side by side; 谷城县 sees only "甄别中" on its project; the bureau splits the credit, and 谷城县 then reads
 * who resolved it.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

type ProjectRow = { id: number; name: string; unitName: string; investorEnterpriseId: number; totalInvestmentYuan: number; industryCode: string | null };

async function json<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

describe('duplicate review (甄别)', () => {
  it('the bureau sees a project two counties claimed, reads the reasons and splits the credit; the county sees only the review', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    // The counting rules give the 首报单位 a share, so a split moves credit.
    const rules = await json<{ rules: Record<string, unknown> }>(bureau.page, '/api/metrics/rules');
    const put = await bureau.page.request.put('/api/metrics/rules', { data: { ...rules.rules, reportingUnitSharePercent: 30 } });
    expect(put.status(), await put.text()).toBe(200);
    const found = await json<{ items: ProjectRow[] }>(bureau.page, `/api/projects?q=${encodeURIComponent('储能电池模组生产基地项目')}`);
    const original = found.items.find((p) => p.name === '储能电池模组生产基地项目')!;

    // 谷城县 records the same investment under a name of its own.
    const gucheng = await loggedIn(e2e, 'gucheng');
    const units = await json<{ items: { id: number; name: string }[] }>(gucheng.page, '/api/units');
    const created = await gucheng.page.request.post('/api/projects', {
      data: {
        name: '谷城县宁德时代储能电池模组项目',
        unitId: units.items.find((u) => u.name === '谷城县')!.id,
        investorEnterpriseId: original.investorEnterpriseId,
        totalInvestmentYuan: original.totalInvestmentYuan,
        industryCode: original.industryCode,
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const copyId = ((await created.json()) as { id: number }).id;

    await gucheng.page.goto(`/projects/${copyId}`);
    await hasText(gucheng.page.getByTestId('duplicate-review-tag'), '甄别中');
    // 谷城县 has no queue: the page is the bureau's, and so is the menu entry.
    await absent(gucheng.page.getByRole('menuitem', { name: '甄别' }));

    const { page } = bureau;
    await page.getByRole('menuitem', { name: '甄别' }).click();
    await page.waitForURL(/\/duplicates$/);
    const ours = page.getByTestId('duplicate-claim').filter({ hasText: '谷城县宁德时代储能电池模组项目' });
    const pair = ours.filter({ hasText: '储能电池模组生产基地项目' });
    await shown(pair);
    await hasText(pair, '同一投资方 913509…');
    await hasText(pair, '金额相同');
    await hasText(pair, '襄城区');
    await hasText(pair, '谷城县');
    await screenshot(page, 'duplicates-queue.png');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'duplicates-queue-phone.png');
    await page.setViewportSize(DESKTOP);

    // 襄城区's first phase of the same investor looks alike too; it is another investment: not a duplicate.
    const phase = ours.filter({ hasText: '储能电池模组生产基地一期项目' });
    if ((await phase.count()) > 0) {
      await phase.getByRole('button', { name: '不是重复' }).click();
      await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
      await absent(phase);
    }

    await pair.getByRole('button', { name: /分\s*成/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /储能电池模组生产基地项目/ }).check();
    await dialog.getByLabel('原因').fill('同一笔投资:落地襄城区,谷城县首报');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await absent(pair);

    await page.locator('.ant-segmented').getByText('已处理').click();
    const decided = page.getByTestId('duplicate-claim').filter({ hasText: '谷城县宁德时代储能电池模组项目' });
    await hasText(decided, '已分成');
    await hasText(decided, '首报单位分成 30%');
    await hasText(decided, '市招商局 王局长');

    // The kept project is 襄城区's, now first reported by 谷城县; 谷城县 learns who resolved its project.
    const kept = await json<{ reportedUnitName: string | null }>(page, `/api/projects/${original.id}`);
    expect(kept.reportedUnitName).toBe('谷城县');
    await gucheng.page.reload();
    await hasText(gucheng.page.getByTestId('duplicate-review-tag'), '甄别：已分成');
    await gucheng.context.close();
    await bureau.context.close();
  });

  it('the bureau merges a pair into one project and undoes the merge; the county learns only that it was merged', async () => {
    const bureau = await loggedIn(e2e, 'bureau');
    const found = await json<{ items: ProjectRow[] }>(bureau.page, `/api/projects?q=${encodeURIComponent('动力电池零部件配套项目')}`);
    const original = found.items.find((p) => p.name === '动力电池零部件配套项目')!;
    const gucheng = await loggedIn(e2e, 'gucheng');
    const units = await json<{ items: { id: number; name: string }[] }>(gucheng.page, '/api/units');
    const created = await gucheng.page.request.post('/api/projects', {
      data: {
        name: '谷城县宁德时代动力电池零部件项目',
        unitId: units.items.find((u) => u.name === '谷城县')!.id,
        investorEnterpriseId: original.investorEnterpriseId,
        totalInvestmentYuan: original.totalInvestmentYuan,
        industryCode: original.industryCode,
      },
    });
    expect(created.status(), await created.text()).toBe(200);
    const copyId = ((await created.json()) as { id: number }).id;

    const { page } = bureau;
    await page.goto('/duplicates');
    const pair = page.getByTestId('duplicate-claim').filter({ hasText: '谷城县宁德时代动力电池零部件项目' }).filter({ hasText: '动力电池零部件配套项目' });
    await shown(pair);
    await pair.getByRole('button', { name: /合\s*并/ }).click();
    const dialog = page.getByRole('dialog');
    await hasText(dialog, '合并可以撤销');
    await dialog.getByRole('radio', { name: /^动力电池零部件配套项目/ }).check();
    await dialog.getByLabel('原因').fill('同一笔投资，落地襄城区');
    await screenshot(page, 'duplicates-merge-dialog.png');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await absent(pair);

    await page.locator('.ant-segmented').getByText('已处理').click();
    const merged = page.getByTestId('duplicate-claim').filter({ hasText: '谷城县宁德时代动力电池零部件项目' }).filter({ hasText: '已合并' });
    await hasText(merged, '保留动力电池零部件配套项目');
    await screenshot(page, 'duplicates-merged.png');
    // 谷城县 reads that its project was merged, and by whom — not into what.
    await gucheng.page.goto(`/projects/${copyId}`);
    await hasText(gucheng.page.getByTestId('duplicate-review-tag'), '甄别：已合并');

    await merged.getByRole('button', { name: '撤销合并' }).click();
    await page.getByRole('dialog').getByLabel('原因').fill('核实为两个项目');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await absent(merged);
    await page.locator('.ant-segmented').getByText('待甄别').click();
    await shown(page.getByTestId('duplicate-claim').filter({ hasText: '谷城县宁德时代动力电池零部件项目' }));
    await gucheng.page.reload();
    await hasText(gucheng.page.getByTestId('duplicate-review-tag'), '甄别中');
    await gucheng.context.close();
    await bureau.context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
