import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, createTestApp, expectApiError, logIn, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { ledgerXlsx, multipartBody, type LedgerRow } from '../../../test/support/ledgers.ts';
import { notifications, projects } from '../db/schema.ts';
import { queryRows } from '../db/client.ts';
import { runReminderJob } from '../reminders/reminders.job.ts';
import { PROJECT_REFERENCES } from '../projects/project-references.ts';
import type { TImportBatch } from '../../shared/imports.ts';

/** Issue 18: a revert after the app's own jobs ran on the batch's projects, and what people recorded since. */
const ROWS: LedgerRow[] = [
  ['冷链物流园项目', '甲县测试企业有限公司', '', '', '3.2亿', '', '2025年5月', '', '甲县', '已签约', '', ''],
  ['数据中心项目', '甲县测试企业有限公司', '', '', '5000', '', '2025年4月', '', '甲县', '已签约', '', ''],
];

describe('reverting an import after the reminder job', () => {
  let t: TestApp;
  let staffA: Session;

  beforeAll(async () => {
    t = await createTestApp();
    await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
  });
  afterAll(() => t.close());

  const importLedger = async (rows: LedgerRow[]) => {
    const body = multipartBody('甲县台账.xlsx', await ledgerXlsx({ title: '甲县2025年招商引资签约项目台账', sections: [{ title: '一、工业项目', rows }] }));
    const upload = await t.app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: staffA.cookie } });
    expect(upload.statusCode, upload.body).toBe(200);
    const batch = upload.json() as TImportBatch;
    const commit = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/commit`);
    expect(commit.statusCode, commit.body).toBe(200);
    return batch;
  };
  const projectIdsOf = async (names: string[]) =>
    (await t.db.select({ id: projects.id, name: projects.name }).from(projects)).filter((p) => names.includes(p.name)).map((p) => p.id);

  it('removes the reminders the job made for the batch’s projects together with them', async () => {
    const batch = await importLedger(ROWS);
    const ids = await projectIdsOf(['冷链物流园项目', '数据中心项目']);
    expect(ids).toHaveLength(2);
    await runReminderJob({ db: t.db, now: t.clock.now(), send: async () => ({ ok: true, detail: 'test' }) });
    // Signed in 2025 and still not started on 2026-03-02: the start deadline has passed, so the job reminded.
    const reminded = await t.db.select().from(notifications).where(sql`${notifications.projectId} = any(${sql.param(ids)}::int[])`);
    expect(reminded.length).toBeGreaterThan(0);

    const reverted = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect((reverted.json() as TImportBatch).status).toBe('reverted');
    expect(await projectIdsOf(['冷链物流园项目', '数据中心项目'])).toEqual([]);
    for (const n of reminded) expect(await t.db.select().from(notifications).where(eq(notifications.id, n.id))).toEqual([]);
    // The job runs again without finding them.
    await runReminderJob({ db: t.db, now: t.clock.now(), send: async () => ({ ok: true, detail: 'test' }) });
    expect(await t.db.select().from(notifications).where(sql`${notifications.projectId} = any(${sql.param(ids)}::int[])`)).toEqual([]);
  });

  it('refuses, naming the rows and what blocks them, once a person recorded something about a project', async () => {
    const batch = await importLedger([ROWS[0]!]);
    const [projectId] = await projectIdsOf(['冷链物流园项目']);
    await runReminderJob({ db: t.db, now: t.clock.now(), send: async () => ({ ok: true, detail: 'test' }) });
    const event = await call(t.app, staffA, 'POST', '/api/events', { name: '甲县推介会', kind: 'promotion', heldOn: '2026-02-20' });
    expect(event.statusCode, event.body).toBe(200);
    const linked = await call(t.app, staffA, 'POST', `/api/events/${(event.json() as { id: number }).id}/projects`, { projectId });
    expect(linked.statusCode, linked.body).toBe(200);

    const refused = await call(t.app, staffA, 'POST', `/api/imports/${batch.id}/revert`);
    await expectApiError(refused, 409, 'import.laterRecords');
    const message = (refused.json() as { error: { message: Record<string, string> } }).error.message;
    expect(message['zh-CN']).toContain('第6行');
    expect(message['zh-CN']).toContain('活动');
    expect(message.en).toContain('events');
    // Nothing moved: the project and its reminders are still there, the batch still committed.
    expect(await projectIdsOf(['冷链物流园项目'])).toEqual([projectId]);
    expect((await t.db.select().from(notifications).where(eq(notifications.projectId, projectId!))).length).toBeGreaterThan(0);
    expect(((await call(t.app, staffA, 'GET', `/api/imports/${batch.id}`)).json() as TImportBatch).status).toBe('committed');
  });

  it('knows every table that points at a project (a new one must be classified)', async () => {
    const referencing = await queryRows<{ table: string }>(
      t.db,
      sql`select distinct conrelid::regclass::text as table from pg_constraint where contype = 'f' and confrelid = 'projects'::regclass`,
    );
    expect(referencing.map((r) => r.table.replace(/^public\./, '').replace(/"/g, '')).sort()).toEqual(Object.keys(PROJECT_REFERENCES).sort());
  });

  // Catches (docs/testing.md, case 5): revertLedgerRows never refusing a batch whose rows fall in a closed month (the
  // `month.closed` check removed). A batch in the open month reverts in the same state of the world, so the refusal
  // is the closed month's and nothing else's. Runs last: it closes February.
  it('refuses to revert a batch whose rows fall in a closed month, and reverts one in an open month', async () => {
    const february = await importLedger([['二月签约导入项目', '甲县测试企业有限公司', '', '', '2000', '', '2026.2.5', '', '甲县', '已签约', '', '']]);
    const march = await importLedger([['三月签约导入项目', '甲县测试企业有限公司', '', '', '2000', '', '2026.3.1', '', '甲县', '已签约', '', '']]);
    const bureau = await logIn(t.app, 'bureau');
    const closed = await call(t.app, bureau, 'POST', '/api/closes', { year: 2026, month: 2 });
    expect(closed.statusCode, closed.body).toBe(200);

    const refused = await call(t.app, staffA, 'POST', `/api/imports/${february.id}/revert`);
    expectApiError(refused, 409, 'month.closed', 'batch');
    expect((refused.json() as { error: { message: Record<string, string> } }).error.message['zh-CN']).toContain('2026年2月');
    expect(await projectIdsOf(['二月签约导入项目'])).toHaveLength(1);
    expect(((await call(t.app, staffA, 'GET', `/api/imports/${february.id}`)).json() as TImportBatch).status).toBe('committed');

    const reverted = await call(t.app, staffA, 'POST', `/api/imports/${march.id}/revert`);
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect(await projectIdsOf(['三月签约导入项目'])).toEqual([]);
  });
});
