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

/**
 * Chain targets (issue 14): per year × chain × metric, set by the bureau for the city; everyone reads them. The
 * figures are the year to date of the projects confirmed on the chain's links, inside the chosen unit's subtree (a
 * county sees its own contribution against the city's target). Only project and fund metrics count by chain.
 */
export const ZChainTargetsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), unitId: ZId.optional() });
export const ZChainTargetCell = z.object({
  metricKey: z.string(),
  /** The target set, in the metric's unit; null when none is set. */
  target: z.number().int().nullable(),
  /** The figure from 1 January to `asOf`, over the unit's subtree. */
  value: z.number(),
  /** value ÷ target, two decimals rounded half up; null without a target. */
  completion: z.string().nullable(),
});
export const ZChainTargetRow = z.object({
  chainId: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
  cells: z.array(ZChainTargetCell),
});
export const ZChainTargetList = z.object({
  year: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  asOf: z.string(),
  /** The metrics a chain can have a target for, in catalogue order. */
  metricKeys: z.array(z.string()),
  items: z.array(ZChainTargetRow),
});
export type TChainTargetList = z.infer<typeof ZChainTargetList>;
export const ZSetChainTargetsRequest = z.object({
  year: z.number().int().min(2000).max(2100),
  items: z
    .array(z.object({ chainId: ZBodyId, metricKey: z.string().max(50), value: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable() }))
    .max(5000),
});
export type TSetChainTargetsRequest = z.infer<typeof ZSetChainTargetsRequest>;
