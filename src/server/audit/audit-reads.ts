import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import type { AuditChange } from './audit.service.ts';

/**
 * The `after` of every audit row of an action on these records whose `after` contains the given keys — for a rule on
 * how often something may be done (催办: once a deadline a day, the day written in `after`), read from the trail that
 * records it. One query for a page of records.
 */
export async function auditedAfters(
  db: Db,
  what: { entity: string; entityIds: (string | number)[]; action: AuditChange['action']; afterContains: Record<string, unknown> },
): Promise<{ entityId: string; after: unknown }[]> {
  if (what.entityIds.length === 0) return [];
  return db
    .select({ entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entity, what.entity),
        inArray(auditLog.entityId, [...new Set(what.entityIds.map(String))]),
        eq(auditLog.action, what.action),
        sql`${auditLog.after} @> ${JSON.stringify(what.afterContains)}::jsonb`,
      ),
    );
}
