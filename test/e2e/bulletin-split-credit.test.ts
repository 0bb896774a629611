import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricCell } from '../../src/web/metrics/metric-format.ts';
import { hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The bulletin after a split credit (demo city 襄阳, issue 17): 谷城县 records 宁德时代's 储能电池模组 investment that
 * 襄城区 signed; the bureau splits the credit of the pair (the 首报单位 gets 30%). The bulletin of the signing's month
 * then shows 襄城区 its 70% and 谷城县 its 30% of the contract, and the city's total counts the project once.
 * Screenshot: bulletin-split-credit.png.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

type Bulletin = { items: { metricKey: string; value: number; units: { unitName: string; value: number }[] }[] };

async function json<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

describe('the bulletin after the bureau splits a pair’s credit', () => {
  it('shows each county its share and counts the project once in the city’s total', async () => {
    const { page } = await loggedIn(e2e, 'bureau');
    const rules = await json<{ rules: Record<string, unknown> }>(page, '/api/metrics/rules');
    const put = await page.request.put('/api/metrics/rules', { data: { ...rules.rules, reportingUnitSharePercent: 30 } });
    expect(put.status(), await put.text()).toBe(200);

    const found = await json<{ items: { id: number; name: string }[] }>(page, `/api/projects?q=${encodeURIComponent('储能电池模组生产基地项目')}`);
    const original = await json<{
      id: number;
      unitName: string;
      investorEnterpriseId: number;
      totalInvestmentYuan: number;
      contractInvestmentYuan: number | null;
      industryCode: string | null;
      stageDates: Record<string, string>;
    }>(page, `/api/projects/${found.items.find((p) => p.name === '储能电池模组生产基地项目')!.id}`);
    expect(original.unitName).toBe('襄城区');
    const signedOn = original.stageDates.signed!;
    expect(signedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [year, month] = [Number(signedOn.slice(0, 4)), Number(signedOn.slice(5, 7))];
    const contract = original.contractInvestmentYuan ?? original.totalInvestmentYuan;
    const signedAmounts = async () => {
      const bulletin = await json<Bulletin>(page, `/api/bulletin?year=${year}&month=${month}`);
      const item = bulletin.items.find((i) => i.metricKey === 'signedContractYuan')!;
      const of = (name: string) => item.units.find((u) => u.unitName === name)?.value ?? 0;
      return { city: item.value, xiangcheng: of('襄城区'), gucheng: of('谷城县') };
    };
    const before = await signedAmounts();

    // 谷城县 records the same investment under a name of its own; the pair lands in the bureau's queue.
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
    const claims = await json<{ items: { id: number; projectA: { id: number }; projectB: { id: number } }[] }>(page, '/api/duplicate-claims?status=open&pageSize=100');
    const pair = claims.items.find((c) => [c.projectA.id, c.projectB.id].includes(copyId) && [c.projectA.id, c.projectB.id].includes(original.id))!;
    expect(pair).toBeDefined();
    const split = await page.request.post(`/api/duplicate-claims/${pair.id}/split-credit`, { data: { keptProjectId: original.id, reason: '同一笔投资：落地襄城区，谷城县首报' } });
    expect(split.status(), await split.text()).toBe(200);

    // The figures: 30% of the contract moves to 谷城县, 70% stays with 襄城区, the city counts it once.
    const after = await signedAmounts();
    const share = Math.round(contract * 0.3);
    expect(after.city).toBe(before.city);
    expect(Math.abs(after.gucheng - (before.gucheng + share))).toBeLessThanOrEqual(1);
    expect(Math.abs(after.xiangcheng - (before.xiangcheng - share))).toBeLessThanOrEqual(1);

    // The move shows at the bulletin's precision (亿元, two decimals), so the page below cannot pass unchanged.
    expect(metricCell(after.gucheng, 'yuan')).not.toBe(metricCell(before.gucheng, 'yuan'));

    // The bulletin page writes them so: each county's row its share, the city's sentence the same total as before.
    await page.goto(`/bulletin?month=${year}-${month}`);
    const section = page.getByTestId('bulletin-signedContractYuan');
    await shown(section.getByRole('row', { name: /谷城县/ }));
    await hasText(section.getByRole('row', { name: /谷城县/ }), metricCell(after.gucheng, 'yuan'));
    await hasText(section.getByRole('row', { name: /襄城区/ }), metricCell(after.xiangcheng, 'yuan'));
    await hasText(section.getByTestId('bulletin-sentence'), metricCell(before.city, 'yuan'));
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'bulletin-split-credit.png');
    await gucheng.context.close();
    expect(e2e.pageErrors).toEqual([]);
  });
});
