import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Ledger files as bureaus keep them, generated for tests: title rows, a unit line, a two-row header with merged
 * cells, section rows, subtotal and total rows, notes under the table.
 */
export type LedgerRow = (string | number | Date | null)[];

export const LEDGER_HEADER_TOP = ['序号', '项目名称', '签约企业', '统一社会信用代码', '投资方所在地', '投资额(万元)', '', '签约时间', '开工时间', '所属县(市、区)', '项目进展', '包联领导', '备注'];
export const LEDGER_HEADER_BELOW = ['', '', '', '', '', '总投资', '合同投资', '', '', '', '', '', ''];

export async function ledgerXlsx(options: { title: string; sections: { title: string; rows: LedgerRow[] }[]; unitLine?: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('签约项目');
  sheet.addRow([options.title]);
  sheet.mergeCells(1, 1, 1, LEDGER_HEADER_TOP.length);
  sheet.addRow([options.unitLine ?? '单位:万元', '', '', '', '', '', '', '', '', '', '填报日期:2026年3月1日']);
  sheet.addRow(LEDGER_HEADER_TOP);
  sheet.addRow(LEDGER_HEADER_BELOW);
  // Single-column headers span both header rows; 投资额 spans its two sub-columns.
  for (const column of [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13]) sheet.mergeCells(3, column, 4, column);
  sheet.mergeCells(3, 6, 3, 7);
  let serial = 0;
  for (const section of options.sections) {
    sheet.addRow([section.title]);
    for (const row of section.rows) sheet.addRow([++serial, ...row]);
    sheet.addRow(['小计', '', '', '', '', { formula: 'SUM(F1:F2)', result: 0 } as never]);
  }
  sheet.addRow(['合计']);
  sheet.addRow(['填报人:李四  审核人:王五']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A plain one-row-header CSV, in GBK as Excel in China saves it. */
export function ledgerCsvGbk(header: string[], rows: (string | number)[][]): Buffer {
  const quote = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n');
  return iconv.encode(text, 'gbk');
}

/** A multipart body with one file and some text fields, as a browser sends it. */
export function multipartBody(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----zhaoshang' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
