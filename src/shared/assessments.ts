import { z } from 'zod';
import { ZBodyId } from './common.ts';

/**
 * Assessment (考核, issue 5): a scheme of weighted indicators over the metric catalogue, scored by completion
 * ratio × weight (capped or not) or by the 功效系数法, plus rules that deduct or add points from the records, plus
 * adjustments the bureau records by hand. Scored monthly or quarterly on figures from 1 January to the period's end.
 */
const ZPoints = z
  .number()
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { params: { errorCode: 'assessment.twoDecimals' } });

export const ZIndicator = z.object({
  metricKey: z.string().max(50),
  weight: ZPoints.refine((n) => n > 0 && n <= 1000),
  method: z.enum(['ratio', 'ratioCapped', 'efficacy']),
});
export const ZScoringRule = z.object({
  /** lateStart: each project of the unit whose start deadline passed unstarted; fortune500: each project signed with a 世界500强 investor. */
  kind: z.enum(['lateStart', 'fortune500']),
  pointsEach: ZPoints.refine((n) => n !== 0 && Math.abs(n) <= 100),
});
export const ZSchemeInput = z.object({
  name: z.string().trim().min(2).max(100),
  /** The assessing unit: its direct sub-units are scored. The caller's own unit when absent. */
  unitId: ZBodyId.optional(),
  indicators: z.array(ZIndicator).min(1).max(30),
  rules: z.array(ZScoringRule).max(10).default([]),
  bottomCount: z.number().int().min(0).max(10).default(3),
});
export type TSchemeInput = z.input<typeof ZSchemeInput>;
export const ZScheme = ZSchemeInput.required({ unitId: true }).extend({ id: z.number().int(), unitName: z.string(), updatedAt: z.string() });
export type TScheme = z.infer<typeof ZScheme>;
export const ZSchemeList = z.object({ items: z.array(ZScheme) });

export const ZScoresQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    /** A month (1–12) or a quarter (1–4): figures from 1 January to its end. */
    month: z.coerce.number().int().min(1).max(12).optional(),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
  })
  .refine((q) => (q.month === undefined) !== (q.quarter === undefined), { path: ['month'], params: { errorCode: 'assessment.period' } });
export type TScoresQuery = z.infer<typeof ZScoresQuery>;

/** A line of a unit's computation; `labelEn` / `explanationEn` for the English screen. */
export const ZScoreLine = z.object({ label: z.string(), labelEn: z.string(), points: z.string(), explanation: z.string(), explanationEn: z.string() });
export const ZUnitScore = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  total: z.string(),
  rank: z.number().int(),
  /** Among the bottom N (后N名): named in the bulletin, their heads called in. */
  flagged: z.boolean(),
  lines: z.array(ZScoreLine),
});
export const ZScores = z.object({
  schemeId: z.number().int(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  /** "1—6月" */
  period: z.string(),
  /** How many units were scored; a county sees its own row only, with its rank among them. */
  scored: z.number().int(),
  /** How many at the bottom are named (后N名). */
  bottomCount: z.number().int(),
  units: z.array(ZUnitScore),
});
export type TScores = z.infer<typeof ZScores>;

export const ZAdjustmentInput = z.object({
  unitId: ZBodyId,
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
  label: z.string().trim().min(1).max(100),
  pointsEach: ZPoints.refine((n) => n !== 0 && Math.abs(n) <= 100),
  count: z.number().int().min(1).max(10_000),
  reason: z.string().trim().min(1).max(500),
});
export type TAdjustmentInput = z.infer<typeof ZAdjustmentInput>;

export const ZAdjustment = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  month: z.number().int(),
  label: z.string(),
  pointsEach: z.number(),
  count: z.number().int(),
  reason: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  /** Withdrawn with a reason: no longer counts, still on the record. */
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type TAdjustment = z.infer<typeof ZAdjustment>;
export const ZAdjustmentList = z.object({ items: z.array(ZAdjustment) });
export const ZAdjustmentsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const ZWithdrawAdjustmentRequest = z.object({ reason: z.string().trim().min(1).max(500) });
