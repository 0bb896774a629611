import { z } from 'zod';

export const ZIndustry = z.object({
  code: z.string(),
  name: z.string(),
  /** The name on an English screen (issue 16): its own for a section or division, else the Chinese with its division's English. */
  nameEn: z.string(),
  level: z.number().int(),
  section: z.string(),
  parentCode: z.string().nullable(),
});
export type TIndustry = z.infer<typeof ZIndustry>;
export const ZIndustryList = z.object({ items: z.array(ZIndustry) });
export const ZIndustryQuery = z.object({
  parentCode: z.string().regex(/^([A-T]|\d{2,3})$/).optional(),
  q: z.string().trim().max(40).optional(),
});
