import { z } from 'zod';

/** Month close (issue 5): a closed month's bulletin is read from the figures kept when it was closed. */
export const ZCloseMonthRequest = z.object({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12) });
export const ZMonthClose = z.object({ year: z.number().int(), month: z.number().int(), closedAt: z.string() });
export type TMonthClose = z.infer<typeof ZMonthClose>;
export const ZMonthCloseList = z.object({ items: z.array(ZMonthClose) });

/** Kept per unit: its name and place in the tree, its metrics from 1 January and a year earlier, its targets. */
export type TClosedFigures = {
  units: Record<
    string,
    { name: string; kind: string; parentId: number | null; now: Record<string, number>; lastYear: Record<string, number>; targets: Record<string, number> }
  >;
  /**
   * Kept per industrial chain (issue 14), by chain id: its names, its targets for the year, and from 1 January the
   * metrics a chain is measured by over each unit's subtree (`byUnit[unitId][metricKey]`), so any unit's bulletin
   * reproduces its chain rows; `order`, the chains' order then (ids as keys read back in id order). Absent in months
   * closed before chains were kept.
   */
  chains?: Record<string, { order: number; name: string; nameEn: string; targets: Record<string, number>; byUnit: Record<string, Record<string, number>> }>;
};

export const ZCorrection = z.object({
  projectId: z.number().int(),
  /** The code name for a confidential project of another unit. */
  projectName: z.string(),
  unitName: z.string(),
  /** The earliest closed month the change touched, "2026-09". */
  closedMonth: z.string(),
  summary: z.string(),
  reason: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type TCorrection = z.infer<typeof ZCorrection>;
