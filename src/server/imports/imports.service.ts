import { and, desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';
import { importBatches, importItems, importTemplates } from '../db/schema.ts';
import { anyOf } from '../db/bulk.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { assertCanWrite, inCallerScope } from '../access/scope.ts';
import { actorOf, changeWatermark, recordAudit } from '../audit/audit.service.ts';
import { requireUnitInScope, unitNameOf } from '../units/units.service.ts';
import { userNameOf } from '../users/users.service.ts';
import { deleteUnusedLedgerInvestors } from '../enterprises/ledger-investors.ts';
import { revertLedgerRows, type LedgerItem } from '../projects/ledger.service.ts';
import { blankProjectLedger, type LedgerMoneyUnit } from '../projects/ledger.export.ts';
import type { Readable } from 'node:stream';
import { LedgerFileError, type LedgerSheet } from './ledger-reader.ts';
import { readLedgerFileOffThread } from './ledger-worker.ts';
import { headerKey, previewLedger, projectSheets, type Preview } from './import-preview.ts';
import { writeCommit } from './import-commit.ts';
import { detectDuplicatesFor } from '../duplicates/duplicate-claims.detect.ts';
import { readBatchFile, readPreviewRows, storeBatchFile, storePreviewRows } from './batch-pieces.ts';
import { headerOf } from '../../domain/ledger-rows.ts';
import { ZImportOptions, type TCellCorrection, type TImportBatch, type TImportOptions, type TImportProgress, type TImportRow, type TColumnMapping } from '../../shared/imports.ts';
import { mergeCorrections } from '../../domain/ledger-corrections.ts';
import type { ErrorCode } from '../../shared/errors.ts';

/**
 * Ledger imports (issue 4): upload → preview (dry run, stored with the file) → commit (all rows in one
 * transaction, or none) → revert. Progress of the long steps is kept in memory for the progress bar.
 */
type StoredOptions = { unitId: number; sheet?: string; year?: number; mapping?: TColumnMapping; corrections?: TCellCorrection[] };

const progressOf = new Map<number, TImportProgress>();

export function importProgress(batchId: number): TImportProgress {
  return progressOf.get(batchId) ?? { phase: 'idle', done: 0, total: 0 };
}

async function readFile(content: Buffer | Uint8Array): Promise<LedgerSheet[]> {
  try {
    // The embedded driver gives bytea back as a plain Uint8Array.
    // In a worker thread: parsing a large file must not stall other users' requests (issue 18).
    return await readLedgerFileOffThread(Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength));
  } catch (error) {
    if (error instanceof LedgerFileError) throw new AppError(error.code as ErrorCode, { field: 'file', params: error.detail });
    throw error;
  }
}

/** The unit's template for each sheet the import reads, by sheet name: a template belongs to a header. */
async function templatesFor(ctx: ServiceContext, unitId: number, sheets: LedgerSheet[], sheet: string | undefined): Promise<Map<string, TColumnMapping>> {
  const keys = new Map<string, string>();
  for (const one of projectSheets(sheets, sheet)) {
    const header = headerOf(one.rows, true);
    if (header) keys.set(one.name, headerKey(header.labels));
  }
  const templates = new Map<string, TColumnMapping>();
  if (keys.size === 0) return templates;
  const rows = await ctx.db
    .select({ headerKey: importTemplates.headerKey, mapping: importTemplates.mapping })
    .from(importTemplates)
    .where(and(eq(importTemplates.unitId, unitId), anyOf(importTemplates.headerKey, [...new Set(keys.values())], 'text')));
  const byKey = new Map(rows.map((r) => [r.headerKey, r.mapping as TColumnMapping]));
  for (const [name, key] of keys) if (byKey.has(key)) templates.set(name, byKey.get(key)!);
  return templates;
}

/** Keeps a confirmed mapping as the unit's template (through `ctx.db`, the caller's transaction), audited. */
async function saveTemplate(ctx: ServiceContext, unitId: number, labels: string[], mapping: TColumnMapping): Promise<void> {
  const [template] = await ctx.db
    .insert(importTemplates)
    .values({ unitId, headerKey: headerKey(labels), mapping, updatedBy: ctx.caller.userId, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: [importTemplates.unitId, importTemplates.headerKey], set: { mapping, updatedBy: ctx.caller.userId, updatedAt: ctx.now } })
    .returning();
  await recordAudit(ctx.db, actorOf(ctx), { entity: 'importTemplate', entityId: template!.id, unitId, action: 'update', after: template });
}

