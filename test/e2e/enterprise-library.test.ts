import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, absent, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The enterprise page in a browser (demo city 襄阳, issue 13): a district's staff member records a contact at an
 * enterprise of the city's library, sees the phone masked and shows it with 显示电话; another county's staff member
 * opens the same enterprise and reads its facts but not that contact.
 *
 * The 资源库 (issue 13 screens): a staff member types the pinyin initials of a demo enterprise (jslp, 江苏龙蟠) and sees
 * the match marked as they type, narrows to 专精特新 (by the facet on a desktop, the tier filter on a phone), opens the
 * enterprise, starts a lead with 发起线索 and finds it on the page and in the leads list. Screenshots:
 * enterprise-library.png and enterprise-library-phone.png in docs/screenshots/.
 */

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the enterprise page', () => {
  let enterpriseUrl = '';

  it('keeps a contact with its phone masked until 显示电话 is pressed', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.getByRole('link', { name: '企业', exact: true }).click();
    await page.waitForURL('**/enterprises');
    await page.getByRole('link', { name: '华为技术有限公司' }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    enterpriseUrl = new URL(page.url()).pathname;

    const contacts = page.getByTestId('enterprise-contacts');
    await contacts.getByPlaceholder('姓名').fill('王经理');
    await contacts.getByPlaceholder('职务').fill('投资总监');
    await contacts.getByPlaceholder('电话').fill('13812345678');
    await contacts.getByRole('button', { name: '添加联系人' }).click();
    await hasText(contacts, '138****5678');
    expect(await contacts.innerText()).not.toContain('13812345678');
    await contacts.getByRole('button', { name: '显示电话' }).click();
    await hasText(contacts, '13812345678');
    await shown(page.getByTestId('enterprise-tiers'));
    await context.close();
  });

  it('shows another county the enterprise but not the contact', async () => {
    const { context, page } = await loggedIn(e2e, 'gucheng');
    await page.goto(enterpriseUrl);
    await shown(page.getByTestId('enterprise-contacts'));
    await hasText(page.getByTestId('enterprise-contacts'), '暂无联系人');
    await absent(page.getByText('王经理'));
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});

describe('the 资源库', () => {
  it('finds an enterprise by its pinyin initials, narrows to 专精特新 by a facet and starts a lead on it', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', { width: 1280, height: 900 });
    await page.getByRole('link', { name: '企业', exact: true }).click();
    await page.waitForURL('**/enterprises');
    // Search as one types: no Enter, the words go to the address.
    await page.getByPlaceholder(/ndsd/).pressSequentially('jslp');
    await page.waitForURL(/q=jslp/);
    const results = page.getByTestId('enterprise-search-results');
    await hasText(results.locator('mark'), '江苏龙蟠');
    await hasText(results, '专精特新“小巨人”');
    await page.getByTestId('facet-tier').getByText(/专精特新“小巨人” 1/).click();
    await page.waitForURL(/tier=little_giant/);
    await hasText(results, '江苏龙蟠科技股份有限公司');
    await screenshot(page, 'enterprise-library.png');

    await results.getByRole('link', { name: /江苏龙蟠科技股份有限公司/ }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await shown(page.getByTestId('enterprise-leads'));
    await page.getByRole('button', { name: '发起线索' }).click();
    const drawer = page.getByRole('dialog', { name: '登记线索' });
    await hasText(drawer, '江苏龙蟠科技股份有限公司');
    await drawer.getByLabel('备注').fill('资源库发起:电池材料扩产');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await hasText(page.getByTestId('enterprise-leads'), '资源库发起:电池材料扩产');

    await page.goto('/leads');
    const lead = page.getByTestId('leads-table').getByRole('row', { name: /资源库发起:电池材料扩产/ });
    await hasText(lead, '江苏龙蟠科技股份有限公司');
    await hasText(lead, '新线索');
    await context.close();
  });

  it('does the same on a phone, with the tier filter', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng', PHONE);
    await page.goto('/enterprises');
    await page.getByPlaceholder(/ndsd/).pressSequentially('jslp');
    await page.waitForURL(/q=jslp/);
    await page.getByRole('combobox', { name: '榜单' }).click();
    await chooseOption(page, '专精特新中小企业');
    await page.waitForURL(/tier=srdi/);
    const results = page.getByTestId('enterprise-search-results');
    await hasText(results.locator('mark'), '江苏龙蟠');
    await page.getByRole('button', { name: '按类别筛选' }).click();
    await shown(page.getByTestId('facet-tier'));
    await screenshot(page, 'enterprise-library-phone.png', { fullPage: true });

    await results.getByRole('link', { name: /江苏龙蟠科技股份有限公司/ }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByRole('button', { name: '发起线索' }).click();
    const drawer = page.getByRole('dialog', { name: '登记线索' });
    await hasText(drawer, '江苏龙蟠科技股份有限公司');
    await drawer.getByLabel('备注').fill('手机上发起的线索');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await drawer.waitFor({ state: 'hidden' });
    await hasText(page.getByTestId('enterprise-leads'), '手机上发起的线索');

    await page.goto('/leads');
    // On a phone the leads are cards (issue 16).
    await hasText(page.getByTestId('leads-cards').locator('[data-testid^="lead-card-"]').filter({ hasText: '手机上发起的线索' }), '江苏龙蟠科技股份有限公司');
    await context.close();
  });

  it('no page had an uncaught error', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
