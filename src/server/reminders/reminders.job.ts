import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobRuns, notifications, unitWebhooks, webhookDeliveries } from '../db/schema.ts';
import { activeDeadlineRules, listDeadlineRules } from '../deadlines/deadlines.service.ts';
import { projectsOnTheClock } from '../projects/supervision.service.ts';
import { unitNames } from '../units/units.service.ts';
import { escalateOverdueProblems } from '../problems/problems.service.ts';
import { leadsDueForFollowUp } from '../leads/leads.service.ts';
import { addDays, chinaToday, type IsoDate } from '../../domain/calendar.ts';
import { postToRobot, type WebhookPolicy } from './webhook-target.ts';
import { deadlineNotificationRows } from './notifications.service.ts';
import { dingtalkPayload, reminderDigest, remindersFor, wecomPayload, type DigestLine } from '../../domain/reminders.ts';

export const REMINDER_JOB = 'deadlineReminders';
const MAX_ATTEMPTS = 5;
/** 9 parameters a row: well under PostgreSQL's 65,535 a statement. */
const REMINDERS_PER_STATEMENT = 1000;

export type SendWebhook = (url: string, payload: unknown) => Promise<{ ok: boolean; detail: string }>;

/**
 * POSTs to a group robot, only to an allowed host at an address that is not loopback, link-local or private
 * (webhook-target.ts); WeCom and DingTalk both answer {"errcode":0} when they took the message.
 */
export function webhookSender(policy: WebhookPolicy = {}): SendWebhook {
  return (url, payload) => postToRobot(url, payload, policy);
}
export const postWebhook: SendWebhook = webhookSender();

export type ReminderRunOptions = {
  db: Db;
  now: Date;
  send?: SendWebhook;
  /** The hosts a deployment adds to the robots' (when `send` is not given). */
  webhooks?: WebhookPolicy;
  /** Called after each project's reminders are stored (a statement stores many projects' reminders); a test throws here to play a crash in the middle of a run. */
  afterProject?: (projectId: number) => void;
};

export type ReminderRunResult = { day: IsoDate; created: number; deliveriesQueued: number; deliveriesSent: number };

/**
 * The daily reminder run. Every step is idempotent, so running it twice in a day, or again after a crash halfway,
 * neither loses nor duplicates a reminder: notifications and deliveries carry unique keys and are inserted with
 * ON CONFLICT DO NOTHING; deliveries are an outbox retried until sent.
 */
export async function runReminderJob({ db, now, webhooks, send = webhookSender(webhooks), afterProject }: ReminderRunOptions): Promise<ReminderRunResult> {
  const day = chinaToday(now);
  const rules = await activeDeadlineRules(db);
  const ruleNames = new Map((await listDeadlineRules(db)).map((r) => [r.key, r.name]));
  const digestLines = new Map<number, DigestLine[]>();
  let created = 0;
  // Set-based (issue 18): the reminders of many projects go in one statement each (an import's 10,000 projects made
  // 16,000 one-row statements); the unique key still keeps each deadline and level to one reminder per recipient.
  let pending: { rows: (typeof notifications.$inferInsert)[]; projectIds: number[] } = { rows: [], projectIds: [] };
  const flush = async () => {
    if (pending.rows.length > 0) {
      const inserted = await db.insert(notifications).values(pending.rows).onConflictDoNothing().returning({ id: notifications.id });
      created += inserted.length;
    }
    const stored = pending.projectIds;
    pending = { rows: [], projectIds: [] };
    for (const id of stored) afterProject?.(id);
  };
  for (const project of await projectsOnTheClock(db, day)) {
    const reminders = remindersFor(project.state, project.stageDates, rules, day);
    for (const reminder of reminders) {
      const notice = { projectId: project.id, unitId: project.unitId, responsibleOfficerId: project.responsibleOfficerId, ...reminder };
      pending.rows.push(...deadlineNotificationRows(notice, now));
      const lines = digestLines.get(project.unitId) ?? [];
      lines.push({ projectName: project.name, ruleName: ruleNames.get(reminder.ruleKey) ?? reminder.ruleKey, ...reminder });
      digestLines.set(project.unitId, lines);
    }
    pending.projectIds.push(project.id);
    if (pending.rows.length >= REMINDERS_PER_STATEMENT) await flush();
  }
  await flush();
  created += await remindLeadFollowUps(db, now, day);
  await escalateOverdueProblems(db, now);
  const deliveriesQueued = await queueDigests(db, day, digestLines);
  const deliveriesSent = await sendPendingDeliveries(db, send);
  await db
    .insert(jobRuns)
    .values({ name: REMINDER_JOB, lastDay: day, lastFinishedAt: now })
    .onConflictDoUpdate({ target: jobRuns.name, set: { lastDay: day, lastFinishedAt: now } });
  return { day, created, deliveriesQueued, deliveriesSent };
}

