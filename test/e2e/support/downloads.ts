import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Download, Locator } from 'playwright-core';

/**
 * What a browser test reads out of a file the page let it download, to compare with what the page showed — a file
 * name alone says nothing about whether the export applied the page's filters (issue 20).
 */

/** The downloaded workbook's first sheet as rows of cell texts, empty rows left out. */
export async function downloadedRows(download: Download): Promise<string[][]> {
  assertDownloaded(await download.failure());
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) cells.push(row.getCell(column).text);
    rows.push(cells);
  });
  return rows;
}

/**
 * The rows under the header row whose first cell is `firstHeader` (序号), as objects keyed by the header's texts;
 * throws if the header is not there, so a file of another layout cannot pass as empty.
 */
export async function downloadedTable(download: Download, firstHeader = '序号'): Promise<Record<string, string>[]> {
  const rows = await downloadedRows(download);
  const at = rows.findIndex((row) => row[0] === firstHeader);
  if (at < 0) throw new Error(`no header row starting with ${firstHeader} in the downloaded ${download.suggestedFilename()}`);
  const header = rows[at]!;
  return rows.slice(at + 1).map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/** The cell texts of every data row an antd table shows (not its header, not an empty-table placeholder). */
export async function shownTableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr.ant-table-row').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell.textContent ?? '').trim())),
  );
}

function assertDownloaded(failure: string | null) {
  if (failure !== null) throw new Error(`the download failed: ${failure}`);
}
