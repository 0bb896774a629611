import { z } from 'zod';
import { ZId } from './common.ts';

/**
 * The city's own industry words (issue 12): its "leading industries" as its ledgers write them (智能制造,
 * 新一代信息技术, 双碳科技, 现代食品…), each with other spellings and, where one fits, a GB/T 4754 code. The bureau
 * keeps the list; everyone reads it. A project's 本市产业 is one of these names, or a ledger's word not yet listed.
 */
export const ZLocalIndustryName = z.string().trim().min(1).max(40);

export const ZLocalIndustry = z.object({
  id: z.number().int(),
  name: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  synonyms: z.array(z.string()),
  active: z.boolean(),
});
export type TLocalIndustry = z.infer<typeof ZLocalIndustry>;
export const ZLocalIndustryList = z.object({ items: z.array(ZLocalIndustry) });

export const ZSaveLocalIndustryRequest = z.object({
  name: ZLocalIndustryName,
  /** A GB/T 4754-2017 code: a section letter or 2–4 digits; null when none fits. */
  industryCode: z.string().trim().regex(/^([A-T]|\d{2,4})$/).nullable().default(null),
  synonyms: z.array(ZLocalIndustryName).max(30).default([]),
  active: z.boolean().default(true),
});
export type TSaveLocalIndustryRequest = z.input<typeof ZSaveLocalIndustryRequest>;

export const ZLocalIndustryParams = z.object({ id: ZId });