/** One digest per unit with a robot and something to say, per day. */
async function queueDigests(db: Db, day: IsoDate, digestLines: Map<number, DigestLine[]>): Promise<number> {
  const hooks = await db.select().from(unitWebhooks).where(eq(unitWebhooks.enabled, true));
  const names = await unitNames(db, hooks.map((h) => h.unitId));
  let queued = 0;
  for (const hook of hooks) {
    const lines = digestLines.get(hook.unitId);
    if (!lines || lines.length === 0) continue;
    const digest = reminderDigest(names.get(hook.unitId) ?? '', day, lines);
    const payload = hook.kind === 'wecom' ? wecomPayload(digest) : dingtalkPayload(digest);
    const inserted = await db
      .insert(webhookDeliveries)
      .values({ unitId: hook.unitId, day, payload })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    queued += inserted.length;
  }
  return queued;
}

async function sendPendingDeliveries(db: Db, send: SendWebhook): Promise<number> {
  const pending = await db
    .select({ delivery: webhookDeliveries, url: unitWebhooks.url })
    .from(webhookDeliveries)
    .innerJoin(unitWebhooks, eq(unitWebhooks.unitId, webhookDeliveries.unitId))
    .where(and(eq(webhookDeliveries.state, 'pending'), eq(unitWebhooks.enabled, true)));
  let sent = 0;
  for (const { delivery, url } of pending) {
    let result: { ok: boolean; detail: string };
    try {
      result = await send(url, delivery.payload);
    } catch (error) {
      result = { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
    const attempts = delivery.attempts + 1;
    await db
      .update(webhookDeliveries)
      .set(
        result.ok
          ? { state: 'sent', attempts, sentAt: new Date(), lastError: null }
          : { state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, lastError: result.detail },
      )
      .where(eq(webhookDeliveries.id, delivery.id));
    if (result.ok) sent++;
  }
  return sent;
}

/** Runs the job now and then every hour; each run is cheap when there is nothing new, and safe to repeat. */
export function scheduleReminderJob(db: Db, clock: () => Date, log: (line: string) => void, webhooks: WebhookPolicy = {}): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runReminderJob({ db, now: clock(), webhooks });
    } catch (error) {
      log(`reminder job failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}


/** Days before a lead's follow-up day that its reporter and unit are reminded (issue 6). */
export const LEAD_FOLLOW_UP_WARN_DAYS = 3;

/**
 * Leads still being followed: a reminder when the follow-up day is near, another once it has passed — to the
 * reporter and the lead's unit, each once (the same unique keys as deadline reminders).
 */
async function remindLeadFollowUps(db: Db, now: Date, day: IsoDate): Promise<number> {
  let created = 0;
  for (const lead of await leadsDueForFollowUp(db, addDays(day, LEAD_FOLLOW_UP_WARN_DAYS))) {
    const level = lead.followUpOn! < day ? 'overdue' : 'dueSoon';
    const recipients = [`unit:${lead.unitId}`, ...(lead.reporterId ? [`user:${lead.reporterId}`] : [])];
    for (const recipient of recipients) {
      const inserted = await db
        .insert(notifications)
        .values({
          recipient,
          userId: recipient.startsWith('user:') ? lead.reporterId : null,
          unitId: lead.unitId,
          leadId: lead.id,
          ruleKey: 'leadFollowUp',
          dueOn: lead.followUpOn!,
          level,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      created += inserted.length;
    }
  }
  return created;
}
