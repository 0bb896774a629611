import type { ColumnMapping, LedgerField } from './ledger-columns.ts';

/**
 * A refused row fixed in the preview (issue 16): the user types a cell's new text there instead of editing the file
 * and uploading it again. The correction is kept with the batch and applied to the sheet as uploaded before every
 * read of it (the preview, the re-check at commit), so the row is read exactly as if the file had said so — the same
 * parsing, checks and money unit as the column's other cells. Pure.
 */
export type CellCorrection = {
  /** The sheet's name, as the preview's rows give it. */
  sheet: string;
  /** The row's number in the sheet (1-based), as the preview names it ("第11行"). */
  rowNumber: number;
  field: LedgerField;
  /** The cell's new text, as it would be typed in the spreadsheet ("2025-03-01", "5000"). */
  value: string;
};

/** Corrections given later replace earlier ones for the same cell; an empty list of new ones leaves the old. */
export function mergeCorrections(earlier: readonly CellCorrection[], later: readonly CellCorrection[]): CellCorrection[] {
  const key = (c: CellCorrection) => `${c.sheet}\u0000${c.rowNumber}\u0000${c.field}`;
  const byCell = new Map(earlier.map((c) => [key(c), c]));
  for (const c of later) byCell.set(key(c), c);
  return [...byCell.values()];
}

/**
 * The sheet's rows with the corrections of this sheet written into their cells, by the column the mapping reads
 * each field from; the rows not corrected are the same arrays. A correction of a field no column holds, or of a row
 * beyond the sheet, cannot be applied and is returned as such.
 */
export function applyCorrections(
  rows: string[][],
  sheet: string,
  mapping: ColumnMapping,
  corrections: readonly CellCorrection[],
): { rows: string[][]; unapplied: CellCorrection[] } {
  const mine = corrections.filter((c) => c.sheet === sheet);
  if (mine.length === 0) return { rows, unapplied: [] };
  const out = [...rows];
  const unapplied: CellCorrection[] = [];
  for (const c of mine) {
    const column = mapping[c.field]?.index;
    const index = c.rowNumber - 1;
    if (column === undefined || index < 0 || index >= rows.length) {
      unapplied.push(c);
      continue;
    }
    const row = out[index] === rows[index] ? [...rows[index]!] : out[index]!;
    while (row.length <= column) row.push('');
    row[column] = c.value;
    out[index] = row;
  }
  return { rows: out, unapplied };
}
