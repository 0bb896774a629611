import { z } from 'zod';

/** Tier list codes a search may filter by (the enterprise library's lists, issue 13). */
export const ENTERPRISE_TIER_LISTS = [
  'fortune_global_500',
  'china_500',
  'private_500',
  'central_soe',
  'soe',
  'listed',
  'little_giant',
  'srdi',
  'high_tech',
  'unicorn',
  'industry_leader',
] as const;

const ZFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** GET /api/enterprises/search: finding one enterprise in the city's library (issue 13). */
export const ZEnterpriseSearchQuery = z.object({
  /** Any 2+ character piece of a name, 简称, former name or alias; full pinyin or initials (ningde, ndsd); a credit-code prefix. */
  q: z.string().trim().max(100).optional(),
  tier: z.enum(ENTERPRISE_TIER_LISTS).optional(),
  /** With `tier`: on that list in that year. */
  tierYear: z.coerce.number().int().min(1900).max(2200).optional(),
  /** A GB/T 4754 code with its subtree: a section letter or 2–4 digits. */
  industry: z.string().regex(/^([A-T]|\d{2,4})$/).optional(),
  /** HQ region: a province (2 digits), a city (4) or a county (6); or a foreign HQ's country (ISO 3166-1, DE). */
  region: z.string().regex(/^(\d{2}|\d{4}|\d{6}|[A-Z]{2})$/).optional(),
  size: z.enum(['large', 'medium', 'small', 'micro']).optional(),
  listed: ZFlag.optional(),
  /** Registered or operating in the city (true) or a target elsewhere (false). */
  local: ZFlag.optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type TEnterpriseSearchQuery = z.input<typeof ZEnterpriseSearchQuery>;

/** Where the query matched: [start, end) ranges in `text` (UTF-16 indexes), for highlighting. */
export const ZEnterpriseSearchMatch = z.object({
  field: z.enum(['name', 'otherName', 'creditCode']),
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type TEnterpriseSearchMatch = z.infer<typeof ZEnterpriseSearchMatch>;

export const ZEnterpriseSearchHit = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  hqRegionCode: z.string().nullable(),
  hqRegionName: z.string().nullable(),
  sizeBand: z.string().nullable(),
  local: z.boolean(),
  /** The tier lists it is on (any year), best first. */
  tiers: z.array(z.string()),
  /** Null when no query was typed (a filtered list). */
  match: ZEnterpriseSearchMatch.nullable(),
});
export type TEnterpriseSearchHit = z.infer<typeof ZEnterpriseSearchHit>;

const ZFacet = z.array(z.object({ key: z.string(), count: z.number().int() }));

export const ZEnterpriseSearchResult = z.object({
  items: z.array(ZEnterpriseSearchHit),
  /** Matches found; when `capped`, at least this many (the search ranks only the first candidates it finds). */
  total: z.number().int(),
  capped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Counts over the matches found, for the screen's filters. */
  facets: z.object({ tier: ZFacet, province: ZFacet, industrySection: ZFacet }),
});
export type TEnterpriseSearchResult = z.infer<typeof ZEnterpriseSearchResult>;
