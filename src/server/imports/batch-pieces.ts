import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { importBatchFiles, importBatchRows, importBatches } from '../db/schema.ts';
import type { TImportRow } from '../../shared/imports.ts';

/**
 * A batch's uploaded file and preview rows, stored in pieces (issue 18). One jsonb value of 200,000 rows held the embedded database —
 * which runs in the server's own thread — and every other request with it for 10 s or more. Each piece is one
 * statement, and the thread is given back between pieces, so others are served while a large preview is stored.
 *
 * The pieces are not written in one transaction (that would hold the embedded database's one connection for all of
 * them): `preview_rows` says how many rows the complete set holds and is written last. A reader that finds another
 * number (a process killed half-way) treats the batch as having no stored rows, and the preview is checked again
 * from the batch's stored file.
 */
export const PREVIEW_PIECE_ROWS = 2_000;
export const FILE_PIECE_BYTES = 1 << 20;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Replaces the batch's stored preview rows by `rows`. */
export async function storePreviewRows(db: Db, batchId: number, rows: readonly TImportRow[]): Promise<void> {
  await db.update(importBatches).set({ previewRows: null }).where(eq(importBatches.id, batchId));
  await db.delete(importBatchRows).where(eq(importBatchRows.batchId, batchId));
  for (let piece = 0, at = 0; at < rows.length; piece++, at += PREVIEW_PIECE_ROWS) {
    await db.insert(importBatchRows).values({ batchId, piece, rows: rows.slice(at, at + PREVIEW_PIECE_ROWS) });
    await yieldToOthers();
  }
  await db.update(importBatches).set({ previewRows: rows.length }).where(eq(importBatches.id, batchId));
}

/** The batch's stored preview rows, or null when they were never completely written. */
export async function readPreviewRows(db: Db, batchId: number): Promise<TImportRow[] | null> {
  const [batch] = await db.select({ previewRows: importBatches.previewRows }).from(importBatches).where(eq(importBatches.id, batchId));
  if (batch?.previewRows == null) return null;
  const pieces = await db.select({ rows: importBatchRows.rows }).from(importBatchRows).where(eq(importBatchRows.batchId, batchId)).orderBy(asc(importBatchRows.piece));
  const rows = pieces.flatMap((p) => p.rows as TImportRow[]);
  return rows.length === batch.previewRows ? rows : null;
}

/** Stores an uploaded file's bytes with its new batch (whose `file_bytes` says how many there are). */
export async function storeBatchFile(db: Db, batchId: number, content: Buffer): Promise<void> {
  for (let piece = 0, at = 0; at < content.length; piece++, at += FILE_PIECE_BYTES) {
    // Sent as base64 text: the embedded driver writes a bytea parameter out byte by byte (0.14 s for 0.7 MB).
    const bytes = content.subarray(at, at + FILE_PIECE_BYTES).toString('base64');
    await db.insert(importBatchFiles).values({ batchId, piece, bytes: sql`decode(${bytes}, 'base64')` as unknown as Buffer });
    await yieldToOthers();
  }
}

/** The batch's uploaded file, or null when its pieces were not all written (a process stopped half-way). */
export async function readBatchFile(db: Db, batchId: number): Promise<Buffer | null> {
  const [batch] = await db.select({ fileBytes: importBatches.fileBytes }).from(importBatches).where(eq(importBatches.id, batchId));
  if (!batch) return null;
  const pieces = await db.select({ bytes: importBatchFiles.bytes }).from(importBatchFiles).where(eq(importBatchFiles.batchId, batchId)).orderBy(asc(importBatchFiles.piece));
  const content = Buffer.concat(pieces.map((p) => p.bytes));
  return content.length === batch.fileBytes ? content : null;
}