/**
 * The last few uploads, as read and as checked: the commit that follows a preview neither parses the file again nor,
 * when nothing at all has changed since (no audit row written), checks its rows again. Another process, or a
 * restart, simply starts from the stored bytes.
 */
type Checked = { sheets: LedgerSheet[]; optionsKey: string; watermark: number; preview: Preview };
const recentlyChecked = new Map<number, Checked>();

function remember(batchId: number, checked: Checked): void {
  recentlyChecked.delete(batchId);
  recentlyChecked.set(batchId, checked);
  while (recentlyChecked.size > 4) recentlyChecked.delete(recentlyChecked.keys().next().value!);
}

/** The batch's sheets as read at upload, or read again from the stored file (fetched only then: it can be megabytes). */
async function sheetsOf(ctx: ServiceContext, batchId: number): Promise<LedgerSheet[]> {
  const cached = recentlyChecked.get(batchId)?.sheets;
  if (cached) return cached;
  const content = await readBatchFile(ctx.db, batchId);
  if (!content) throw new AppError('import.fileIncomplete');
  return readFile(content);
}

async function preview(ctx: ServiceContext, batchId: number | null, fileName: string, sheets: LedgerSheet[], options: StoredOptions): Promise<Checked> {
  const watermark = await changeWatermark(ctx.db);
  const templates = options.mapping ? undefined : await templatesFor(ctx, options.unitId, sheets, options.sheet);
  const result = await previewLedger(ctx, fileName, sheets, { ...options, templates }, (phase, done, total) => {
    if (batchId) progressOf.set(batchId, { phase, done, total });
  });
  return { sheets, optionsKey: JSON.stringify(options), watermark, preview: result };
}

/**
 * The batch's preview as checked at upload if nothing has changed since (`stored`: its rows are the batch's rows as
 * stored); otherwise checked again now.
 */
async function currentPreview(ctx: ServiceContext, batch: { id: number; fileName: string }, options: StoredOptions): Promise<{ preview: Preview; stored: boolean }> {
  const checked = recentlyChecked.get(batch.id);
  if (checked && checked.optionsKey === JSON.stringify(options) && checked.watermark === (await changeWatermark(ctx.db))) return { preview: checked.preview, stored: true };
  return { preview: (await preview(ctx, batch.id, batch.fileName, await sheetsOf(ctx, batch.id), options)).preview, stored: false };
}

function storedOptions(ctx: ServiceContext, input: TImportOptions): StoredOptions & { saveTemplate: boolean } {
  const parsed = ZImportOptions.parse(input);
  const corrections = parsed.corrections?.length ? { corrections: parsed.corrections } : {};
  return { unitId: parsed.unitId ?? ctx.caller.unitId, sheet: parsed.sheet, year: parsed.year, mapping: parsed.mapping, ...corrections, saveTemplate: !!parsed.saveTemplate };
}

/** Reads an uploaded ledger and stores its preview; nothing is imported yet. */
export async function uploadLedger(ctx: ServiceContext, file: { fileName: string; content: Buffer }, input: TImportOptions): Promise<TImportBatch> {
  assertCanWrite(ctx.caller);
  const { saveTemplate: keep, ...options } = storedOptions(ctx, input);
  await requireUnitInScope(ctx, options.unitId, 'unitId');
  const sheets = await readFile(file.content);
  const checked = await preview(ctx, null, file.fileName, sheets, options);
  const result = checked.preview;
  const id = await ctx.db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        unitId: options.unitId,
        createdBy: ctx.caller.userId,
        fileName: file.fileName,
        fileBytes: file.content.length,
        options,
        summary: result.summary,
        createdAt: ctx.now,
      })
      .returning({ id: importBatches.id });
    if (keep && result.summary.labels.length > 0) await saveTemplate({ ...ctx, db: tx }, options.unitId, result.summary.labels, result.summary.mapping);
    await recordAudit(tx, actorOf(ctx), {
      entity: 'importBatch',
      entityId: batch!.id,
      unitId: options.unitId,
      action: 'create',
      after: { fileName: file.fileName, options, counts: result.summary.counts },
      importBatchId: batch!.id,
    });
    return batch!.id;
  });
  // The file and the rows are written after the batch, in pieces, so that a large one does not hold other users.
  await storeBatchFile(ctx.db, id, file.content);
  await storePreviewRows(ctx.db, id, result.rows);
  remember(id, checked);
  return getImportBatch(ctx, id);
}

