import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, hasText, loggedIn, screenshot, shown, startE2e, type E2e } from './support/browser.ts';

/**
 * The audit log in a browser (issue 16): each record by its name beside its id, entities and actions in the screen's
 * language, a filter offering every entity the trail holds, and switching the language is not logged as a change
 * of the user. Screenshot: audit-log-en.png.
 */
let e2e: E2e;

beforeAll(async () => {
  e2e = await startE2e();
});

afterAll(async () => {
  await e2e?.close();
});

type Entry = { entity: string; entityId: string; action: string; entityName: string | null; after: unknown };

describe('the audit log', () => {
  it('names records, speaks the screen\'s language, filters by any entity, and keeps language switches out', async () => {
    const { page } = await loggedIn(e2e, 'bureau');
    const trail = async (query: string) => ((await (await page.request.get(`/api/audit?${query}`)).json()) as { items: Entry[] }).items;
    const me = (await (await page.request.get('/api/auth/me')).json()) as { id: number };

    await page.goto('/admin/audit?entity=project');
    const [latest] = await trail('entity=project&pageSize=1');
    expect(latest!.entityName).toBeTruthy();
    const table = page.locator('.ant-table');
    // The first record row (antd puts a hidden measuring row before it).
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await hasText(firstRow, latest!.entityName!);
    await hasText(firstRow, `#${latest!.entityId}`);
    await hasText(firstRow, '项目');

    // The filter offers entities beyond the few it used to list: 产业链 among them.
    await page.getByLabel('按对象筛选').click();
    await page.keyboard.type('产业链'); // the list is long and virtual: search it
    await chooseOption(page, '产业链');
    await page.waitForURL(/entity=chain/);
    const [chain] = await trail('entity=chain&pageSize=1');
    await hasText(firstRow, chain!.entityName!);

    // In English: the entity and the action in English, the record still by its name.
    await page.getByText('English', { exact: true }).click();
    await hasText(firstRow, 'Industrial chain');
    await hasText(firstRow, chain!.entityName!);
    await shown(table.getByText(/^(Created|Changed)$/).first());
    await screenshot(page, 'audit-log-en.png');
    await page.getByText('中文', { exact: true }).click();
    await hasText(firstRow, '产业链');

    // Two switches, and not one "user changed" row for them.
    const ofMe = await trail(`entity=user&entityId=${me.id}&pageSize=100`);
    expect(ofMe.filter((entry) => entry.action === 'update' && JSON.stringify(entry.after).includes('locale'))).toEqual([]);
    expect(e2e.pageErrors).toEqual([]);
  });
});
