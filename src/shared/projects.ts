import { z } from 'zod';
import { PROJECT_STATES } from '../domain/stages.ts';
import { ZListQuery, ZPage, ZYuan, ZId, ZBodyId } from './common.ts';

export const ZProjectState = z.enum(PROJECT_STATES);
export const ZProjectType = z.enum(['industrial', 'other']);
/** 资金来源: 省外境内 / 市外(省内) / 本地 / 外资. */
export const ZFundSource = z.enum(['outOfProvince', 'outOfCity', 'local', 'foreign']);
export const ZIndustryCode = z.string().regex(/^([A-T]|\d{2,4})$/);

export const ZProject = z.object({
  id: z.number().int(),
  /** The real name — or, for a user outside the project's own unit, its code name when it has one. */
  name: z.string(),
  /** True when `name` is the code name and the investor is withheld. */
  confidential: z.boolean(),
  investorEnterpriseId: z.number().int().nullable(),
  investorName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  reportedUnitId: z.number().int().nullable(),
  reportedUnitName: z.string().nullable(),
  projectType: ZProjectType,
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  totalInvestmentYuan: z.number().int(),
  contractInvestmentYuan: z.number().int().nullable(),
  fundSource: ZFundSource.nullable(),
  foreignInvestmentUsd: z.number().int().nullable(),
  isMajor: z.boolean(),
  threeBatch: z.string().nullable(),
  amountsEstimated: z.boolean(),
  responsibleLeader: z.string().nullable(),
  responsibleOfficerId: z.number().int().nullable(),
  responsibleOfficerName: z.string().nullable(),
  codeName: z.string().nullable(),
  /** 项目编号 as the bureau's ledgers write it. */
  code: z.string().nullable(),
  /** 备注. */
  note: z.string().nullable(),
  /** 本市产业: the city's own word for the industry (a name from its list, or a ledger's word not yet listed). */
  localIndustry: z.string().nullable(),
  stage: ZProjectState,
  stageDates: z.record(z.string(), z.string()),
  nextDueOn: z.string().nullable(),
  nextDueRule: z.string().nullable(),
  deadlineStatus: z.enum(['onTrack', 'dueSoon', 'overdue']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProject = z.infer<typeof ZProject>;
export const ZProjectPage = ZPage(ZProject);

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZProjectListQuery = ZListQuery.extend({
  unitId: ZId.optional(),
  stage: ZProjectState.optional(),
  deadlineStatus: z.enum(['onTrack', 'dueSoon', 'overdue']).optional(),
  /** A GB/T 4754 code: the project's industry starts with it (section letters match their divisions). */
  industry: ZIndustryCode.optional(),
  minTotalYuan: z.coerce.number().int().nonnegative().optional(),
  maxTotalYuan: z.coerce.number().int().nonnegative().optional(),
  /** Province, city or county code of the investor's HQ (a 2-, 4- or 6-digit prefix). */
  sourceRegion: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/).optional(),
  projectType: ZProjectType.optional(),
  fundSource: ZFundSource.optional(),
  isMajor: flag.optional(),
  inThreeBatch: flag.optional(),
  /** The projects of one investor (the enterprise page, issue 13); a confidential one only in its own unit. */
  investorEnterpriseId: ZId.optional(),
  sort: z.enum(['newest', 'nextDue', 'totalDesc', 'name']).default('newest'),
});
export type TProjectListQuery = z.input<typeof ZProjectListQuery>;

/** The project ledger export: the list's filters (every row they select) and the money unit of its amounts. */
export const ZProjectLedgerExportQuery = ZProjectListQuery.extend({ moneyUnit: z.enum(['万元', '亿元']).default('万元') });

const nullableText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null));

/** A new project starts as 在谈 (lead); its stage then moves only through POST /api/projects/:id/stage. */
export const ZCreateProjectRequest = z.object({
  name: z.string().trim().min(2).max(200),
  investorEnterpriseId: ZBodyId,
  unitId: ZBodyId,
  reportedUnitId: ZBodyId.nullish(),
  projectType: ZProjectType.default('industrial'),
  industryCode: ZIndustryCode.nullish(),
  totalInvestmentYuan: ZYuan,
  contractInvestmentYuan: ZYuan.nullish(),
  fundSource: ZFundSource.nullish(),
  foreignInvestmentUsd: ZYuan.nullish(),
  isMajor: z.boolean().default(false),
  threeBatch: nullableText(50),
  /** The amounts are estimates; the bureau's counting rules may leave such projects out of the figures. */
  amountsEstimated: z.boolean().default(false),
  responsibleLeader: nullableText(50),
  responsibleOfficerId: ZBodyId.nullish(),
  codeName: nullableText(100),
  code: nullableText(50),
  note: nullableText(1000),
  localIndustry: nullableText(40),
});
export type TCreateProjectRequest = z.input<typeof ZCreateProjectRequest>;

export const ZUpdateProjectRequest = z.object({
  name: ZCreateProjectRequest.shape.name,
  investorEnterpriseId: ZCreateProjectRequest.shape.investorEnterpriseId,
  unitId: ZCreateProjectRequest.shape.unitId,
  reportedUnitId: ZCreateProjectRequest.shape.reportedUnitId,
  projectType: ZProjectType,
  industryCode: ZCreateProjectRequest.shape.industryCode,
  totalInvestmentYuan: ZYuan,
  contractInvestmentYuan: ZCreateProjectRequest.shape.contractInvestmentYuan,
  fundSource: ZCreateProjectRequest.shape.fundSource,
  foreignInvestmentUsd: ZCreateProjectRequest.shape.foreignInvestmentUsd,
  isMajor: z.boolean(),
  threeBatch: ZCreateProjectRequest.shape.threeBatch,
  amountsEstimated: z.boolean(),
  responsibleLeader: ZCreateProjectRequest.shape.responsibleLeader,
  responsibleOfficerId: ZCreateProjectRequest.shape.responsibleOfficerId,
  codeName: ZCreateProjectRequest.shape.codeName,
  code: ZCreateProjectRequest.shape.code,
  note: ZCreateProjectRequest.shape.note,
  localIndustry: ZCreateProjectRequest.shape.localIndustry,
  /** Required when the change moves figures of a closed month (amounts, source, industry, unit …): a correction. */
  correctionReason: z.string().trim().max(500),
}).partial();
export type TUpdateProjectRequest = z.input<typeof ZUpdateProjectRequest>;
