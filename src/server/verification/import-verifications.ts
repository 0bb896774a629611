import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { stageVerifications, units } from '../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { anyOf, takeIds, type Pipeline } from '../db/bulk.ts';
import { actorOf, insertAuditedRows, recordAuditMany } from '../audit/audit.service.ts';
import { activeVerificationSettings } from './verification.service.ts';
import { reportedUnder, type VerificationRule } from '../../domain/stage-verification.ts';

/**
 * 核实 for a ledger import (issue 17): every stage change an import records is reported exactly as the same move
 * made by hand would be (`reportedUnder`, the same table, the city's own projects never), in the import's own
 * transaction and in bulk — a few statements however many rows; and a revert of the import withdraws them.
 */

/** A stage change the import is about to record, with what decides whether it waits. */
export type ImportedChange = { unitId: number; totalInvestmentYuan: number; kind: string; stage: string };

/** What the commit reads before it writes: the rules in force, the city's own units, and an id for each reported change. */
export type ImportVerification = { rules: VerificationRule[]; cityUnitIds: Set<number>; ids: number[] };

const isReported = (plan: Pick<ImportVerification, 'rules' | 'cityUnitIds'>, change: ImportedChange) =>
  reportedUnder(plan.rules, { ...change, cityOwn: plan.cityUnitIds.has(change.unitId) });

export async function prepareImportVerification(db: Db, changes: ImportedChange[]): Promise<ImportVerification> {
  const rules = (await activeVerificationSettings(db)).rules;
  if (rules.length === 0) return { rules, cityUnitIds: new Set(), ids: [] };
  const cityUnitIds = new Set((await db.select({ id: units.id }).from(units).where(isNull(units.parentId))).map((u) => u.id));
  const reported = changes.filter((change) => isReported({ rules, cityUnitIds }, change)).length;
  return { rules, cityUnitIds, ids: await takeIds(db, stageVerifications, reported) };
}

/**
 * Sends the reported records of the import's stage changes (with their audit rows, marked with the batch) through
 * the commit's pipeline, after the stage records they point at. `changes` are the same, in the same order, as
 * `prepareImportVerification` counted.
 */
export async function reportImportedChanges(
  ctx: ServiceContext,
  pipeline: Pipeline,
  plan: ImportVerification,
  batchId: number,
  changes: (ImportedChange & { projectId: number; eventId: number })[],
): Promise<void> {
  if (plan.rules.length === 0) return;
  const at = ctx.now.toISOString();
  const rows: ({ id: number; unitId: number } & Record<string, unknown>)[] = [];
  for (const change of changes) {
    const rule = isReported(plan, change);
    if (!rule) continue;
    const id: number | undefined = plan.ids[rows.length];
    if (id === undefined) throw new Error('reportImportedChanges: more reported changes than were counted beforehand');
    rows.push({
      id,
      unitId: change.unitId,
      projectId: change.projectId,
      stageEventId: change.eventId,
      stage: rule.stage,
      status: 'reported',
      reviewerDepartmentId: rule.reviewerDepartmentId,
      reportedAt: at,
      reportedBy: ctx.caller.userId,
      decidedAt: null,
      decidedBy: null,
      reason: null,
      steps: [{ status: 'reported', at, by: ctx.caller.userId, reason: null }],
    });
  }
  if (rows.length !== plan.ids.length) throw new Error('reportImportedChanges: fewer reported changes than were counted beforehand');
  await insertAuditedRows(pipeline, actorOf(ctx), stageVerifications, 'stageVerification', rows, batchId, { notRecorded: ['unitId'] });
}

/**
 * A revert withdraws the reported records of the batch's own stage changes — one statement for all of them, each
 * with its step and audit row, as a revocation by hand withdraws one. (Those of projects the import created then
 * go with their stage records.) A record a reviewer has decided on is not the import's own: it stops the revert
 * before this runs (`laterRecordsOf`).
 */
export async function withdrawImportedChanges(ctx: ServiceContext, batchId: number, eventIds: number[], unitOf: (projectId: number) => number): Promise<void> {
  if (eventIds.length === 0) return;
  const reason = `撤销导入批次 #${batchId}`;
  const step = { status: 'withdrawn', at: ctx.now.toISOString(), by: ctx.caller.userId, reason };
  const open = and(anyOf(stageVerifications.stageEventId, eventIds, 'int'), eq(stageVerifications.status, 'reported'));
  const before = await ctx.db.select().from(stageVerifications).where(open).for('update');
  if (before.length === 0) return;
  const after = await ctx.db
    .update(stageVerifications)
    .set({ status: 'withdrawn', steps: sql`${stageVerifications.steps} || ${JSON.stringify([step])}::jsonb` })
    .where(open)
    .returning();
  const beforeOf = new Map(before.map((row) => [row.id, row]));
  await recordAuditMany(
    ctx.db,
    actorOf(ctx),
    after.map((row) => ({ entity: 'stageVerification', entityId: row.id, unitId: unitOf(row.projectId), action: 'update' as const, before: beforeOf.get(row.id), after: row, reason, importBatchId: batchId })),
  );
}
