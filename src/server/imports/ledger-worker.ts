import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { LedgerFileError, type LedgerSheet } from './ledger-reader.ts';
import type { ReadSheetResult } from '../../domain/ledger-rows.ts';
import { defaultReadOptions, rememberRead } from './sheet-reads.ts';
import { BUILT, workerEntry } from '../built.ts';

/**
 * Reading uploaded ledgers off the main thread (issue 18): a 200,000-row file takes seconds of parsing, which on the
 * main thread would stall every other user's request. Files are read in up to `PARSE_THREADS` worker threads, each
 * with a heap cap, so a file that still manages to exhaust memory ends its thread, not the server. A thread is
 * started when first needed (about 2 s when it loads the reader through tsx, from the sources), kept for the next file, and ended after
 * `IDLE_MS` without work; it never keeps the process alive.
 */
export const PARSE_THREADS = 2;
const HEAP_MB = 1536;
const IDLE_MS = 60_000;

const ENTRY = workerEntry('ledger-worker.entry', new URL('./ledger-worker.entry.ts', import.meta.url)).href;
// The worker runs the build when this thread does, otherwise the TypeScript sources through tsx, however this thread
// was started (the CLI, vitest).
const BOOT = BUILT ? `import(${JSON.stringify(ENTRY)});` : `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); });`;

function tsxApi(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
}

type Piece = { sheet: number; rows?: string[][]; records?: Extract<ReadSheetResult, { ok: true }>['records'] };
type Answer = { id: number } & ({ piece: Piece } | { sheets: LedgerSheet[]; reads: ReadSheetResult[] } | { refused: { code: LedgerFileError['code']; detail: Record<string, string> } } | { failed: string });
type Job = { id: number; file: Buffer; rows: string[][][]; records: Piece['records'][]; resolve: (sheets: LedgerSheet[]) => void; reject: (error: Error) => void };
type Thread = { worker: Worker; ready: Promise<void>; job: Job | null; idle?: NodeJS.Timeout };

const threads = new Set<Thread>();
const queue: Job[] = [];
let nextId = 1;

function startThread(): Thread {
  const worker = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  const thread: Thread = { worker, job: null, ready: new Promise((resolve) => worker.once('message', () => resolve())) };
  worker.on('message', (answer: Answer) => {
    const job = thread.job;
    if (!job || answer.id !== job.id) return;
    // Rows and records come in pieces, each its own message: the main thread takes them in between other work.
    if ('piece' in answer) {
      const { sheet, rows, records } = answer.piece;
      if (rows) for (const row of rows) (job.rows[sheet] ??= []).push(row);
      if (records) for (const record of records) (job.records[sheet] ??= []).push(record);
      return;
    }
    thread.job = null;
    if ('sheets' in answer) {
      const sheets = answer.sheets.map((sheet, i) => ({ name: sheet.name, rows: job.rows[i] ?? [], ...(sheet.hidden ? { hidden: true } : {}) }));
      sheets.forEach((sheet, i) => {
        const read = answer.reads[i]!;
        rememberRead(sheet.rows, defaultReadOptions(sheet.name, sheets.length), read.ok ? { ...read, records: job.records[i] ?? [] } : read);
      });
      job.resolve(sheets);
    }
    else if ('refused' in answer) job.reject(new LedgerFileError(answer.refused.code, answer.refused.detail));
    else job.reject(new Error(`reading the ledger failed: ${answer.failed}`));
    next(thread);
  });
  const fail = (error: Error & { code?: string }) => {
    threads.delete(thread);
    clearTimeout(thread.idle);
    const job = thread.job;
    thread.job = null;
    // Out of its heap: the file is too much for the server, whatever its size on disk.
    job?.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LedgerFileError('ledger.tooLarge') : error);
    dispatch();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the ledger reader stopped (exit code ${code})`)));
  threads.add(thread);
  return thread;
}

function next(thread: Thread): void {
  const job = queue.shift();
  if (!job) {
    thread.worker.unref();
    thread.idle = setTimeout(() => void thread.worker.terminate(), IDLE_MS).unref();
    return;
  }
  clearTimeout(thread.idle);
  thread.worker.ref();
  thread.job = job;
  void thread.ready.then(() => thread.worker.postMessage({ id: job.id, file: new Uint8Array(job.file) }));
}

function dispatch(): void {
  while (queue.length > 0) {
    const free = [...threads].find((t) => !t.job) ?? (threads.size < PARSE_THREADS ? startThread() : null);
    if (!free) return;
    next(free);
  }
}

/** `readLedgerFile`, in a worker thread. */
export function readLedgerFileOffThread(file: Buffer): Promise<LedgerSheet[]> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, file, rows: [], records: [], resolve, reject });
    dispatch();
  });
}
