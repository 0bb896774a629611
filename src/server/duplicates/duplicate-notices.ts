import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notifications, projects } from '../db/schema.ts';
import { chinaToday } from '../../domain/calendar.ts';

/**
 * 甄别 notices (issue 17): the bell of each unit of a pair is told that its own project entered review, and later the
 * bureau's decision and decider — a row naming only the unit's project (the bell shows it under the caller's own
 * name for it), the outcome and the deciding user. Nothing of the other project is stored, so nothing can leak.
 * Written by the caller in the transaction of the change that causes it.
 */
export const DUPLICATE_REVIEW_RULE = 'duplicateReview';

export type DuplicateDecision = 'notDuplicate' | 'creditSplit' | 'merged' | 'mergeUndone';

async function rowsFor(db: Db, projectIds: number[]) {
  const ids = [...new Set(projectIds)];
  if (ids.length === 0) return [];
  return db.select({ id: projects.id, unitId: projects.unitId }).from(projects).where(inArray(projects.id, ids));
}

/**
 * "项目进入甄别" to the units of pairs just stored open, keyed by the day each pair was detected: the nightly scan
 * re-finding an open pair (detected on its first day) makes no second notice. Answers how many were made.
 */
/** A 甄别 notice to the whole unit of the project, dated the day (China time) of `at`. */
function unitNotice(p: { id: number; unitId: number }, level: 'underReview' | DuplicateDecision, at: Date) {
  return { recipient: `unit:${p.unitId}`, unitId: p.unitId, projectId: p.id, ruleKey: DUPLICATE_REVIEW_RULE, dueOn: chinaToday(at), level, createdAt: at };
}

export async function noticeUnderReview(db: Db, opened: { projectId: number; detectedAt: Date }[]): Promise<number> {
  if (opened.length === 0) return 0;
  const detected = new Map<number, Date>();
  for (const o of opened) {
    const seen = detected.get(o.projectId);
    if (!seen || o.detectedAt < seen) detected.set(o.projectId, o.detectedAt);
  }
  const found = await rowsFor(db, [...detected.keys()]);
  if (found.length === 0) return 0;
  const inserted = await db
    .insert(notifications)
    .values(
      found.map((p) => unitNotice(p, 'underReview', detected.get(p.id)!)),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return inserted.length;
}

/**
 * The bureau's decision on a pair, to both projects' units. The same decision on the same project the same day is one
 * notice, brought back unread on top (a merge undone and made again).
 */
export async function noticeDecision(db: Db, projectIds: number[], decision: DuplicateDecision, actorUserId: number, now: Date): Promise<void> {
  const found = await rowsFor(db, projectIds);
  if (found.length === 0) return;
  await db
    .insert(notifications)
    .values(
      found.map((p) => ({ ...unitNotice(p, decision, now), actorUserId })),
    )
    .onConflictDoUpdate({
      target: [notifications.projectId, notifications.ruleKey, notifications.dueOn, notifications.level, notifications.recipient],
      set: { createdAt: now, readAt: null, actorUserId: sql`excluded.actor_user_id` },
    });
}