/** A batch in the caller's scope, without the stored file and rows (megabytes, fetched where needed). */
async function loadBatch(ctx: ServiceContext, id: number) {
  const [row] = await ctx.db
    .select({
      id: importBatches.id,
      unitId: importBatches.unitId,
      fileName: importBatches.fileName,
      status: importBatches.status,
      options: importBatches.options,
      summary: importBatches.summary,
      committedAt: importBatches.committedAt,
    })
    .from(importBatches)
    .where(and(eq(importBatches.id, id), inCallerScope(ctx.caller, importBatches.unitId)));
  if (!row) throw notFound('importBatch');
  return row;
}

/** The batch's preview rows as stored, or — where they were not completely written — as checked again now. */
async function rowsOf(ctx: ServiceContext, batch: { id: number; fileName: string; status: string; options: unknown }): Promise<TImportRow[]> {
  const stored = await readPreviewRows(ctx.db, batch.id);
  if (stored) return stored;
  // A commit stores its rows in its own transaction: checking a committed batch again would describe today's data.
  if (batch.status !== 'previewed') throw new Error(`import batch ${batch.id}: its committed rows are missing`);
  const { preview: result } = await currentPreview(ctx, batch, batch.options as StoredOptions);
  await storePreviewRows(ctx.db, batch.id, result.rows);
  return result.rows;
}

/** Reads the stored file again with another sheet, unit, year or column mapping (and keeps the mapping as a template if asked). */
export async function rereadLedger(ctx: ServiceContext, id: number, input: TImportOptions): Promise<TImportBatch> {
  assertCanWrite(ctx.caller);
  const batch = await loadBatch(ctx, id);
  if (batch.status !== 'previewed') throw new AppError('import.notPreviewed');
  const previous = batch.options as StoredOptions;
  // Cells fixed in the preview add up over re-reads (issue 16): the same cell again replaces its earlier text; an
  // empty list given clears them all (the file as uploaded again).
  const corrections = input.corrections?.length === 0 ? [] : mergeCorrections(previous.corrections ?? [], input.corrections ?? []);
  const { saveTemplate: keep, ...given } = storedOptions(ctx, { ...previous, ...input, corrections, unitId: input.unitId ?? previous.unitId });
  await requireUnitInScope(ctx, given.unitId, 'unitId');
  const checked = await preview(ctx, id, batch.fileName, await sheetsOf(ctx, id), given);
  const result = checked.preview;
  await ctx.db.transaction(async (tx) => {
    await tx.update(importBatches).set({ options: given, unitId: given.unitId, summary: result.summary, previewRows: null }).where(eq(importBatches.id, id));
    if (keep && result.summary.labels.length > 0) await saveTemplate({ ...ctx, db: tx }, given.unitId, result.summary.labels, result.summary.mapping);
  });
  await storePreviewRows(ctx.db, id, result.rows);
  remember(id, checked);
  return getImportBatch(ctx, id);
}

const BATCH_COLUMNS = {
  id: importBatches.id,
  fileName: importBatches.fileName,
  status: importBatches.status,
  unitId: importBatches.unitId,
  unitName: unitNameOf(importBatches.unitId),
  createdByName: userNameOf(importBatches.createdBy),
  createdAt: importBatches.createdAt,
  committedAt: importBatches.committedAt,
  revertedAt: importBatches.revertedAt,
  summary: importBatches.summary,
};
type BatchRow = { [K in keyof typeof BATCH_COLUMNS]: unknown } & { summary: unknown; createdAt: Date; committedAt: Date | null; revertedAt: Date | null };

function toBatch(row: BatchRow): TImportBatch {
  const summary = row.summary as Omit<TImportBatch, 'id'>;
  return {
    ...summary,
    // Batches previewed before issue 12 read one sheet and kept no list of the rows they passed over.
    sheetsRead: summary.sheetsRead ?? [],
    sheetChosen: summary.sheetChosen ?? true,
    skippedRows: summary.skippedRows ?? [],
    id: row.id as number,
    fileName: row.fileName as string,
    status: (row.status === 'reverting' ? 'committed' : row.status) as TImportBatch['status'],
    unitId: row.unitId as number,
    unitName: (row.unitName as string | null) ?? '',
    createdByName: (row.createdByName as string | null) ?? '',
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
    revertedAt: row.revertedAt?.toISOString() ?? null,
  };
}

