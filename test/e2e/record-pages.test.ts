import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TProblem } from '../../src/shared/problems.ts';
import type { TDeadlineView, TProjectLifecycle } from '../../src/shared/project-stages.ts';
import type { TProject } from '../../src/shared/projects.ts';
import type { TProjectFunds } from '../../src/shared/funds.ts';
import { metricText } from '../../src/web/metrics/metric-format.ts';
import type { Translate } from '../../src/web/i18n/i18n.tsx';
import { absent, hasText, loggedIn, PHONE, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * Record pages (issue 16): a project opens on its summary — stages with dates, the next deadline in words, open
 * problems and their 批示, the money with its 到位率, the people — and a leader reads it without any form; editing is
 * its own mode. An enterprise's page lists the projects, leads, visits and contacts the caller may see, another
 * unit's work only as that unit's name. Nested pages carry breadcrumbs; the menu's collapse button covers no entry.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

const DESKTOP_900 = { width: 1280, height: 900 };
const MILESTONE_ZH: Record<string, string> = { signed: '签约', registered: '注册', started: '开工', producing: '投产', inStats: '入库' };
const MILESTONE_EN: Record<string, string> = { signed: 'Signing', registered: 'Registration', started: 'Construction start', producing: 'Production', inStats: 'Statistics entry' };

async function getJson<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), `${url}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

function nextDeadline(lifecycle: TProjectLifecycle): TDeadlineView | undefined {
  return lifecycle.deadlines.filter((d) => d.open).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0];
}

function zhLabel(d: TDeadlineView): string {
  const days = d.daysLeft!;
  if (days > 0) return `${MILESTONE_ZH[d.toStage]}期限 ${d.dueDate}，还有 ${days} 天`;
  if (days === 0) return `${MILESTONE_ZH[d.toStage]}期限 ${d.dueDate}，今天到期`;
  return `${MILESTONE_ZH[d.toStage]}期限 ${d.dueDate}，已逾期 ${-days} 天`;
}

function enLabel(d: TDeadlineView): string {
  const days = d.daysLeft!;
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days > 0) return `${MILESTONE_EN[d.toStage]} due ${d.dueDate}, ${plural(days)} left`;
  if (days === 0) return `${MILESTONE_EN[d.toStage]} due ${d.dueDate}, today`;
  return `${MILESTONE_EN[d.toStage]} was due ${d.dueDate}, ${plural(-days)} overdue`;
}

const zhUnits: Translate = ((key: string) => ({ 'metric.unit.yi': '亿元', 'metric.unit.wan': '万元' })[key] ?? key) as Translate;

/** Once the layout has followed the new width (antd's breakpoints re-render after the resize), nothing scrolls sideways. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: the ids of serious and critical violations (as accessibility.test.ts). */
async function seriousViolations(page: Page): Promise<string[]> {
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton').count(), { timeout: 20_000 }).toBe(0);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ${JSON.stringify(v.nodes[0]?.target)}`);
  });
}

