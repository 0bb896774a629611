import { z } from 'zod';
import { ZCreditCode, ZListQuery, ZPage, ZRegionCode, ZBodyId } from './common.ts';

export const ZEnterprise = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  hqRegionCode: z.string().nullable(),
  hqRegionName: z.string().nullable(),
  /** 世界500强: projects it signs may earn an assessment bonus. */
  fortuneGlobal500: z.boolean(),
  unitId: z.number().int(),
  unitName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TEnterprise = z.infer<typeof ZEnterprise>;
export const ZEnterprisePage = ZPage(ZEnterprise);
export const ZEnterpriseListQuery = ZListQuery;

export const ZCreateEnterpriseRequest = z.object({
  name: z.string().trim().min(2).max(200),
  creditCode: ZCreditCode.nullable().optional(),
  hqRegionCode: ZRegionCode.nullable().optional(),
  fortuneGlobal500: z.boolean().optional(),
  /** Defaults to the caller's own unit. */
  unitId: ZBodyId.optional(),
});
export type TCreateEnterpriseRequest = z.input<typeof ZCreateEnterpriseRequest>;

export const ZUpdateEnterpriseRequest = ZCreateEnterpriseRequest.partial();
export type TUpdateEnterpriseRequest = z.input<typeof ZUpdateEnterpriseRequest>;