export async function getImportBatch(ctx: ServiceContext, id: number): Promise<TImportBatch> {
  const [row] = await ctx.db
    .select(BATCH_COLUMNS)
    .from(importBatches)
    .where(and(eq(importBatches.id, id), inCallerScope(ctx.caller, importBatches.unitId)));
  if (!row) throw notFound('importBatch');
  return toBatch(row as BatchRow);
}

export async function listImportBatches(ctx: ServiceContext): Promise<TImportBatch[]> {
  const rows = await ctx.db
    .select(BATCH_COLUMNS)
    .from(importBatches)
    .where(inCallerScope(ctx.caller, importBatches.unitId))
    .orderBy(desc(importBatches.id))
    .limit(50);
  return rows.map((row) => toBatch(row as BatchRow));
}

export async function importRows(ctx: ServiceContext, id: number, query: { action?: TImportRow['action']; page: number; pageSize: number }) {
  const batch = await loadBatch(ctx, id);
  const all = (await rowsOf(ctx, batch)).filter((r) => !query.action || r.action === query.action);
  const start = (query.page - 1) * query.pageSize;
  const page = all.slice(start, start + query.pageSize);
  // Once committed, rows link to the projects the import created: kept with the batch's items, not written into
  // the stored rows again (megabytes, in the commit's transaction).
  // A row is its sheet and number (a batch before issue 12 kept no sheet: one sheet, the number alone).
  const createdOn = new Map<string, number>();
  const keyOf = (sheet: string | null | undefined, rowNumber: number) => `${sheet ?? ''}\n${rowNumber}`;
  if (batch.status !== 'previewed' && page.some((r) => r.action === 'create')) {
    const created = await ctx.db
      .select({ sheet: importItems.sheet, rowNumber: importItems.rowNumber, projectId: importItems.projectId })
      .from(importItems)
      .where(and(eq(importItems.batchId, id), eq(importItems.action, 'create'), anyOf(importItems.rowNumber, page.map((r) => r.rowNumber), 'int')));
    for (const item of created) createdOn.set(keyOf(item.sheet, item.rowNumber), item.projectId);
  }
  const summarySheet = (batch.summary as TImportBatch).sheet;
  const items = page.map((r) => {
    const withSheet = { ...r, sheet: r.sheet ?? summarySheet };
    const projectId = createdOn.get(keyOf(r.sheet, r.rowNumber)) ?? createdOn.get(keyOf(null, r.rowNumber));
    return projectId !== undefined ? { ...withSheet, projectId } : withSheet;
  });
  return { items, total: all.length, page: query.page, pageSize: query.pageSize };
}

/**
 * Imports every row of a previewed batch in one transaction, after checking it again against the data as it is
 * now. Any refused row refuses the whole import: nothing is half-written.
 */
export async function commitImport(ctx: ServiceContext, id: number): Promise<TImportBatch> {
  assertCanWrite(ctx.caller);
  const batch = await loadBatch(ctx, id);
  if (batch.status !== 'previewed') throw new AppError('import.notPreviewed');
  const options = batch.options as StoredOptions;
  progressOf.set(id, { phase: 'reading', done: 0, total: 0 });
  try {
    const { preview: result, stored } = await currentPreview(ctx, batch, options);
    const refused = result.summary.counts.refused;
    if (refused > 0) {
      await ctx.db.update(importBatches).set({ summary: result.summary, previewRows: null }).where(eq(importBatches.id, id));
      await storePreviewRows(ctx.db, id, result.rows);
      throw new AppError('import.hasRefusals', { params: { count: String(refused) } });
    }
    const changing = result.planned.filter((p) => p.plan.action === 'create' || p.plan.action === 'update').length;
    progressOf.set(id, { phase: 'writing', done: 0, total: changing });
    await ctx.db.transaction(async (tx) => {
      const [locked] = await tx.select({ status: importBatches.status }).from(importBatches).where(eq(importBatches.id, id)).for('update');
      if (locked?.status !== 'previewed') throw new AppError('import.notPreviewed');
      await writeCommit({ ...ctx, db: tx }, batch, result, stored, (done, total) => progressOf.set(id, { phase: 'writing', done, total }));
    });
    // Duplicates across units among the projects written (issue 17). After the commit, so a large import's scan does
    // not hold its transaction; should it fail, the nightly scan finds the same pairs.
    const written = await ctx.db.select({ projectId: importItems.projectId }).from(importItems).where(eq(importItems.batchId, id));
    await detectDuplicatesFor(ctx.db, written.map((w) => w.projectId).filter((p): p is number => p !== null), ctx.now).catch(() => undefined);
    progressOf.set(id, { phase: 'done', done: changing, total: changing });
    recentlyChecked.delete(id);
  } catch (error) {
    progressOf.delete(id);
    throw error;
  }
  return getImportBatch(ctx, id);
}