async function noSidewaysScroll(page: Page) {
  // What sticks out, named, should it fail: the outermost elements past the window's right edge.
  const wide = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !(element.parentElement && element.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
        .slice(0, 3)
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${Math.round(element.getBoundingClientRect().right)}px`),
    );
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 5_000, message: 'sideways scroll' })
    .toBeLessThanOrEqual(0)
    .catch(async (error: Error) => {
      throw new Error(`${error.message}: ${(await wide()).join('; ')}`);
    });
}

describe('a project opens on its summary', () => {
  it('a leader reads the summary — stages, deadline in words, problems with 批示, money, people — and no form at all', async () => {
    const { context, page } = await loggedIn(e2e, 'leader', DESKTOP_900);
    // A project with an open problem carrying a 批示 and a deadline running, as the demo has them.
    const problems = await getJson<{ items: TProblem[] }>(page, '/api/problems?state=open&pageSize=50');
    let chosen: { problem: TProblem; lifecycle: TProjectLifecycle; deadline: TDeadlineView } | null = null;
    for (const problem of problems.items.filter((p) => p.notes.some((n) => n.kind === 'instruction'))) {
      const lifecycle = await getJson<TProjectLifecycle>(page, `/api/projects/${problem.projectId}/lifecycle`);
      const deadline = nextDeadline(lifecycle);
      if (deadline) {
        chosen = { problem, lifecycle, deadline };
        break;
      }
    }
    expect(chosen, 'a demo project with an open problem, a 批示 and a running deadline').not.toBeNull();
    const { problem, lifecycle, deadline } = chosen!;
    const project = await getJson<TProject>(page, `/api/projects/${problem.projectId}`);
    const funds = await getJson<TProjectFunds>(page, `/api/projects/${project.id}/funds`);

    await page.goto(`/projects/${project.id}`);
    const summary = page.getByTestId('project-summary');
    await shown(summary);
    // Breadcrumb: 项目 / the project.
    const crumbs = page.getByTestId('breadcrumb');
    await shown(crumbs.getByRole('link', { name: '项目', exact: true }));
    await hasText(crumbs, project.name);
    // Stages with their dates.
    const stages = page.getByTestId('summary-stages');
    for (const [stage, date] of Object.entries(lifecycle.stageDates)) {
      if (MILESTONE_ZH[stage] || stage === 'lead') await hasText(stages, date);
    }
    // The next deadline as a sentence, its status as a word beside its colour.
    await hasText(page.getByTestId('summary-deadline'), zhLabel(deadline));
    if (deadline.status) await hasText(page.getByTestId('summary-deadline'), { onTrack: '正常', dueSoon: '临期', overdue: '逾期' }[deadline.status]);
    // Open problems and their 批示.
    await hasText(page.getByTestId('summary-problems'), problem.description);
    const instruction = problem.notes.find((n) => n.kind === 'instruction')!;
    await hasText(page.getByTestId('summary-instruction').first(), `领导批示：${instruction.text}`);
    // Money as reports write it, and 到位率 exactly as the domain computes it.
    await hasText(page.getByTestId('summary-money-total'), metricText(project.totalInvestmentYuan, 'yuan', zhUnits));
    await hasText(page.getByTestId('summary-money-arrived'), metricText(funds.arrivedYuan, 'yuan', zhUnits));
    await hasText(page.getByTestId('summary-money-rate'), funds.arrivalRate === null ? '—' : `${funds.arrivalRate}%`);
    // People.
    await hasText(page.getByTestId('summary-people'), project.unitName);
    if (project.responsibleLeader) await hasText(page.getByTestId('summary-people'), project.responsibleLeader);
    // Read-only: no form, no disabled field, no 编辑, no stage move, no save.
    expect(await page.locator('main form, main input:disabled').count()).toBe(0);
    await absent(page.getByRole('button', { name: /编\s*辑/ }));
    await absent(page.getByRole('button', { name: '变更阶段' }));
    await absent(page.getByRole('button', { name: /保\s*存/ }));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'project-summary-leader.png');

    await page.setViewportSize(PHONE);
    await shown(summary);
    await noSidewaysScroll(page);
    await screenshot(page, 'project-summary-leader-phone.png');

    // The same in English.
    await page.setViewportSize(DESKTOP_900);
    await page.getByText('English', { exact: true }).click();
    await hasText(page.getByTestId('summary-deadline'), enLabel(deadline));
    await hasText(page.getByTestId('summary-instruction').first(), `Leader’s instruction: ${instruction.text}`);
    await shown(page.getByTestId('breadcrumb').getByRole('link', { name: 'Projects', exact: true }));
    await screenshot(page, 'project-summary-leader-en.png');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'project-summary-leader-en-phone.png');
    await page.getByText('中文', { exact: true }).click();
    await context.close();
  });

  it('staff edit a project in a mode of its own, and come back to the summary', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', DESKTOP_900);
    const first = (await getJson<{ items: TProject[] }>(page, '/api/projects?pageSize=1')).items[0]!;
    await page.goto(`/projects/${first.id}`);
    await shown(page.getByTestId('project-summary'));
    await absent(page.getByLabel('项目名称', { exact: true }));
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(/edit=1/);
    const name = page.getByLabel('项目名称', { exact: true });
    await shown(name);
    expect(await name.isDisabled()).toBe(false);
    await hasText(page.getByTestId('breadcrumb'), '编辑');
    await screenshot(page, 'project-edit.png');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await shown(page.getByTestId('project-summary'));
    expect(page.url()).not.toContain('edit=1');
    // The breadcrumb leads back to the list.
    await page.getByTestId('breadcrumb').getByRole('link', { name: '项目', exact: true }).click();
    await page.waitForURL(/\/projects$/);
    await context.close();
  });
});

describe('an enterprise page', () => {
  it('lists the projects, leads, visits and contacts of the caller’s units; another county sees only who follows it', async () => {
    const xiangcheng = await loggedIn(e2e, 'xiangcheng', DESKTOP_900);
    const { page } = xiangcheng;
    const project = (await getJson<{ items: TProject[] }>(page, '/api/projects?pageSize=50')).items.find((p) => p.investorEnterpriseId !== null && !p.confidential)!;
    const enterpriseId = project.investorEnterpriseId!;
    const post = async (url: string, body: unknown) => {
      const response = await page.request.post(url, { data: body });
      expect(response.status(), await response.text()).toBe(200);
    };
    await post('/api/leads', { enterpriseId, source: 'other', collectedOn: '2026-11-20', note: '襄城区的企业页线索' });
    await post('/api/visits', { enterpriseId, visitedOn: '2026-11-21', notes: '襄城区的企业页拜访' });
    await post(`/api/enterprises/${enterpriseId}/contacts`, { name: '企业页联系人', phone: '13900002222' });

    await page.goto(`/enterprises/${enterpriseId}`);
    await shown(page.getByTestId('enterprise-facts'));
    await shown(page.getByTestId('breadcrumb').getByRole('link', { name: '企业', exact: true }));
    await hasText(page.getByTestId('enterprise-projects'), project.name);
    await hasText(page.getByTestId('enterprise-leads'), '襄城区的企业页线索');
    await hasText(page.getByTestId('enterprise-visits'), '襄城区的企业页拜访');
    await hasText(page.getByTestId('enterprise-contacts'), '企业页联系人');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'enterprise-page.png');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'enterprise-page-phone.png');
    await page.setViewportSize(DESKTOP_900);
    await page.getByText('English', { exact: true }).click();
    await shown(page.getByTestId('breadcrumb').getByRole('link', { name: 'Enterprises', exact: true }));
    await hasText(page.getByTestId('enterprise-facts'), 'Company facts');
    await screenshot(page, 'enterprise-page-en.png');
    await page.setViewportSize(PHONE);
    await noSidewaysScroll(page);
    await screenshot(page, 'enterprise-page-en-phone.png');
    await page.getByText('中文', { exact: true }).click();
    await xiangcheng.context.close();

    const gucheng = await loggedIn(e2e, 'gucheng', DESKTOP_900);
    await gucheng.page.goto(`/enterprises/${enterpriseId}`);
    const other = gucheng.page;
    await shown(other.getByTestId('enterprise-facts'));
    // Facts are read, not a disabled form.
    await absent(other.getByLabel('企业名称', { exact: true }));
    const interest = other.getByTestId('enterprise-interest');
    await hasText(interest, '另一单位正在跟进：襄城区');
    for (const kind of ['线索', '拜访', '项目']) await hasText(interest, kind);
    await shown(other.getByTestId('enterprise-leads'));
    const everything = await other.locator('main').innerText();
    for (const secret of ['襄城区的企业页线索', '襄城区的企业页拜访', '企业页联系人', '13900002222', project.name]) expect(everything).not.toContain(secret);
    await hasText(other.getByTestId('enterprise-contacts'), '暂无联系人');
    await screenshot(other, 'enterprise-page-other-county.png');
    await gucheng.context.close();
  });
});

describe('breadcrumbs and the menu', () => {
  it('a chain link says where it sits, and its chain closes it', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', DESKTOP_900);
    await page.goto('/chains');
    await page.getByTestId('chain-view').getByText('列表').click();
    const node = page.locator('[data-testid^="chain-node-"]').first();
    await node.click();
    const drawer = page.getByTestId('chain-link-drawer');
    const crumbs = drawer.getByTestId('breadcrumb');
    await shown(crumbs);
    const chainName = (await page.getByTestId('chain-picker').locator('.ant-segmented-item-selected').innerText()).trim();
    await hasText(crumbs, chainName);
    await screenshot(page, 'chain-link-breadcrumb.png');
    await crumbs.getByText(chainName).click();
    await absent(drawer);
    await context.close();
  });

  /** Every menu entry, scrolled into view, is the element at its own centre: nothing (the collapse button) lies on it. */
  async function coveredEntries(page: Page, container: string): Promise<string[]> {
    const entries = page.locator(`${container} .ant-menu-item, ${container} .ant-menu-submenu-title`);
    const covered: string[] = [];
    for (let i = 0; i < (await entries.count()); i++) {
      const entry = entries.nth(i);
      if (!(await entry.isVisible())) continue;
      await entry.scrollIntoViewIfNeeded();
      const free = await entry.evaluate((element) => {
        const box = element.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        // The bottom edge as well: the collapse button would cover an entry's lower half first.
        const low = document.elementFromPoint(box.left + box.width / 2, box.bottom - 2);
        return !!hit && element.contains(hit) && !!low && element.contains(low);
      });
      if (!free) covered.push((await entry.innerText()).trim() || `#${i}`);
    }
    return covered;
  }

  it('the collapse button covers no menu entry, expanded or collapsed, on a short window, and on a phone', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau', { width: 1280, height: 600 });
    await page.goto('/cockpit');
    await shown(page.locator('.zs-sider .ant-menu'));
    expect(await coveredEntries(page, '.zs-sider')).toEqual([]);
    await page.locator('.ant-layout-sider-trigger').click();
    await expect.poll(() => page.locator('.ant-layout-sider-collapsed').count()).toBe(1);
    expect(await coveredEntries(page, '.zs-sider')).toEqual([]);
    await page.locator('.ant-layout-sider-trigger').click();
    await context.close();

    const phone = await loggedIn(e2e, 'bureau', PHONE);
    await phone.page.getByRole('button', { name: '菜单' }).click();
    await shown(phone.page.locator('.ant-drawer .ant-menu'));
    expect(await coveredEntries(phone.page, '.ant-drawer')).toEqual([]);
    await phone.context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
