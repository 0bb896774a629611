import { z } from 'zod';
import { ZBodyId, ZListQuery, ZPage } from './common.ts';
import { ZProjectState } from './projects.ts';

/** Duplicate claims across units (issue 17): the bureau's 甄别 queue and a unit's view of its project's review. */

export const ZDuplicateReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sameInvestor'), creditCode: z.string().nullable() }),
  z.object({ kind: z.literal('sameGroup') }),
  z.object({ kind: z.literal('sameInvestorName') }),
  z.object({ kind: z.literal('similarInvestorName') }),
  z.object({ kind: z.literal('similarName'), similarity: z.number().int() }),
  z.object({ kind: z.literal('sameAmount') }),
  z.object({ kind: z.literal('closeAmount'), differencePercent: z.number().int() }),
  z.object({ kind: z.literal('sameIndustry'), code: z.string() }),
  z.object({ kind: z.literal('relatedIndustry'), code: z.string() }),
  z.object({ kind: z.literal('closeDates'), days: z.number().int() }),
]);
export type TDuplicateReason = z.infer<typeof ZDuplicateReason>;

export const ZDuplicateClaimStatus = z.enum(['open', 'notDuplicate', 'creditSplit', 'merged']);
export type TDuplicateClaimStatus = z.infer<typeof ZDuplicateClaimStatus>;

/** One side of a pair: the key facts the bureau compares side by side (a code name and no investor when confidential). */
export const ZClaimedProject = z.object({
  id: z.number().int(),
  name: z.string(),
  confidential: z.boolean(),
  unitId: z.number().int(),
  unitName: z.string(),
  reportedUnitName: z.string().nullable(),
  investorName: z.string(),
  investorCreditCode: z.string().nullable(),
  totalInvestmentYuan: z.number().int(),
  contractInvestmentYuan: z.number().int().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  stage: ZProjectState,
  signedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type TClaimedProject = z.infer<typeof ZClaimedProject>;

export const ZCreditSplitResolution = z.object({
  keptProjectId: z.number().int(),
  creditedUnitId: z.number().int(),
  sharePercent: z.number().int(),
});

/** What a 甄别 merge moves from the merged project to the survivor, per kind of record (issue 17). */
export const PROJECT_MERGE_KINDS = ['funds', 'files', 'problems', 'leads', 'visits', 'events', 'chainPlacements'] as const;
export type TProjectMergeKind = (typeof PROJECT_MERGE_KINDS)[number];
export const ZProjectMergeCounts = z.object(Object.fromEntries(PROJECT_MERGE_KINDS.map((kind) => [kind, z.number().int()])) as Record<TProjectMergeKind, z.ZodNumber>);
export type TProjectMergeCounts = z.infer<typeof ZProjectMergeCounts>;

/** A pair's merge while it stands (the bureau's view): which project survived and what moved to it. */
export const ZClaimMerge = z.object({
  id: z.number().int(),
  survivorProjectId: z.number().int(),
  mergedProjectId: z.number().int(),
  counts: ZProjectMergeCounts,
  mergedAt: z.string(),
});
export type TClaimMerge = z.infer<typeof ZClaimMerge>;

export const ZDuplicateClaim = z.object({
  id: z.number().int(),
  /** 0…1000 (thousandths). */
  scorePermille: z.number().int(),
  reasons: z.array(ZDuplicateReason),
  status: ZDuplicateClaimStatus,
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  reason: z.string().nullable(),
  resolution: ZCreditSplitResolution.nullable(),
  /** Set while the pair stands merged; undoing the merge reopens the pair. */
  merge: ZClaimMerge.nullable(),
  projectA: ZClaimedProject,
  projectB: ZClaimedProject,
});
export type TDuplicateClaim = z.infer<typeof ZDuplicateClaim>;

export const ZDuplicateClaimListQuery = ZListQuery.pick({ page: true, pageSize: true }).extend({
  status: z.enum(['open', 'resolved']).default('open'),
});
export type TDuplicateClaimListQuery = z.input<typeof ZDuplicateClaimListQuery>;
export const ZDuplicateClaimPage = ZPage(ZDuplicateClaim);
export type TDuplicateClaimPage = z.infer<typeof ZDuplicateClaimPage>;

export const ZNotDuplicateRequest = z.object({ reason: z.string().trim().max(500).optional() });
export type TNotDuplicateRequest = z.input<typeof ZNotDuplicateRequest>;

/** The kept project's 首报单位 becomes the other project's unit: the existing 首报单位 share then splits its credit. */
export const ZSplitCreditRequest = z.object({
  keptProjectId: ZBodyId,
  reason: z.string().trim().min(2).max(500),
});
export type TSplitCreditRequest = z.input<typeof ZSplitCreditRequest>;

/** One project survives, the other's records move to it; the reason is kept with the merge and any correction. */
export const ZMergeClaimRequest = z.object({
  survivorProjectId: ZBodyId,
  reason: z.string().trim().min(2).max(500),
});
export type TMergeClaimRequest = z.input<typeof ZMergeClaimRequest>;

export const ZUndoProjectMergeRequest = z.object({ reason: z.string().trim().min(2).max(500) });
export type TUndoProjectMergeRequest = z.input<typeof ZUndoProjectMergeRequest>;

/** What a unit learns of its own project's review: that it is under review, and after, by whom it was resolved. */
export const ZProjectDuplicateReview = z.object({
  status: z.enum(['none', 'underReview', 'resolved']),
  outcome: ZDuplicateClaimStatus.exclude(['open']).nullable(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedByUnitName: z.string().nullable(),
});
export type TProjectDuplicateReview = z.infer<typeof ZProjectDuplicateReview>;
