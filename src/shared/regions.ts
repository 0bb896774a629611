import { z } from 'zod';

export const ZRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  fullName: z.string(),
  /** The full name on an English screen (issue 16): "Xiangcheng District, Xiangyang, Hubei". */
  fullNameEn: z.string().optional(),
});
export type TRegion = z.infer<typeof ZRegion>;
export const ZRegionList = z.object({ items: z.array(ZRegion) });
export const ZRegionQuery = z.object({
  parentCode: z.string().regex(/^\d{6}$/).optional(),
  q: z.string().trim().max(40).optional(),
});
