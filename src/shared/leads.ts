import { z } from 'zod';
import { ZCreditCode, ZListQuery, ZPage, ZYuan, ZId, ZBodyId } from './common.ts';
import { ZIndustryCode } from './projects.ts';
import { ZIsoDate } from './project-stages.ts';
import { LEAD_SOURCES, LEAD_STATES } from '../domain/leads.ts';

/** Leads (线索 / 意向信息, issue 6): quick intake, follow-up, conversion into a project, or dropped with a reason. */
export const ZLeadSource = z.enum(LEAD_SOURCES);
export const ZLeadState = z.enum(LEAD_STATES);

export const ZLead = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string(),
  creditCode: z.string().nullable(),
  industryCode: z.string().nullable(),
  intendedAmountYuan: z.number().int().nullable(),
  source: ZLeadSource,
  state: ZLeadState,
  collectedOn: z.string(),
  followUpOn: z.string().nullable(),
  note: z.string().nullable(),
  droppedReason: z.string().nullable(),
  projectId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  tripId: z.number().int().nullable(),
  reporterName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TLead = z.infer<typeof ZLead>;
export const ZLeadPage = ZPage(ZLead);
export const ZLeadListQuery = ZListQuery.extend({
  state: ZLeadState.optional(),
  source: ZLeadSource.optional(),
  /** The trip or the resident team the leads came from; one of another unit matches nothing. */
  tripId: ZId.optional(),
  teamId: ZId.optional(),
  /** The leads on one enterprise of the library (its page, issue 13); still only the caller's subtree. */
  enterpriseId: ZId.optional(),
});
export type TLeadListQuery = z.infer<typeof ZLeadListQuery>;

const nullableText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

/** Intake in under a minute: an enterprise on record (by id) or a name (and credit code) as heard. */
export const ZCreateLeadRequest = z
  .object({
    enterpriseId: ZBodyId.nullish(),
    enterpriseName: z.string().trim().min(2).max(200).nullish(),
    creditCode: ZCreditCode.nullish(),
    industryCode: ZIndustryCode.nullish(),
    intendedAmountYuan: ZYuan.nullish(),
    source: ZLeadSource,
    collectedOn: ZIsoDate,
    followUpOn: ZIsoDate.nullish(),
    note: nullableText(1000),
    /** The resident team that collected it, or the trip it came from. */
    teamId: ZBodyId.nullish(),
    tripId: ZBodyId.nullish(),
    /** Defaults to the caller's unit. */
    unitId: ZBodyId.optional(),
  })
  .refine((lead) => !!lead.enterpriseId || !!lead.enterpriseName, { path: ['enterpriseName'], params: { errorCode: 'validation.required' } });
export type TCreateLeadRequest = z.input<typeof ZCreateLeadRequest>;

export const ZUpdateLeadRequest = z
  .object({
    industryCode: ZIndustryCode.nullish(),
    intendedAmountYuan: ZYuan.nullish(),
    source: ZLeadSource,
    followUpOn: ZIsoDate.nullish(),
    note: nullableText(1000),
  })
  .partial();

export const ZMoveLeadRequest = z.object({ to: z.enum(['following', 'dropped']), reason: z.string().trim().max(500).nullish() });

/** Conversion: the project is created with the lead's enterprise (added if new), industry and amount. */
export const ZConvertLeadRequest = z.object({
  name: z.string().trim().min(2).max(200),
  unitId: ZBodyId.optional(),
  totalInvestmentYuan: ZYuan.optional(),
});

export const ZDuplicatesQuery = z.object({ name: z.string().trim().min(2).max(200).optional(), creditCode: z.string().trim().max(30).optional() });
/**
 * Records anywhere in the city that may be the same enterprise. An enterprise is public (the city's library, issue 13):
 * its id and name wherever it was recorded. Another unit's lead or project shows only its kind, its unit and how it
 * matched ("另一单位正在跟进") — never its name, amounts, notes or contacts.
 */
export const ZDuplicate = z.object({
  kind: z.enum(['enterprise', 'lead', 'project']),
  match: z.enum(['creditCode', 'same', 'similar']),
  unitName: z.string(),
  /** An enterprise, and a lead or project within the caller's units: the record's id and name; another unit's lead or project: null. */
  id: z.number().int().nullable(),
  name: z.string().nullable(),
});
export const ZDuplicates = z.object({ items: z.array(ZDuplicate) });
export type TDuplicate = z.infer<typeof ZDuplicate>;
