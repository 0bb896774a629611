import { z } from 'zod';
import { PERCENT_STYLES } from '../domain/bulletin.ts';
import { isIsoDate } from '../domain/calendar.ts';
import { catalogueIssue, ZId } from './common.ts';

/** Metric values for a period and a unit subtree (issue 5): each with its definition. */
const ZDay = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) ctx.addIssue(catalogueIssue('date.invalid'));
});

export const ZMetricsQuery = z.object({
  from: ZDay,
  to: ZDay,
  /** A unit in the caller's scope: the metric covers its subtree. The caller's whole scope when absent. */
  unitId: ZId.optional(),
  /** Comma-separated metric keys; every metric when absent. */
  keys: z.string().max(500).optional(),
  /**
   * 核实 (issue 17): 'reported' counts every stage change as recorded, 'confirmed' only those confirmed; absent, as the
   * bureau's verification settings say (the bulletin's and assessment's way). Both side by side show what waits.
   */
  counting: z.enum(['reported', 'confirmed']).optional(),
});

export const ZMetricValue = z.object({
  key: z.string(),
  unit: z.enum(['count', 'yuan', 'usd', 'percent', 'days']),
  name: z.object({ zh: z.string(), en: z.string() }),
  definition: z.object({ zh: z.string(), en: z.string() }),
  value: z.number(),
  /** A rate as a percentage with two decimals ("81.48"); other metrics their value. The records: /api/cockpit/records. */
  text: z.string(),
});
export type TMetricValue = z.infer<typeof ZMetricValue>;

export const ZMetricValues = z.object({ from: z.string(), to: z.string(), unitId: z.number().int().nullable(), items: z.array(ZMetricValue) });
export type TMetricValues = z.infer<typeof ZMetricValues>;

/**
 * What counts (domain.md §3 "不予认定"), set by the bureau: sources of funds and industries (GB/T 4754 sections or
 * codes, e.g. "K" or "70" for 房地产) left out, and the thresholds in whole 元.
 */
const ZThreshold = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const ZScopeRules = z.object({
  excludedFundSources: z.array(z.enum(['outOfProvince', 'outOfCity', 'local', 'foreign'])).max(4),
  excludedIndustries: z.array(z.string().regex(/^([A-T]|[0-9]{2,4})$/)).max(50),
  largeProjectYuan: ZThreshold,
  majorProjectYuan: ZThreshold,
  thresholdByType: z.object({ industrial: ZThreshold, other: ZThreshold }),
  /** Leave out projects whose amounts are marked as estimates. */
  excludeEstimated: z.boolean().optional(),
  /** The 首报单位's share, in percent, of a project it reported first for another unit; 0 (default): none. */
  reportingUnitSharePercent: z.number().int().min(0).max(100).optional(),
  /** How the bulletin writes percentages: "twoDecimals" (default, "41.60%") or "trimmed" ("41.6%"). */
  percentStyle: z.enum(PERCENT_STYLES).optional(),
  /** 甄别 (issue 17): hold the later project of each pair under review out of every figure until it is resolved. */
  holdOutUnderReview: z.boolean().optional(),
  /** The cockpit's hero figures (issue 16): 4–6 summable metric keys (at least 4: checked by the service), in order; absent: the defaults. */
  cockpitHeroes: z.array(z.string().max(50)).min(1).max(6).optional(),
});
export type TScopeRules = z.infer<typeof ZScopeRules>;
export const ZScopeRulesState = z.object({ rules: ZScopeRules, isDefault: z.boolean(), updatedAt: z.string().nullable() });
export type TScopeRulesState = z.infer<typeof ZScopeRulesState>;
