import { z } from 'zod';
import { ZBodyId, ZId } from './common.ts';

/** Merging duplicate records of one enterprise (issue 13): what a merge moves, per kind of record. */
export const MERGE_KINDS = ['projects', 'leads', 'visits', 'contacts', 'subsidiaries', 'names', 'tiers', 'chainPlacements', 'chainRejections', 'tripPlanStops'] as const;
export type TMergeKind = (typeof MERGE_KINDS)[number];
export const ZMergeCounts = z.object(Object.fromEntries(MERGE_KINDS.map((kind) => [kind, z.number().int()])) as Record<TMergeKind, z.ZodNumber>);
export type TMergeCounts = z.infer<typeof ZMergeCounts>;

export const ZEnterpriseMergeRequest = z.object({
  /** The duplicate merged into the enterprise of the path, which survives. */
  mergedId: ZBodyId,
  /** Needed when a moved project lies in a closed month (a correction). */
  reason: z.string().trim().max(500).optional(),
});
export type TEnterpriseMergeRequest = z.infer<typeof ZEnterpriseMergeRequest>;

export const ZEnterpriseMergePreviewQuery = z.object({ mergedId: ZId });

/** What a merge would move, before the bureau confirms it. */
export const ZEnterpriseMergePreview = z.object({
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  mergedName: z.string(),
  counts: ZMergeCounts,
  /** Tier entries of the duplicate left on it because the survivor has the same list and year. */
  tiersKept: z.number().int(),
  /** Closed months the moved projects' figures lie in: a reason is then required. */
  closedMonths: z.array(z.string()),
});
export type TEnterpriseMergePreview = z.infer<typeof ZEnterpriseMergePreview>;

export const ZUndoEnterpriseMergeRequest = z.object({ reason: z.string().trim().max(500).optional() });
export type TUndoEnterpriseMergeRequest = z.infer<typeof ZUndoEnterpriseMergeRequest>;

export const ZEnterpriseMerge = z.object({
  id: z.number().int(),
  survivorId: z.number().int(),
  survivorName: z.string(),
  mergedId: z.number().int(),
  mergedName: z.string(),
  counts: ZMergeCounts,
  reason: z.string().nullable(),
  mergedAt: z.string(),
  undoneAt: z.string().nullable(),
});
export type TEnterpriseMerge = z.infer<typeof ZEnterpriseMerge>;
export const ZEnterpriseMergeList = z.object({ items: z.array(ZEnterpriseMerge) });
