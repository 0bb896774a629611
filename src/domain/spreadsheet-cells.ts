/**
 * Formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a cell whose text begins with = + - @ (and, in
 * some programs, a tab or a carriage return before them). Every xlsx and csv the app writes passes its text cells
 * through here, so a project named "=HYPERLINK(…)" or a note "-5" reaches Excel as text beginning with ', which
 * Excel never evaluates. Numbers stay numbers (a negative amount is a number cell, never text); dates stay dates.
 * The ledger import takes the ' off again (`unescapeCellText`), so an exported sheet re-imports unchanged.
 */

/** OWASP's list, and a NUL character, which ASVS 5.0 (1.2.10) adds. */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\u0000']);

/** Text as a spreadsheet must receive it: prefixed with ' when it begins with a formula trigger. */
export function escapeCellText(text: string): string {
  return isFormulaLike(text) || isQuoted(text) ? `'${text}` : text;
}

/** A cell value as written: text escaped, anything else (numbers, dates, null, rich values) as it is. */
export function escapeCellValue<T>(value: T): T | string {
  return typeof value === 'string' ? escapeCellText(value) : value;
}

/** Every value of a row, escaped. */
export function escapeRow<T>(values: readonly T[]): (T | string)[] {
  return values.map(escapeCellValue);
}

/** The text a sheet's cell held before the export escaped it: the ' escaping added is dropped. */
export function unescapeCellText(text: string): string {
  return isQuoted(text) ? text.slice(1) : text;
}

/**
 * A ' before a trigger or before another ': what escaping makes. A text that already looks so gets one ' more, so
 * that reading back always gives the text written ("'=" is written "''=").
 */
function isQuoted(text: string): boolean {
  return text.length > 1 && text[0] === "'" && (TRIGGERS.has(text[1]!) || text[1] === "'");
}

/** Whether a text would be evaluated by a spreadsheet if written as it is. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && TRIGGERS.has(text[0]!);
}
