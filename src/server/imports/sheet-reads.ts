import { readSheet, type ReadSheetOptions, type ReadSheetResult } from '../../domain/ledger-rows.ts';

/**
 * Sheets read into records ahead of the preview, in the worker thread that parsed the file (issue 18): reading
 * 200,000 rows takes seconds, which on the main thread would stall other users' requests. The preview takes the
 * read made there when its options are the same (no mapping or year given), and reads the sheet itself otherwise.
 */
const readAhead = new WeakMap<string[][], { key: string; result: ReadSheetResult }>();

const keyOf = (options: ReadSheetOptions) => JSON.stringify(options);

export function rememberRead(rows: string[][], options: ReadSheetOptions, result: ReadSheetResult): void {
  readAhead.set(rows, { key: keyOf(options), result });
}

/** `readSheet`, or the read the worker already made of these very rows with the same options. */
export function readSheetOnce(rows: string[][], options: ReadSheetOptions = {}): ReadSheetResult {
  const ahead = readAhead.get(rows);
  if (ahead && ahead.key === keyOf(options)) return ahead.result;
  return readSheet(rows, options);
}

/** The options the preview uses for a sheet when nothing is given: what the worker reads ahead with. */
export function defaultReadOptions(sheetName: string, sheetCount: number): ReadSheetOptions {
  return { mapping: undefined, year: undefined, sheet: sheetCount > 1 ? sheetName : undefined };
}