/** Undoes a committed import as a whole, or refuses (naming the rows) when its projects changed since. */
export async function revertImport(ctx: ServiceContext, id: number): Promise<TImportBatch> {
  assertCanWrite(ctx.caller);
  const batch = await loadBatch(ctx, id);
  if (batch.status !== 'committed') throw new AppError('import.notCommitted');
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const [locked] = await tx
      .update(importBatches)
      .set({ status: 'reverting' })
      .where(and(eq(importBatches.id, id), eq(importBatches.status, 'committed')))
      .returning({ id: importBatches.id });
    if (!locked) throw new AppError('import.notCommitted');
    const items = await tx.select().from(importItems).where(eq(importItems.batchId, id)).orderBy(importItems.id);
    await revertLedgerRows(txCtx, id, batch.committedAt!, items as LedgerItem[]);
    await deleteUnusedLedgerInvestors(txCtx, id, items.map((i) => i.createdEnterpriseId).filter((e): e is number => e !== null));
    await tx.update(importBatches).set({ status: 'reverted', revertedAt: ctx.now }).where(eq(importBatches.id, id));
    await recordAudit(tx, actorOf(ctx), { entity: 'importBatch', entityId: id, unitId: batch.unitId, action: 'revert', importBatchId: id });
  });
  return getImportBatch(ctx, id);
}

/** The sheet as uploaded, with a column "错误信息" naming what keeps each refused row out (and the warnings). */
export async function importErrorsWorkbook(ctx: ServiceContext, id: number): Promise<{ fileName: string; content: Buffer }> {
  const batch = await loadBatch(ctx, id);
  const options = batch.options as StoredOptions;
  const summary = toBatch({ summary: batch.summary, createdAt: new Date(0), committedAt: null, revertedAt: null } as BatchRow);
  const sheets = await sheetsOf(ctx, id);
  // Every sheet the import read, each under its own name (issue 12); a batch before issue 12 read one.
  const read = summary.sheetsRead.length > 0 ? sheets.filter((s) => summary.sheetsRead.some((r) => r.name === s.name)) : projectSheets(sheets, options.sheet).slice(0, 1);
  const rows = await rowsOf(ctx, batch);
  const workbook = new ExcelJS.Workbook();
  for (const sheet of read) {
    const byRow = new Map(rows.filter((r) => (r.sheet ?? summary.sheet) === sheet.name).map((r) => [r.rowNumber, r]));
    const headerRow = summary.sheetsRead.find((r) => r.name === sheet.name)?.headerRow ?? summary.headerRow;
    const width = Math.max(...sheet.rows.map((r) => r.length), 1);
    const out = workbook.addWorksheet(sheet.name.slice(0, 31));
    sheet.rows.forEach((cells, i) => {
      const row = byRow.get(i + 1);
      // 错误信息 holds refusals only; what the import passes over without refusing goes to 警告信息 (issue 12).
      const header = headerRow !== null && i + 1 === headerRow;
      const errors = header ? '错误信息' : (row?.problems.join(';') ?? '');
      const warnings = header ? '警告信息' : (row?.warnings.join(';') ?? '');
      const added = out.addRow([...cells, ...Array(width - cells.length).fill(''), errors, warnings]);
      if (row && row.problems.length > 0) added.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
    });
    out.getColumn(width + 1).width = 60;
    out.getColumn(width + 2).width = 60;
  }
  const content = Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
  return { fileName: batch.fileName.replace(/\.(xlsx|csv)$/i, '') + '-错误信息.xlsx', content };
}


/** The blank ledger to fill in and import (issue 16), for whoever may import. */
export function blankLedgerTemplate(ctx: ServiceContext, moneyUnit: LedgerMoneyUnit): Readable {
  assertCanWrite(ctx.caller);
  return blankProjectLedger(ctx, moneyUnit);
}
