import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { leadEnterpriseNames } from '../leads/leads.service.ts';
import { notifications, unitWebhooks } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite } from '../access/scope.ts';
import { actorOf, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope } from '../units/units.service.ts';
import { projectNamesForCaller } from '../projects/projects.service.ts';
import { resolveWebhookTarget, type WebhookPolicy } from './webhook-target.ts';
import type { TNotification, TSetUnitWebhookRequest, TUnitWebhook } from '../../shared/notifications.ts';

/** A caller's reminders: those addressed to them and those addressed to their own unit. */
function mine(ctx: ServiceContext) {
  return or(eq(notifications.recipient, `user:${ctx.caller.userId}`), eq(notifications.recipient, `unit:${ctx.caller.unitId}`));
}

export async function listNotifications(ctx: ServiceContext, options: { unreadOnly?: boolean; limit: number }) {
  const where = and(mine(ctx), options.unreadOnly ? isNull(notifications.readAt) : undefined);
  const rows = await ctx.db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(options.limit);
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

