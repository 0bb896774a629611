import { z } from 'zod';
import { ZTierList } from './enterprises.ts';

/** Enterprise list imports (issue 13 "Filling it"): a 500强 list, a batch of 小巨人, a park's enterprises. */

export const ZEnterpriseListOptions = z.object({
  list: ZTierList,
  year: z.coerce.number().int().min(1900).max(2200),
  batch: z.string().trim().min(1).max(50).optional(),
});
export type TEnterpriseListOptions = z.input<typeof ZEnterpriseListOptions>;

/** What a row does: matched by credit code, by (normalised) name or other name, new, already on the list that year. */
export const ZEnterpriseListMatch = z.enum(['code', 'name', 'new']);

/** The facts a list may carry besides names (issue 13): each written, kept, differing from the library, or refused. */
export const ZEnterpriseListFact = z.enum(['region', 'industry', 'capital', 'founded', 'listing']);
export type TEnterpriseListFact = z.infer<typeof ZEnterpriseListFact>;
export const ZEnterpriseListFactStatus = z.enum(['write', 'same', 'differ', 'refused']);

/** One fact of one row: what the list says (as the library would show it) and what happens to it. */
export const ZEnterpriseListRowFact = z.object({
  field: ZEnterpriseListFact,
  status: ZEnterpriseListFactStatus,
  /** The list's value as read ("5,000万元", "湖北省襄阳市", "SZSE 300750"), or the cell as written when refused. */
  value: z.string(),
  /** What the library has, when it differs. */
  library: z.string().nullable(),
});

export const ZEnterpriseListRow = z.object({
  rowNumber: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  rank: z.number().int().nullable(),
  batch: z.string().nullable(),
  match: ZEnterpriseListMatch,
  enterpriseId: z.number().int().nullable(),
  /** The name on record when matched (it may be written differently from the list's). */
  enterpriseName: z.string().nullable(),
  /** The enterprise already has this list's entry for the year: the row changes nothing. */
  alreadyOnList: z.boolean(),
  facts: z.array(ZEnterpriseListRowFact),
});
export type TEnterpriseListRow = z.infer<typeof ZEnterpriseListRow>;

export const ZEnterpriseListRefusal = z.object({
  rowNumber: z.number().int(),
  field: z.string(),
  code: z.enum(['required', 'creditCode', 'rank', 'duplicate']),
  /** The message in both languages, naming the row and the field. */
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TEnterpriseListRefusal = z.infer<typeof ZEnterpriseListRefusal>;

/**
 * A field of one row that is not written — a value the list gives that cannot be read (refused), or one that differs
 * from the library's (kept as the library has it) — with the message naming the row, the field and the text.
 */
export const ZEnterpriseListFactIssue = z.object({
  rowNumber: z.number().int(),
  field: ZEnterpriseListFact,
  kind: z.enum(['refused', 'differ']),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type TEnterpriseListFactIssue = z.infer<typeof ZEnterpriseListFactIssue>;

/**
 * A column of the header as read: its label, what it was recognised as (null: not read — its cells go nowhere), and
 * for the fact columns how many of its values will be written, are kept (the library has them already), differ from
 * the library's, or are refused; rows refused whole are not counted.
 */
export const ZEnterpriseListColumn = z.object({
  index: z.number().int(),
  label: z.string(),
  column: z.enum(['name', 'creditCode', 'rank', 'region', 'industry', 'capital', 'founded', 'listing', 'batch']).nullable(),
  counts: z.object({ write: z.number().int(), same: z.number().int(), differ: z.number().int(), refused: z.number().int() }).nullable(),
});
export type TEnterpriseListColumn = z.infer<typeof ZEnterpriseListColumn>;

export const ZEnterpriseListSummary = z.object({
  rows: z.number().int(),
  byCode: z.number().int(),
  byName: z.number().int(),
  new: z.number().int(),
  alreadyOnList: z.number().int(),
  refused: z.number().int(),
  /** Facts refused in rows that are imported (the rows go in without them). */
  factsRefused: z.number().int(),
  /** Facts that differ from the library's (not overwritten). */
  factsDiffering: z.number().int(),
});

export const ZEnterpriseListImport = z.object({
  id: z.number().int(),
  fileName: z.string(),
  list: ZTierList,
  year: z.number().int(),
  batch: z.string().nullable(),
  status: z.enum(['previewed', 'committed', 'reverted']),
  summary: ZEnterpriseListSummary,
  /** The first rows of the preview (all refusals are in `refusals`). */
  rows: z.array(ZEnterpriseListRow),
  refusals: z.array(ZEnterpriseListRefusal),
  columns: z.array(ZEnterpriseListColumn),
  /** The first FACT_ISSUES field refusals and differences (all are counted in `summary`; all refusals are in the error file). */
  factIssues: z.array(ZEnterpriseListFactIssue),
  /** The refused rows and fields as an xlsx (the rows as written plus 原因), when there are any. */
  errorFileUrl: z.string().nullable(),
  /** Facts filled on enterprises already in the library by the commit. */
  filledFacts: z.number().int(),
  createdTiers: z.number().int(),
  createdEnterprises: z.number().int(),
});
export type TEnterpriseListImport = z.infer<typeof ZEnterpriseListImport>;

export const ZEnterpriseListProgress = z.object({
  phase: z.enum(['idle', 'checking', 'writing', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
export type TEnterpriseListProgress = z.infer<typeof ZEnterpriseListProgress>;

/** GET /api/enterprise-lists/template.xlsx: the blank list for a tier list (a rank column where the list ranks). */
export const ZEnterpriseListTemplateQuery = z.object({ list: ZTierList });
