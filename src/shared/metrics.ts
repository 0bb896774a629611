import { z } from 'zod';
import { isIsoDate } from '../domain/calendar.ts';
import { catalogueIssue } from './common.ts';

/** Metric values for a period and a unit subtree (issue 5): each with its definition. */
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
  /** A rate as a percentage with two decimals ("81.48"); other metrics their value. The records: /api/cockpit/records. */
  text: z.string(),
});
export type TMetricValue = z.infer<typeof ZMetricValue>;

export const ZMetricValues = z.object({ from: z.string(), to: z.string(), unitId: z.number().int().nullable(), items: z.array(ZMetricValue) });
export type TMetricValues = z.infer<typeof ZMetricValues>;
