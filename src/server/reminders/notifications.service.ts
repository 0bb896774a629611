import { and, desc, eq, isNull, not, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { leadEnterpriseNames } from '../leads/leads.service.ts';
import { notifications, unitWebhooks, units, users } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { projectNamesForCaller } from '../projects/projects.service.ts';
import { resolveWebhookTarget, type WebhookPolicy } from './webhook-target.ts';
import type { TNotification, TSetUnitWebhookRequest, TUnitWebhook } from '../../shared/notifications.ts';

/**
 * A caller's reminders: those addressed to them and those addressed to their own unit — but not the unit's copy of a
 * reminder they also have in person. The job tells a deadline to the project's unit and to its responsible officer;
 * an officer of that unit would otherwise see every deadline twice (issue 16). Their colleagues still see the unit's.
 * (Plain SQL names: the predicate also serves UPDATE, where Drizzle writes the outer columns unqualified.)
 */
function mine(ctx: ServiceContext) {
  const me = `user:${ctx.caller.userId}`;
  const alsoMine = sql`exists (select 1 from notifications personal_copy where personal_copy.recipient = ${me}
    and personal_copy.project_id is not distinct from notifications.project_id
    and personal_copy.lead_id is not distinct from notifications.lead_id
    and personal_copy.rule_key = notifications.rule_key and personal_copy.due_on = notifications.due_on
    and personal_copy.level = notifications.level)`;
  return or(eq(notifications.recipient, me), and(eq(notifications.recipient, `unit:${ctx.caller.unitId}`), not(alsoMine)));
}

export type DeadlineNotice = {
  projectId: number;
  unitId: number;
  responsibleOfficerId: number | null;
  ruleKey: string;
  dueOn: string;
  level: 'dueSoon' | 'overdue';
};

/** The bell notifications one deadline reminder makes: to the project's unit and to its responsible officer. */
export function deadlineNotificationRows(notice: DeadlineNotice, now: Date): (typeof notifications.$inferInsert)[] {
  const recipients = [`unit:${notice.unitId}`, ...(notice.responsibleOfficerId ? [`user:${notice.responsibleOfficerId}`] : [])];
  return recipients.map((recipient) => ({
    recipient,
    userId: recipient.startsWith('user:') ? notice.responsibleOfficerId : null,
    unitId: notice.unitId,
    projectId: notice.projectId,
    ruleKey: notice.ruleKey,
    dueOn: notice.dueOn,
    level: notice.level,
    createdAt: now,
  }));
}

/**
 * 催办 (issue 16): the job's notifications for one deadline, sent now — made again if the job already made them today
 * (unread and on top of the bell once more). Answers how many recipients it reached.
 */
export async function pushDeadlineNotifications(tx: Db, notice: DeadlineNotice, now: Date): Promise<number> {
  const rows = await tx
    .insert(notifications)
    .values(deadlineNotificationRows(notice, now))
    .onConflictDoUpdate({
      target: [notifications.projectId, notifications.ruleKey, notifications.dueOn, notifications.level, notifications.recipient],
      set: { createdAt: now, readAt: null },
    })
    .returning({ id: notifications.id });
  return rows.length;
}

export async function listNotifications(ctx: ServiceContext, options: { unreadOnly?: boolean; limit: number }) {
  const where = and(mine(ctx), options.unreadOnly ? isNull(notifications.readAt) : undefined);
  const rows = await ctx.db
    .select({ n: notifications, decidedByName: users.displayName, decidedByUnitName: units.name })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorUserId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(options.limit)
    .then((found) => found.map(({ n, decidedByName, decidedByUnitName }) => ({ ...n, decidedByName, decidedByUnitName })));
  const [{ unread } = { unread: 0 }] = await ctx.db
    .select({ unread: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine(ctx), isNull(notifications.readAt)));
  const [names, leadNames] = await Promise.all([
    projectNamesForCaller(ctx, rows.flatMap((r) => (r.projectId ? [r.projectId] : []))),
    leadEnterpriseNames(ctx, rows.flatMap((r) => (r.leadId ? [r.leadId] : []))),
  ]);
  const items: TNotification[] = rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    leadId: r.leadId,
    projectName: r.projectId ? (names.get(r.projectId) ?? '') : (leadNames.get(r.leadId!) ?? ''),
    unitId: r.unitId,
    ruleKey: r.ruleKey,
    dueOn: r.dueOn,
    level: r.level as TNotification['level'],
    decidedByName: r.decidedByName,
    decidedByUnitName: r.decidedByUnitName,
    personal: r.recipient.startsWith('user:'),
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
  return { items, unread: Number(unread) };
}

/** Marks one of the caller's reminders read; anyone else's is not found. (A unit reminder read by one is read for all.) */
export async function markNotificationRead(ctx: ServiceContext, id: number): Promise<void> {
  const [row] = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now })
    .where(and(eq(notifications.id, id), mine(ctx)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('notification');
}

/** Marks every unread reminder of the caller's read (not only the page the bell shows); answers how many. */
export async function markAllNotificationsRead(ctx: ServiceContext): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now })
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function getUnitWebhook(ctx: ServiceContext, unitId: number): Promise<TUnitWebhook> {
  await requireUnitInScope(ctx, unitId, 'unitId', 'notFound');
  const [row] = await ctx.db.select().from(unitWebhooks).where(eq(unitWebhooks.unitId, unitId));
  return { unitId, kind: (row?.kind as TUnitWebhook['kind']) ?? null, url: row?.url ?? null, enabled: row?.enabled ?? false };
}

/** Sets the group robot of one of the caller's units. */
export async function setUnitWebhook(
  ctx: ServiceContext,
  unitId: number,
  input: TSetUnitWebhookRequest,
  policy: WebhookPolicy = {},
): Promise<TUnitWebhook> {
  assertCanWrite(ctx.caller);
  await requireUnitInScope(ctx, unitId, 'unitId', 'notFound');
  // A robot host, resolving to public addresses only (checked again when sending).
  const target = await resolveWebhookTarget(input.url, policy).catch(() => ({ addresses: [] }));
  if ('problem' in target) throw new AppError(`webhook.${target.problem}`, { field: 'url' });
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(unitWebhooks).where(eq(unitWebhooks.unitId, unitId));
    const values = { kind: input.kind, url: input.url, enabled: input.enabled ?? true, updatedAt: ctx.now };
    const [row] = await tx
      .insert(unitWebhooks)
      .values({ unitId, ...values })
      .onConflictDoUpdate({ target: unitWebhooks.unitId, set: values })
      .returning();
    await recordAudit(tx, actorOf(ctx), { entity: 'unitWebhook', entityId: unitId, unitId, action: before ? 'update' : 'create', before, after: row });
    return { unitId, kind: row!.kind as TUnitWebhook['kind'], url: row!.url, enabled: row!.enabled };
  });
}

