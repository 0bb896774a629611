import type ExcelJS from 'exceljs';
import { escapeCellText } from '../../domain/spreadsheet-cells.ts';

/**
 * Escapes every text cell of a workbook about to be written (src/domain/spreadsheet-cells.ts): titles, headers,
 * names, notes — whatever a writer put there. Numbers, dates and empty cells are left as they are. A streaming
 * writer, whose rows leave as they are committed, escapes each row with `escapeRow` instead.
 */
export function escapeWorkbook(workbook: ExcelJS.Workbook): ExcelJS.Workbook {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (typeof value === 'string') {
          const escaped = escapeCellText(value);
          if (escaped !== value) cell.value = escaped;
        } else if (value && typeof value === 'object' && 'richText' in value && value.richText.length > 0) {
          const [first, ...rest] = value.richText;
          const escaped = escapeCellText(first!.text);
          if (escaped !== first!.text) cell.value = { richText: [{ ...first!, text: escaped }, ...rest] };
        } else if (value && typeof value === 'object' && 'hyperlink' in value && typeof value.text === 'string') {
          const escaped = escapeCellText(value.text);
          if (escaped !== value.text) cell.value = { ...value, text: escaped };
        }
      });
    });
  });
  return workbook;
}
