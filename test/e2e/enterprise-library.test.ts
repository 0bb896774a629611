import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absent, hasText, loggedIn, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The enterprise page in a browser (demo city 襄阳, issue 13): a district's staff member records a contact at an
 * enterprise of the city's library, sees the phone masked and shows it with 显示电话; another county's staff member
 * opens the same enterprise and reads its facts but not that contact.
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
