import { z } from 'zod';
import { isIsoDate } from '../domain/calendar.ts';
import { catalogueIssue } from './common.ts';

/** Metric values for a period and a unit subtree (issue 5): each with its definition and the records behind it. */
const ZDay = z.string().superRefine((value, ctx) => {
  if (!isIsoDate(value)) ctx.addIssue(catalogueIssue('date.invalid'));
});

export const ZMetricsQuery = z.object({
  from: ZDay,
  to: ZDay,
  /** A unit in the caller's scope: the metric covers its subtree. The caller's whole scope when absent. */
  unitId: z.coerce.number().int().positive().optional(),
  /** Comma-separated metric keys; every metric when absent. */
  keys: z.string().max(500).optional(),
});

export const ZMetricValue = z.object({
  key: z.string(),
  unit: z.enum(['count', 'yuan', 'usd', 'percent']),
  name: z.object({ zh: z.string(), en: z.string() }),
  definition: z.object({ zh: z.string(), en: z.string() }),
  value: z.number(),
  text: z.string(),
  /** The projects that make the number (for a sum: whose amounts add up to it). */
  projectIds: z.array(z.number().int()),
  fundIds: z.array(z.number().int()),
});
export type TMetricValue = z.infer<typeof ZMetricValue>;

export const ZMetricValues = z.object({ from: z.string(), to: z.string(), unitId: z.number().int().nullable(), items: z.array(ZMetricValue) });
export type TMetricValues = z.infer<typeof ZMetricValues>;
