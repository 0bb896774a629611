import ExcelJS from 'exceljs';
import { escapeWorkbook } from '../http/safe-workbook.ts';

/**
 * An import's error file: the header and the refused rows as the user wrote them, plus a column saying why each row
 * or field was refused — to fix in place and import again. Every text cell is escaped against formula injection
 * (safe-workbook.ts): a cell the user uploaded as "=HYPERLINK(…)" comes back as text, never as a formula.
 */
export type ErrorWorkbookRow = { cells: string[]; reasons: string[] };

export async function writeErrorWorkbook(options: { sheetName: string; header: string[]; reasonHeader: string; rows: ErrorWorkbookRow[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31) || 'Sheet1');
  const width = Math.max(options.header.length, ...options.rows.map((r) => r.cells.length), 1);
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  sheet.addRow([...pad(options.header), options.reasonHeader]).font = { bold: true };
  for (const row of options.rows) {
    const added = sheet.addRow([...pad(row.cells), row.reasons.join(';')]);
    added.getCell(width + 1).font = { color: { argb: 'FFC00000' } };
  }
  sheet.getColumn(width + 1).width = 60;
  return Buffer.from(await escapeWorkbook(workbook).xlsx.writeBuffer());
}
