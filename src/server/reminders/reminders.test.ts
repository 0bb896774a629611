import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { jobRuns, notifications, webhookDeliveries } from '../db/schema.ts';
import { call, createTestApp, expectApiError, logIn, type Given, type Session, type TestApp } from '../../../test/support/test-app.ts';
import { REMINDER_JOB, runReminderJob, webhookSender } from './reminders.job.ts';
import type { WebhookPolicy } from './webhook-target.ts';
import type { TNotification } from '../../shared/notifications.ts';

/**
 * The robots' hosts, resolved to this machine for the test (and the address check loosened for it alone:
 * webhook-target.test.ts shows loopback refused); the connection goes to the address the lookup gave.
 */
const LOCAL_ROBOTS: WebhookPolicy = { lookup: async () => [{ address: '127.0.0.1', family: 4 }], refused: () => false };

/** A local stand-in for the WeCom / DingTalk group robot: records what it receives, answers like them. */
async function robot(answer: { status: number; body: object }, host = 'qyapi.weixin.qq.com') {
  const received: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://${host}:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`;
  return { url, received, answer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('deadline reminders', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<Given['twoCounties']>>;
  let staffA: Session;
  let staffB: Session;
  let wecom: Awaited<ReturnType<typeof robot>>;

  beforeAll(async () => {
    t = await createTestApp({ webhooks: LOCAL_ROBOTS });
    w = await t.given.twoCounties();
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    wecom = await robot({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
    // Project A (signed 2026-01-05) is due for registration on 03-05; today is 03-02: due soon. Give it an officer.
    await call(t.app, staffA, 'PATCH', `/api/projects/${w.projectA.id}`, { responsibleOfficerId: w.staffA.id });
    // An overdue one in county A: signed 2025-11-20, registration due 2026-01-20.
    const late = await call(t.app, staffA, 'POST', '/api/projects', { name: '逾期未注册项目', investorEnterpriseId: w.enterpriseA.id, unitId: w.countyA.id, totalInvestmentYuan: 300_000_000 });
    await call(t.app, staffA, 'POST', `/api/projects/${late.json().id}/stage`, { to: 'signed', date: '2025-11-20', evidence: { contractNo: 'L-1' } });
    expect((await call(t.app, staffA, 'PUT', `/api/units/${w.countyA.id}/webhook`, { kind: 'wecom', url: wecom.url })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await wecom.close();
    await t.close();
  });

  const notificationCount = async () => Number((await t.db.select({ n: count() }).from(notifications))[0]!.n);

  it('runs twice on the same day and reminds once: to the unit, the responsible officer and the unit’s robot', async () => {
    const first = await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
    // County A: project A due soon (unit + officer), the late project overdue (unit) and its start deadline on track;
    // county B: project B due soon (unit).
    expect(first).toMatchObject({ day: '2026-03-02', created: 4, deliveriesQueued: 1, deliveriesSent: 1 });
    const second = await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
    expect(second).toMatchObject({ created: 0, deliveriesQueued: 0, deliveriesSent: 0 });
    expect(await notificationCount()).toBe(4);
    expect(wecom.received).toHaveLength(1);
  });

  it('shows the responsible officer one reminder per deadline, not the unit’s copy too; a colleague sees the unit’s', async () => {
    // Project A's registration deadline was told to 甲县 and, in person, to staff_a (its officer, of 甲县).
    const rows = await t.db.select().from(notifications).where(eq(notifications.projectId, w.projectA.id));
    expect(rows.map((r) => r.recipient).sort()).toEqual([`unit:${w.countyA.id}`, `user:${w.staffA.id}`]);
    const officerResponse = await call(t.app, staffA, 'GET', '/api/notifications');
    expect(officerResponse.statusCode, officerResponse.body).toBe(200);
    const officer = officerResponse.json() as { items: TNotification[]; unread: number };
    const aboutA = officer.items.filter((n) => n.projectId === w.projectA.id);
    expect(aboutA).toHaveLength(1);
    expect(aboutA[0]).toMatchObject({ ruleKey: 'signedToRegistered', level: 'dueSoon', personal: true });
    expect(officer.unread).toBe(officer.items.length);
    const colleague = (await call(t.app, await logIn(t.app, 'leader_a'), 'GET', '/api/notifications')).json() as { items: TNotification[] };
    expect(colleague.items.filter((n) => n.projectId === w.projectA.id).map((n) => n.personal)).toEqual([false]);
  });

  it('sends the WeCom markdown shape with overdue projects first', () => {
    const payload = wecom.received[0] as { msgtype: string; markdown: { content: string } };
    expect(payload.msgtype).toBe('markdown');
    expect(Object.keys(payload)).toEqual(['msgtype', 'markdown']);
    expect(payload.markdown.content).toMatch(/^### 【招商项目督办】甲县 2026-03-02\n逾期 \*\*1\*\* 项，即将到期 \*\*1\*\* 项。/);
    expect(payload.markdown.content.indexOf('逾期未注册项目')).toBeLessThan(payload.markdown.content.indexOf('甲县测试项目'));
    expect(payload.markdown.content).not.toContain('乙县');
  });

  it('loses nothing and duplicates nothing when a run stops halfway and runs again', async () => {
    t.clock.advanceMinutes(60 * 24 * 10); // 2026-03-12: project A and B are overdue now — new reminders are owed
    let seen = 0;
    await expect(
      runReminderJob({
        db: t.db,
        now: t.clock.now(),
        webhooks: LOCAL_ROBOTS,
        afterProject: () => {
          if (++seen === 1) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const partial = await notificationCount();
    expect(partial).toBeGreaterThan(4);
    const resumed = await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
    const total = await notificationCount();
    expect(total).toBe(partial + resumed.created);
    // Exactly: A overdue (unit + officer), B overdue (unit), the late project still overdue for the same due date (no new row).
    expect(total).toBe(4 + 3);
    await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
    expect(await notificationCount()).toBe(total);
  });

  it('retries a delivery the robot refused, and marks it sent once taken', async () => {
    const dingtalk = await robot({ status: 200, body: { errcode: 310000, errmsg: 'keywords not in content' } }, 'oapi.dingtalk.com');
    // The clock moved days ahead: the earlier sessions timed out.
    staffA = await logIn(t.app, 'staff_a');
    staffB = await logIn(t.app, 'staff_b');
    try {
      expect((await call(t.app, staffB, 'PUT', `/api/units/${w.countyB.id}/webhook`, { kind: 'dingtalk', url: dingtalk.url })).statusCode).toBe(200);
      t.clock.advanceMinutes(60 * 24);
      staffA = await logIn(t.app, 'staff_a');
      staffB = await logIn(t.app, 'staff_b');
      await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
      const [failedOnce] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.unitId, w.countyB.id));
      expect(failedOnce).toMatchObject({ state: 'pending', attempts: 1 });
      expect(failedOnce!.lastError).toContain('310000');
      dingtalk.answer.body = { errcode: 0, errmsg: 'ok' };
      await runReminderJob({ db: t.db, now: t.clock.now(), webhooks: LOCAL_ROBOTS });
      const [sent] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.unitId, w.countyB.id));
      expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
      const payload = dingtalk.received[1] as { msgtype: string; markdown: { title: string; text: string } };
      expect(payload.msgtype).toBe('markdown');
      expect(payload.markdown.title).toBe('【招商项目督办】乙县 2026-03-13');
      expect(payload.markdown.text).toContain('乙县测试项目');
    } finally {
      await dingtalk.close();
    }
  });

  it('shows each user their own and their unit’s reminders, and lets them mark one read', async () => {
    const mine = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { items: TNotification[]; unread: number };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((n) => n.unitId === w.countyA.id)).toBe(true);
    expect(mine.items.some((n) => n.personal)).toBe(true);
    const first = mine.items[0]!;
    expect((await call(t.app, staffA, 'POST', `/api/notifications/${first.id}/read`)).statusCode).toBe(200);
    const after = (await call(t.app, staffA, 'GET', '/api/notifications')).json() as { unread: number };
    expect(after.unread).toBe(mine.unread - 1);
    expectApiError(await call(t.app, staffB, 'POST', `/api/notifications/${first.id}/read`), 404, 'notFound');
    const theirs = (await call(t.app, staffB, 'GET', '/api/notifications')).json() as { items: TNotification[] };
    expect(theirs.items.every((n) => n.unitId === w.countyB.id)).toBe(true);
  });

  it('marks all of a user’s reminders read at once, beyond the page the bell shows, and no one else’s', async () => {
    const before = (await call(t.app, staffA, 'GET', '/api/notifications?limit=1')).json() as { items: TNotification[]; unread: number };
    expect(before.unread).toBeGreaterThan(1); // more unread than the one shown
    const unreadB = ((await call(t.app, staffB, 'GET', '/api/notifications')).json() as { unread: number }).unread;
    expect((await call(t.app, staffA, 'POST', '/api/notifications/read-all')).json()).toEqual({ marked: before.unread });
    const after = (await call(t.app, staffA, 'GET', '/api/notifications?limit=200')).json() as { items: TNotification[]; unread: number };
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.read)).toBe(true);
    expect((await call(t.app, staffA, 'POST', '/api/notifications/read-all')).json()).toEqual({ marked: 0 });
    expect(((await call(t.app, staffB, 'GET', '/api/notifications')).json() as { unread: number }).unread).toBe(unreadB);
  });

  // Catches (docs/testing.md, case 3): the job's try/catch around a robot post removed. The sender itself throws
  // when nothing answers (first assertion), so only the job's catch turns that into a failed attempt; the test no
  // longer swallows the throw with its own `.catch`.
  it('reports a robot that does not answer as a failed attempt, not a crash', async () => {
    await expect(webhookSender(LOCAL_ROBOTS)('http://qyapi.weixin.qq.com:9/unreachable', { msgtype: 'text' })).rejects.toThrow();
    t.clock.advanceMinutes(60 * 24);
    const day = '2026-03-14';
    const unreachable = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    };
    const result = await runReminderJob({ db: t.db, now: t.clock.now(), send: unreachable });
    expect(result).toMatchObject({ day, deliveriesSent: 0 });
    expect(result.deliveriesQueued).toBeGreaterThan(0);
    const today = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.day, day));
    expect(today.length).toBe(result.deliveriesQueued);
    for (const delivery of today) expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9' });
    const [run] = await t.db.select().from(jobRuns).where(eq(jobRuns.name, REMINDER_JOB));
    expect(run!.lastDay).toBe(day);
  });
});
