import { z } from 'zod';
import { ZBodyId, ZYuan } from './common.ts';

/** Count once (三明, issue 17): actions recorded on a project instead of new projects (src/domain/count-once.ts). */
export const ZCountOnceAction = z.enum(['resign', 'supplement', 'phase', 'expansion', 'investorChange']);
export type TCountOnceAction = z.infer<typeof ZCountOnceAction>;

export const ZCountOnceRequest = z.object({
  action: ZCountOnceAction,
  /** The day it happened (the agreement's date, the capital increase's registration …). */
  date: z.string().max(20),
  reason: z.string().trim().max(500),
  /** 增资扩产 only: the investment added, whole 元. */
  incrementYuan: ZYuan.nullish(),
  /** 投资方变更 only: the new investor, from the city's enterprise library. */
  investorEnterpriseId: ZBodyId.nullish(),
});
export type TCountOnceRequest = z.input<typeof ZCountOnceRequest>;

export const ZCountOnceRecord = z.object({
  id: z.number().int(),
  action: ZCountOnceAction,
  happenedOn: z.string(),
  reason: z.string(),
  incrementYuan: z.number().int().nullable(),
  /** 投资方变更: who the investor was and became (names as they were then). */
  fromInvestorName: z.string().nullable(),
  toInvestorName: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type TCountOnceRecord = z.infer<typeof ZCountOnceRecord>;
export const ZCountOnceList = z.object({ items: z.array(ZCountOnceRecord) });
export type TCountOnceList = z.infer<typeof ZCountOnceList>;
