/**
 * Reads uploaded ledgers in a worker thread (see ledger-worker.ts): bytes come in; sheets and their records as read
 * ahead (or a refusal) go out, in pieces of `PIECE` rows, so that taking them in never holds the main thread long.
 */
import { parentPort } from 'node:worker_threads';
import { LedgerFileError, readLedgerFile } from './ledger-reader.ts';
import { readSheet } from '../../domain/ledger-rows.ts';
import { defaultReadOptions } from './sheet-reads.ts';

const PIECE = 5_000;

parentPort!.on('message', async ({ id, file }: { id: number; file: Uint8Array }) => {
  try {
    const sheets = await readLedgerFile(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
    // Each sheet also read into records as the preview reads it when nothing is given: seconds for a large file.
    const reads = sheets.map((sheet) => readSheet(sheet.rows, defaultReadOptions(sheet.name, sheets.length)));
    sheets.forEach((sheet, s) => {
      for (let at = 0; at < sheet.rows.length; at += PIECE) parentPort!.postMessage({ id, piece: { sheet: s, rows: sheet.rows.slice(at, at + PIECE) } });
      const read = reads[s]!;
      if (read.ok) for (let at = 0; at < read.records.length; at += PIECE) parentPort!.postMessage({ id, piece: { sheet: s, records: read.records.slice(at, at + PIECE) } });
    });
    parentPort!.postMessage({
      id,
      sheets: sheets.map((sheet) => ({ name: sheet.name, rows: [], ...(sheet.hidden ? { hidden: true } : {}) })),
      reads: reads.map((read) => (read.ok ? { ...read, records: [] } : read)),
    });
  } catch (error) {
    if (error instanceof LedgerFileError) parentPort!.postMessage({ id, refused: { code: error.code, detail: error.detail } });
    else parentPort!.postMessage({ id, failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
