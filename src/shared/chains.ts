import { z } from 'zod';
import { ZBodyId, ZId } from './common.ts';
import { ZChainSegment, ZIndustryCode } from './chain-templates.ts';
import { LINK_STATUSES } from '../domain/chains/link-status.ts';
import { ZCandidateItem } from './chain-candidates.ts';

/**
 * Industrial chains (产业链招商, issue 14): the city's chains, copied from a template and edited by the bureau; their
 * link trees, 链长, lead department and 专班; what sits on each link; the chain map with each link's numbers and status.
 */
const ZName = z.string().trim().min(1).max(40);
const ZNameEn = z.string().trim().min(1).max(80);
const ZWord = z.string().trim().min(1).max(40);
const ZLocalized = z.object({ zh: z.string(), en: z.string() });

export const ZLinkStatus = z.enum(LINK_STATUSES);
export type TLinkStatus = z.infer<typeof ZLinkStatus>;

/** The bureau's thresholds for 强/弱/缺 (src/domain/chains/link-status.ts); an absent one is the default. */
export const ZChainThresholds = z.object({
  strongMinLocalEnterprises: z.number().int().min(1).max(10_000),
  strongMinLeadingEnterprises: z.number().int().min(1).max(10_000),
  strongMinStartedProjects: z.number().int().min(0).max(10_000),
});
export type TChainThresholds = z.infer<typeof ZChainThresholds>;

export const ZChainTemplateSummary = z.object({ key: z.string(), name: z.string(), nameEn: z.string(), note: z.string(), links: z.number().int() });
export const ZChainTemplateList = z.object({ items: z.array(ZChainTemplateSummary) });

export const ZChainParams = z.object({ id: ZId });
export const ZChainLinkParams = z.object({ id: ZId, linkId: ZId });
export const ZChainRejectionParams = z.object({ id: ZId, linkId: ZId, enterpriseId: ZId });

export const ZCreateChainRequest = z.object({
  /** Copy this template's links (data/chains/<key>.json); none: an empty chain. */
  templateKey: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60).optional(),
  name: ZName.optional(),
  nameEn: ZNameEn.optional(),
});
export type TCreateChainRequest = z.infer<typeof ZCreateChainRequest>;

export const ZUpdateChainRequest = z.object({
  name: ZName.optional(),
  nameEn: ZNameEn.optional(),
  /** 链长. */
  leaderUserId: ZBodyId.nullable().optional(),
  /** 牵头部门. */
  leadDepartmentId: ZBodyId.nullable().optional(),
  active: z.boolean().optional(),
  thresholds: ZChainThresholds.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type TUpdateChainRequest = z.infer<typeof ZUpdateChainRequest>;

export const CHAIN_MEMBER_ROLES = ['head', 'member', 'liaison'] as const;
export const ZChainMemberRole = z.enum(CHAIN_MEMBER_ROLES);
export const ZChainMembersRequest = z.object({
  members: z.array(z.object({ userId: ZBodyId, role: ZChainMemberRole })).max(100),
});
export type TChainMembersRequest = z.infer<typeof ZChainMembersRequest>;

const ZLinkFields = {
  name: ZName,
  nameEn: ZNameEn,
  industryCodes: z.array(ZIndustryCode).max(20),
  keywords: z.array(ZWord).max(40),
  products: z.array(ZWord).max(40),
};
export const ZAddLinkRequest = z.object({
  /** The link it goes under; null: directly under its segment. */
  parentId: ZBodyId.nullable().default(null),
  /** Its segment when directly under one; a sub-link takes its parent's. */
  segment: ZChainSegment,
  ...ZLinkFields,
  industryCodes: ZLinkFields.industryCodes.default([]),
  keywords: ZLinkFields.keywords.default([]),
  products: ZLinkFields.products.default([]),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type TAddLinkRequest = z.input<typeof ZAddLinkRequest>;

export const ZUpdateLinkRequest = z.object({
  name: ZLinkFields.name.optional(),
  nameEn: ZLinkFields.nameEn.optional(),
  industryCodes: ZLinkFields.industryCodes.optional(),
  keywords: ZLinkFields.keywords.optional(),
  products: ZLinkFields.products.optional(),
  /** Moves the link (with its sub-links) under another link of the same chain, or (null) directly under `segment`. */
  parentId: ZBodyId.nullable().optional(),
  segment: ZChainSegment.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Retires the link and its sub-links (the records on them stay), or brings it back. */
  retired: z.boolean().optional(),
});
export type TUpdateLinkRequest = z.infer<typeof ZUpdateLinkRequest>;

export const ZChainLink = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  segment: ZChainSegment,
  name: z.string(),
  nameEn: z.string(),
  industryCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  products: z.array(z.string()),
  position: z.number().int(),
  retired: z.boolean(),
  depth: z.number().int(),
});
export type TChainLink = z.infer<typeof ZChainLink>;

export const ZChainMember = z.object({ userId: z.number().int(), displayName: z.string(), unitName: z.string(), role: ZChainMemberRole });

export const ZChainSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  templateKey: z.string().nullable(),
  active: z.boolean(),
  leaderName: z.string().nullable(),
  leadDepartmentName: z.string().nullable(),
  links: z.number().int(),
});
export type TChainSummary = z.infer<typeof ZChainSummary>;
export const ZChainList = z.object({ items: z.array(ZChainSummary) });

