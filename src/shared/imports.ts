import { z } from 'zod';
import { LEDGER_FIELDS } from '../domain/ledger-columns.ts';
import { ZId, MAX_PAGE } from './common.ts';

/**
 * Ledger imports (issue 4): a file is uploaded and read into a preview (the dry run) — what each row would create,
 * update, leave unchanged or why it is refused. The user may fix the column mapping (kept per unit as a template),
 * download the file back with an error column, then commit: all rows in one transaction, or none. A committed
 * import can be reverted as a whole.
 */
export const ZLedgerField = z.enum(LEDGER_FIELDS);
export const ZMoneyUnit = z.enum(['元', '万元', '亿元']);

/** Field → the 0-based column that holds it (and the money unit the column is in, when its header names one). */
export const ZColumnMapping = z.partialRecord(ZLedgerField, z.object({ index: z.number().int().min(0).max(500), unit: ZMoneyUnit.optional() }));
export type TColumnMapping = z.infer<typeof ZColumnMapping>;

/** A refused row's cell fixed in the preview: the sheet and row as the preview names them, the field, the new text. */
export const ZCellCorrection = z.object({
  sheet: z.string().max(100),
  rowNumber: z.number().int().min(1).max(1_000_000),
  field: ZLedgerField,
  value: z.string().max(500),
});
export type TCellCorrection = z.infer<typeof ZCellCorrection>;

/** Multipart fields sent beside the file; also the body of a re-read with another sheet or mapping. */
export const ZImportOptions = z.object({
  /** Where rows without a 所属单位 land; the caller's own unit when not given. */
  unitId: ZId.optional(),
  /** The sheet to read; every sheet with a recognisable project header when not given or empty (issue 12). */
  sheet: z.string().max(100).optional(),
  /** The year for dates written without one ("3月1日"), when the title does not say. */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  mapping: ZColumnMapping.optional(),
  /** Keep this mapping as the unit's template for ledgers with the same header. */
  saveTemplate: z.boolean().optional(),
  /**
   * Cells of refused rows fixed in the preview (issue 16), applied to the sheet as uploaded before it is read. On a
   * re-read they are added to the batch's earlier ones (the same cell again replaces its earlier text); an empty list
   * clears them.
   */
  corrections: z.array(ZCellCorrection).max(500).optional(),
});
export type TImportOptions = z.input<typeof ZImportOptions>;

export const ZImportAction = z.enum(['create', 'update', 'unchanged', 'refused']);
export type TImportAction = z.infer<typeof ZImportAction>;

export const ZImportStatus = z.enum(['previewed', 'committed', 'reverted']);

export const ZImportRow = z.object({
  /** The sheet the row is on (a workbook may hold projects on several, issue 12). */
  sheet: z.string(),
  rowNumber: z.number().int(),
  action: ZImportAction,
  projectId: z.number().int().nullable(),
  name: z.string(),
  unitName: z.string().nullable(),
  investorName: z.string().nullable(),
  /** Whether the investor is an enterprise already on record or one the import will add. */
  investor: z.enum(['matched', 'new']).nullable(),
  /** The stage the row leaves the project at (its last imported stage, or the progress word's). */
  stage: z.string().nullable(),
  totalInvestmentYuan: z.number().int().nullable(),
  signedOn: z.string().nullable(),
  /** Fields an update changes (ledger field names). */
  changes: z.array(z.string()),
  /** Why the row is refused: "第12行 签约时间：'2023.13.1' 不是有效日期". */
  problems: z.array(z.string()),
  /** The same sentences for the English screen (issue 16): "Row 12, Signing date: '2023.13.1' is not a valid date". */
  problemsEn: z.array(z.string()).optional(),
  /** What the import does not take from the row, and why; these do not stop the import. */
  warnings: z.array(z.string()),
  /** The same warnings for the English screen (issue 16): "Row 7, Signing date gives only the month; …". */
  warningsEn: z.array(z.string()).optional(),
  /** The refused cells, field and text as read, for fixing the row in the preview (issue 16). */
  refusedCells: z.array(z.object({ field: ZLedgerField, raw: z.string() })).optional(),
});
export type TImportRow = z.infer<typeof ZImportRow>;

