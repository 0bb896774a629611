import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaToday, daysBetween } from '../../src/domain/calendar.ts';
import { absent, chooseOption, hasText, loggedIn, screenshot, shown, startE2e, typeDate, type E2e } from './support/browser.ts';
import { downloadedTable, shownTableRows } from './support/downloads.ts';

/**
 * The lifecycle in a browser (demo city 襄阳): a 襄城区 staff member records a project with the new record fields,
 * signs it from its page, sees its 26211 deadlines, drags its card to 开工 on the board and watches the 督办 list
 * follow; funds, comments and saved filters along the way. Then the problems ledger: the bureau sets up a
 * department, routes a problem to it, a leader adds 领导批示, and the department user sees that problem — only it.
 * Screenshots: project-page.png, kanban.png, supervision.png, problems.png in docs/screenshots/.
 */

/** A 1×1 PNG: the server reads the type from these bytes. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

describe('the project lifecycle in a browser', () => {
  // Fixed names on a fresh demo city each run; dates follow today, so the deadlines read the same every run.
  const projectName = '储能系统集成及梯次利用项目';
  const today = chinaToday(new Date());
  const signedOn = addDays(today, -70);
  const registrationDue = addMonths(signedOn, 2);
  const startDue = addMonths(signedOn, 6);
  const unroutedProblem = '项目用地指标尚未落实';
  const routedProblem = '环评批复尚未下达,影响开工';

  it('a district staff member records, signs and moves a project, and the 督办 list follows', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.waitForURL('**/projects');

    // The record: industry from GB/T 4754 by searching, amounts in 万元, source of funds, a major project.
    await page.getByRole('button', { name: '新建项目' }).click();
    await page.getByLabel('项目名称', { exact: true }).fill(projectName);
    await page.getByLabel('投资企业', { exact: true }).fill('龙蟠');
    await chooseOption(page, '江苏龙蟠科技股份有限公司');
    await page.getByLabel('所属行业', { exact: true }).fill('锂离子');
    await chooseOption(page, '3841 锂离子电池制造');
    await page.getByLabel('总投资（万元）', { exact: true }).fill('50000');
    await page.getByLabel('协议投资（万元）', { exact: true }).fill('45000');
    await page.getByLabel('资金来源', { exact: true }).click();
    await chooseOption(page, '省外境内');
    await page.getByLabel('重大项目', { exact: true }).click();
    await page.getByLabel('包联领导', { exact: true }).fill('张副市长');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL('**/projects');
    const row = page.getByRole('row', { name: new RegExp(projectName) });
    await hasText(row, '50,000');
    await hasText(row, '重大');
    await hasText(row, '在谈');

    // Signed 70 days ago: the registration deadline (2 months) has passed, the start deadline (6) has not.
    await row.getByRole('link', { name: projectName }).click();
    await shown(page.getByRole('tab', { name: '阶段与期限' }));
    const projectUrl = page.url();
    await page.getByRole('button', { name: '变更阶段' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('变更为', { exact: true }).click();
    await chooseOption(page, '签约');
    await typeDate(dialog.getByLabel('发生日期', { exact: true }), signedOn);
    await dialog.getByLabel('合同编号', { exact: true }).fill('XYC-2026-LC-01');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await absent(page.getByRole('dialog'));
    await shown(page.getByText('合同编号：XYC-2026-LC-01'));
    const registration = page.getByTestId('deadline-signedToRegistered');
    await hasText(registration, registrationDue);
    await hasText(registration, '签约 → 注册');
    await hasText(registration, `已逾期 ${daysBetween(registrationDue, today)} 天`);
    await hasText(page.getByTestId('deadline-signedToStarted'), startDue);

    // Funds arrived against the contract: 3,000 of 45,000 万元 is 6.67%.
    await page.getByRole('tab', { name: '到位资金' }).click();
    await page.getByRole('button', { name: '登记到位资金' }).click();
    const funds = page.getByRole('dialog');
    await funds.getByLabel('金额（万元）', { exact: true }).fill('3000');
    await funds.getByLabel('凭证', { exact: true }).fill('ICBC-2026-0001');
    await funds.getByRole('button', { name: /保\s*存/ }).click();
    await absent(page.getByRole('dialog'));
    await hasText(page.getByTestId('arrival-rate'), '6.67');
    await hasText(page.getByRole('row', { name: /ICBC-2026-0001/ }), '3,000 万元');

    // A problem nobody has been routed to yet, and a comment on the timeline.
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByRole('button', { name: '提出问题' }).click();
    const raise = page.getByRole('dialog');
    await raise.getByLabel('类别', { exact: true }).click();
    await chooseOption(page, '用地');
    await raise.getByLabel('问题描述', { exact: true }).fill(unroutedProblem);
    await raise.getByRole('button', { name: '提出问题' }).click();
    await absent(page.getByRole('dialog'));
    await hasText(page.getByRole('row', { name: new RegExp(unroutedProblem) }), '未交办');
    await page.getByRole('tab', { name: '动态' }).click();
    await page.getByLabel('发表评论', { exact: true }).fill('投资方下周来襄考察选址。');
    await page.getByRole('button', { name: '发表' }).click();
    await shown(page.getByText('投资方下周来襄考察选址。'));
    await shown(page.getByText('到位资金', { exact: true }).last());

    // 督办: the project is on the list, overdue on its registration.
    await page.getByRole('link', { name: '督办' }).click();
    const supervised = page.getByRole('row', { name: new RegExp(projectName) });
    await hasText(supervised, '签约后2个月内完成注册');
    await hasText(supervised, '逾期');
    await hasText(supervised, `${daysBetween(registrationDue, today)} 天`);
    await screenshot(page, 'supervision.png');
    // The list below is read as one table with its 落地单位 column: not grouped by unit (the default, issue 16).
    // The box follows the address (?group=): a click, then the address says it (uncheck() reads the box too soon).
    await page.getByRole('checkbox', { name: '按单位分组' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('group')).toBe('none');
    // Read once the flat table is drawn: only it has the 落地单位 column (the groups name their unit above each table).
    await shown(page.getByRole('columnheader', { name: '落地单位' }));
    await expect.poll(() => page.locator('.ant-table').count()).toBe(1);

    // The export holds what the page lists: every row of the unfiltered list, and only the project once it is
    // searched for. Catches (docs/testing.md, "Browser tests read the files they download"): supervision.export.ts
    // calling listSupervision with `{ page, pageSize: PAGE }` instead of `{ ...options, page, pageSize: PAGE }` (the
    // searched file holds every row), and 逾期天数 written as 0.
    const asShown = (cells: string[]) => ({ name: cells[0], unit: cells[1], rule: cells[3], due: cells[4], status: cells[5], days: cells[6]!.replace(/ 天$/, '') });
    const asExported = (row: Record<string, string>) => ({ name: row['项目名称'], unit: row['落地单位'], rule: row['期限要求'], due: row['应完成日期'], status: row['状态'] === '即将到期' ? '临期' : row['状态'], days: row['逾期天数'] });
    const supervisionTable = page.locator('.ant-table');
    const everyRow = (await shownTableRows(supervisionTable)).map(asShown);
    expect(everyRow.length).toBeGreaterThan(1); // so the search below has rows to leave out
    // One page holds the whole list (else the comparison below would be of one page against the whole file).
    expect(await page.getByText(/^共 \d+ 个督办事项$/).first().innerText()).toBe(`共 ${everyRow.length} 个督办事项`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^督办清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const overdueOnly = (rows: { status?: string; days?: string }[]) => rows.filter((row) => row.status === '逾期').map((row) => row.days);
    const everyExported = (await downloadedTable(download)).map(asExported);
    expect(everyExported.map((row) => row.name).sort()).toEqual(everyRow.map((row) => row.name).sort());
    expect(overdueOnly(everyExported).sort()).toEqual(overdueOnly(everyRow).sort());
    await page.getByPlaceholder('搜索项目名称').fill(projectName);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(projectName);
    await expect.poll(async () => (await shownTableRows(supervisionTable)).length).toBe(1);
    const searched = (await shownTableRows(supervisionTable)).map(asShown);
    const [searchedDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出Excel/ }).click()]);
    expect((await downloadedTable(searchedDownload)).map(asExported)).toEqual(searched);
    expect(searched[0]).toMatchObject({ name: projectName, unit: '襄城区', rule: '签约后2个月内完成注册', due: registrationDue, status: '逾期', days: String(daysBetween(registrationDue, today)) });

    // The board: the card sits under 签约; dragged to 开工, the same stage dialog asks for the permit (and takes a photo).
    await page.getByRole('link', { name: '看板' }).click();
    const card = page.getByTestId(/^board-card-/).filter({ hasText: projectName });
    await shown(page.getByTestId('board-column-signed').getByText(projectName));
    await card.dragTo(page.getByTestId('board-column-started'));
    const move = page.getByRole('dialog');
    // 开工 is chosen already: its evidence field is the one asked for.
    await shown(move.getByLabel('施工许可证号', { exact: true }));
    await move.getByRole('button', { name: /登\s*记/ }).click();
    await shown(move.getByText('不能为空'));
    await move.getByLabel('施工许可证号', { exact: true }).fill('420602202611240001');
    await move.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO });
    await shown(move.getByText('现场照片.png'));
    await move.getByRole('button', { name: /登\s*记/ }).click();
    await absent(page.getByRole('dialog'));
    await shown(page.getByTestId('board-column-started').getByText(projectName));
    await absent(page.getByTestId('board-column-signed').getByText(projectName));

    // A card cannot go back to 在谈: the board says so and nothing moves.
    await card.dragTo(page.getByTestId('board-column-lead'));
    await shown(page.getByText('不能从“开工”直接变更为“在谈”'));
    await absent(page.getByRole('dialog'));
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(page, 'kanban.png');

    // Without a mouse: a card's own Move menu opens the same dialog, the stage chosen.
    const lead = page.getByTestId(/^board-card-/).filter({ hasText: '年产10万吨磷酸铁锂正极材料项目' });
    await lead.getByRole('button', { name: /移动/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '签约' }).click();
    await shown(page.getByRole('dialog').getByLabel('合同编号', { exact: true }));
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    await absent(page.getByRole('dialog'));

    // 督办 follows: registration is superseded by the start, the next deadline (入库) is months away.
    await page.getByRole('link', { name: '督办' }).click();
    await shown(page.getByRole('row', { name: /退役动力电池综合利用项目/ }));
    await absent(page.getByRole('row', { name: new RegExp(projectName) }));
    await page.getByText('挂图作战', { exact: true }).click();
    const boardRow = page.getByRole('row', { name: new RegExp(projectName) });
    await shown(boardRow.locator('[data-status="superseded"]'));
    await shown(boardRow.locator('[data-status="metOnTime"]'));
    await hasText(boardRow, today);

    // The project page: the history with its evidence photo, the deadlines as they now stand.
    await page.goto(projectUrl + '?tab=lifecycle');
    await hasText(page.getByTestId('deadline-signedToRegistered'), '已被后续阶段取代');
    await hasText(page.getByTestId('deadline-signedToStarted'), '按期完成');
    await shown(page.getByRole('link', { name: /现场照片\.png/ }).first());
    await screenshot(page, 'project-page.png');

    // A correction keeps the record and says why.
    await page.getByRole('button', { name: '更正' }).first().click();
    const correction = page.getByRole('dialog');
    await correction.getByLabel('施工许可证号', { exact: true }).fill('420602202611240002');
    await correction.getByRole('button', { name: /更\s*正/ }).click();
    await shown(correction.getByText('不能为空'));
    await correction.getByLabel('原因', { exact: true }).fill('许可证号录入有误');
    await correction.getByRole('button', { name: /更\s*正/ }).click();
    await absent(page.getByRole('dialog'));
    await shown(page.getByText('原因：许可证号录入有误'));
    await context.close();
  });

  it('saved filters: the list remembers a named filter and applies it again', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    await page.goto('/projects?isMajor=true&industry=C');
    await hasText(page.getByRole('row', { name: new RegExp(projectName) }), '开工');
    await page.getByRole('button', { name: /已存筛选/ }).click();
    await page.getByRole('menuitem', { name: /保存当前筛选/ }).click();
    await page.getByRole('dialog').getByLabel('名称', { exact: true }).fill('重大制造业');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await absent(page.getByRole('dialog'));
    await shown(page.getByRole('button', { name: /筛选：重大制造业/ }));

    await page.goto('/projects');
    await shown(page.getByRole('row', { name: /年产10万吨磷酸铁锂正极材料项目/ }));
    await page.getByRole('button', { name: /已存筛选/ }).click();
    await page.getByRole('menuitem', { name: /重大制造业/ }).getByText('重大制造业', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('isMajor')).toBe('true');
    await shown(page.getByRole('row', { name: new RegExp(projectName) }));
    await absent(page.getByRole('row', { name: /年产10万吨磷酸铁锂正极材料项目/ }));
    await context.close();
  });

  it('the bell holds the day’s deadline reminders, and 全部标为已读 clears them all', async () => {
    const { context, page } = await loggedIn(e2e, 'xiangcheng');
    const bell = page.getByRole('button', { name: /^提醒（(\d+) 条未读）$/ });
    await shown(bell);
    const unread = async () => Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]);
    await expect.poll(unread).toBeGreaterThan(0);
    await bell.click();
    const list = page.getByTestId('notifications');
    await shown(list.getByText(/逾期|临期/));
    await page.getByRole('button', { name: /全部标为已读/ }).click();
    await expect.poll(unread).toBe(0);
    await absent(page.getByRole('button', { name: /全部标为已读/ }));
    await context.close();
  });

  it('the bureau routes a problem to a department, a leader instructs, and the department sees only that problem', async () => {
    // The bureau: a department, its user, and a problem routed to it.
    const bureau = await loggedIn(e2e, 'bureau');
    const { page } = bureau;
    await page.getByRole('link', { name: '部门' }).click();
    await page.getByRole('button', { name: '新建部门' }).click();
    await page.getByRole('dialog').getByLabel('部门名称', { exact: true }).fill('市发改委');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await shown(page.getByRole('cell', { name: '市发改委' }));

    await page.getByRole('link', { name: '用户' }).click();
    await page.getByRole('row', { name: /fgw/ }).getByRole('button', { name: /编\s*辑/ }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('所在部门', { exact: true }).click();
    await chooseOption(page, '市发改委');
    await edit.getByRole('button', { name: /保\s*存/ }).click();
    await hasText(page.getByRole('row', { name: /fgw/ }), '市发改委');

    await page.getByRole('link', { name: '项目' }).click();
    await page.getByRole('link', { name: projectName }).click();
    await page.getByRole('tab', { name: '问题' }).click();
    await page.getByRole('button', { name: '提出问题' }).click();
    const raise = page.getByRole('dialog');
    await raise.getByLabel('问题描述', { exact: true }).fill(routedProblem);
    await raise.getByLabel('交办部门', { exact: true }).click();
    await chooseOption(page, '市发改委');
    await typeDate(raise.getByLabel('办结时限', { exact: true }), addDays(today, 10));
    await raise.getByRole('button', { name: '提出问题' }).click();
    await absent(page.getByRole('dialog'));
    await hasText(page.getByRole('row', { name: new RegExp(routedProblem) }), '市发改委');
    await bureau.context.close();

    // A leader's instruction on it.
    const leader = await loggedIn(e2e, 'leader');
    await leader.page.getByRole('link', { name: '问题台账' }).click();
    await leader.page.getByRole('button', { name: routedProblem }).click();
    await leader.page.getByLabel('内容', { exact: true }).fill('请市发改委本周内协调环评审批,确保月底前开工。');
    await leader.page.getByRole('button', { name: '领导批示' }).click();
    await shown(leader.page.getByTestId('instruction'));
    await absent(leader.page.getByRole('button', { name: '添加进展' }));
    await leader.context.close();

    // The department user lands on the ledger, sees the routed problem and not the other one, and reports progress.
    const department = await loggedIn(e2e, 'fgw');
    const ledger = department.page;
    await ledger.waitForURL('**/problems');
    await shown(ledger.getByRole('button', { name: routedProblem }));
    await absent(ledger.getByText(unroutedProblem));
    await absent(ledger.getByRole('link', { name: '项目' }));
    await ledger.getByRole('button', { name: routedProblem }).click();
    await hasText(ledger.getByTestId('instruction'), '确保月底前开工');
    await ledger.getByLabel('内容', { exact: true }).fill('已与生态环境局对接,环评材料补正中。');
    await ledger.getByRole('button', { name: '添加进展' }).click();
    await shown(ledger.getByText('已与生态环境局对接,环评材料补正中。'));
    await expect.poll(() => ledger.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(ledger, 'problems.png');
    await department.context.close();
  });

  it('the new screens speak English too', async () => {
    const { context, page } = await loggedIn(e2e, 'bureau');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('link', { name: 'Board' }).click();
    await shown(page.getByRole('heading', { name: 'Board' }));
    await shown(page.getByTestId('board-column-started').getByText('Started'));
    await page.getByRole('link', { name: 'Supervision' }).click();
    await shown(page.getByRole('link', { name: /Export to Excel/ }));
    await page.getByRole('link', { name: 'Problems' }).click();
    await shown(page.getByRole('columnheader', { name: 'Department' }));
    await page.getByRole('link', { name: 'Deadline rules' }).click();
    await shown(page.getByText('Default rules: 26211'));
    await page.getByText('中文', { exact: true }).click();
    await shown(page.getByText('默认规则：26211'));
    await context.close();
  });

  it('raised no uncaught error in any page', () => {
    expect(e2e.pageErrors).toEqual([]);
  });
});
