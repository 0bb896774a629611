import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, PHONE, absent, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * Whom to attract in a browser (demo city 襄阳, issue 14): the bureau opens 产业链, picks 动力及储能电池, opens the 缺 link
 * 铜箔/铝箔 and finds its candidates (江西铜业, 海亮, 中一科技) each with its reasons; marks 海亮 不适合 with a reason (it
 * leaves the list for 已标记不适合, with who and why), starts a lead on 中一科技 and finds it in 线索. On a phone: the gap
 * list, the same link's candidates, and the mark taken back. The bureau's weights change the order. A leader reads the
 * candidates without buttons and has no weights.
 * A candidate goes into a new trip plan, another into the same plan (加入出行计划).
 * Screenshots: chain-candidates.png (1280), chain-candidates-phone.png and chain-gap-list-phone.png (390),
 * chain-candidate-weights.png and chain-candidate-trip-plan.png (1280) in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const HAILIANG = '海亮集团有限公司';
const ZHONGYI = '湖北中一科技股份有限公司';
const JIANGXI = '江西铜业集团有限公司';

/** The chain page on 动力及储能电池, in its list view where the page offers a choice of views. */
async function openBatteryChain(page: Page) {
  await page.goto('/chains');
  await page.getByTestId('chain-picker').getByText('动力及储能电池', { exact: true }).click();
  await shown(page.locator('[data-testid^="chain-node-"], [data-testid="chain-view"]'));
  if (await page.getByTestId('chain-view').count()) await page.getByTestId('chain-view').getByText('列表', { exact: true }).click();
}

async function openFoils(page: Page) {
  const node = page.locator('[data-testid^="chain-node-"]').filter({ hasText: '铜箔/铝箔' }).first();
  await hasText(node, '缺');
  await node.click();
  const drawer = page.getByTestId('chain-link-drawer');
  await hasText(drawer, '无本地企业');
  return drawer;
}

const candidateRow = (page: Page, name: string) => page.getByTestId('link-candidates').locator('[data-testid^="candidate-"]').filter({ hasText: name });

