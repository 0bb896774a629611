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

export const ZEnterpriseListSummary = z.object({
  rows: z.number().int(),
  byCode: z.number().int(),
  byName: z.number().int(),
  new: z.number().int(),
  alreadyOnList: z.number().int(),
  refused: z.number().int(),
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