export const ZImportCounts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  /** Title, section, subtotal/total and note rows passed over. */
  skipped: z.number().int(),
});

/** An amount column's unit as the preview read it, and where it came from (issue 12). */
export const ZAmountUnit = z.object({
  field: z.enum(['totalInvestment', 'contractInvestment']),
  /** 0-based column. */
  index: z.number().int(),
  label: z.string(),
  unit: ZMoneyUnit,
  /** mapping: set by hand; header: the column's header names it; sheet: the unit line or title; assumed: nothing named one. */
  source: z.enum(['mapping', 'header', 'sheet', 'assumed']),
  /** A foreign currency the header or unit line names ("万美元"): the column's amounts are refused. */
  currency: z.string().nullable(),
});
export type TAmountUnit = z.infer<typeof ZAmountUnit>;

/** One sheet read as project rows. */
export const ZSheetRead = z.object({
  name: z.string(),
  headerRow: z.number().int().nullable(),
  /** Rows read as projects (created, updated, unchanged or refused). */
  projectRows: z.number().int(),
  amountUnits: z.array(ZAmountUnit),
});
export type TSheetRead = z.infer<typeof ZSheetRead>;

/** A row passed over, and what it was: a title, a section heading, a subtotal or total, a note. */
export const ZSkippedRow = z.object({ sheet: z.string(), rowNumber: z.number().int(), kind: z.enum(['title', 'section', 'total', 'note']) });
export type TSkippedRow = z.infer<typeof ZSkippedRow>;

export const ZImportBatch = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: ZImportStatus,
  unitId: z.number().int(),
  unitName: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  revertedAt: z.string().nullable(),
  /** `hidden`: a sheet Excel hides, read only when chosen (issue 12). */
  sheets: z.array(z.object({ name: z.string(), rows: z.number().int(), hidden: z.boolean().optional() })),
  /** The sheet chosen, or (every project sheet read) the first of them; its header, labels and mapping follow. */
  sheet: z.string(),
  /** Every sheet read as project rows: all that have a project header unless one was chosen (issue 12). */
  sheetsRead: z.array(ZSheetRead),
  /** Whether one sheet was chosen (the options' sheet) rather than every project sheet read. */
  sheetChosen: z.boolean(),
  skippedRows: z.array(ZSkippedRow),
  headerRow: z.number().int().nullable(),
  /** The header's labels, one per column ("投资额(万元)/总投资" for a two-row header). */
  labels: z.array(z.string()),
  mapping: ZColumnMapping,
  mappingSource: z.enum(['detected', 'template', 'given']),
  moneyUnit: ZMoneyUnit,
  titleYear: z.number().int().nullable(),
  counts: ZImportCounts,
  /**
   * Industry words of the ledger that are not on the city's list of local industries (issue 12), each once with the
   * number of rows that write it: kept as those projects' 本市产业, with no GB/T code, until the bureau lists them.
   */
  unknownIndustries: z.array(z.object({ word: z.string(), rows: z.number().int() })).optional(),
  /** The cells fixed in the preview so far (issue 16), applied to the file as uploaded; none before issue 16. */
  corrections: z.array(ZCellCorrection).optional(),
  /** The whole file's refusal when it cannot be read as a ledger at all (no header found). */
  problem: z.string().nullable(),
});
export type TImportBatch = z.infer<typeof ZImportBatch>;

export const ZImportBatchList = z.object({ items: z.array(ZImportBatch) });

export const ZImportRowsQuery = z.object({
  action: ZImportAction.optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const ZImportRowPage = z.object({
  items: z.array(ZImportRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Where a long import stands, for the progress bar: reading, checking, writing. */
export const ZImportProgress = z.object({
  phase: z.enum(['idle', 'reading', 'checking', 'writing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
export type TImportProgress = z.infer<typeof ZImportProgress>;

/** GET /api/imports/template.xlsx: the blank ledger, its amounts in 万元 or 亿元. */
export const ZBlankLedgerQuery = z.object({ moneyUnit: z.enum(['万元', '亿元']).default('万元') });
