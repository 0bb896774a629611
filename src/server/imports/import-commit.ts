import { eq } from 'drizzle-orm';
import { importBatches, importItems } from '../db/schema.ts';
import { insertJsonRows, pipelined } from '../db/bulk.ts';
import type { ServiceContext } from '../context.ts';
import { actorOf, recordAuditMany } from '../audit/audit.service.ts';
import { createLedgerInvestors } from '../enterprises/ledger-investors.ts';
import { prepareLedgerWrite, writeLedgerRows, type LedgerWrite } from '../projects/ledger.service.ts';
import type { PlannedRow, Preview } from './import-preview.ts';
import { storePreviewRows } from './batch-pieces.ts';

export type CommitTarget = { id: number; unitId: number; fileName: string };

/**
 * The writing half of a commit, inside its transaction (`ctx.db`, the batch already locked): investors, projects,
 * stage records, audit rows, the batch's items and the batch itself. What must be read is read first; everything
 * else is sent through one pipeline, so that on a PostgreSQL server the database writes one chunk while this thread
 * prepares the next. `rowsStored`: the preview is the one stored with the batch, whose rows need no rewriting.
 */
export async function writeCommit(
  ctx: ServiceContext,
  batch: CommitTarget,
  result: Preview,
  rowsStored: boolean,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const changing = result.planned.filter((p) => p.plan.action === 'create' || p.plan.action === 'update');
  const prepared = await prepareLedgerWrite(ctx, changing.map((p) => ({ action: p.plan.action as LedgerWrite['action'], moves: p.plan.moves, fields: p.plan.fields, existing: p.existing })));
  await pipelined(ctx.db, async (pipeline) => {
    // Investors named for the first time: one enterprise each, however many rows name it.
    const newInvestors = new Map<string, { row: PlannedRow; investor: NonNullable<PlannedRow['newInvestor']> }>();
    for (const p of changing) if (p.newInvestor && !newInvestors.has(p.newInvestor.key)) newInvestors.set(p.newInvestor.key, { row: p, investor: p.newInvestor });
    const createdIds = await createLedgerInvestors(
      ctx,
      pipeline,
      batch.id,
      [...newInvestors.values()].map(({ investor }) => ({ name: investor.name, creditCode: investor.creditCode, hqRegionCode: investor.hqRegionCode, unitId: investor.unitId })),
    );
    const investorIdOf = new Map([...newInvestors.keys()].map((key, i) => [key, createdIds[i]!]));
    // By the row's sheet and number: a number alone repeats across a workbook's sheets (issue 12).
    const rowKey = (sheet: string | undefined, rowNumber: number) => `${sheet ?? ''}\n${rowNumber}`;
    const createdOnRow = new Map([...newInvestors.values()].map(({ row }, i) => [rowKey(row.sheet, row.rowNumber), createdIds[i]!]));
    const writes: LedgerWrite[] = changing.map((p) => ({
      ...(p.sheet !== undefined ? { sheet: p.sheet } : {}),
      rowNumber: p.rowNumber,
      action: p.plan.action as LedgerWrite['action'],
      existing: p.existing,
      fields: p.newInvestor ? { ...p.plan.fields, investorEnterpriseId: investorIdOf.get(p.newInvestor.key)! } : p.plan.fields,
      moves: p.plan.moves,
    }));
    const written = await writeLedgerRows(ctx, pipeline, prepared, batch.id, batch.fileName, writes, (done) => onProgress(done, changing.length));
    await insertJsonRows(
      pipeline,
      importItems,
      written.map((w) => ({
        batchId: batch.id,
        rowNumber: w.rowNumber,
        sheet: w.sheet ?? null,
        action: w.action,
        projectId: w.projectId,
        before: w.before,
        // What a created project looked like is in the audit trail; the item keeps what a revert needs.
        after: w.action === 'create' ? {} : w.after,
        stageEventIds: w.stageEventIds,
        createdEnterpriseId: createdOnRow.get(rowKey(w.sheet, w.rowNumber)) ?? null,
      })),
    );
    // The stored rows are rewritten only when the commit had to check them again (and found them changed or not).
    void pipeline.run(() =>
      ctx.db
        .update(importBatches)
        .set({ status: 'committed', committedAt: ctx.now, summary: result.summary })
        .where(eq(importBatches.id, batch.id)),
    );
    if (!rowsStored) void pipeline.run(() => storePreviewRows(ctx.db, batch.id, result.rows));
    await recordAuditMany(pipeline, actorOf(ctx), [
      {
        entity: 'importBatch',
        entityId: batch.id,
        unitId: batch.unitId,
        action: 'import',
        after: { counts: result.summary.counts, enterprisesCreated: createdIds.length },
        importBatchId: batch.id,
      },
    ]);
  });
}
