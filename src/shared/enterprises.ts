import { z } from 'zod';
import { ZCreditCode, ZIdParams, ZListQuery, ZPage, ZHqCode, ZBodyId, ZYuan } from './common.ts';
import { ZIndustryCode } from './projects.ts';
import { ZIsoDate } from './project-stages.ts';
import { TIER_LIST_CODES } from '../domain/enterprise-tiers.ts';

export const ZTierList = z.enum(TIER_LIST_CODES);
export const ZOtherNameKind = z.enum(['former', 'short', 'english', 'alias']);
export type TOtherNameKind = z.infer<typeof ZOtherNameKind>;
export const ZSizeBand = z.enum(['large', 'medium', 'small', 'micro']);

/** A dated list entry (issue 13): 2024 世界500强 #12, 2023 专精特新"小巨人" 第五批. */
export const ZEnterpriseTier = z.object({
  id: z.number().int(),
  list: ZTierList,
  year: z.number().int(),
  rank: z.number().int().nullable(),
  batch: z.string().nullable(),
});
export type TEnterpriseTier = z.infer<typeof ZEnterpriseTier>;

export const ZEnterpriseOtherName = z.object({ id: z.number().int(), kind: ZOtherNameKind, name: z.string() });
export type TEnterpriseOtherName = z.infer<typeof ZEnterpriseOtherName>;

export const ZEnterprise = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  hqRegionCode: z.string().nullable(),
  hqRegionName: z.string().nullable(),
  /** A foreign HQ's city as written (慕尼黑); null in China. */
  hqCity: z.string().nullable(),
  /** 世界500强: projects it signs may earn an assessment bonus. Derived from the tier entries (docs/decisions.md). */
  fortuneGlobal500: z.boolean(),
  /** The unit that recorded it (录入单位); every user of the city reads the library's public facts. */
  unitId: z.number().int(),
  unitName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  englishName: z.string().nullable(),
  industryCodes: z.array(z.string()),
  registeredCapitalYuan: z.number().int().nullable(),
  foundedOn: z.string().nullable(),
  businessScope: z.string().nullable(),
  listingExchange: z.string().nullable(),
  listingTicker: z.string().nullable(),
  sizeBand: ZSizeBand.nullable(),
  website: z.string().nullable(),
  parentEnterpriseId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  /** Registered or operating in the city, in this unit; null = a target elsewhere. */
  localUnitId: z.number().int().nullable(),
  localUnitName: z.string().nullable(),
  /** The source region of its investments: the ultimate parent's HQ (domain.md §7). */
  sourceRegionCode: z.string().nullable(),
  sourceRegionName: z.string().nullable(),
  otherNames: z.array(ZEnterpriseOtherName),
  tiers: z.array(ZEnterpriseTier),
  /** Whether the caller may change its public facts (the bureau; staff for enterprises their units recorded). */
  canEdit: z.boolean(),
});
export type TEnterprise = z.infer<typeof ZEnterprise>;
export const ZEnterprisePage = ZPage(ZEnterprise);
export const ZEnterpriseListQuery = ZListQuery;

export const ZCreateEnterpriseRequest = z.object({
  name: z.string().trim().min(2).max(200),
  creditCode: ZCreditCode.nullable().optional(),
  /** A region of China or a foreign country (ISO 3166-1; HK, MO, TW are China's regions 810000, 820000, 710000). */
  hqRegionCode: ZHqCode.nullable().optional(),
  /** A foreign HQ's city as written; only with a country. */
  hqCity: z.string().trim().min(1).max(100).nullable().optional(),
  /** Defaults to the caller's own unit. */
  unitId: ZBodyId.optional(),
  englishName: z.string().trim().min(2).max(300).nullable().optional(),
  industryCodes: z.array(ZIndustryCode).max(10).optional(),
  registeredCapitalYuan: ZYuan.nullable().optional(),
  foundedOn: ZIsoDate.nullable().optional(),
  businessScope: z.string().trim().max(4000).nullable().optional(),
  listingExchange: z.string().trim().min(1).max(50).nullable().optional(),
  listingTicker: z.string().trim().min(1).max(20).nullable().optional(),
  sizeBand: ZSizeBand.nullable().optional(),
  website: z.url({ protocol: /^https?$/ }).max(300).nullable().optional(),
  parentEnterpriseId: ZBodyId.nullable().optional(),
  localUnitId: ZBodyId.nullable().optional(),
});
export type TCreateEnterpriseRequest = z.input<typeof ZCreateEnterpriseRequest>;

export const ZUpdateEnterpriseRequest = ZCreateEnterpriseRequest.partial();
export type TUpdateEnterpriseRequest = z.input<typeof ZUpdateEnterpriseRequest>;

export const ZEnterpriseTierRequest = z.object({
  list: ZTierList,
  year: z.number().int().min(1900).max(2200),
  rank: z.number().int().min(1).max(100000).nullable().optional(),
  batch: z.string().trim().min(1).max(50).nullable().optional(),
});
export type TEnterpriseTierRequest = z.input<typeof ZEnterpriseTierRequest>;
export const ZEnterpriseTierParams = z.object({ id: ZIdParams.shape.id, tierId: ZIdParams.shape.id });

export const ZEnterpriseOtherNameRequest = z.object({ kind: ZOtherNameKind, name: z.string().trim().min(1).max(300) });
export type TEnterpriseOtherNameRequest = z.input<typeof ZEnterpriseOtherNameRequest>;
export const ZEnterpriseNameParams = z.object({ id: ZIdParams.shape.id, nameId: ZIdParams.shape.id });

/** A contact at an enterprise (personal data): its phone masked (138****5678); the whole number is read apart, audited. */
export const ZEnterpriseContact = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type TEnterpriseContact = z.infer<typeof ZEnterpriseContact>;

export const ZEnterpriseContactRequest = z.object({
  name: z.string().trim().min(1).max(100),
  title: z.string().trim().max(100).nullable().optional(),
  phone: z.string().trim().regex(/^[0-9+\-() ]{3,30}$/).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
  /** The unit that collected it; defaults to the caller's own unit. */
  unitId: ZBodyId.optional(),
});
export type TEnterpriseContactRequest = z.input<typeof ZEnterpriseContactRequest>;
export const ZEnterpriseContactParams = z.object({ id: ZIdParams.shape.id, contactId: ZIdParams.shape.id });
export const ZContactPhone = z.object({ phone: z.string().nullable() });

const ZGroupMember = z.object({ id: z.number().int(), name: z.string(), hqRegionCode: z.string().nullable(), hqRegionName: z.string().nullable() });

/** The enterprise page (issue 13): facts, tier history, group tree, the caller's contacts and other units' interest. */
export const ZEnterpriseDetail = z.object({
  enterprise: ZEnterprise,
  /** Newest year first. */
  tierHistory: z.array(ZEnterpriseTier),
  group: z.object({
    /** From the parent up to the ultimate parent. */
    parents: z.array(ZGroupMember),
    children: z.array(ZGroupMember),
  }),
  /** Contacts collected in the caller's units. */
  contacts: z.array(ZEnterpriseContact),
  /** Other units following it (leads, visits, projects outside the caller's units): only their names. */
  interest: z.array(z.object({ unitName: z.string(), kinds: z.array(z.enum(['lead', 'visit', 'project'])) })),
  /** The record this one was merged into (issue 13): read-only, no new work on it; null unless merged. */
  mergedInto: z
    .object({ id: z.number().int(), name: z.string(), mergedAt: z.string(), mergedByName: z.string().nullable() })
    .nullable(),
});
export type TEnterpriseDetail = z.infer<typeof ZEnterpriseDetail>;
