import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../src/domain/credit-code.ts';
import { PHONE, absent, chooseOption, hasText, logIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The spine journey in a real browser against the real app (demo city 襄阳, built web app from dist/web):
 * log in, record an enterprise and a project in 万元, see them listed, switch language, log out; the bureau's
 * view of the whole city; a phone-size list. Screenshots go to docs/screenshots/.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code with the right check character (GB 32100-2015) for 17 given characters. */
function withCheckCharacter(body: string): string {
  const sum = [...body].reduce((total, ch, i) => total + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}

/** The same code with another check character: the right length and alphabet, the wrong check. */
function withWrongCheckCharacter(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

let e2e: E2e;
const newPage = (viewport?: { width: number; height: number }) => e2e.newPage(viewport);

beforeAll(async () => {
  // The backbone journey runs on the embedded database (PGlite) the default install uses, whichever database the rest of
  // the browser suite runs on (PostgreSQL where a server answers: three times faster on two cores).
  e2e = await startE2e({ embedded: true });
});

afterAll(async () => {
  await e2e?.close();
});

describe('the spine in a browser', () => {
  // Each run starts from a fresh demo city, so fixed names and codes collide with nothing, and the
  // screenshots come out the same every time.
  const enterpriseName = '襄阳储能科技有限公司';
  const projectName = '储能电池Pack生产线项目';
  const creditCode = withCheckCharacter('91420602MA4F8K2X3');

  it('a county staff member records an enterprise and a project in 万元, reads them in Chinese and English, and logs out', async () => {
    expect(isValidCreditCode(creditCode)).toBe(true);
    const { context, page } = await newPage();

    // The app opens on the login page; a wrong password gets the server's message in Chinese.
    await page.goto('/');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await shown(page.getByRole('heading', { name: '招商引资平台' }));
    await screenshot(page, 'login.png');
    await logIn(page, 'xiangcheng', 'Wrong-pass-1');
    await hasText(page.getByRole('alert'), '用户名或密码错误');
    await logIn(page, 'xiangcheng');
    await page.waitForURL('**/projects');
    await hasText(page.getByTestId('current-user'), '襄城区 张招商');
    await hasText(page.getByTestId('current-user'), '招商员');

    // An enterprise: a wrong check character is refused in the browser, a code another record holds by the
    // server — both under the field — and a valid one is saved.
    await page.getByRole('link', { name: '企业' }).click();
    await page.getByRole('button', { name: '新建企业' }).click();
    await page.getByLabel('企业名称', { exact: true }).fill(enterpriseName);
    const creditCodeField = page.getByLabel('统一社会信用代码', { exact: true });
    await creditCodeField.fill(withWrongCheckCharacter(creditCode));
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await shown(page.getByText('统一社会信用代码：校验位不正确'));
    await creditCodeField.fill('91350900587527783P'); // 宁德时代, already in the demo city
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await shown(page.getByText('该统一社会信用代码已登记'));
    await creditCodeField.fill(creditCode.toLowerCase().replace(/(.{6})/g, '$1 ')); // pasted with spaces, lower case
    await page.getByLabel('总部所在地', { exact: true }).fill('南山');
    await chooseOption(page, '广东省深圳市南山区');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL('**/enterprises');
    const enterpriseRow = page.getByRole('row', { name: new RegExp(enterpriseName) });
    await hasText(enterpriseRow, creditCode);
    await hasText(enterpriseRow, '广东省深圳市南山区');
    await hasText(enterpriseRow, '襄城区');

    // A project for it in 襄城区, 12,345.67万元: the unit picker offers 襄城区 and what lies below, not 谷城县.
    await page.getByRole('link', { name: '项目' }).click();
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('项目名称', { exact: true }).fill(projectName);
    await page.getByLabel('投资企业', { exact: true }).fill('储能科技');
    await chooseOption(page, enterpriseName);
    await page.getByLabel('落地单位', { exact: true }).click();
    await shown(page.getByTitle('襄城经济开发区'));
    await absent(page.getByTitle('谷城县'));
    await chooseOption(page, '襄城区');
    await page.getByLabel('总投资（万元）', { exact: true }).fill('12345.67');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL('**/projects');

    const projectRow = page.getByRole('row', { name: new RegExp(projectName) });
    await hasText(projectRow, enterpriseName);
    await hasText(projectRow, '襄城区');
    await hasText(projectRow, '12,345.67');
    await hasText(projectRow, '在谈'); // every project starts as 在谈

    // Signing is a dated change with its evidence, recorded on the project page; the 26211 clock starts.
    await projectRow.getByRole('link', { name: projectName }).click();
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('变更为', { exact: true }).click();
    await chooseOption(page, '签约');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await shown(dialog.getByText('不能为空'));
    await dialog.getByLabel('合同编号', { exact: true }).fill('XYC-2026-E2E');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await shown(page.getByText('合同编号：XYC-2026-E2E'));
    await shown(page.getByText('签约 → 注册'));
    await page.getByTestId('breadcrumb').getByRole('link', { name: '项目', exact: true }).click();
    await hasText(projectRow, '签约');
    await screenshot(page, 'projects.png');

    // 谷城县's projects are not in this user's list, not even when searched for by name.
    await absent(page.getByRole('cell', { name: '谷城县' }));
    await page.getByLabel('搜索项目名称', { exact: true }).fill('工业硅');
    await page.getByLabel('搜索项目名称', { exact: true }).press('Enter');
    await shown(page.getByText('暂无数据'));
    await absent(page.getByText('工业硅及有机硅项目'));
    await page.getByLabel('搜索项目名称', { exact: true }).fill('');
    await page.getByLabel('搜索项目名称', { exact: true }).press('Enter');
    await shown(projectRow);

    // English: labels, stage and role change; the choice is kept on the server (a reload keeps it).
    await page.getByText('English', { exact: true }).click();
    await shown(page.getByRole('heading', { name: 'Projects' }));
    await shown(page.getByRole('columnheader', { name: 'Total investment (10k yuan)' }));
    await shown(page.getByRole('button', { name: 'New project' }));
    await hasText(projectRow, 'Signed');
    await hasText(page.getByTestId('current-user'), 'Staff');
    await page.reload();
    await shown(page.getByRole('heading', { name: 'Projects' }));

    // Logging out leads back to the login page, still in English.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await shown(page.getByRole('button', { name: 'Log in' }));
    await page.goto('/projects');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('the language is kept per user: logging in elsewhere brings it back', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await shown(page.getByRole('button', { name: /登\s*录/ })); // a fresh browser starts in Chinese
    await logIn(page, 'xiangcheng');
    await shown(page.getByRole('heading', { name: 'Projects' }));
    await page.getByText('中文', { exact: true }).click();
    await shown(page.getByRole('heading', { name: '项目' }));
    await context.close();
  });

  it('the bureau sees every unit, the new enterprise, and cannot delete a unit that still has records', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await logIn(page, 'bureau');
    await page.waitForURL('**/projects');
    await shown(page.getByRole('cell', { name: '谷城县' }).first());

    await page.getByRole('link', { name: '企业' }).click();
    await hasText(page.getByRole('row', { name: new RegExp(enterpriseName) }), creditCode);
    await screenshot(page, 'enterprises.png', { fullPage: true });

    await page.getByRole('link', { name: '单位' }).click();
    const gucheng = page.getByRole('row', { name: /谷城县/ }).first();
    await hasText(gucheng, '420625');
    await hasText(page.getByRole('row', { name: /谷城经济开发区/ }), '园区');
    await screenshot(page, 'units.png', { fullPage: true });

    await gucheng.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /删\s*除/ }).click();
    await shown(page.getByText('单位下仍有下级单位、用户或业务数据，不能删除'));
    await shown(gucheng);
    await context.close();
  });

  it('an account the bureau creates must change its initial password at first login', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await logIn(page, 'bureau');
    await page.waitForURL('**/projects');
    await page.getByRole('link', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名', { exact: true }).fill('zhaoqi');
    await dialog.getByLabel('姓名', { exact: true }).fill('南漳县 赵七');
    await dialog.getByLabel('所属单位', { exact: true }).click();
    await chooseOption(page, '南漳县');
    await dialog.getByLabel('初始密码', { exact: true }).fill('Zhaoqi-2026'); // contains the username
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await shown(dialog.getByText('密码：不能包含用户名'));
    await dialog.getByLabel('初始密码', { exact: true }).fill('Nanzhang@2026');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByRole('row', { name: /zhaoqi/ });
    await hasText(row, '待改初始密码');
    await hasText(row, '南漳县');
    await context.close();

    const first = await newPage();
    await first.page.goto('/login');
    await logIn(first.page, 'zhaoqi', 'Nanzhang@2026');
    await first.page.waitForURL('**/change-password');
    await first.page.getByLabel('当前密码', { exact: true }).fill('Nanzhang@2026');
    await first.page.getByLabel('新密码', { exact: true }).fill('Hanjiang#2026');
    await first.page.getByLabel('再次输入新密码', { exact: true }).fill('Hanjiang#2026');
    await first.page.getByRole('button', { name: '修改密码' }).click();
    await first.page.waitForURL('**/projects');
    await hasText(first.page.getByTestId('current-user'), '南漳县 赵七');
    await first.context.close();
  });

  it('a leader lands on the cockpit, reads projects but has no button to create, and reads a project without a form', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await logIn(page, 'leader');
    await page.waitForURL('**/cockpit');
    await page.getByRole('link', { name: '项目', exact: true }).click();
    await page.waitForURL('**/projects');
    await page.getByRole('link', { name: projectName }).click();
    await shown(page.getByText('只读', { exact: true }));
    // The summary (issue 16): read, never a disabled form, and no 编辑.
    await shown(page.getByTestId('project-summary'));
    await absent(page.getByLabel('项目名称', { exact: true }));
    await absent(page.getByRole('button', { name: /编\s*辑/ }));
    await absent(page.getByRole('button', { name: /保\s*存/ }));
    await page.getByTestId('breadcrumb').getByRole('link', { name: '项目', exact: true }).click();
    await shown(page.getByRole('row', { name: new RegExp(projectName) }));
    await absent(page.getByRole('button', { name: '新建项目' }));
    await context.close();
  });

  it('on a phone the project list fits and the menu opens in a drawer', async () => {
    const { context, page } = await newPage(PHONE);
    await page.goto('/login');
    await logIn(page, 'bureau');
    await page.waitForURL('**/projects');
    // On a phone the list is cards (issue 16), each with its amount in 万元.
    await hasText(page.locator('main [data-testid^="project-card-"]').filter({ hasText: projectName }), '12,345.67');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'projects-phone.png');

    await page.getByRole('button', { name: '菜单' }).click();
    const drawer = page.getByRole('dialog');
    await shown(drawer.getByRole('link', { name: '企业' }));
    await shown(drawer.getByRole('link', { name: '审计日志' }));
    await drawer.getByRole('link', { name: '企业' }).click();
    await page.waitForURL('**/enterprises');
    await context.close();
  });

  it('raised no uncaught error in any page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
