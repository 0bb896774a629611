import { z } from 'zod';
import { ZId } from './common.ts';
import { ZFundSource } from './projects.ts';
import { ZIsoDate } from './project-stages.ts';

export const ZFundEntry = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  arrivedOn: z.string(),
  source: ZFundSource,
  amountYuan: z.number().int().nullable(),
  amountUsd: z.number().int().nullable(),
  evidenceRef: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  voided: z.boolean(),
  voidReason: z.string().nullable(),
});
export type TFundEntry = z.infer<typeof ZFundEntry>;

export const ZProjectFunds = z.object({
  projectId: z.number().int(),
  entries: z.array(ZFundEntry),
  /** Domestic money arrived, whole 元, voided entries left out. */
  arrivedYuan: z.number().int(),
  /** Foreign capital arrived, whole US dollars. */
  arrivedUsd: z.number().int(),
  contractInvestmentYuan: z.number().int().nullable(),
  /** 资金到位率 = domestic funds arrived ÷ contracted investment, in percent with two decimals; null without a contract amount. */
  arrivalRate: z.string().nullable(),
});
export type TProjectFunds = z.infer<typeof ZProjectFunds>;

/** Domestic sources take `amountYuan`; 外资 takes `amountUsd`. */
export const ZRecordFundsRequest = z
  .object({
    arrivedOn: ZIsoDate,
    source: ZFundSource,
    amountYuan: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    amountUsd: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    evidenceRef: z.string().trim().min(1).max(200),
    note: z.string().trim().max(500).optional(),
    /** Required when the money arrived in a closed month: recording it then is a correction (补录). */
    correctionReason: z.string().trim().max(500).optional(),
  })
  .superRefine((value, ctx) => {
    const foreign = value.source === 'foreign';
    if (foreign && value.amountUsd === undefined) ctx.addIssue({ code: 'custom', path: ['amountUsd'], message: 'required', params: { errorCode: 'validation.required' } });
    if (!foreign && value.amountYuan === undefined) ctx.addIssue({ code: 'custom', path: ['amountYuan'], message: 'required', params: { errorCode: 'validation.required' } });
    if (foreign && value.amountYuan !== undefined) ctx.addIssue({ code: 'custom', path: ['amountYuan'], message: 'foreign', params: { errorCode: 'funds.currency' } });
    if (!foreign && value.amountUsd !== undefined) ctx.addIssue({ code: 'custom', path: ['amountUsd'], message: 'domestic', params: { errorCode: 'funds.currency' } });
  });
export type TRecordFundsRequest = z.input<typeof ZRecordFundsRequest>;

export const ZVoidFundsRequest = z.object({ reason: z.string().trim().min(1).max(500) });
export const ZFundEntryParams = z.object({ id: ZId, entryId: ZId });