describe('whom to attract', () => {
  it('at 1280 px: reads the candidates of 铜箔/铝箔, marks one 不适合 with a reason, starts a lead from another', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    await openBatteryChain(page);
    const drawer = await openFoils(page);
    const candidates = drawer.getByTestId('link-candidates');
    await hasText(candidates, '候选企业');
    for (const name of [JIANGXI, HAILIANG, ZHONGYI]) await shown(candidateRow(page, name));
    // A reason as the issue writes it: the words found and the points they give.
    await hasText(candidateRow(page, JIANGXI).getByTestId('candidate-reasons'), "'锂电铜箔'");
    await expect.poll(() => candidateRow(page, JIANGXI).getByTestId('candidate-reasons').innerText()).toMatch(/经营范围含.*\+\d+/);
    await hasText(candidateRow(page, HAILIANG), '中国500强');
    await candidates.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'chain-candidates.png');

    // 不适合 needs a reason; then 海亮 leaves the list and shows under 已标记不适合 with who and why.
    await candidateRow(page, HAILIANG).getByRole('button', { name: '不适合' }).click();
    const modal = page.getByRole('dialog', { name: `将 ${HAILIANG} 标记为不适合` });
    await modal.getByRole('button', { name: '不适合' }).click();
    await hasText(modal, '请写明不适合的理由');
    await modal.getByTestId('reject-reason').fill('铜箔产能已在本省另一城市落地');
    await modal.getByRole('button', { name: '不适合' }).click();
    await modal.waitFor({ state: 'hidden' });
    await absent(candidateRow(page, HAILIANG));
    const marked = drawer.getByTestId('link-rejections');
    await hasText(marked, '已标记不适合');
    await hasText(marked, HAILIANG);
    await hasText(marked, '铜箔产能已在本省另一城市落地');
    await hasText(marked, '市招商局 王局长');

    // 发起线索 on 中一科技: the lead form comes with the enterprise chosen; the lead is then in 线索.
    await candidateRow(page, ZHONGYI).getByRole('button', { name: '发起线索' }).click();
    const form = page.getByRole('dialog', { name: '登记线索' });
    await hasText(form, ZHONGYI);
    await hasText(form, '铜箔/铝箔');
    await form.getByLabel('备注').fill('产业链缺口铜箔/铝箔的候选');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'hidden' });
    // The lead is the bureau's own relationship now: a reason of its own.
    await hasText(candidateRow(page, ZHONGYI).getByTestId('candidate-reasons'), '本单位已有线索 1 条');
    // …and it sits on the link it was proposed for: the drawer's 线索 lists it.
    await hasText(drawer, '线索 (1)');
    await hasText(drawer.locator('.ant-list').filter({ hasText: '线索 (1)' }), ZHONGYI);
    await page.goto('/leads');
    await hasText(page.getByTestId('leads-table'), ZHONGYI);
    await context.close();
  });

  it('at 390 px: the gap list leads to the same candidates, and the mark is taken back', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', PHONE);
    await openBatteryChain(page);
    await page.getByTestId('open-gap-list').click();
    const gaps = page.getByTestId('gap-list');
    const foils = gaps.locator('[data-testid^="gap-"]').filter({ hasText: '铜箔/铝箔' }).first();
    await hasText(foils, JIANGXI);
    await screenshot(page, 'chain-gap-list-phone.png');
    await foils.getByRole('button', { name: '查看全部候选' }).click();
    const drawer = page.getByTestId('chain-link-drawer');
    await hasText(drawer.getByTestId('link-candidates'), ZHONGYI);
    await shown(candidateRow(page, JIANGXI));
    await drawer.getByTestId('link-candidates').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const body = drawer.locator('.ant-drawer-body');
    expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(page, 'chain-candidates-phone.png');

    const marked = drawer.getByTestId('link-rejections');
    await marked.getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /撤\s*销/ }).click();
    await shown(candidateRow(page, HAILIANG));
    await absent(drawer.getByTestId('link-rejections'));
    await context.close();
  });

  it('the bureau sets the city’s weights: a 世界500强 worth 100 puts 江西铜业 first; then back to the defaults', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    await openBatteryChain(page);
    const first = () => page.getByTestId('link-candidates').locator('[data-testid^="candidate-"]').first();
    const setWeights = async (change: (weights: Locator) => Promise<void>) => {
      await page.getByTestId('open-candidate-weights').click();
      const weights = page.getByTestId('candidate-weights');
      await shown(weights.getByLabel('世界500强', { exact: true }));
      await change(weights);
      await weights.getByRole('button', { name: /保\s*存/ }).click();
      await hasText(weights, '市招商局 王局长 于');
      return weights;
    };
    const weights = await setWeights(async (w) => {
      await hasText(w, '正在使用默认权重');
      await w.getByLabel('世界500强', { exact: true }).fill('100');
    });
    await screenshot(page, 'chain-candidate-weights.png');
    await page.keyboard.press('Escape');
    await weights.waitFor({ state: 'hidden' });
    await openFoils(page);
    await hasText(first(), JIANGXI);
    await hasText(first().getByTestId('candidate-reasons'), '世界500强 +100');
    await page.keyboard.press('Escape');

    await setWeights(async (w) => {
      await w.getByRole('button', { name: '恢复默认' }).click();
      await expect.poll(() => w.getByLabel('世界500强', { exact: true }).inputValue()).toBe('20');
    });
    await page.keyboard.press('Escape');
    await openFoils(page);
    await hasText(first(), HAILIANG);
    await context.close();
  });

  it('adds a candidate to a new trip plan, then another to the same plan (加入出行计划)', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP);
    await openBatteryChain(page);
    await openFoils(page);
    // Whether the list came from the stored one or was computed live, the page says which.
    await expect.poll(() => page.getByTestId('candidates-computed').innerText()).toMatch(/名单计算于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}|实时计算/);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await candidateRow(page, JIANGXI).getByRole('button', { name: '加入出行计划' }).click();
    const modal = page.getByRole('dialog', { name: `把“${JIANGXI}”加入出行计划` });
    await hasText(modal, '不计入外出招商天数');
    await expect.poll(() => modal.getByTestId('trip-plan-title').inputValue()).toBe(`拜访${JIANGXI}等`);
    await modal.getByTestId('trip-plan-title').fill('赴江西、湖北招商');
    const [from, to] = [modal.locator('.ant-picker-input input').nth(0), modal.locator('.ant-picker-input input').nth(1)];
    await from.click();
    await from.fill(day(7));
    await from.press('Enter');
    await to.fill(day(9));
    await to.press('Enter');
    await modal.getByRole('button', { name: '加入出行计划' }).click();
    await modal.waitFor({ state: 'hidden' });
    await hasText(page.locator('.ant-message'), `已把“${JIANGXI}”加入“赴江西、湖北招商”`);

    await candidateRow(page, ZHONGYI).getByRole('button', { name: '加入出行计划' }).click();
    const second = page.getByRole('dialog', { name: `把“${ZHONGYI}”加入出行计划` });
    await hasText(second.getByTestId('trip-plan-select'), `赴江西、湖北招商（${day(7)} 至 ${day(9)}，`);
    await hasText(second.getByTestId('trip-plan-select'), '已有 1 家）');
    await screenshot(page, 'chain-candidate-trip-plan.png');
    await second.getByRole('button', { name: '加入出行计划' }).click();
    await second.waitFor({ state: 'hidden' });
    const plans = (await (await page.request.get('/api/trip-plans')).json()) as { items: { title: string; stops: { enterpriseName: string }[] }[] };
    expect(plans.items.map((p) => [p.title, p.stops.map((s) => s.enterpriseName)])).toEqual([['赴江西、湖北招商', [JIANGXI, ZHONGYI]]]);
    await context.close();
  });

  it('a leader reads the candidates and their reasons, with no button to act on them', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', DESKTOP);
    await openBatteryChain(page);
    const drawer = await openFoils(page);
    await shown(candidateRow(page, JIANGXI));
    await hasText(candidateRow(page, JIANGXI).getByTestId('candidate-reasons'), '锂电铜箔');
    await absent(drawer.getByRole('button', { name: '发起线索' }));
    await absent(drawer.getByRole('button', { name: '不适合' }));
    await absent(drawer.getByRole('button', { name: '加入出行计划' }));
    await absent(page.getByTestId('open-candidate-weights'));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
