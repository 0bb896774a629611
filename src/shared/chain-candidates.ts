import { z } from 'zod';
import { TIER_LIST_CODES } from '../domain/enterprise-tiers.ts';
import {
  CANDIDATE_FACTORS,
  DEFAULT_CANDIDATE_WEIGHTS,
  SIZE_BANDS,
  type TCandidate,
  type TCandidateLink,
  type TCandidateReason,
  type TCandidateWeights,
} from '../domain/chains/candidates.ts';
import { ZIndustryCode } from './chain-templates.ts';

/**
 * Whom to attract for a chain link (招谁, issue 14): the bureau's weights and the candidates with their reasons. The
 * scoring rules and the shapes are in src/domain/chains/candidates.ts; the search over the library in
 * src/server/chains/candidates.ts.
 */
export { DEFAULT_CANDIDATE_WEIGHTS, CANDIDATE_FACTORS, SIZE_BANDS };
export type { TCandidate, TCandidateLink, TCandidateReason, TCandidateWeights };

const ZPoints = z.number().int().min(0).max(100);

export const ZCandidateLink: z.ZodType<TCandidateLink> = z.object({
  industryCodes: z.array(ZIndustryCode).max(20),
  keywords: z.array(z.string().trim().min(1).max(20)).max(40),
  products: z.array(z.string().trim().min(1).max(40)).max(40),
});

export const ZCandidateWeights: z.ZodType<TCandidateWeights> = z.object({
  industry: z.object({
    /** An enterprise code inside one of the link's codes (3841 for 3841 or for 384, any C-code for C). */
    exact: ZPoints,
    /** The same 中类 (3841 for 3849) or a coarser code of the link's (38 for 3841). */
    parent: ZPoints,
  }),
  keywords: z.object({
    /** The most the keyword factor gives, however many terms match. */
    max: ZPoints,
    /** What one mention of one term gives at full rarity. */
    perTerm: ZPoints,
    /** BM25's k1: how fast repeats of a term saturate (0 = the first mention is all). */
    saturation: z.number().min(0).max(10),
  }),
  /** Points of the best tier entry the enterprise has; lists left out give nothing. */
  tiers: z.partialRecord(z.enum(TIER_LIST_CODES), ZPoints),
  size: z.partialRecord(z.enum(SIZE_BANDS), ZPoints),
  /** Priority source regions: keys of data/region-presets.json (长三角, 粤港澳大湾区, 欧美…) with their points; the best counts. */
  regions: z.array(z.object({ preset: z.string().trim().min(1).max(40), points: ZPoints })).max(30),
  relationship: z.object({
    /** At least one lead on the enterprise that the caller may see. */
    lead: ZPoints,
    /** At least one visit, talk or reception with the enterprise that the caller may see. */
    visit: ZPoints,
  }),
  /** An enterprise of the same group tree is already local (a plant nearby). */
  groupNearby: ZPoints,
});

export const ZCandidateReason: z.ZodType<TCandidateReason> = z.object({
  factor: z.enum(CANDIDATE_FACTORS),
  points: z.number().int(),
  /** The reason in Chinese with its evidence ("行业代码 3841 完全匹配"); the points are shown beside it. */
  text: z.string(),
  textEn: z.string(),
});

export const ZCandidate: z.ZodType<TCandidate> = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  /** The sum of the reasons' points. */
  score: z.number().int(),
  reasons: z.array(ZCandidateReason),
});

/** GET /api/chains/:id/links/:linkId/candidates?limit= — 1..100, 20 when left out. */
export const ZCandidateListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type TCandidateListQuery = z.infer<typeof ZCandidateListQuery>;

/** A tier the candidate is on, for its tag: the list with its newest year. */
export const ZCandidateTier = z.object({ list: z.enum(TIER_LIST_CODES), year: z.number().int(), zh: z.string(), en: z.string() });
export type TCandidateTier = z.infer<typeof ZCandidateTier>;

/** A candidate as the link drawer shows it: score, reasons, and its tiers as tags (the best-paid one is also a reason). */
export const ZCandidateItem = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  score: z.number().int(),
  reasons: z.array(ZCandidateReason),
  tiers: z.array(ZCandidateTier),
});
export type TCandidateItem = z.infer<typeof ZCandidateItem>;

export const ZCandidateList = z.object({
  linkId: z.number().int(),
  /** How many enterprises are marked "not a fit" for the link (left out). */
  rejected: z.number().int(),
  /**
   * When the link's stored list these come from was computed (the library and weights have not changed since, so the
   * answer is exact); null = computed now, live (src/server/chains/stored-candidates.ts).
   */
  computedAt: z.string().nullable(),
  items: z.array(ZCandidateItem),
});
export type TCandidateList = z.infer<typeof ZCandidateList>;

/** The city's weights (GET/PUT /api/chain-candidate-weights, the bureau's): `custom` false = the defaults. */
export const ZCandidateWeightsSetting = z.object({
  weights: ZCandidateWeights,
  defaults: ZCandidateWeights,
  custom: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TCandidateWeightsSetting = z.infer<typeof ZCandidateWeightsSetting>;
export const ZPutCandidateWeightsRequest = z.object({ weights: ZCandidateWeights });
export type TPutCandidateWeightsRequest = z.infer<typeof ZPutCandidateWeightsRequest>;

/** GET /api/chains/:id/gaps?candidates= — each gap's best 0..5 candidates (0, the default, reads none). */
export const ZChainGapsQuery = z.object({ candidates: z.coerce.number().int().min(0).max(5).default(0) });
export type TChainGapsQuery = z.infer<typeof ZChainGapsQuery>;
