import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { refuseInflating } from './upload-zips.ts';
import { unescapeCellText } from '../../domain/spreadsheet-cells.ts';

/**
 * Reads a ledger file into sheets of cell texts, refusing what is not a spreadsheet or could hurt the server:
 * files over the size limit, zip bombs, huge cells. Merged cells are filled in from their master cell (ledgers
 * merge a county's cell over all its projects, and header cells over their sub-columns). Formula cells give their
 * last computed value; dates their ISO day.
 */
/** `hidden`: a sheet Excel hides (old data, lookups): not read unless chosen (issue 12). */
export type LedgerSheet = { name: string; rows: string[][]; hidden?: boolean };

export const LEDGER_LIMITS = {
  fileBytes: 20 * 1024 * 1024,
  unzippedBytes: 200 * 1024 * 1024,
  rows: 200_000,
  cellChars: 5_000,
};

export class LedgerFileError extends Error {
  constructor(
    readonly code: 'ledger.empty' | 'ledger.tooLarge' | 'ledger.notASpreadsheet' | 'ledger.xls' | 'ledger.zipBomb' | 'ledger.hugeCell' | 'ledger.tooManyRows',
    readonly detail: Record<string, string> = {},
  ) {
    super(code);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buffer: Buffer, bytes: number[]) => bytes.every((b, i) => buffer[i] === b);

export async function readLedgerFile(file: Buffer): Promise<LedgerSheet[]> {
  if (file.length === 0) throw new LedgerFileError('ledger.empty');
  if (file.length > LEDGER_LIMITS.fileBytes) throw new LedgerFileError('ledger.tooLarge');
  if (startsWith(file, OLE)) throw new LedgerFileError('ledger.xls');
  const sheets = startsWith(file, ZIP) ? await readXlsx(file) : [readCsv(file)];
  for (const sheet of sheets) {
    if (sheet.rows.length > LEDGER_LIMITS.rows) throw new LedgerFileError('ledger.tooManyRows', { sheet: sheet.name });
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.length > LEDGER_LIMITS.cellChars) throw new LedgerFileError('ledger.hugeCell', { sheet: sheet.name, row: String(r + 1), column: String(c + 1) });
      }),
    );
  }
  return sheets;
}

/** CSV as Excel in China writes it: UTF-8 (with or without BOM) or GBK/GB18030. */
function readCsv(file: Buffer): LedgerSheet {
  if (file.subarray(0, 4096).includes(0)) throw new LedgerFileError('ledger.notASpreadsheet');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    text = iconv.decode(file, 'gb18030');
  }
  text = text.replace(/^\uFEFF/, '');
  try {
    const rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    return { name: 'CSV', rows: rows.map((row) => row.map((cell) => unescapeCellText(cell).trim())) };
  } catch {
    throw new LedgerFileError('ledger.notASpreadsheet');
  }
}

async function readXlsx(file: Buffer): Promise<LedgerSheet[]> {
  refuseZipBomb(file);
  await refuseInflating(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new LedgerFileError('ledger.notASpreadsheet');
  }
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = [];
    // columnCount walks every row: read it once, not once per cell.
    const columns = sheet.columnCount;
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= columns; c++) cells.push(cellText(row.getCell(c)));
      rows[rowNumber - 1] = cells;
    });
    return { name: sheet.name, rows: Array.from(rows, (row) => row ?? []), ...(sheet.state && sheet.state !== 'visible' ? { hidden: true } : {}) };
  });
}

/**
 * The entries a zip declares in its central directory — names and uncompressed sizes — read before anything is
 * inflated, so a zip bomb is refused by what it claims, not discovered by running out of memory.
 */
function zipEntries(file: Buffer): { name: string; size: number }[] | null {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > file.length) return null;
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  const entries: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) return null;
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const skip = nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    entries.push({ name: file.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + skip;
  }
  return entries;
}

function refuseZipBomb(file: Buffer): void {
  const entries = zipEntries(file);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml')) throw new LedgerFileError('ledger.notASpreadsheet');
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  // 0xFFFFFFFF is Zip64's "see the extra field": a ledger never needs it, a bomb often does.
  if (total > LEDGER_LIMITS.unzippedBytes || entries.some((e) => e.size === 0xffffffff)) throw new LedgerFileError('ledger.zipBomb');
}

function cellText(cell: ExcelJS.Cell): string {
  const source = cell.isMerged && cell.master ? cell.master : cell;
  return valueText(source.value);
}

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  // A text our exports escaped against formula injection ('=…) reads back as it was written.
  if (typeof value === 'string') return unescapeCellText(value).trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if ('result' in value) return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('richText' in value) return unescapeCellText(value.richText.map((t) => t.text).join('')).trim();
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text).trim();
    if ('error' in value) return '';
  }
  return String(value);
}