export const ZChain = ZChainSummary.extend({
  leaderUserId: z.number().int().nullable(),
  leadDepartmentId: z.number().int().nullable(),
  /** The thresholds in force: the bureau's, the defaults filling any it did not set. */
  thresholds: ZChainThresholds,
  /** Every link, retired ones included, in the chain's reading order. */
  linkTree: z.array(ZChainLink),
  members: z.array(ZChainMember),
});
export type TChain = z.infer<typeof ZChain>;

/** A link's numbers on the chain map; each is the link's own records and its sub-links', each record once. */
export const ZLinkFigures = z.object({
  localEnterprises: z.number().int(),
  leadingEnterprises: z.number().int(),
  /** Enterprises placed on the link that are not local: whom to attract. */
  targetEnterprises: z.number().int(),
  /** Open leads (new, following) the caller may see. */
  leads: z.number().int(),
  /** Projects placed on the link (not terminated) the caller may see, 在谈 ones included. */
  projects: z.number().int(),
  /** Projects signed (and not terminated) the caller may see. */
  signedProjects: z.number().int(),
  /** Projects started (and not terminated) the caller may see. */
  startedProjects: z.number().int(),
});
export type TLinkFigures = z.infer<typeof ZLinkFigures>;

/** Whether the counts of leads and projects are the whole city's or the caller's units' only. */
export const ZCountScope = z.object({ kind: z.enum(['city', 'subtree']), note: ZLocalized });

export const ZChainMapNode = z.object({
  linkId: z.number().int(),
  parentId: z.number().int().nullable(),
  segment: ZChainSegment,
  name: z.string(),
  nameEn: z.string(),
  depth: z.number().int(),
  figures: ZLinkFigures,
  status: ZLinkStatus,
  reason: ZLocalized,
});
export type TChainMapNode = z.infer<typeof ZChainMapNode>;
export const ZChainMap = z.object({
  chainId: z.number().int(),
  name: z.string(),
  nameEn: z.string(),
  thresholds: ZChainThresholds,
  scope: ZCountScope,
  nodes: z.array(ZChainMapNode),
});
export type TChainMap = z.infer<typeof ZChainMap>;

export const ZPlacementStatus = z.enum(['suggested', 'confirmed']);

/** The records behind one node of the map: they add up to its numbers. `linkId` is the (sub-)link each sits on. */
export const ZLinkRecords = z.object({
  linkId: z.number().int(),
  figures: ZLinkFigures,
  scope: ZCountScope,
  enterprises: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      local: z.boolean(),
      leading: z.boolean(),
      localUnitName: z.string().nullable(),
      sizeBand: z.string().nullable(),
      linkId: z.number().int(),
      placementId: z.number().int(),
    }),
  ),
  leads: z.array(
    z.object({ id: z.number().int(), enterpriseName: z.string(), state: z.string(), unitName: z.string(), linkId: z.number().int(), placementId: z.number().int() }),
  ),
  projects: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      stage: z.string(),
      unitName: z.string(),
      signedOn: z.string().nullable(),
      startedOn: z.string().nullable(),
      signed: z.boolean(),
      started: z.boolean(),
      linkId: z.number().int(),
      placementId: z.number().int(),
    }),
  ),
});
export type TLinkRecords = z.infer<typeof ZLinkRecords>;

export const ZChainGaps = z.object({
  chainId: z.number().int(),
  scope: ZCountScope,
  /** Each gap with its best candidates when asked for (`?candidates=N`); without, no `candidates`. */
  items: z.array(
    ZChainMapNode.extend({
      candidates: z.array(ZCandidateItem).optional(),
      /** When the gap's candidates came from its stored list, the list's time; null when computed live. */
      computedAt: z.string().nullable().optional(),
    }),
  ),
  /**
   * With candidates: the oldest stored list the answer used when every gap's came from one (名单计算于 …), null
   * when any gap's was computed live (实时计算). Absent without candidates.
   */
  computedAt: z.string().nullable().optional(),
});
export type TChainGaps = z.infer<typeof ZChainGaps>;

/** Where a project, lead or enterprise sits, and where it might. */
export const ZPlacement = z.object({
  id: z.number().int(),
  chainId: z.number().int(),
  chainName: z.string(),
  linkId: z.number().int(),
  linkName: z.string(),
  status: ZPlacementStatus,
  reason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type TPlacement = z.infer<typeof ZPlacement>;

export const ZPlacementSuggestion = z.object({
  chainId: z.number().int(),
  chainName: z.string(),
  linkId: z.number().int(),
  linkName: z.string(),
  score: z.number().int(),
  reason: ZLocalized,
});
export type TPlacementSuggestion = z.infer<typeof ZPlacementSuggestion>;

export const ZPlacements = z.object({ placements: z.array(ZPlacement), suggestions: z.array(ZPlacementSuggestion) });
export type TPlacements = z.infer<typeof ZPlacements>;

export const ZPlaceRequest = z.object({ linkId: ZBodyId });
export type TPlaceRequest = z.infer<typeof ZPlaceRequest>;
export const ZEnterprisePlacementParams = z.object({ id: ZId, linkId: ZId });

export const ZRejectCandidateRequest = z.object({ enterpriseId: ZBodyId, reason: z.string().trim().min(1).max(200) });
export type TRejectCandidateRequest = z.infer<typeof ZRejectCandidateRequest>;
export const ZCandidateRejection = z.object({
  linkId: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  reason: z.string(),
  unitName: z.string(),
  userName: z.string(),
  createdAt: z.string(),
});
export type TCandidateRejection = z.infer<typeof ZCandidateRejection>;
export const ZCandidateRejectionList = z.object({ items: z.array(ZCandidateRejection) });
