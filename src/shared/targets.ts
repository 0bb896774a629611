import { z } from 'zod';
import { ZId, ZBodyId } from './common.ts';

/** Yearly targets (目标任务, issue 5): per year × unit × metric; progress is computed from records, never typed in. */
export const ZTargetsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const ZTarget = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  metricKey: z.string(),
  /** In the metric's unit: whole 元, whole US dollars, or a count. */
  value: z.number().int(),
});
export type TTarget = z.infer<typeof ZTarget>;
export const ZTargetList = z.object({ year: z.number().int(), items: z.array(ZTarget) });

/** The bureau's grid: each cell set (a positive value) or cleared (null). */
export const ZSetTargetsRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  items: z
    .array(z.object({ unitId: ZBodyId, metricKey: z.string().max(50), value: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable() }))
    .max(5000),
});
export type TSetTargetsRequest = z.infer<typeof ZSetTargetsRequest>;

export const ZTargetProgress = z.object({
  metricKey: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  target: z.number().int(),
  value: z.number(),
  /** value ÷ target, two decimals rounded half up. */
  completion: z.string(),
});
export const ZTargetProgressList = z.object({ year: z.number().int(), unitId: z.number().int(), asOf: z.string(), items: z.array(ZTargetProgress) });
export const ZTargetProgressQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), unitId: ZId.optional() });

export const ZTargetsImportFields = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
