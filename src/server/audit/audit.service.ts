import { and, count, desc, eq, max, ne, sql } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { auditLog, units, users } from '../db/schema.ts';
import { insertJsonRows, type ExtraColumn, type Pipeline } from '../db/bulk.ts';
import type { ServiceContext } from '../context.ts';
import { assertCanAdminister } from '../access/scope.ts';
import type { TAuditEntry } from '../../shared/audit.ts';
import { auditRecordNames } from './audit-names.ts';

export type AuditChange = {
  entity: string;
  entityId: string | number;
  /** The unit the changed record belongs to, so the trail can be read per unit. */
  unitId: number | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'revert' | 'login' | 'logout' | 'passwordChange' | 'lockout' | 'seed' | 'move' | 'phoneRead' | 'remind';
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** The ledger import batch that made the change. */
  importBatchId?: number;
};

/** Writes one audit row; call it with the transaction that makes the change so both commit or neither. */
export async function recordAudit(
  tx: Db,
  actor: { userId: number | null; unitId: number | null; requestId: string | null },
  change: AuditChange,
): Promise<void> {
  await tx.insert(auditLog).values({
    requestId: actor.requestId,
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    unitId: change.unitId,
    entity: change.entity,
    entityId: String(change.entityId),
    action: change.action,
    before: change.before === undefined ? null : stripSecrets(change.before),
    after: change.after === undefined ? null : stripSecrets(change.after),
    reason: change.reason ?? null,
    importBatchId: change.importBatchId ?? null,
  });
}

/** Many audit rows in few statements, for bulk work (a ledger import writes thousands in one transaction). */
export async function recordAuditMany(
  tx: Db | Pipeline,
  actor: { userId: number | null; unitId: number | null; requestId: string | null },
  changes: AuditChange[],
): Promise<void> {
  const rows = changes.map((change) => ({
    requestId: actor.requestId,
    actorUserId: actor.userId,
    actorUnitId: actor.unitId,
    unitId: change.unitId,
    entity: change.entity,
    entityId: String(change.entityId),
    action: change.action,
    before: change.before === undefined ? null : stripSecrets(change.before),
    after: change.after === undefined ? null : stripSecrets(change.after),
    reason: change.reason ?? null,
    importBatchId: change.importBatchId ?? null,
  }));
  await insertJsonRows(tx, auditLog, rows);
}

/**
 * Inserts new records with their audit rows ('create', marked with the import batch), both from the same JSON in the
 * same statements: each audit row's `after` is the record exactly as sent, which is why the rows must be complete
 * (every column, defaults included) and hold no secret. The audit row's unit is the row's `unitId` — a column, or a
 * key sent only for the audit (named in `notRecorded`, as are `extra` columns written outside the Drizzle table, such
 * as a search document: both are left out of the record).
 */
export async function insertAuditedRows(
  tx: Db | Pipeline,
  actor: { userId: number | null; unitId: number | null; requestId: string | null },
  table: PgTable,
  entity: string,
  rows: ({ id: number; unitId: number } & Record<string, unknown>)[],
  importBatchId: number | null,
  options: { extra?: readonly ExtraColumn[]; notRecorded?: readonly string[]; reason?: string } = {},
): Promise<void> {
  if (rows.some((row) => Object.keys(row).some((key) => SECRET_KEYS.has(key)))) throw new Error(`insertAuditedRows: ${entity} rows hold a secret`);
  const extra = options.extra ?? [];
  const omitted = [...extra.map((c) => c.key), ...(options.notRecorded ?? [])];
  const after = omitted.reduce((record, key) => sql`${record} - ${key}::text`, sql`e`);
  await insertJsonRows(
    tx,
    table,
    rows,
    (json) => sql`insert into ${auditLog} (request_id, actor_user_id, actor_unit_id, unit_id, entity, entity_id, action, after, reason, import_batch_id)
      select ${actor.requestId}::text, ${actor.userId}::int, ${actor.unitId}::int, (e->>'unitId')::int, ${entity}::text, e->>'id', 'create', ${after},
        ${options.reason ?? null}::text, ${importBatchId}::int
      from jsonb_array_elements(${json}) as e`,
    extra,
  );
}

/**
 * The latest change recorded anywhere (every change writes its audit row in its own transaction), leaving out the
 * import batches' own bookkeeping: work checked against the data can tell whether anything changed since.
 */
export async function changeWatermark(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(auditLog.id) }).from(auditLog).where(ne(auditLog.entity, 'importBatch'));
  return Number(row?.id ?? 0);
}

export function actorOf(ctx: ServiceContext) {
  return { userId: ctx.caller.userId, unitId: ctx.caller.unitId, requestId: ctx.requestId };
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash']);

function stripSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEYS.has(key))
      .map(([key, v]) => [key, v instanceof Date ? v.toISOString() : v]),
  );
}

export type ListAuditOptions = {
  page: number;
  pageSize: number;
  entity?: string;
  entityId?: string;
  actorUserId?: number;
};

export async function listAudit(ctx: ServiceContext, options: ListAuditOptions) {
  assertCanAdminister(ctx.caller);
  const recordUnit = alias(units, 'record_unit');
  const where = and(
    options.entity ? eq(auditLog.entity, options.entity) : undefined,
    options.entityId ? eq(auditLog.entityId, options.entityId) : undefined,
    options.actorUserId ? eq(auditLog.actorUserId, options.actorUserId) : undefined,
  );
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      requestId: auditLog.requestId,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      unitId: auditLog.unitId,
      unitName: recordUnit.name,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(recordUnit, eq(recordUnit.id, auditLog.unitId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(auditLog).where(where);
  const names = await auditRecordNames(ctx, rows);
  const items: TAuditEntry[] = rows.map((r) => ({ ...r, at: r.at.toISOString(), entityName: names.get(r.id) ?? null }));
  return { items, total: Number(total), page: options.page, pageSize: options.pageSize };
}


/** The trail of one record, oldest first, for other areas' timelines (they check the caller may see the record). */
export async function auditTrailOf(db: Db, entity: string, entityId: string | number) {
  return db
    .select({ at: auditLog.at, action: auditLog.action, before: auditLog.before, after: auditLog.after, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(auditLog.id);
}
